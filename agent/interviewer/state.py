"""The interview's state: what LangGraph checkpoints after every call, so a session resumes
exactly where it stopped.

Values are typed: frozen dataclasses (`agent.interviewer.frozen.Frozen`), each in its own
module, listed in `CHECKPOINTED` so the checkpoint serializer restores them as the same types;
they become plain data only at the edges (`as_plain`: `--json`, recordings, the HTML report).
List fields marked `Annotated[..., operator.add]` grow: a node returns only the new items.
Fields without a reducer are overwritten by the last node that returns them; the per-call
fields (`event`, `utterance`, `now`, `reply`…) are scratch.
"""

from __future__ import annotations

import operator
from typing import Annotated, Any, TypedDict

from agent.interviewer.board_notes import BoardNote, BoardPattern
from agent.interviewer.checked_claim import Amount, ClaimRecord
from agent.interviewer.counters import Counters
from agent.interviewer.estimate_log import AssumptionRecord, EstimateFinding
from agent.interviewer.followup_log import AskedFollowUp, FollowUpAnswer
from agent.interviewer.followups import FollowUp
from agent.interviewer.frozen import plain
from agent.interviewer.memory import Asked, Dialogue
from agent.interviewer.phases import PhaseNote
from agent.interviewer.policy import Move
from agent.interviewer.reading import Mention, Reading, Verdict
from agent.interviewer.scorecard import DimensionScore, Evidence, Scores
from agent.interviewer.turn_log import Turn

EVENTS = ("open", "turn", "board", "wrap_up")
"""What one graph call does: say the opening, take a candidate turn, take a board snapshot,
or score the interview."""


class InterviewState(TypedDict, total=False):
    """One interview, as checkpointed under thread_id = session id."""

    # -- per call (input and scratch) ---------------------------------------------------------
    event: str
    """One of EVENTS."""
    utterance: str
    """The candidate's words for a "turn" call."""
    now: float
    """Seconds of interview time used when this call happened."""
    board_in: dict[str, Any] | None
    """A board snapshot (`Board.to_dict()`) for a "board" call."""
    kind: str
    """How `classify` read the turn."""
    phase_note: PhaseNote | None
    """Set when this call moved the phase (or the time ran out)."""
    reply: list[str]
    """The interviewer's sentences for this call."""
    reading: Reading | None
    """How `listen` read this turn (acts, mentions with polarity, settled topics, verdicts)."""
    move: Move | None
    """What the policy decided for this turn (kind, about, the words)."""

    # -- the session -------------------------------------------------------------------------
    session_id: str
    scenario_id: str
    minutes: float
    """The time budget for the whole interview."""
    seed: str
    """Seeds the phrasing so a session (and its resume) reads the same every run."""

    # -- time ----------------------------------------------------------------------------------
    phase: str
    phase_started: dict[str, float]
    """When each phase began, in seconds of interview time."""
    elapsed: float
    """Interview time used at the last call."""

    # -- what happened -------------------------------------------------------------------------
    turns: Annotated[list[Turn], operator.add]
    """The transcript: candidate turns with their reading, interviewer turns with their move."""
    claims: Annotated[list[ClaimRecord], operator.add]
    """Every checked claim, with the turn that said it."""
    assumptions: Annotated[list[AssumptionRecord], operator.add]
    estimate_findings: Annotated[list[EstimateFinding], operator.add]
    """Capacity findings, changed assumptions, with their turn."""
    board: dict[str, Any] | None
    """The latest board snapshot."""
    board_findings: list[BoardNote]
    """The analyzers' findings on that snapshot (replaced with each snapshot)."""
    kb_board: list[BoardPattern]
    """Knowledge-base patterns and anti-patterns on that snapshot (replaced with each one)."""
    raised: Annotated[list[str], operator.add]
    """Keys of everything already brought up (a claim, a finding, a probe): never twice."""
    probes_asked: Annotated[list[str], operator.add]
    """Scenario probe ids and synthetic probe ids ("cap:<operation>") already asked."""
    asked: Annotated[list[AskedFollowUp], operator.add]
    """Every follow-up asked (probes, findings, challenges)."""
    answers: Annotated[list[FollowUpAnswer], operator.add]
    """Candidate answers to follow-ups, with the points they made."""
    topics: Annotated[list[str], operator.add]
    """Fact topics the candidate asked about (requirements score)."""
    mentioned: Annotated[list[str], operator.add]
    """Expected components the candidate named aloud (labels)."""
    counters: Counters
    """silence, gibberish, repeat, off_topic, small_talk, overruns, time_up."""
    last_question: AskedFollowUp | None
    """The follow-up the candidate is answering now, if any."""
    scores: Scores | None
    """The wrap-up scores."""
    dialogue: Dialogue
    """What the interviewer remembers: questions asked and answered, settled topics, challenges,
    concessions, sentences said (`agent.interviewer.memory`)."""


def new_state(session_id: str, scenario_id: str, minutes: float, seed: str) -> InterviewState:
    """The state of an interview that has not started yet."""
    return InterviewState(
        session_id=session_id,
        scenario_id=scenario_id,
        minutes=float(minutes),
        seed=seed,
        phase="requirements",
        phase_started={"requirements": 0.0},
        elapsed=0.0,
        turns=[],
        claims=[],
        assumptions=[],
        estimate_findings=[],
        board=None,
        board_findings=[],
        kb_board=[],
        raised=[],
        probes_asked=[],
        asked=[],
        answers=[],
        topics=[],
        mentioned=[],
        counters=Counters(),
        last_question=None,
        scores=None,
        reply=[],
        dialogue=Dialogue(),
    )


def candidate_turns(state: InterviewState) -> list[Turn]:
    """The candidate's turns, in order."""
    return [t for t in state.get("turns", []) if t.by_candidate]


def as_plain(state: InterviewState | dict[str, Any]) -> dict[str, Any]:
    """The state as plain data (the edges: `--json`, recordings, the HTML report, tests)."""
    return {key: plain(value) for key, value in dict(state).items()}


CHECKPOINTED: tuple[type, ...] = (
    Dialogue,
    Asked,
    Move,
    Reading,
    Mention,
    Verdict,
    PhaseNote,
    Counters,
    Turn,
    ClaimRecord,
    Amount,
    AskedFollowUp,
    FollowUpAnswer,
    AssumptionRecord,
    EstimateFinding,
    BoardNote,
    BoardPattern,
    Scores,
    DimensionScore,
    Evidence,
    FollowUp,
)
"""Every typed value the state holds; the checkpoint serializer restores exactly these."""
