"""The interviewer as a LangGraph `StateGraph`, built in one place.

One graph call handles one event: the opening, a candidate turn, a board snapshot, or the
wrap-up. A turn flows listen → pace → decide → speak; each node is a plain function that reads
the state and returns only what it changes. Collaborators that are not plain data (the scenario,
the estimation session that accumulates claims, the LLM) travel in the runtime context `Deps`;
the estimation session is rebuilt from the stored turns on resume, so the checkpointed state
alone is the truth.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime

from agent import templates
from agent.clarify import clarify
from agent.classify import (
    CLARIFYING,
    DESIGN,
    ESTIMATE,
    GIBBERISH,
    MOVE_ON,
    OFF_TOPIC,
    PROBE_ANSWER,
    SILENCE,
    SMALL_TALK,
    classify,
)
from agent.followups import (
    ARITHMETIC,
    ASSUMPTION,
    CAPACITY,
    FollowUp,
    TurnContext,
    choose,
    is_correction,
)
from agent.followups import MOVE_ON as MOVE_ON_FOLLOWUP
from agent.llm import LlmClient
from agent.phases import PhasePlan, next_phase
from agent.reference_check import Reference, confirms
from agent.state import InterviewState, bump, candidate_turns
from estimation import CheckReport, EstimationSession, Quantity
from scenarios import Scenario

_LOG = logging.getLogger("hotseat.interviewer")
MAX_UTTERANCE = 4000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]+")
_STOP = frozenset({"with", "the", "and", "for", "not", "per", "from", "into", "that", "this"})
CONTINUE = ("Go on.", "Keep going.", "What's next?", "And then?", "Okay, continue.")


@dataclass
class Deps:
    """What the nodes need besides the state (not checkpointed; rebuilt on resume)."""

    scenario: Scenario
    estimator: EstimationSession
    references: list[Reference] = field(default_factory=list)
    scale: list[tuple[str, Quantity]] = field(default_factory=list)
    llm: LlmClient | None = None
    report: CheckReport = field(default_factory=CheckReport)
    """The estimation report of the turn being handled (set by `listen`, read by `decide`)."""
    drawn: dict[str, str] = field(default_factory=dict)
    drawn_ids: dict[str, str] = field(default_factory=dict)
    board: Any = None
    """The `agent.whiteboard.Board` of the last snapshot."""


def clean(text: Any) -> str:
    """An utterance as stored: a string, no control characters, bounded length."""
    text = text if isinstance(text, str) else ("" if text is None else str(text))
    return _CONTROL.sub(" ", text).strip()[:MAX_UTTERANCE]


def heard(text: str, listen_for: list[str]) -> list[str]:
    """Which listen-for points the answer covers: at least half of each point's words."""
    lowered = text.lower()
    words = set(re.findall(r"[a-z0-9.]+", lowered))
    out = []
    for point in listen_for:
        need = [w for w in re.findall(r"[a-z0-9.]+", point.lower()) if len(w) >= 3]
        need = [w for w in need if w not in _STOP] or need
        if not need:
            continue
        hits = sum(1 for w in need if w in words or any(x.startswith(w[:5]) for x in words))
        if hits * 2 > len(need):
            out.append(point)
    return out


def mentions(scenario: Scenario, text: str, known: list[str]) -> list[str]:
    """Expected components named aloud for the first time (their scenario labels)."""
    lowered = text.lower()
    out = []
    for component in scenario.components:
        if component.label in known or component.label in out:
            continue
        if any(re.search(rf"\b{re.escape(name)}\b", lowered) for name in component.names()):
            out.append(component.label)
    return out


# -- nodes -------------------------------------------------------------------------------------


def open_node(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """The opening: greeting, time frame and the scenario prompt (said once)."""
    if state.get("turns"):
        return {"reply": [state["turns"][0]["text"]]}
    rng = templates.rng_for(state["seed"], 0, "open")
    reply = templates.opening(runtime.context.scenario.prompt, state["minutes"], rng)
    turn = {"speaker": "interviewer", "text": " ".join(reply), "t": state.get("now", 0.0)}
    turn.update(kind="opening", phase=state["phase"])
    return {"reply": reply, "turns": [turn], "elapsed": state.get("now", 0.0)}


def listen(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Record the candidate's turn, check its numbers, classify it."""
    deps = runtime.context
    text = clean(state.get("utterance"))
    now = float(state.get("now", 0.0))
    answerable = any(fact.matches(text) for fact in deps.scenario.facts)
    index = len(candidate_turns(state))
    report = _check(deps, text)
    deps.report = report
    last = state.get("last_question")
    reading = classify(
        text,
        previous=[t["text"] for t in candidate_turns(state)],
        awaiting_answer=bool(last),
        estimates=len(report.claims) + len(report.assumptions),
        vocabulary=deps.scenario.vocabulary,
        answerable=answerable,
        question_words=re.findall(r"[a-z]{4,}", str((last or {}).get("text", "")).lower()),
    )
    kind = reading.kind
    if kind == OFF_TOPIC and deps.llm is not None:
        relabel = deps.llm.classify(text, state["phase"], (last or {}).get("text", ""))
        if relabel is not None:
            kind = DESIGN if relabel == PROBE_ANSWER and not last else relabel
    out: dict[str, Any] = {"kind": kind, "clarification": None, "answers": [], "topics": []}
    names = (SILENCE, GIBBERISH, OFF_TOPIC, SMALL_TALK)
    counters = bump(state.get("counters", {}), *([kind] if kind in names else []))
    if reading.repeat and kind not in (MOVE_ON, SMALL_TALK, SILENCE, GIBBERISH):
        counters = bump(counters, "repeat")
    out["counters"] = counters
    if kind == CLARIFYING:
        answer = clarify(deps.scenario, text)
        out["clarification"] = answer.to_dict()
        out["topics"] = [t for t in answer.topics if t not in state.get("topics", [])]
    if last and kind in (PROBE_ANSWER, DESIGN, ESTIMATE):
        out["answers"] = [
            {
                "key": last["key"],
                "kind": last["kind"],
                "text": text,
                "heard": heard(text, last.get("listen_for", [])),
            }
        ]
    out["mentioned"] = mentions(deps.scenario, text, state.get("mentioned", []))
    turn = {"speaker": "candidate", "text": text, "t": now, "kind": kind, "phase": state["phase"]}
    out["turns"] = [turn]
    fixes = _fixes(state)
    out["claims"] = [
        {
            **c.to_dict(),
            "slip": c.slip,
            "name": c.name,
            "turn": index,
            "correction": c.verdict == "incorrect" and is_correction(c, fixes),
            "brief_agrees": c.verdict == "incorrect" and confirms(text, c.stated, deps.references),
        }
        for c in report.claims
    ]
    out["assumptions"] = [{**a.to_dict(), "turn": index} for a in report.assumptions]
    out["estimate_findings"] = [{**f.to_dict(), "turn": index} for f in report.findings]
    return out


def _check(deps: Deps, text: str) -> CheckReport:
    """The estimation engine's verdicts on this turn; its failure costs the turn's checks, not
    the interview."""
    if not text:
        return CheckReport()
    try:
        return deps.estimator.add(text)
    except Exception:
        _LOG.exception("estimation failed on %r", text[:80])
        return CheckReport()


def _fixes(state: InterviewState) -> list[dict[str, Any]]:
    """What earlier wrong claims should have been (the interviewer said so)."""
    return [
        c["computed"]
        for c in state.get("claims", [])
        if c.get("verdict") == "incorrect" and not c.get("correction") and c.get("computed")
    ]


def pace(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Keep time: move on when the phase overran, when asked, or when the candidate already has."""
    plan = PhasePlan(state["minutes"])
    now = float(state.get("now", 0.0))
    phase = state["phase"]
    started = state.get("phase_started", {}).get(phase, 0.0)
    kind = state.get("kind", "")
    target, reason = phase, ""
    if phase == "wrap_up":
        if plan.out_of_time(now) and not state.get("counters", {}).get("time_up"):
            return {
                "phase_note": {"from": phase, "to": phase, "reason": "time_up", "used": now},
                "counters": bump(state.get("counters", {}), "time_up"),
                "elapsed": now,
            }
    elif plan.overrun(phase, started, now):
        wrap = now >= plan.total - plan.budget("wrap_up")
        target, reason = ("wrap_up" if wrap else next_phase(phase)), "overrun"
    elif kind == MOVE_ON:
        target, reason = next_phase(phase), "asked"
    elif phase == "requirements" and kind == ESTIMATE:
        target, reason = "estimation", "content"
    elif phase == "estimation" and kind == DESIGN and state.get("claims"):
        target, reason = "high_level_design", "content"
    if target == phase:
        return {"phase_note": None, "elapsed": now}
    out: dict[str, Any] = {
        "phase": target,
        "phase_started": {**state.get("phase_started", {}), target: now},
        "phase_note": {"from": phase, "to": target, "reason": reason, "used": now - started},
        "elapsed": now,
    }
    if reason == "overrun":
        out["counters"] = bump(state.get("counters", {}), "overruns")
    return out


def decide(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Choose the one follow-up; remember it so it is never raised twice."""
    deps = runtime.context
    kind = state.get("kind", "")
    note = state.get("phase_note")
    none = {"followup": None, "last_question": None}
    if kind in (SILENCE, GIBBERISH) or (note and note["reason"] in ("asked", "time_up")):
        return none
    phase = state["phase"]
    phase_turns = sum(1 for t in candidate_turns(state) if t.get("phase") == phase)
    ctx = TurnContext(
        scenario=deps.scenario,
        phase=phase,
        kind=kind,
        utterance=clean(state.get("utterance")),
        report=deps.report,
        references=deps.references,
        board_findings=state.get("board_findings", []),
        drawn=deps.drawn,
        drawn_ids=deps.drawn_ids,
        mentioned=state.get("mentioned", []),
        raised=frozenset(state.get("raised", [])),
        probes_asked=frozenset(state.get("probes_asked", [])),
        phase_turns=phase_turns,
        scale_assumptions=deps.scale,
        fixes=_fixes(state),
    )
    chosen = choose(ctx)
    urgent = chosen.kind in (ARITHMETIC, ASSUMPTION, CAPACITY)
    if kind in (CLARIFYING, SMALL_TALK, OFF_TOPIC) and not urgent:
        return none
    if note and note["reason"] == "overrun" and not urgent:
        return none
    if chosen.kind == MOVE_ON_FOLLOWUP:
        out: dict[str, Any] = {"followup": chosen.to_dict(), "last_question": None}
        if chosen.next_phase and chosen.next_phase != phase:
            now = float(state.get("now", 0.0))
            started = state.get("phase_started", {}).get(phase, 0.0)
            out["phase"] = chosen.next_phase
            out["phase_started"] = {**state.get("phase_started", {}), chosen.next_phase: now}
            out["phase_note"] = {
                "from": phase,
                "to": chosen.next_phase,
                "reason": "done",
                "used": now - started,
            }
        return out
    turn = len(candidate_turns(state)) - 1
    extra_claims = [{**chosen.claim, "turn": turn}] if chosen.claim else []
    asked = {
        "key": chosen.key,
        "kind": chosen.kind,
        "text": chosen.question or chosen.statement,
        "turn": turn,
        "listen_for": list(chosen.listen_for),
        "components": list(chosen.components),
    }
    return {
        "followup": chosen.to_dict(),
        "raised": [] if chosen.key in ctx.raised else [chosen.key],
        "probes_asked": [chosen.probe_id] if chosen.probe_id else [],
        "asked": [asked],
        "last_question": asked,
        "claims": extra_claims,
    }


def speak(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Phrase the reply from templates (and an LLM, if configured) and record it."""
    deps = runtime.context
    kind = state.get("kind", "")
    turn_no = len(candidate_turns(state))
    rng = templates.rng_for(state["seed"], turn_no)
    phase = state["phase"]
    note = state.get("phase_note")
    raw = state.get("followup")
    chosen = FollowUp.from_dict(raw) if raw else None
    out: list[str] = []
    if kind not in (MOVE_ON, SMALL_TALK, SILENCE, GIBBERISH) and _repeated(state):
        out.append(templates.repeat(rng))
    if kind == SILENCE and note:
        out.append(rng.choice(templates.TAKE_YOUR_TIME))
    elif kind == SILENCE:
        out.append(templates.silence(phase, rng))
    elif kind == GIBBERISH:
        out.append(templates.gibberish(rng))
    elif kind == CLARIFYING and state.get("clarification"):
        out.append(templates.clarification(state["clarification"]["answer"], rng))
    elif kind == SMALL_TALK and not note:
        out.append(templates.small_talk(phase, rng))
    elif kind == OFF_TOPIC and not note:
        out.append(templates.off_topic(phase, rng))
    elif kind == PROBE_ANSWER and state.get("answers"):
        out.append(templates.probe_lead(state["answers"][-1]["heard"], rng))
    if note and note["reason"] == "time_up":
        out.append(templates.out_of_time(rng))
    elif note and note["reason"] == "overrun":
        out.append(templates.overrun(note["from"], note["to"], note["used"], rng))
        if chosen is None:
            out.append(templates.phase_prompt(note["to"], rng))
    elif note and note["reason"] in ("asked", "done"):
        out.extend(templates.phase_intro(note["to"], rng))
    elif note and note["reason"] == "content" and chosen is not None and not _urgent(chosen):
        out.append(rng.choice(templates.ACKS))
    if chosen is not None and chosen.kind != MOVE_ON_FOLLOWUP:
        sentences = templates.followup(chosen, rng)
        if deps.llm is not None:
            facts = {**chosen.to_dict(), "candidate_said": clean(state.get("utterance"))}
            sentences = deps.llm.phrase(facts, sentences)
        out.extend(sentences)
    elif chosen is not None and not note and kind in (ESTIMATE, DESIGN, PROBE_ANSWER):
        if kind != PROBE_ANSWER:
            out.append(rng.choice(templates.ACKS))
        if phase in ("requirements", "wrap_up") or len(candidate_turns(state)) % 3 == 0:
            out.append(templates.phase_prompt(phase, rng))
        else:
            out.append(rng.choice(CONTINUE))
    if not out:
        out.append(templates.phase_prompt(phase, rng))
    now = float(state.get("now", 0.0))
    turn = {"speaker": "interviewer", "text": " ".join(out), "t": now, "phase": phase}
    turn["kind"] = chosen.kind if chosen is not None else "reply"
    return {"reply": out, "turns": [turn]}


def _urgent(chosen: FollowUp) -> bool:
    return chosen.kind in (ARITHMETIC, ASSUMPTION, CAPACITY)


def _repeated(state: InterviewState) -> bool:
    said = candidate_turns(state)
    if len(said) < 2 or not said[-1]["text"]:
        return False
    from agent.classify import normalise

    last = normalise(said[-1]["text"])
    return bool(last) and any(normalise(t["text"]) == last for t in said[:-1])


def take_board(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """A new board snapshot: keep it and the analyzers' findings on it."""
    from agent.whiteboard import Board, analyze

    deps = runtime.context
    snapshot = state.get("board_in") or {}
    board = Board.from_dict(snapshot)
    findings = analyze(board, deps.scenario)
    set_drawn(deps, board)
    return {
        "board": snapshot,
        "board_findings": [f.to_dict() for f in findings],
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


__all__ = ["Deps", "build_graph", "clean", "set_drawn"]
