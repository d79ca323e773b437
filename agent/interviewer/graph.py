"""The interviewer as a LangGraph `StateGraph`: every node and every edge, in one place.

One graph call handles one event: the opening, a candidate turn, a board snapshot, or the
wrap-up. A candidate turn is `listen` → one branch chosen by `policy.route` → `pace` → `speak`;
the branching is conditional edges, so the compiled graph's drawing (see README.md) is the
interviewer's diagram. Nodes live in `agent.interviewer.nodes`; collaborators that are not plain
data travel in the runtime context (`agent.interviewer.context.Deps`).
"""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph

from agent.interviewer import nodes
from agent.interviewer.context import Deps
from agent.interviewer.policy import BRANCHES
from agent.interviewer.state import InterviewState

EVENT_PATHS = {"open": "open", "board": "board", "wrap_up": "wrap", "init": END}


def route_event(state: InterviewState) -> str:
    """Which path this call takes."""
    return EVENT_PATHS.get(state.get("event", ""), "listen")


def build_graph(checkpointer: Any = None) -> Any:
    """The compiled interviewer graph (checkpointed when a checkpointer is given)."""
    graph = StateGraph(InterviewState, context_schema=Deps)
    graph.add_node("open", nodes.open_node)
    graph.add_node("board", nodes.take_board)
    graph.add_node("wrap", nodes.wrap)
    graph.add_node("listen", nodes.listen)
    graph.add_node("wrap_request", nodes.wrap_request)
    graph.add_node("meta", nodes.meta)
    graph.add_node("clarify", nodes.clarify)
    graph.add_node("pushback", nodes.pushback)
    graph.add_node("challenge", nodes.challenge)
    graph.add_node("redirect", nodes.redirect)
    graph.add_node("follow", nodes.follow)
    graph.add_node("pace", nodes.pace)
    graph.add_node("speak", nodes.speak)
    graph.add_conditional_edges(START, route_event, ["open", "listen", "board", "wrap", END])
    graph.add_conditional_edges("listen", nodes.route_turn, list(BRANCHES))
    for branch in BRANCHES:
        graph.add_edge(branch, "pace")
    graph.add_edge("pace", "speak")
    for last in ("open", "speak", "board", "wrap"):
        graph.add_edge(last, END)
    return graph.compile(checkpointer=checkpointer)


__all__ = ["build_graph", "route_event"]
