"""A finding: one thing an interviewer would point at on the board, with the question to ask."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How much the gap would cost in a real interview."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


SEVERITY_ORDER = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}


@dataclass(frozen=True)
class BoardFinding:
    """One analyzer result. `components` are board ids, the one the question is about first."""

    code: str
    """SPOF, NO_MONITORING, CACHE_NO_TTL... stable, for tests, scoring and the knowledge base."""
    severity: Severity
    components: tuple[str, ...]
    message: str
    """What is wrong, for a report."""
    question: str
    """What the interviewer says aloud, naming the candidate's own components."""
    count: int = 1
    """How many components the finding is about: the first `count` of `components` (a grouped
    finding such as "3 components are not connected: A, B, C")."""

    @property
    def subjects(self) -> tuple[str, ...]:
        """The components the finding is about (the rest of `components` are context)."""
        return self.components[: max(1, self.count)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "components": list(self.components),
            "count": self.count,
            "message": self.message,
            "question": self.question,
        }
