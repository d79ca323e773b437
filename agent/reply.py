"""The second half of a candidate turn: `decide` (the one follow-up) and `speak` (its words).
Plain functions of the state returning partial state."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agent import acks, coverage, templates
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
)
from agent.context import Deps
from agent.followups import (
    ARITHMETIC,
    ASSUMPTION,
    CAPACITY,
    FollowUp,
    TurnContext,
    choose,
)
from agent.followups import MOVE_ON as MOVE_ON_FOLLOWUP
from agent.kb_followups import kb_key
from agent.state import InterviewState, candidate_turns
from agent.turn import _fixes, clean

CONTINUE = ("Go on.", "Keep going.", "What's next?", "And then?", "Okay, continue.")


def decide(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Choose the one follow-up; remember it so it is never raised twice."""
    deps = runtime.context
    kind = state.get("kind", "")
    note = state.get("phase_note")
    none = {"followup": None, "last_question": None}
    if kind in (SILENCE, GIBBERISH) or (note and note["reason"] in ("asked", "time_up")):
        return none
    phase = state["phase"]
    said = [t["text"] for t in candidate_turns(state)]
    utterance = clean(state.get("utterance"))
    phase_turns = sum(1 for t in candidate_turns(state) if t.get("phase") == phase)
    ctx = TurnContext(
        scenario=deps.scenario,
        phase=phase,
        kind=kind,
        utterance=utterance,
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
        said=said,
        labels=_labels(deps.board),
        kinds=_kinds(deps.board),
        edges=_edges(deps.board),
        kb_speech=deps.kb_speech,
        kb_board=state.get("kb_board", []),
        asked_texts=[a.get("text", "") for a in state.get("asked", [])],
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
    if chosen.kb:
        asked["kb"] = dict(chosen.kb)
    raised = [k for k in (chosen.key, *_kb_keys(chosen)) if k not in ctx.raised]
    return {
        "followup": chosen.to_dict(),
        "raised": list(dict.fromkeys(raised)),
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
        heard = state["answers"][-1]["heard"]
        out.append(templates.probe_lead(heard, rng) if heard else _ack(state, deps, rng))
        if heard:
            out.append(_covered(state, deps, rng, also=True) or "")
    if note and note["reason"] == "time_up":
        out.append(templates.out_of_time(rng))
    elif note and note["reason"] == "overrun":
        out.append(templates.overrun(note["from"], note["to"], note["used"], rng))
        if chosen is None:
            out.append(_prompt(note["to"], state, deps, rng))
    elif note and note["reason"] in ("asked", "done"):
        intro = templates.phase_intro(note["to"], rng)
        out.extend([intro[0], _prompt(note["to"], state, deps, rng, intro[1])])
    elif note and note["reason"] == "content" and chosen is not None and not _urgent(chosen):
        out.append(_ack(state, deps, rng))
    if chosen is not None and chosen.kind != MOVE_ON_FOLLOWUP:
        if not any(out) and not _urgent(chosen) and kind in (DESIGN, ESTIMATE, PROBE_ANSWER):
            out.append(_covered(state, deps, rng) or "")  # a gap they just closed aloud
        sentences = templates.followup(chosen, rng)
        if deps.llm is not None:
            facts = {**chosen.to_dict(), "candidate_said": clean(state.get("utterance"))}
            sentences = deps.llm.phrase(facts, sentences)
        out.extend(sentences)
    elif chosen is not None and not note and kind in (ESTIMATE, DESIGN, PROBE_ANSWER):
        if kind != PROBE_ANSWER:
            out.append(_ack(state, deps, rng))
        nudge = coverage.nudge(deps.scenario, state, rng) if phase == "estimation" else None
        if nudge:
            out.append(nudge)
        elif phase in ("requirements", "wrap_up") or len(candidate_turns(state)) % 3 == 0:
            out.append(_prompt(phase, state, deps, rng))
        else:
            out.append(rng.choice(CONTINUE))
    out = [s for s in out if s]
    if not out:
        out.append(_prompt(phase, state, deps, rng))
    now = float(state.get("now", 0.0))
    turn = {"speaker": "interviewer", "text": " ".join(out), "t": now, "phase": phase}
    turn["kind"] = chosen.kind if chosen is not None else "reply"
    return {"reply": out, "turns": [turn]}


def _ack(state: InterviewState, deps: Deps, rng: Any) -> str:
    """An acknowledgement about this turn's numbers, covered gaps or components; a filler
    ("Mm-hm.") only when the turn names nothing concrete."""
    turns = candidate_turns(state)
    index = len(turns) - 1
    claims = [c for c in state.get("claims", []) if c.get("turn") == index]
    earlier = [c for c in state.get("claims", []) if c.get("turn", index) < index]
    fixes = _fixes({"claims": earlier})
    line = acks.acknowledge(
        clean(state.get("utterance")),
        deps.scenario,
        claims,
        fixes,
        _pending(state),
        [t["text"] for t in turns[:-1]],
        rng,
    )
    return line or rng.choice(templates.ACKS)


def _covered(state: InterviewState, deps: Deps, rng: Any, also: bool = False) -> str | None:
    """ "Good — alerting in Prometheus covers monitoring." for a gap this turn closed aloud."""
    turns = candidate_turns(state)
    text = clean(state.get("utterance"))
    earlier = [t["text"] for t in turns[:-1]]
    return acks.covered_line(text, _pending(state), earlier, rng, also=also)


def _pending(state: InterviewState) -> list[str]:
    """Finding codes the candidate could cover aloud: the board's, and monitoring always (every
    design needs it; it is acknowledged once, the first time it is said)."""
    codes = [str(f.get("code")) for f in state.get("board_findings", [])]
    return list(dict.fromkeys([*codes, "NO_MONITORING"]))


def _prompt(
    phase: str, state: InterviewState, deps: Deps, rng: Any, default: str | None = None
) -> str:
    """The phase's prompt, built from what is already covered: estimation asks only for the
    missing quantities; a monitoring question is not asked once monitoring was said."""
    if phase == "estimation":
        nudge = coverage.nudge(deps.scenario, state, rng)
        if nudge:
            return nudge
    text = default or templates.phase_prompt(phase, rng)
    said = " ".join(t["text"] for t in candidate_turns(state))
    if "monitor" in text and acks.covered_topics(said, ["NO_MONITORING"]):
        options = [p for p in templates.PHASE_PROMPTS.get(phase, ()) if "monitor" not in p]
        text = rng.choice(options) if options else text
    return text


def _kb_keys(chosen: FollowUp) -> tuple[str, ...]:
    """A board finding that cites an anti-pattern also counts as raising that entry."""
    return (kb_key(chosen.kb["id"]),) if chosen.kb else ()


def _labels(board: Any) -> dict[str, str]:
    if board is None:
        return {}
    return {cid: comp.name for cid, comp in board.components.items()}


def _kinds(board: Any) -> dict[str, str]:
    if board is None:
        return {}
    return {cid: comp.kind.value for cid, comp in board.components.items()}


def _edges(board: Any) -> list[tuple[str, str]]:
    if board is None:
        return []
    return [(e.source, e.target) for e in board.edges.values()]


def _urgent(chosen: FollowUp) -> bool:
    return chosen.kind in (ARITHMETIC, ASSUMPTION, CAPACITY)


def _repeated(state: InterviewState) -> bool:
    said = candidate_turns(state)
    if len(said) < 2 or not said[-1]["text"]:
        return False
    from agent.classify import normalise

    last = normalise(said[-1]["text"])
    return bool(last) and any(normalise(t["text"]) == last for t in said[:-1])
