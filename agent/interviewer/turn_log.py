"""One line of the interview's transcript: who said what, when, and how it was read or decided."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agent.interviewer.frozen import Frozen
from agent.interviewer.policy import Move
from agent.interviewer.reading import Reading

CANDIDATE = "candidate"
INTERVIEWER = "interviewer"


@dataclass(frozen=True)
class Turn(Frozen):
    """A candidate turn carries its `reading`; an interviewer turn carries its `move`."""

    speaker: str
    """CANDIDATE or INTERVIEWER."""
    text: str
    t: float = 0.0
    """Seconds of interview time when it was said."""
    kind: str = ""
    """How the turn was classified (candidate) or the kind of reply (interviewer)."""
    phase: str = ""
    move: Move | None = None
    reading: Reading | None = None

    @property
    def by_candidate(self) -> bool:
        return self.speaker == CANDIDATE

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"speaker": self.speaker, "text": self.text, "t": self.t}
        if self.kind:
            out["kind"] = self.kind
        if self.phase:
            out["phase"] = self.phase
        if self.move is not None:
            out["move"] = self.move.to_dict()
        if self.reading is not None:
            out["reading"] = self.reading.to_dict()
        return out
