"""The token types the lexer produces and the parsers consume."""

from __future__ import annotations

from dataclasses import dataclass, field

from estimation.quantity import Quantity

TimeUnits = tuple[tuple[str, int], ...]
"""Symbolic time units a spoken value carries, e.g. (("day", -1),) for "1 billion a day"."""


@dataclass(frozen=True, slots=True, eq=False)
class Token:
    """One meaningful piece of an utterance."""

    kind: str
    """qty, op, lparen, rparen, var, ref, mark, hedge, word, comma, sep."""
    text: str
    """The words of the utterance it covers."""
    start: int
    end: int
    quantity: Quantity | None = None
    """qty: the value in SI base units."""
    nominal: Quantity | None = None
    """qty: the value as spoken with time units stripped ("30 days" -> 30, "1 billion a day"
    -> 1 billion): what a candidate does arithmetic on when converting by hand."""
    time_units: TimeUnits = ()
    number: float = 0.0
    """qty: the bare spoken number before any unit ("1 KB" -> 1)."""
    unit_text: str = ""
    """qty: the unit as spoken, normalised ("KB", "per day")."""
    multiplier: bool = False
    """qty: "3x", "twice", "double"."""
    percent: bool = False
    alt: Quantity | None = None
    """qty: the other reading of an ambiguous suffix ("24B": bytes rather than billion)."""
    noun: str = ""
    """qty: the noun spoken between number and rate ("notifications" in "1 billion
    notifications a day")."""
    power: bool = False
    """qty: written as a power ("62 to the 7th"): an expression, never a stated result."""
    op: str = ""
    """op: one of + - * / ^; var: the variable name."""
    words: tuple[str, ...] = field(default=())
    """word/mark: lower-cased words."""

    @property
    def bare(self) -> bool:
        """A plain number with no unit, multiplier or percent."""
        return (
            self.kind == "qty" and not self.unit_text and not self.multiplier and not self.percent
        )
