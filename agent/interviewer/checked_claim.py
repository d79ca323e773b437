"""A stated result the estimation engine checked, as the interview keeps it: the engine's
verdict plus what the interview knows about it (the turn, whether it fixes an earlier slip,
whether the brief agrees with it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agent.interviewer.frozen import Frozen
from estimation import ClaimCheck, Quantity
from estimation.quantity import dimension_from_unit

CORRECT = "correct"
INCORRECT = "incorrect"
UNCHECKED = "unchecked"


@dataclass(frozen=True)
class Amount(Frozen):
    """A quantity as stored: its value in SI base units and the unit's name ("per second")."""

    value: float
    unit: str = ""

    @classmethod
    def of(cls, quantity: Quantity) -> Amount:
        return cls(float(quantity.value), quantity.unit)

    def quantity(self) -> Quantity:
        """The engine's `Quantity` (a plain count when the unit has no name)."""
        try:
            return Quantity(float(self.value), dimension_from_unit(self.unit))
        except ValueError:
            return Quantity(float(self.value))

    def near(self, other: Amount, share: float = 0.15) -> bool:
        """The same unit and within `share` of `other` ("so peak is 36,000" fixes 36,000)."""
        return (
            self.unit == other.unit
            and bool(other.value)
            and abs(self.value - other.value) <= share * abs(other.value)
        )


@dataclass(frozen=True)
class ClaimRecord(Frozen):
    """One checked claim of one candidate turn."""

    text: str
    stated: Amount
    verdict: str = UNCHECKED
    """correct, incorrect or unchecked (the engine's word, never changed here)."""
    computed: Amount | None = None
    expression: str = ""
    explanation: str = ""
    slip: str = ""
    name: str = ""
    start: int = -1
    end: int = -1
    stated_words: str = ""
    expected_words: str = ""
    turn: int = 0
    """The candidate turn that said it (0-based)."""
    correction: bool = False
    """An "incorrect" verdict on a value the interviewer had said was right: a fix."""
    brief_agrees: bool = False
    """An "incorrect" verdict on a figure the scenario's own reference numbers confirm."""

    @classmethod
    def from_check(
        cls, check: ClaimCheck, turn: int, correction: bool = False, brief_agrees: bool = False
    ) -> ClaimRecord:
        return cls(
            text=check.text,
            stated=Amount.of(check.stated),
            verdict=check.verdict,
            computed=Amount.of(check.computed) if check.computed is not None else None,
            expression=check.expression,
            explanation=check.explanation,
            slip=check.slip,
            name=check.name,
            start=check.start,
            end=check.end,
            stated_words=check.stated_words,
            expected_words=check.expected_words,
            turn=turn,
            correction=correction,
            brief_agrees=brief_agrees,
        )

    @property
    def is_slip(self) -> bool:
        """Incorrect by the engine and not a fix of an earlier slip."""
        return self.verdict == INCORRECT and not self.correction

    @property
    def counts_as_right(self) -> bool:
        """Confirmed by the engine, or a fix of an earlier slip."""
        return self.verdict == CORRECT or self.correction

    def check(self) -> ClaimCheck:
        """The engine's report of this claim (for code that reads `estimation` values)."""
        return ClaimCheck(
            text=self.text,
            expression=self.expression,
            stated=self.stated.quantity(),
            computed=self.computed.quantity() if self.computed is not None else None,
            verdict=self.verdict,
            explanation=self.explanation,
            slip=self.slip,
            name=self.name,
            start=self.start,
            end=self.end,
            stated_words=self.stated_words,
            expected_words=self.expected_words,
        )

    def to_dict(self) -> dict[str, Any]:
        """The `hotseat estimate check --json` claim plus the interview's fields."""
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
            "name": self.name,
            "turn": self.turn,
            "correction": self.correction,
            "brief_agrees": self.brief_agrees,
        }
