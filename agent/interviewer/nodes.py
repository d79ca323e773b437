"""The interviewer graph's steps: plain functions of the state returning only what they change.

A candidate turn goes `listen` (record it, check its numbers, read it) → one branch chosen by
`policy.route` (wrap_request, meta, clarify, pushback, challenge, redirect, follow), each of
which decides a `Move` → `pace` (the only node that changes the phase) → `speak` (the words,
said once). The opening, a board snapshot and the wrap-up are their own one-step paths.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from langgraph.runtime import Runtime

from agent.interviewer import coverage, policy, replies, templates, topics
from agent.interviewer import reading as R
from agent.interviewer.board_notes import BoardNote
from agent.interviewer.checked_claim import Amount, ClaimRecord
from agent.interviewer.context import Deps
from agent.interviewer.counters import Counters
from agent.interviewer.followup_log import ARITHMETIC, AskedFollowUp, heard
from agent.interviewer.followups import MOVE_ON as MOVE_ON_FOLLOWUP
from agent.interviewer.followups import FollowUp, TurnContext
from agent.interviewer.kb_followups import board_hits, kb_key, speech_hits
from agent.interviewer.memory import Dialogue
from agent.interviewer.phases import PhaseNote, PhasePlan, later, next_phase
from agent.interviewer.policy import Move
from agent.interviewer.priorities import choose
from agent.interviewer.record import _fixes, clean
from agent.interviewer.record import listen as record_turn
from agent.interviewer.state import InterviewState, candidate_turns
from agent.interviewer.turn_log import INTERVIEWER, Turn
from estimation import CheckReport

_LOG = logging.getLogger("hotseat.interviewer")


# -- the one-step paths ------------------------------------------------------------------------------
def open_node(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """The opening: greeting, time frame and the scenario prompt (said once)."""
    if state.get("turns"):
        return {"reply": [state["turns"][0].text]}
    rng = templates.rng_for(state["seed"], 0, "open")
    reply = templates.opening(runtime.context.scenario.prompt, state["minutes"], rng)
    opening = Move(policy.ASK, "opening", tuple(reply))
    turn = Turn(
        INTERVIEWER, " ".join(reply), state.get("now", 0.0), "opening", state["phase"], opening
    )
    dialogue = (state.get("dialogue") or Dialogue()).spoke(reply)
    return {"reply": reply, "turns": [turn], "elapsed": state.get("now", 0.0), "dialogue": dialogue}


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
    return {
        "board": snapshot,
        "board_findings": [BoardNote.of(f) for f in findings],
        "kb_board": board_hits(board),
        "elapsed": float(state.get("now", state.get("elapsed", 0.0))),
        "reply": [],
    }


@dataclass(frozen=True)
class BoardView:
    """The board of the last snapshot and, for each probe key (a kind or an expected label),
    the candidate's box for it."""

    board: Any = None
    drawn: dict[str, str] = field(default_factory=dict)
    drawn_ids: dict[str, str] = field(default_factory=dict)


def board_view(state: InterviewState, scenario: Any) -> BoardView:
    """Read from the snapshot in the state (never kept in the runtime context)."""
    from agent.whiteboard import Board, BoardError

    snapshot = state.get("board")
    if not snapshot:
        return BoardView()
    try:
        board = Board.from_dict(snapshot)
    except (BoardError, TypeError, ValueError, KeyError):
        return BoardView()
    drawn: dict[str, str] = {}
    drawn_ids: dict[str, str] = {}
    keys = {key for probe in scenario.probes for key in probe.components}
    for key in sorted(keys):
        expected = scenario.component(key)
        for comp in board.components.values():
            label = comp.label.lower()
            by_name = expected is not None and any(n in label for n in expected.names())
            by_kind = comp.kind.value == key.lower() or (
                expected is not None and key.lower() == expected.kind and comp.kind.value == key
            )
            if by_name or by_kind:
                drawn[key] = comp.name
                drawn_ids[key] = comp.id
                break
    return BoardView(board, drawn, drawn_ids)


def wrap(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Score the interview and close it (scored once; later calls return the same scores)."""
    from agent.interviewer.scorecard import score
    from agent.whiteboard import Board, score_components

    deps = runtime.context
    if state.get("scores"):
        return {"reply": []}
    board = board_view(state, deps.scenario).board or Board()
    rows = [
        r.to_dict()
        for r in score_components(board, deps.scenario, mentioned=state.get("mentioned", []))
    ]
    scores = score(dict(state), deps.scenario, deps.references, rows)
    rng = templates.rng_for(state["seed"], len(candidate_turns(state)), "close")
    line = templates.closing(rng)
    now = float(state.get("now", state.get("elapsed", 0.0)))
    closing = Move(policy.WRAP_UP, "scores", (line,))
    turn = Turn(INTERVIEWER, line, now, "closing", state["phase"], closing)
    return {"scores": scores, "reply": [line], "turns": [turn], "elapsed": now}


# -- a candidate turn --------------------------------------------------------------------------------
def listen(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Record the turn and its checked numbers (`agent.interviewer.record`), then read it: acts, mentions
    with polarity, settled topics, verdicts; and remember what it settled."""
    deps = runtime.context
    out = record_turn(state, runtime)
    text = clean(state.get("utterance"))
    index = len(candidate_turns(state))
    dialogue = state.get("dialogue") or Dialogue()
    components = [(c.label, c.names()) for c in deps.scenario.components]
    open_question = dialogue.open_question()
    asks_brief = text.rstrip().endswith("?") and bool(policy.answer_facts(deps.scenario, text))
    if out["kind"] == "off_topic" and (asks_brief or _on_subject(text, deps)):
        # "each quote carries a signed price" is about this system; "how far out can guests
        # reserve?" asks about it
        kind = "clarifying_question" if asks_brief else "design"
        out["kind"] = kind
        out["turns"][0] = replace(out["turns"][0], kind=kind)
        out["counters"] = out["counters"].less("off_topic")
    reading = R.read_turn(
        text,
        kind=out["kind"],
        claims=out["claims"],
        components=components,
        awaiting_answer=open_question is not None,
        question=text.rstrip().endswith("?"),
        repeated=_repeated(text, state),
    )
    reading = _llm_act(reading, text, state["phase"], open_question, deps)
    settles = set(reading.settles)
    content = {R.DESIGN, R.ESTIMATE, R.ANSWER} & set(reading.acts)
    if open_question is not None and content:
        if topics.answered_by(open_question.text, [text], share=0.25):
            settles |= set(open_question.topics)
        dialogue = dialogue.answered(index)
    dialogue = dialogue.settle(sorted(settles), index)
    rejected = [m.name for m in reading.mentions if not m.positive]
    taken = {m.name for m in reading.mentions if m.positive}
    kept = tuple(r for r in dialogue.rejected if r not in taken)
    dialogue = _with(dialogue, rejected=tuple(dict.fromkeys([*kept, *rejected])))
    if dialogue.pending_challenge and any(c.verdict == "correct" for c in out["claims"]):
        dialogue = _with(dialogue, pending_challenge="")
    known = state.get("mentioned", [])
    out["mentioned"] = [
        m.label for m in reading.mentions if m.positive and m.label and m.label not in known
    ]
    out["turns"][0] = replace(out["turns"][0], reading=reading)
    out["reading"] = reading
    out["dialogue"] = dialogue
    out["move"] = None
    return out


ROUTING_ACTS = (*R.META_ACTS, R.CLARIFY, R.PUSHBACK)
"""The acts that pick the policy's branch (the others describe the turn's content)."""


def _llm_act(reading: R.Reading, text: str, phase: str, question: Any, deps: Deps) -> R.Reading:
    """The optional LLM names the dialogue act of a question the rules found no act in, from
    the closed list; anything else (a failure, an act not on the list) keeps the rule-based
    reading. It never touches a verdict, and a turn the engine found a slip in keeps the
    rule-based acts: the challenge of a wrong number is not the LLM's call."""
    if deps.llm is None or not text.rstrip().endswith("?"):
        return reading
    if any(reading.has(act) for act in ROUTING_ACTS):
        return reading
    if any(v.verdict == "incorrect" for v in reading.verdicts):
        return reading
    try:
        act = deps.llm.pick_act(text, phase, question.text if question is not None else "")
    except Exception:  # the rule-based reading is always there
        return reading
    if act is None or act not in R.ACTS or reading.has(act):
        return reading
    return replace(reading, acts=(act, *reading.acts))


def _on_subject(text: str, deps: Deps) -> bool:
    """Whether a turn the word rules call off-topic talks about this scenario (two distinctive
    words of its brief)."""
    scenario = deps.scenario
    brief = " ".join(
        [scenario.prompt, *(f.answer for f in scenario.facts), *scenario.vocabulary]
        + [c.label for c in scenario.components]
    )
    said = topics.content_words(text)
    # a topic the brief lists ("security", "ordering") is on subject by itself
    listed = topics.content_words(
        " ".join(f"{f.topic} {' '.join(f.keywords)}" for f in scenario.facts)
    )
    return len(said & topics.content_words(brief)) >= 2 or bool(said & listed)


def _repeated(text: str, state: InterviewState) -> bool:
    from agent.interviewer.turn_kinds import normalise

    said = normalise(text)
    return bool(said) and any(normalise(t.text) == said for t in candidate_turns(state))


def _with(dialogue: Dialogue, **changes: Any) -> Dialogue:
    from dataclasses import replace

    return replace(dialogue, **changes)


def _turn_claims(state: InterviewState) -> list[ClaimRecord]:
    index = len(candidate_turns(state)) - 1
    return [c for c in state.get("claims", []) if c.turn == index]


def route_turn(state: InterviewState) -> str:
    """The branch for this turn (a conditional edge)."""
    reading = state.get("reading") or R.Reading()
    dialogue = state.get("dialogue") or Dialogue()
    slip = policy.challengeable(
        _turn_claims(state), dialogue, _earlier_fixes(state), clean(state.get("utterance"))
    )
    return policy.route(reading, dialogue, slip is not None)


def _earlier_fixes(state: InterviewState) -> list[Amount]:
    index = len(candidate_turns(state)) - 1
    return _fixes({"claims": [c for c in state.get("claims", []) if c.turn < index]})


def _rng(state: InterviewState, slot: str = "") -> Any:
    return templates.rng_for(state["seed"], len(candidate_turns(state)), slot)


def _ack(state: InterviewState, runtime: Runtime[Deps]) -> str:
    """One sentence naming what was right in the turn: its checked numbers (a fix first), a
    gap it covered aloud, the components it put in the design, or the choice it made."""
    from agent.interviewer import acks

    reading = state.get("reading") or R.Reading()
    claims = _turn_claims(state)
    text = clean(state.get("utterance"))
    rng = _rng(state, "ack")
    corrected, values = acks.numbers(claims, _earlier_fixes(state), text)
    fixed = corrected or (bool(values) and reading.has(R.SELF_CORRECTION))
    own = [_at_peak(replies.words_of(c, text), c, text) for c in claims if c.counts_as_right]
    own = list(dict.fromkeys(w for w in own if w and re.search(r"[a-zA-Z]", w)))
    if own and not corrected:
        return replies.acknowledge_numbers(own[-2:], fixed, rng)
    if values and corrected:
        return replies.acknowledge_numbers(values[:2], fixed, rng)
    earlier = [t.text for t in candidate_turns(state)[:-1]]
    pending = [f.code for f in state.get("board_findings", [])]
    covered = acks.covered_line(
        text, list(dict.fromkeys([*pending, "NO_MONITORING"])), earlier, rng
    )
    if covered:
        return covered
    labels = [m.label for m in reading.mentions if m.positive and m.label]
    rejected = [m.name for m in reading.mentions if not m.positive]
    return replies.acknowledge([], False, labels, rejected, rng)


def _at_peak(words: str, claim: ClaimRecord, text: str) -> str:
    """ "36,000 a second at peak" when the clause around the number says it is the peak."""
    start, end = claim.start, claim.end
    if not words or "peak" in words.lower() or start < 0:
        return words
    around = topics.clauses_around(text, start, end)
    # what comes after the number belongs to it only right after it ("11,600 a second on
    # average and 35,000 at the 3x peak": the peak is the 35,000)
    before = around[: max(0, around.find(text[start:end]))] if text[start:end] in around else ""
    after = text[end : end + 30]
    peak = re.search(r"\bpeak", before, re.I) or re.match(
        r" *(?:at|during|in) (?:the )?(?:\w+ )?peak", after, re.I
    )
    return words + " at peak" if peak else words


def wrap_request(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """The candidate asked to finish: acknowledge and wrap up (the scores follow)."""
    dialogue = state.get("dialogue") or Dialogue()
    ack = _ack(state, runtime)
    lines = ["Good, let's wrap up there." if ack in replies.SHORT_ACKS else ack]
    if lines[0] != "Good, let's wrap up there.":
        lines.append("Let's wrap up there.")
    lines.append("Thanks — I'll put the feedback together.")
    move = Move(policy.WRAP_UP, "asked", tuple(lines), advance_to="wrap_up")
    return {"move": move, "dialogue": _with(dialogue, wrap_requested=True)}


def meta(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Repeat, wait, time, feedback or the board."""
    deps = runtime.context
    reading = state.get("reading") or R.Reading()
    dialogue = state.get("dialogue") or Dialogue()
    text = clean(state.get("utterance"))
    if reading.has(R.REPEAT):
        wants_question = "question" in text.lower()
        lines = replies.repeat(dialogue, wants_question)
        move = Move(
            policy.REPEAT, "last question" if wants_question else "last reply", tuple(lines)
        )
        return {"move": _verbatim(move)}
    if reading.has(R.TIME):
        turns = state.get("turns", [])
        answers = sum(1 for t in turns if t.speaker != INTERVIEWER)
        spoken = replies.spoken_seconds([t.text for t in turns], answers)
        now = max(float(state.get("now", 0.0)), spoken)
        line = replies.time_left(float(state["minutes"]), now, state["phase"])
        also = _brief_question(text, deps)
        return {"move": Move(policy.ANSWER, "time", (line, *also))}
    if reading.has(R.FEEDBACK):
        claims = state.get("claims", [])
        correct = sum(1 for c in claims if c.verdict == "correct")
        wrong = [c for c in claims if c.is_slip]
        fixed = sum(1 for c in claims if c.correction)
        gap = _gap(state, deps)
        design = any(t.kind == "design" for t in candidate_turns(state))
        lines = replies.feedback(correct, len(wrong), fixed, sorted(dialogue.settled), gap, design)
        return {"move": Move(policy.FEEDBACK, "interim", tuple(lines))}
    if reading.has(R.BOARD):
        board = board_view(state, deps.scenario).board
        labels = [c.name for c in board.components.values()] if board is not None else []
        described = list(dict.fromkeys(state.get("mentioned", [])))[-3:]
        return {"move": Move(policy.ANSWER, "board", (replies.board(labels, described),))}
    lines = [replies.WAIT_LINES[len(candidate_turns(state)) % len(replies.WAIT_LINES)]]
    return {"move": Move(policy.WAIT, "time to think", tuple(lines))}


def _unsaid(options: tuple[str, ...], dialogue: Dialogue, rng: Any) -> str:
    """A phrasing not said yet this session (the first one again when all were)."""
    fresh = [o for o in options if not dialogue.was_said(o)]
    return rng.choice(fresh) if fresh else options[0]


def _brief_question(text: str, deps: Deps) -> tuple[str, ...]:
    """Facts asked for in the same turn as a meta request ("How long do we have, and how many
    users are there?"): the sub-questions that are not about the interview itself."""
    rest = [
        part
        for part in policy.parts(text)
        if len(part.split()) >= 3
        and not R.meta_acts(part, has_claims=False, words=len(part.split()))
    ]
    if not rest or not any(
        "?" in text or w in part.lower() for part in rest for w in ("how", "what")
    ):
        return ()
    return tuple(f.answer for f in policy.answer_facts(deps.scenario, " and ".join(rest)))


def _verbatim(move: Move) -> Move:
    from dataclasses import replace

    return replace(move, verbatim=True)


def _gap(state: InterviewState, deps: Deps) -> str:
    """The most useful thing not covered yet, for the interim feedback."""
    dialogue = state.get("dialogue") or Dialogue()
    if not state.get("claims"):
        return "putting numbers on the load and storage"
    for topic, words in (
        (topics.DESIGN, "a high-level design you walk end to end"),
        (topics.MONITORING, "how you'd know it's failing"),
        (topics.TRADEOFFS, "naming the trade-offs in your choices"),
    ):
        if not dialogue.is_settled(topic):
            return words
    critical = [c.label for c in deps.scenario.critical_components()]
    missing = [c for c in critical if c not in state.get("mentioned", [])]
    return f"where {replies._article(missing[0])} fits" if missing else ""


def clarify(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Answer from the scenario's facts, by meaning; a slip said in the same turn is still
    challenged after the answer (it would never come up again)."""
    deps = runtime.context
    text = clean(state.get("utterance"))
    out = _answer(state, deps, text)
    slip = _challenge_too(state, runtime)
    if slip:
        move: Move = out["move"]
        out["move"] = Move(
            move.kind, move.about, (*move.sentences, *slip["lines"]), key=slip["key"]
        )
        out.update(dialogue=slip["dialogue"], raised=[slip["key"]])
    return out


def _answer(state: InterviewState, deps: Deps, text: str) -> dict[str, Any]:
    given = [t.text for t in state.get("turns", []) if t.speaker == INTERVIEWER]
    facts = policy.answer_facts(deps.scenario, text, given=given)
    dialogue = state.get("dialogue") or Dialogue()
    if facts:
        lines = tuple(f.answer for f in facts)
        if policy.open_parts(deps.scenario, text, facts):
            lines += (_first_unsaid(templates.REST_NOT_IN_BRIEF, dialogue),)
        about = ", ".join(dict.fromkeys(f.topic for f in facts))
        move = Move(policy.ANSWER, about, lines)
        known = state.get("topics", [])
        new_topics = [f.topic for f in facts if f.topic not in known]
        return {"move": move, "topics": list(dict.fromkeys(new_topics))}
    return {"move": Move(policy.ANSWER, "not in the brief", (_not_in_brief(state, deps),))}


def _not_in_brief(state: InterviewState, deps: Deps) -> str:
    """The brief has no answer: the scenario's own words for that (usually "your call, state
    an assumption"), in a phrasing not said yet this session."""
    dialogue = state.get("dialogue") or Dialogue()
    custom = deps.scenario.unknown_answer.strip()
    options = tuple(
        o.format(custom=custom) for o in templates.NOT_IN_BRIEF if custom or "{custom}" not in o
    )
    return _first_unsaid(options, dialogue)


def _first_unsaid(options: tuple[str, ...], dialogue: Dialogue) -> str:
    """The first phrasing not said yet (the first again when all were): a second "not in the
    brief" is said in other words, never as "As I said, …"."""
    return next((o for o in options if not dialogue.was_said(o)), options[0])


def _last_answer(state: InterviewState) -> str:
    """What the interviewer said in its last turn."""
    for turn in reversed(state.get("turns", [])):
        if turn.speaker == INTERVIEWER:
            return turn.text
    return ""


def _challenge_too(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any] | None:
    dialogue = state.get("dialogue") or Dialogue()
    text = clean(state.get("utterance"))
    claim = policy.challengeable(_turn_claims(state), dialogue, _earlier_fixes(state), text)
    if claim is None:
        return None
    key = policy.claim_key(claim)
    lines = replies.challenge(claim, _rng(state, "challenge"), text)
    dialogue = _with(dialogue, challenged=(*dialogue.challenged, key), pending_challenge=claim.text)
    return {"lines": lines, "key": key, "dialogue": dialogue}


_OWN_CALL = (
    "Noted — that's a defensible call if you own the downside.",
    "Fair enough — I'll note it as your call; just be ready to say what it costs you.",
    "Reasonable — I raised it because that's where designs like this tend to break, but I'll "
    "take your reasoning and we can move on.",
)


def pushback(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Engage: concede when the brief backs the argument; hold the point once, with the brief's
    own words, when the argument waves away a requirement of it; otherwise accept it as their
    call, never with the same words twice."""
    deps = runtime.context
    text = clean(state.get("utterance"))
    dialogue = state.get("dialogue") or Dialogue()
    backing = policy.accepted_by_brief(deps.scenario, text, exclude=dialogue.conceded)
    against = "" if backing else policy.contradicted_by_brief(deps.scenario, text)
    conceded = dialogue.conceded
    if backing:
        lines = (
            "Fair point — the brief backs that: "
            + backing[:1].lower()
            + backing[1:].rstrip(".;,: ")
            + ".",
            "I'll take that.",
        )
        move = Move(policy.CONCEDE, "brief agrees", lines)
        conceded = (*dialogue.conceded, backing)
    elif against and against not in dialogue.conceded:
        lines = (
            "I'd hold on that one: the brief says "
            + against[:1].lower()
            + against[1:].rstrip(".;,: ")
            + ".",
            "How does your design meet that?",
        )
        move = Move(policy.PROBE, "brief requires", lines, question=lines[-1])
        conceded = (*dialogue.conceded, against)  # held once; the next pushback is their call
    else:
        line = _unsaid(_OWN_CALL, dialogue, _rng(state, "pushback"))
        move = Move(policy.CONCEDE, "candidate's call", (line,))
    return {"move": move, "dialogue": _with(dialogue, pending_challenge="", conceded=conceded)}


def challenge(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """One challenge for the slip the engine found (never the same one twice)."""
    dialogue = state.get("dialogue") or Dialogue()
    claim = policy.challengeable(
        _turn_claims(state), dialogue, _earlier_fixes(state), clean(state.get("utterance"))
    )
    if claim is None:  # routed here only with a slip; kept total for safety
        return {"move": Move(policy.ACKNOWLEDGE, "", (_ack(state, runtime),))}
    key = policy.claim_key(claim)
    lines = replies.challenge(claim, _rng(state, "challenge"), clean(state.get("utterance")))
    move = Move(policy.CHALLENGE, claim.text[:80], tuple(lines), key=key)
    dialogue = _with(dialogue, challenged=(*dialogue.challenged, key), pending_challenge=claim.text)
    return {"move": move, "dialogue": dialogue, "raised": [key]}


def redirect(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Silence, noise, small talk or off-topic: one short line back to the interview."""
    reading = state.get("reading") or R.Reading()
    rng = _rng(state)
    count = max(1, (state.get("counters") or Counters()).get(reading.kind))
    if reading.kind == "silence":
        line = SILENCE_LINES[(count - 1) % len(SILENCE_LINES)]
        return {"move": Move(policy.WAIT, "silence", (line,))}
    if reading.kind == "gibberish":
        dialogue = state.get("dialogue") or Dialogue()
        line = _unsaid(templates.GIBBERISH, dialogue, rng)
        return {"move": Move(policy.REPEAT, "unclear", (line,))}
    dialogue = state.get("dialogue") or Dialogue()
    lead = (
        rng.choice(("Sure.", "Okay.", "Alright."))
        if reading.kind == "small_talk"
        else rng.choice(("Let's keep to the design.", "Let's bring it back to the system."))
    )
    prompt = _phase_prompt(state["phase"], state, runtime.context, dialogue, rng)
    return {"move": Move(policy.REDIRECT, reading.kind, (lead, prompt), question=prompt)}


SILENCE_LINES = (
    "Take your time.",
    "No rush.",
    "Okay, take a moment.",
    "I'm here when you're ready.",
)


def follow(state: InterviewState, runtime: Runtime[Deps], lead: str = "") -> dict[str, Any]:
    """Acknowledge, then the one follow-up that matters (a finding, a probe, a nudge for what is
    missing) or a move to the next phase; never a settled topic, never a question twice."""
    deps = runtime.context
    dialogue = state.get("dialogue") or Dialogue()
    phase = upcoming_phase(state)
    if state.get("kind") == "move_on":
        target = next_phase(state["phase"])
        return {"move": Move(policy.ADVANCE, target, ("Sure.",), advance_to=target)}
    ack = lead or _ack(state, runtime)
    if (state.get("reading") or R.Reading()).repeated:
        ack = _rng(state, "repeat").choice(
            ("You mentioned that already.", "You said that a moment ago.")
        )
    ctx = _context(state, deps, phase)
    said = ctx.said
    needed = _needed_but_rejected(state, deps, ctx.raised, ctx.probes_asked)
    if needed is not None:
        move = Move(
            policy.PROBE,
            needed.key,
            (needed.statement, needed.question),
            question=needed.question,
            key=needed.key,
            followup=needed,
        )
        asked = [needed.probe_id] if needed.probe_id else []
        return {"move": move, "raised": [needed.key], "probes_asked": asked}
    listed = _listed_topic_probe(state, deps, ctx.probes_asked)
    if listed is not None and policy.may_ask(listed.question, dialogue):
        lines = (ack, listed.question) if ack else (listed.question,)
        move = Move(
            policy.PROBE,
            listed.key,
            lines,
            question=listed.question,
            key=listed.key,
            followup=listed,
        )
        return {"move": move, "raised": [listed.key], "probes_asked": [listed.probe_id]}
    capacity = _capacity(state, ctx.raised)
    if capacity is not None and policy.may_ask(capacity.statement, dialogue):
        move = Move(
            policy.PROBE,
            capacity.key,
            (capacity.statement, capacity.question),
            question=capacity.question,
            key=capacity.key,
            followup=capacity,
        )
        return {"move": move, "raised": [capacity.key]}
    extra_raised: list[str] = []
    for _ in range(12):
        chosen = choose(ctx)
        if chosen.kind == MOVE_ON_FOLLOWUP:
            break
        trimmed = _without_said(chosen.question, state)
        emptied = bool(chosen.question) and not trimmed
        if trimmed and trimmed != chosen.question:
            chosen = replace(chosen, question=trimmed)
        question = chosen.question or chosen.statement
        # a scenario probe the candidate already answered aloud is not asked; board findings
        # have their own answered-aloud rule (agent.interviewer.probes)
        # a scenario probe's points are its own; a drawn link's (retry, timeout) are any
        # link's, so saying them once does not answer every link
        own = chosen.probe_id in {p.id for p in deps.scenario.probes}
        points = chosen.listen_for if own else ()
        answered = chosen.kind == "probe" and _point_made(question, points, said)
        ruled_out = policy.builds_on_rejected(f"{chosen.statement} {question}", dialogue.rejected)
        if (
            policy.may_ask(question, dialogue, len(said) - 1)
            and not answered
            and not ruled_out
            and not emptied
        ):
            break
        extra_raised.append(chosen.key)
        ctx.raised = ctx.raised | {chosen.key}
        if chosen.probe_id:
            ctx.probes_asked = ctx.probes_asked | {chosen.probe_id}
    else:
        chosen = FollowUp(MOVE_ON_FOLLOWUP, f"nudge:{phase}")
    if chosen.kind == MOVE_ON_FOLLOWUP:
        return _move_on(state, deps, dialogue, phase, chosen, ack, extra_raised)
    statement = _statement(chosen, dialogue)
    if statement.startswith("You mentioned") and "is in the design" in ack:
        ack = ""  # the probe's own lead-in names the component
    lines = [ack, statement, chosen.question]
    if not chosen.question and chosen.statement:
        lines = [ack, statement]
    move = Move(
        policy.PROBE,
        chosen.probe_id or chosen.key,
        tuple(s for s in lines if s),
        question=chosen.question or chosen.statement,
        key=chosen.key,
        followup=chosen,
    )
    raised = [
        k
        for k in (*extra_raised, chosen.key, *_kb_keys(chosen))
        if k not in ctx.raised or k == chosen.key
    ]
    asked_probes = [chosen.probe_id] if chosen.probe_id else []
    return {"move": move, "raised": list(dict.fromkeys(raised)), "probes_asked": asked_probes}


QUALITY_TOPICS = ("security", "availability", "consistency", "regions", "integrations")
"""Facts about a quality of the system (not a number): a turn about one gets its probe."""


def _listed_topic_probe(
    state: InterviewState, deps: Deps, probes_asked: frozenset[str]
) -> FollowUp | None:
    """A turn about a quality the brief lists ("for security HTTPS is enough") and about no
    component: the scenario's probe on that quality (its words shared with the brief's fact)."""
    from agent.interviewer.followups import PROBE

    reading = state.get("reading") or R.Reading()
    if any(m.positive and m.label for m in reading.mentions) or reading.has(R.CLARIFY):
        return None
    text = clean(state.get("utterance"))
    said = topics.content_words(text)
    for fact in deps.scenario.facts:
        if fact.topic not in QUALITY_TOPICS:
            continue
        named = topics.content_words(f"{fact.topic} {' '.join(fact.keywords)}")
        if not said & named:
            continue
        about = named | topics.content_words(fact.answer)
        best, best_hits = None, 1
        for probe in deps.scenario.probes:
            if probe.id in probes_asked or "{" in probe.question:
                continue
            words = topics.content_words(f"{probe.question} {' '.join(probe.listen_for)}")
            hits = len(words & about)
            if hits > best_hits:
                best, best_hits = probe, hits
        turns = [t.text for t in candidate_turns(state)] or [text]
        if best is not None and not _point_made(best.question, best.listen_for, turns):
            return FollowUp(
                PROBE,
                f"probe:{best.id}",
                question=best.question,
                probe_id=best.id,
                listen_for=tuple(best.listen_for),
            )
    return None


def _point_made(question: str, listen_for: Sequence[str], turns: Sequence[str]) -> bool:
    """Whether the candidate already made a probe's point in an earlier turn: one turn covers
    most of what it asks, or two of the points it listens for ("the shield collapses them into
    one origin fetch" before "how many requests hit the origin?")."""
    if topics.answered_by(question, turns):
        return True
    return bool(listen_for) and any(len(heard(turn, list(listen_for))) >= 2 for turn in turns)


def _without_said(question: str, state: InterviewState) -> str:
    """The question less its sub-questions about what this very turn said ("...and how many
    copies do you keep?" after "primary plus two replicas"); "" when nothing is left."""
    settled = set((state.get("reading") or R.Reading()).settles)
    if not question or not settled:
        return question
    parts = re.split(r"(?<=\?)\s+|,\s*(?=and\b)", question)
    kept = [p for p in parts if not topics.asked_topics(p) & settled]
    if len(kept) == len(parts):
        return question
    text = " ".join(kept).strip().rstrip(",")
    if not text or re.match(r"(?:and|or|but|so)\b", text, re.I):
        # "and what query does it make expensive?" leans on the part just dropped: no question
        return ""
    return text if text.endswith("?") else text + "?"


def _needed_but_rejected(
    state: InterviewState, deps: Deps, raised: frozenset[str], probes_asked: frozenset[str]
) -> FollowUp | None:
    """The candidate rules out a component the brief needs ("we don't need a retry queue" when
    deliveries retry for three days): not accepted, but questioned once, with the scenario's
    own probe about that component when there is one."""
    from agent.interviewer.followups import PROBE

    reading = state.get("reading") or R.Reading()
    for mention in reading.mentions:
        if mention.positive or not mention.label:
            continue
        component = deps.scenario.component(mention.label)
        if component is None or not component.critical:
            continue
        if component.label in state.get("mentioned", []):
            continue  # in the design already: "for celebrities we skip fan-out" scopes a case
        key = f"needed:{component.label.lower()}"
        if key in raised:
            continue
        spoken = replies._article(component.label.lower())
        probe = next(
            (
                p
                for p in deps.scenario.probes
                if p.id not in probes_asked
                and "{" not in p.question
                and deps.scenario.component(p.components[0]) is component
            ),
            None,
        )
        question = (
            probe.question if probe is not None else f"Without {spoken}, what takes over its job?"
        )
        return FollowUp(
            PROBE,
            key,
            statement=f"You'd go without {spoken}.",
            question=question,
            probe_id=probe.id if probe is not None else "",
            listen_for=tuple(probe.listen_for) if probe is not None else (),
        )
    return None


def _capacity(state: InterviewState, raised: frozenset[str]) -> FollowUp | None:
    """A capacity limit the engine's reference numbers say this turn's claim crosses ("a single
    MySQL node does about 10,000 writes a second"): the engine's finding, asked about once."""
    from agent.interviewer.followups import CAPACITY, numbers_of
    from agent.interviewer.turn_kinds import normalise

    index = len(candidate_turns(state)) - 1
    for finding in state.get("estimate_findings", []):
        if finding.turn != index:
            continue
        if finding.code != "capacity_exceeded" or not finding.reference:
            continue
        key = f"capacity:{finding.reference}:{normalise(finding.text)}"
        if key in raised:
            continue
        question = "How does that change your design?"
        return FollowUp(
            CAPACITY,
            key,
            statement=finding.message,
            question=question,
            quote=finding.text,
            numbers=numbers_of(finding.message, finding.text),
        )
    return None


def _statement(chosen: FollowUp, dialogue: Dialogue) -> str:
    """A probe's lead-in, honouring what the candidate ruled out ("You mentioned the cache" is
    wrong after "we don't need a cache")."""
    statement = chosen.statement
    if statement.startswith("You mentioned "):
        named = statement[len("You mentioned ") :].rstrip(".").lower().removeprefix("the ")
        for rejected in dialogue.rejected:
            if rejected in named or named in rejected:
                return f"You chose to go without {replies._article(rejected)}."
    return statement


def _move_on(
    state: InterviewState,
    deps: Deps,
    dialogue: Dialogue,
    phase: str,
    chosen: FollowUp,
    ack: str,
    raised: list[str],
) -> dict[str, Any]:
    if chosen.next_phase and chosen.next_phase != phase:
        move = Move(policy.ADVANCE, chosen.next_phase, (ack,), advance_to=chosen.next_phase)
        return {"move": move, "raised": raised}
    if phase == "estimation":
        gap = _missing_estimate(deps, dialogue)
        if gap is None:
            move = Move(policy.ADVANCE, "high_level_design", (ack,), advance_to="high_level_design")
            return {"move": move, "raised": raised}
        topic, question = gap
        if policy.may_ask(question, dialogue):
            return {
                "move": Move(policy.ASK, topic, (ack, question), question=question, asks=(topic,))
            }
    if phase in ("high_level_design", "deep_dive"):
        for question in DEEP_QUESTIONS:
            if policy.may_ask(question, dialogue):
                move = Move(policy.PROBE, "general", (ack, question), question=question)
                return {"move": move, "raised": raised}
    rng = _rng(state, "continue")
    return {
        "move": Move(policy.ACKNOWLEDGE, "", (ack, rng.choice(replies.CONTINUE))),
        "raised": raised,
    }


DEEP_QUESTIONS = (
    "What fails first at ten times today's peak, and what happens to requests in flight?",
    "Which part of this would you build first, and what would you leave for later?",
    "How would you know in production that this is failing?",
    "Which trade-off in this design are you least comfortable with?",
    "Where does a single failure take down the whole path, and how do you remove it?",
)
"""Questions for any design when no probe is left: each asked once, a settled topic never."""


ESTIMATE_TOPICS = {
    coverage.RATE: topics.AVERAGE_RATE,
    coverage.PEAK: topics.PEAK_RATE,
    coverage.BANDWIDTH: topics.BANDWIDTH,
    coverage.STORAGE: topics.STORAGE,
    coverage.MEMORY: topics.MEMORY,
}


def _missing_estimate(deps: Deps, dialogue: Dialogue) -> tuple[str, str] | None:
    """The reference estimates nobody settled yet, as (first topic, question): asked once,
    rephrased once if still unanswered, then left (None)."""
    gaps = []
    for dim, description in coverage.expected(deps.scenario):
        topic = ESTIMATE_TOPICS[dim]
        if dialogue.is_settled(topic) or (
            topic == topics.MEMORY and dialogue.is_settled("cache size")
        ):
            continue
        gaps.append((dim, topic, description))
    if not gaps:
        return None
    dim, topic, description = gaps[0]
    first = description.rstrip(".")
    first = first[:1].lower() + first[1:]
    article = "" if first.split(" ", 1)[0] in ("the", "a", "an", "all", "each", "every") else "the "
    if dim in (coverage.RATE, coverage.PEAK, coverage.BANDWIDTH):
        asks = (f"What do you get for {first}?", f"How would you size {article}{first}?")
    else:
        asks = (f"How much for {article}{first}?", f"What's your number for {article}{first}?")
    what = replies.join([coverage.ASK[d] for d, _, _ in gaps[:2]])
    for frame, detail in zip(
        ("That leaves {what}. {detail}", "Still open: {what}. {detail}"), asks, strict=True
    ):
        question = frame.format(what=what, detail=detail)
        if policy.may_ask(question, dialogue) and policy.may_ask(detail, dialogue):
            return topic, question
    return None


def _kb_keys(chosen: FollowUp) -> tuple[str, ...]:
    return (kb_key(chosen.kb["id"]),) if chosen.kb else ()


def _context(state: InterviewState, deps: Deps, phase: str) -> TurnContext:
    said = [t.text for t in candidate_turns(state)]
    view = board_view(state, deps.scenario)
    board = view.board
    phase_turns = sum(1 for t in candidate_turns(state) if t.phase == phase)
    if phase != state["phase"]:
        phase_turns = 1
    return TurnContext(
        scenario=deps.scenario,
        phase=phase,
        kind=state.get("kind", ""),
        utterance=clean(state.get("utterance")),
        report=_turn_report(state),
        references=deps.references,
        board_findings=state.get("board_findings", []),
        drawn=view.drawn,
        drawn_ids=view.drawn_ids,
        mentioned=state.get("mentioned", []),
        raised=frozenset(state.get("raised", [])),
        probes_asked=frozenset(state.get("probes_asked", [])),
        phase_turns=phase_turns,
        scale_assumptions=deps.scale,
        fixes=_fixes(state),
        said=said,
        labels={cid: c.name for cid, c in board.components.items()} if board else {},
        kinds={cid: c.kind.value for cid, c in board.components.items()} if board else {},
        edges=[(e.source, e.target) for e in board.edges.values()] if board else [],
        kb_speech=speech_hits(clean(state.get("utterance")), said[:-1]),
        kb_board=state.get("kb_board", []),
        asked_texts=[a.text for a in state.get("asked", [])],
    )


def _turn_report(state: InterviewState) -> CheckReport:
    """This turn's checked claims, as the engine's report (from the state, not the context)."""
    return CheckReport(claims=tuple(c.check() for c in _turn_claims(state)))


# -- time and phases ---------------------------------------------------------------------------------
def content_phase(state: InterviewState) -> tuple[str, str]:
    """Where the candidate's own turn takes the interview (phase, reason), before the clock."""
    phase = state["phase"]
    kind = state.get("kind", "")
    dialogue = state.get("dialogue") or Dialogue()
    if phase == "wrap_up":
        return phase, ""
    if kind == "move_on":
        return next_phase(phase), "asked"
    if phase == "requirements" and kind in ("estimate",) and state.get("claims"):
        return "estimation", "content"
    if (
        phase in ("requirements", "estimation")
        and dialogue.is_settled(topics.DESIGN)
        and kind in ("design", "probe_answer")
    ):
        return "high_level_design", "content"
    return phase, ""


def upcoming_phase(state: InterviewState) -> str:
    return content_phase(state)[0]


def pace(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """The one place the phase changes: the clock, the candidate asking, the content of the
    turn, or the move (a phase finished, a wrap-up asked for)."""
    plan = PhasePlan(state["minutes"])
    now = float(state.get("now", 0.0))
    phase = state["phase"]
    started = state.get("phase_started", {}).get(phase, 0.0)
    move: Move | None = state.get("move")
    if phase == "wrap_up":
        counters = state.get("counters") or Counters()
        if plan.out_of_time(now) and not counters.time_up:
            return {
                "phase_note": PhaseNote(phase, phase, "time_up", now),
                "counters": counters.bump("time_up"),
                "elapsed": now,
            }
        return {"phase_note": None, "elapsed": now}
    target, reason = content_phase(state)
    if move is not None and move.kind == policy.WAIT:
        target, reason = phase, ""  # "hang on ... before I move on" asks for time, not a move
    elif move is not None and move.advance_to == "wrap_up":
        target, reason = "wrap_up", "wrap_request"
    elif plan.overrun(phase, started, now) and (move is None or move.kind != policy.WAIT):
        wrap_now = now >= plan.total - plan.budget("wrap_up")
        target, reason = ("wrap_up" if wrap_now else next_phase(phase)), "overrun"
    elif move is not None and move.advance_to and later(move.advance_to, target):
        target, reason = move.advance_to, "done"
    if target == phase:
        return {"phase_note": None, "elapsed": now}
    out: dict[str, Any] = {
        "phase": target,
        "phase_started": {**state.get("phase_started", {}), target: now},
        "phase_note": PhaseNote(phase, target, reason, now - started),
        "elapsed": now,
    }
    if reason == "overrun":
        out["counters"] = (state.get("counters") or Counters()).bump("overruns")
    return out


# -- the words ------------------------------------------------------------------------------------
def speak(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Say the move (and a phase change), once: no sentence said twice, one question at most."""
    deps = runtime.context
    dialogue = state.get("dialogue") or Dialogue()
    move: Move = state.get("move") or Move(policy.ACKNOWLEDGE, "", ("Go on.",))
    note: PhaseNote | None = state.get("phase_note")
    rng = _rng(state, "speak")
    lines = list(move.sentences)
    question = move.question
    asks = set(move.asks) | (topics.asked_topics(question) if question else set())
    phase = state["phase"]
    if note and note.reason == "time_up":
        lines = [templates.out_of_time(rng)]
        question = ""
    elif (
        note
        and note.reason in ("overrun", "asked", "done", "content")
        and move.kind
        in (
            policy.ADVANCE,
            policy.ACKNOWLEDGE,
            policy.ASK,
        )
    ):
        prompt = _phase_prompt(note.to, state, deps, dialogue, rng)
        intro = (
            templates.overrun(note.from_phase, note.to, note.used, rng)
            if note.reason == "overrun"
            else ""  # the candidate moved on by themselves: no "let's put numbers on it"
            if note.reason == "content"
            else _intro(note.to, rng)
        )
        lines = [s for s in lines if s not in replies.CONTINUE and s != move.question]
        lines.extend([intro, prompt] if prompt else [intro])
        if not any(lines):
            lines = [rng.choice(replies.CONTINUE)]
        question = prompt
        asks = topics.asked_topics(prompt) if prompt else set()
    elif note and note.reason == "overrun":
        lines.append(templates.overrun(note.from_phase, note.to, note.used, rng))
    lines = [s for s in lines if s]
    if not move.verbatim:
        lines = replies.fresh(lines, dialogue)
        lines = _one_question(lines, question)
    if not lines:
        lines = [rng.choice(replies.CONTINUE)]
    if deps.llm is not None and move.kind not in (policy.REPEAT, policy.WAIT):
        facts = {
            "move": move.kind,
            "about": move.about,
            "candidate_said": clean(state.get("utterance")),
        }
        try:
            phrased = deps.llm.phrase(facts, lines)
        except Exception:  # the deterministic words are always there
            phrased = lines
        lines = replies.guard(move.kind, lines, list(phrased))
    now = float(state.get("now", 0.0))
    text = " ".join(lines)
    kind = move.followup.kind if move.followup is not None else move.kind
    turn = Turn(INTERVIEWER, text, now, kind, phase, move)
    dialogue = dialogue.spoke(lines, move.kind not in (policy.WAIT, policy.REPEAT))
    if question and question in lines:
        dialogue = dialogue.ask(question, asks, len(candidate_turns(state)) - 1, move.key)
    out: dict[str, Any] = {"reply": lines, "turns": [turn], "dialogue": dialogue}
    if move.followup is not None and question and question in " ".join(lines):
        chosen = move.followup
        asked = AskedFollowUp(
            chosen.key,
            chosen.kind,
            chosen.question or chosen.statement,
            len(candidate_turns(state)) - 1,
            chosen.listen_for,
            chosen.components,
            dict(chosen.kb) if chosen.kb else None,
        )
        out["asked"] = [asked]
        out["last_question"] = asked
    elif move.kind == policy.CHALLENGE:
        turn = len(candidate_turns(state)) - 1
        out["asked"] = [AskedFollowUp(move.key, ARITHMETIC, " ".join(lines), turn)]
        out["last_question"] = None
    elif move.kind not in (policy.WAIT, policy.REPEAT, policy.ANSWER, policy.FEEDBACK):
        out["last_question"] = None
    return out


def _intro(phase: str, rng: Any) -> str:
    return rng.choice(templates.PHASE_INTROS.get(phase, ("Okay.",)))


def _phase_prompt(
    phase: str, state: InterviewState, deps: Deps, dialogue: Dialogue, rng: Any
) -> str:
    """The new phase's opening question, unless what it asks is settled already."""
    if phase == "estimation":
        gap = _missing_estimate(deps, dialogue)
        return gap[1] if gap and policy.may_ask(gap[1], dialogue) else ""
    if phase == "wrap_up":
        return ""
    options = list(templates.PHASE_PROMPTS.get(phase, ()))
    rng.shuffle(options)
    for option in options:
        if policy.may_ask(option, dialogue):
            return option
    return ""


def _one_question(lines: list[str], question: str) -> list[str]:
    """Keep the move's question (or the last one) and drop earlier questions."""
    asked = [i for i, s in enumerate(lines) if s.rstrip().endswith("?")]
    if len(asked) <= 1:
        return lines
    keep = next((i for i in asked if lines[i] == question), asked[-1])
    # a probe's question may be two sentences ("Resize on upload or on first request? What does
    # each cost?"): keep the sentences that belong to it
    return [s for i, s in enumerate(lines) if i not in asked or i == keep or s in question]
