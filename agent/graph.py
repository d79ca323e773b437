"""The interviewer as a LangGraph `StateGraph`, built in one place.

One graph call handles one event: the opening, a candidate turn, a board snapshot, or the
wrap-up. A turn flows listen → pace (`agent.turn`) → decide → speak (`agent.reply`); each node
is a plain function that reads the state and returns only what it changes. Collaborators that
are not plain data travel in the runtime context (`agent.context.Deps`).
"""

from __future__ import annotations

import logging
from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime

from agent import templates
from agent.context import Deps
from agent.kb_followups import board_hits
from agent.reply import decide, speak
from agent.state import InterviewState, candidate_turns
from agent.turn import listen, pace

_LOG = logging.getLogger("hotseat.interviewer")


def open_node(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """The opening: greeting, time frame and the scenario prompt (said once)."""
    if state.get("turns"):
        return {"reply": [state["turns"][0]["text"]]}
    rng = templates.rng_for(state["seed"], 0, "open")
    reply = templates.opening(runtime.context.scenario.prompt, state["minutes"], rng)
    turn = {"speaker": "interviewer", "text": " ".join(reply), "t": state.get("now", 0.0)}
    turn.update(kind="opening", phase=state["phase"])
    return {"reply": reply, "turns": [turn], "elapsed": state.get("now", 0.0)}


def take_board(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """A new board snapshot: keep it and the analyzers' findings on it (a snapshot that does not
    load is logged and the previous board stays)."""
    from agent.whiteboard import Board, BoardError, analyze

    deps = runtime.context
    snapshot = state.get("board_in") or {}
    try:
        board = Board.from_dict(snapshot)
    except (BoardError, TypeError, ValueError, KeyError) as error:
        _LOG.warning("board snapshot ignored: %s", error)
        return {"reply": []}
    findings = analyze(board, deps.scenario)
    set_drawn(deps, board)
    return {
        "board": snapshot,
        "board_findings": [f.to_dict() for f in findings],
        "kb_board": board_hits(board),
        "elapsed": float(state.get("now", state.get("elapsed", 0.0))),
        "reply": [],
    }


def set_drawn(deps: Deps, board: Any) -> None:
    """Map each probe key (a kind or an expected label) to the candidate's box for it."""
    deps.board = board
    deps.drawn, deps.drawn_ids = {}, {}
    if board is None:
        return
    keys = {key for probe in deps.scenario.probes for key in probe.components}
    for key in sorted(keys):
        expected = deps.scenario.component(key)
        for comp in board.components.values():
            label = comp.label.lower()
            by_name = expected is not None and any(n in label for n in expected.names())
            by_kind = comp.kind.value == key.lower() or (
                expected is not None and key.lower() == expected.kind and comp.kind.value == key
            )
            if by_name or by_kind:
                deps.drawn[key] = comp.name
                deps.drawn_ids[key] = comp.id
                break


def wrap(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Score the interview and close it (scored once; later calls return the same scores)."""
    from agent.scoring import score
    from agent.whiteboard import Board, score_components

    deps = runtime.context
    if state.get("scores"):
        return {"reply": []}
    board = deps.board if deps.board is not None else Board()
    rows = [
        r.to_dict()
        for r in score_components(board, deps.scenario, mentioned=state.get("mentioned", []))
    ]
    scores = score(dict(state), deps.scenario, deps.references, rows)
    rng = templates.rng_for(state["seed"], len(candidate_turns(state)), "close")
    line = templates.closing(rng)
    now = float(state.get("now", state.get("elapsed", 0.0)))
    turn = {"speaker": "interviewer", "text": line, "t": now, "kind": "closing"}
    turn["phase"] = state["phase"]
    return {"scores": scores.to_dict(), "reply": [line], "turns": [turn], "elapsed": now}


def route(state: InterviewState) -> str:
    """Which path this call takes."""
    event = state.get("event", "")
    return {"open": "open", "board": "board", "wrap_up": "wrap", "init": END}.get(event, "listen")


def build_graph(checkpointer: Any = None) -> Any:
    """The compiled interviewer graph (checkpointed when a checkpointer is given)."""
    graph = StateGraph(InterviewState, context_schema=Deps)
    graph.add_node("open", open_node)
    graph.add_node("listen", listen)
    graph.add_node("pace", pace)
    graph.add_node("decide", decide)
    graph.add_node("speak", speak)
    graph.add_node("board", take_board)
    graph.add_node("wrap", wrap)
    graph.add_conditional_edges(START, route, ["open", "listen", "board", "wrap", END])
    graph.add_edge("listen", "pace")
    graph.add_edge("pace", "decide")
    graph.add_edge("decide", "speak")
    for last in ("open", "speak", "board", "wrap"):
        graph.add_edge(last, END)
    return graph.compile(checkpointer=checkpointer)


__all__ = ["Deps", "build_graph", "set_drawn"]
