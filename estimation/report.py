"""What a check produces: claims with verdicts, the assumptions in play, capacity findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from estimation.quantity import Quantity

CORRECT = "correct"
INCORRECT = "incorrect"
UNCHECKED = "unchecked"


@dataclass(frozen=True)
class ClaimCheck:
    """One stated result and its verdict."""

    text: str
    """The candidate's words for the claim."""
    expression: str
    """What was recomputed, in calculator syntax ("1 billion / 86,400")."""
    stated: Quantity
    """The candidate's number, SI base units."""
    computed: Quantity | None
    """The calculator's number in the stated dimension; None when unchecked."""
    verdict: str
    """correct, incorrect or unchecked."""
    explanation: str
    """A sentence an interviewer can say aloud."""
    slip: str = ""
    """Diagnosed slip when incorrect: multiplier, bits_vs_bytes, per_day_vs_per_second,
    unit_prefix, changed_assumption, contradicts_earlier, order_of_magnitude, arithmetic."""
    name: str = ""
    """What the result is called, when the candidate named it ("peak qps")."""
    start: int = -1
    """Character offset of the stated number in the text given to `add` (or the transcript)."""
    end: int = -1
    stated_words: str = ""
    """The stated value in the candidate's own units and period ("400 TB a day")."""
    expected_words: str = ""
    """The recomputed value in those same units ("4 PB a day"); empty when unchecked."""

    @property
    def status(self) -> str:
        """correct, incorrect or unchecked (the same as `verdict`)."""
        return self.verdict

    @property
    def expected(self) -> Quantity | None:
        """What the candidate's own numbers give, SI units (the same as `computed`)."""
        return self.computed

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "expression": self.expression,
            "stated": self.stated.to_dict(),
            "computed": self.computed.to_dict() if self.computed is not None else None,
            "verdict": self.verdict,
            "explanation": self.explanation,
            "slip": self.slip,
            "start": self.start,
            "end": self.end,
            "stated_words": self.stated_words,
            "expected_words": self.expected_words,
        }


@dataclass(frozen=True)
class Assumption:
    """Something the candidate took as given ("peak is 3x", "each payload is 1 KB")."""

    name: str
    """Normalised subject ("peak", "payload", "retention")."""
    value: Quantity
    kind: str
    """multiplier, size, duration, rate, count, money, convention."""
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "value": self.value.to_dict(),
            "text": self.text,
        }


@dataclass(frozen=True)
class Finding:
    """A problem that is not an arithmetic verdict: capacity vs reference numbers, a changed
    assumption, a contradiction, unreadable input."""

    code: str
    message: str
    """Said aloud by the interviewer."""
    severity: str = "warning"
    """info, warning or error."""
    text: str = ""
    """The words that triggered it."""
    reference: str = ""
    """Reference number id, when one is involved."""
    source: str = ""
    """Where the reference number comes from (URL)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "text": self.text,
            "reference": self.reference,
            "source": self.source,
        }


@dataclass(frozen=True)
class CheckReport:
    """The result of checking an utterance or a transcript. `to_dict` is the CLI JSON contract."""

    claims: tuple[ClaimCheck, ...] = ()
    assumptions: tuple[Assumption, ...] = ()
    findings: tuple[Finding, ...] = field(default=())

    @property
    def incorrect(self) -> tuple[ClaimCheck, ...]:
        return tuple(c for c in self.claims if c.verdict == INCORRECT)

    def to_dict(self) -> dict[str, Any]:
        return {
            "claims": [c.to_dict() for c in self.claims],
            "assumptions": [a.to_dict() for a in self.assumptions],
            "findings": [f.to_dict() for f in self.findings],
        }
