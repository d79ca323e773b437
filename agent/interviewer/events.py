"""The interviewer's events: what `Interviewer(on_event=...)` receives and a recording stores.

This module is the contract between the interviewer and `recordings/`: every event is one of the
types below, built here and nowhere else, and a recording reads them by these `type` names
(`tests/test_interviewer_contract.py` checks both sides). Each event carries "t", the interview
time in seconds.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class CandidateTurn:
    text: str
    kind: str | None
    phase: str | None
    t: float
    reading: dict[str, Any] | None = None
    """acts, mentioned (with polarity), settles, claims (see `reading.Reading.to_dict`)."""
    type: str = "candidate_turn"


@dataclass(frozen=True)
class InterviewerTurn:
    text: str
    sentences: list[str]
    phase: str | None
    t: float
    move: dict[str, Any] | None = None
    """{"kind", "about"} (see `policy.Move`)."""
    type: str = "interviewer_turn"


@dataclass(frozen=True)
class PhaseChange:
    from_phase: str | None
    to: str | None
    reason: str
    t: float
    type: str = "phase_change"

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "from": self.from_phase,
            "to": self.to,
            "reason": self.reason,
            "t": self.t,
        }


@dataclass(frozen=True)
class BoardFindings:
    revision: Any
    findings: list[dict[str, Any]]
    t: float
    type: str = "board_findings"


@dataclass(frozen=True)
class ScoresEvent:
    scores: dict[str, Any]
    t: float
    type: str = "scores"


@dataclass(frozen=True)
class ErrorEvent:
    message: str
    type: str = "error"


@dataclass(frozen=True)
class Record:
    """An event that carries a stored record as is: a checked claim, an estimation finding,
    a follow-up asked."""

    type: str
    fields: dict[str, Any] = field(default_factory=dict)
    t: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, **self.fields, "t": self.t}


RECORD_TYPES = ("claim", "estimate_finding", "followup")
EVENT_TYPES = (
    "candidate_turn",
    "interviewer_turn",
    "phase_change",
    "board_findings",
    "scores",
    "error",
    *RECORD_TYPES,
)


def to_dict(event: Any) -> dict[str, Any]:
    """The event as the plain dict a recording stores."""
    if hasattr(event, "to_dict"):
        return event.to_dict()
    data = asdict(event)
    return {k: v for k, v in data.items() if v is not None or k in ("kind", "phase")}
