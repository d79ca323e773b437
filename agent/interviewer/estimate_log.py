"""What the estimation engine noted in a turn besides its verdicts, as the interview keeps it:
the assumptions the candidate took as given and the engine's findings (a capacity limit
crossed, an assumption changed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agent.interviewer.checked_claim import Amount
from agent.interviewer.frozen import Frozen
from estimation import Assumption, Finding


@dataclass(frozen=True)
class AssumptionRecord(Frozen):
    """Something the candidate took as given ("peak is 3x", "each payload is 1 KB")."""

    name: str
    kind: str
    """multiplier, size, duration, rate, count, money, convention."""
    value: Amount
    text: str
    turn: int = 0

    @classmethod
    def of(cls, assumption: Assumption, turn: int) -> AssumptionRecord:
        return cls(
            assumption.name, assumption.kind, Amount.of(assumption.value), assumption.text, turn
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "value": self.value.to_dict(),
            "text": self.text,
            "turn": self.turn,
        }


@dataclass(frozen=True)
class EstimateFinding(Frozen):
    """A problem that is not an arithmetic verdict (`estimation.Finding`), with its turn."""

    code: str
    message: str
    severity: str = "warning"
    text: str = ""
    reference: str = ""
    source: str = ""
    turn: int = 0

    @classmethod
    def of(cls, finding: Finding, turn: int) -> EstimateFinding:
        return cls(
            finding.code,
            finding.message,
            finding.severity,
            finding.text,
            finding.reference,
            finding.source,
            turn,
        )
