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
    spread: tuple[float, float] | None = None
    """qty: a range said as a result ("between 2 and 2.5 TB a day"): its ends in SI units;
    `quantity` is the middle."""
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


def _token_init() -> object:
    """The dataclass `__init__` of a frozen slotted class calls `object.__setattr__` by name
    for each of its fields; the lexer builds hundreds of tokens per utterance, so this
    one stores straight into the slots. Same signature, defaults and result."""
    setter = {name: getattr(Token, name).__set__ for name in Token.__dataclass_fields__}
    kind_ = setter["kind"]
    text_ = setter["text"]
    start_ = setter["start"]
    end_ = setter["end"]
    quantity_ = setter["quantity"]
    nominal_ = setter["nominal"]
    time_units_ = setter["time_units"]
    number_ = setter["number"]
    unit_text_ = setter["unit_text"]
    multiplier_ = setter["multiplier"]
    percent_ = setter["percent"]
    alt_ = setter["alt"]
    noun_ = setter["noun"]
    power_ = setter["power"]
    spread_ = setter["spread"]
    op_ = setter["op"]
    words_ = setter["words"]
    assert len(setter) == 17, "a new Token field must be added to __init__ below"

    def __init__(
        self: Token,
        kind: str,
        text: str,
        start: int,
        end: int,
        quantity: Quantity | None = None,
        nominal: Quantity | None = None,
        time_units: TimeUnits = (),
        number: float = 0.0,
        unit_text: str = "",
        multiplier: bool = False,
        percent: bool = False,
        alt: Quantity | None = None,
        noun: str = "",
        power: bool = False,
        spread: tuple[float, float] | None = None,
        op: str = "",
        words: tuple[str, ...] = (),
    ) -> None:
        kind_(self, kind)
        text_(self, text)
        start_(self, start)
        end_(self, end)
        quantity_(self, quantity)
        nominal_(self, nominal)
        time_units_(self, time_units)
        number_(self, number)
        unit_text_(self, unit_text)
        multiplier_(self, multiplier)
        percent_(self, percent)
        alt_(self, alt)
        noun_(self, noun)
        power_(self, power)
        spread_(self, spread)
        op_(self, op)
        words_(self, words)

    __init__.__qualname__ = "Token.__init__"
    __init__.__doc__ = Token.__init__.__doc__
    return __init__


Token.__init__ = _token_init()  # type: ignore[method-assign]
