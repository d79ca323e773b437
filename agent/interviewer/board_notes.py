"""What the interview keeps of the latest board snapshot: the analyzers' findings on it and the
knowledge-base patterns it shows (both replaced with each snapshot)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agent.interviewer.frozen import Frozen


@dataclass(frozen=True)
class BoardNote(Frozen):
    """One analyzer finding on the board (`agent.whiteboard` `BoardFinding`), as stored."""

    code: str
    """SPOF, NO_MONITORING, CACHE_NO_TTL..."""
    severity: str
    components: tuple[str, ...] = ()
    """Board component ids, the one the question is about first."""
    message: str = ""
    question: str = ""
    """What the interviewer says aloud, naming the candidate's own components."""
    count: int = 1

    @classmethod
    def of(cls, finding: Any) -> BoardNote:
        severity = getattr(finding.severity, "value", finding.severity)
        return cls(
            finding.code,
            str(severity),
            tuple(finding.components),
            finding.message,
            finding.question,
            int(finding.count),
        )

    @property
    def key(self) -> str:
        """Its identity for "never twice" (a follow-up about it, an answer to that)."""
        return f"board:{self.code}:{','.join(self.components)}"


@dataclass(frozen=True)
class BoardPattern(Frozen):
    """A knowledge-base pattern or anti-pattern the board shows."""

    entry_id: str
    kind: str
    """pattern or anti-pattern."""
    components: tuple[str, ...] = ()
    count: int = 0

    @classmethod
    def of(cls, hit: Any) -> BoardPattern:
        return cls(hit.entry_id, hit.kind, tuple(hit.components), int(hit.count or 0))
