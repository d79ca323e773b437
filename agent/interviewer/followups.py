"""Choose the ONE follow-up that matters most after a candidate turn.

Priority, as a Staff interviewer would: a whiteboard finding > a scenario probe > moving on.
Number challenges are not chosen here: the policy (`agent.interviewer.policy`) challenges only
verdicts the estimation engine calls incorrect, before any follow-up. Knowledge-base follow-ups (`agent.interviewer.kb_followups`) slot
in: a result crossing a scale limit after capacity, an anti-pattern with the board findings, a
pattern's weak spot with the scenario probes. Nothing already raised is raised again, and no
probe is asked twice. Every follow-up quotes what the candidate said or names what they drew, and
carries the numbers it states so an LLM rephrasing can be checked against them. The last two
priorities (board findings, scenario probes, moving on) live in `agent.interviewer.probes`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from agent.interviewer.board_notes import BoardNote, BoardPattern
from agent.interviewer.checked_claim import Amount
from agent.interviewer.frozen import Frozen
from agent.interviewer.reference_check import Reference
from agent.interviewer.turn_kinds import normalise
from estimation import CheckReport
from scenarios import Scenario

ARITHMETIC = "arithmetic"
ASSUMPTION = "assumption"
CAPACITY = "capacity"
FINDING = "finding"
PROBE = "probe"
MOVE_ON = "move_on"
PRIORITY = (ARITHMETIC, ASSUMPTION, CAPACITY, FINDING, PROBE, MOVE_ON)
TURNS_BEFORE_MOVING_ON = {"requirements": 4, "estimation": 5, "high_level_design": 5}


@dataclass(frozen=True)
class FollowUp(Frozen):
    """What the interviewer will bring up, as structured facts; `templates` phrases it."""

    kind: str
    """One of PRIORITY."""
    key: str
    """Identity for "never twice" (claim text, finding code+components, probe id)."""
    statement: str = ""
    """The factual core, already naming the candidate's numbers or components."""
    question: str = ""
    """What to ask; may be empty when the statement is enough."""
    quote: str = ""
    """The candidate's own words this is about."""
    numbers: tuple[str, ...] = ()
    """Every number the follow-up may state, as text; an LLM phrasing may use no others."""
    components: tuple[str, ...] = ()
    """Board component ids this is about (the tablet highlights them)."""
    probe_id: str = ""
    listen_for: tuple[str, ...] = ()
    next_phase: str = ""
    """For MOVE_ON: the phase to go to ("" to stay and nudge)."""
    again: bool = False
    """The same slip was raised before: the candidate repeated it."""
    kb: dict[str, Any] | None = None
    """The knowledge-base entry this is about: {"id", "name", "kind", "summary", "source",
    "source_title", "why", "via"} (see `agent.interviewer.kb_followups.reference`)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "statement": self.statement,
            "question": self.question,
            "quote": self.quote,
            "numbers": list(self.numbers),
            "components": list(self.components),
            "probe_id": self.probe_id,
            "listen_for": list(self.listen_for),
            "next_phase": self.next_phase,
            "again": self.again,
            "kb": self.kb,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FollowUp:
        fields = {**data}
        for name in ("numbers", "components", "listen_for"):
            fields[name] = tuple(fields.get(name, ()))
        return cls(**fields)


@dataclass
class TurnContext:
    """Everything `choose` looks at for one turn."""

    scenario: Scenario
    phase: str
    kind: str
    utterance: str
    report: CheckReport
    references: Sequence[Reference] = ()
    board_findings: Sequence[BoardNote] = ()
    drawn: dict[str, str] = field(default_factory=dict)
    """Probe key -> the candidate's label for it, from the board."""
    drawn_ids: dict[str, str] = field(default_factory=dict)
    """Probe key -> board component id."""
    mentioned: Sequence[str] = ()
    """Expected-component labels the candidate has named aloud."""
    raised: frozenset[str] = frozenset()
    probes_asked: frozenset[str] = frozenset()
    phase_turns: int = 0
    """Candidate turns so far in this phase, this one included."""
    scale_assumptions: Sequence[tuple[str, Any]] = ()
    """(scale name, Quantity) from the brief, to notice a broken assumption."""
    said: Sequence[str] = ()
    """Everything the candidate has said, this turn included (a finding they already answered
    aloud is not asked again)."""
    labels: dict[str, str] = field(default_factory=dict)
    """Board component id -> label."""
    kinds: dict[str, str] = field(default_factory=dict)
    """Board component id -> kind."""
    edges: Sequence[tuple[str, str]] = ()
    """Board arrows as (source id, target id)."""
    fixes: Sequence[Amount] = ()
    """`computed` values of earlier wrong claims: stating one of them is a correction."""
    kb_speech: Sequence[Any] = ()
    """Knowledge-base `SpeechHit`s of this turn (the earlier turns as history)."""
    kb_board: Sequence[BoardPattern] = ()
    """Knowledge-base hits on the current board: {"entry_id", "kind", "components", "count"}."""
    asked_texts: Sequence[str] = ()
    """Every question asked so far (a topic already asked is not asked again in other words)."""


def is_correction(stated: Amount, fixes: Sequence[Amount]) -> bool:
    """The candidate now states the value the interviewer said was right ("so peak is 36,000"):
    whatever the engine made of the sentence, that is a fix, not a new slip."""
    return any(stated.near(fixed) for fixed in fixes)


_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers_of(*texts: str) -> tuple[str, ...]:
    """The numbers written in these texts (what a phrasing may repeat)."""
    return tuple(dict.fromkeys(n for t in texts for n in _NUM.findall(t)))


def claim_key(text: str) -> str:
    return "claim:" + normalise(text)
