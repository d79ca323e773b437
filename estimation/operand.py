"""A value the candidate used: its SI reading, its as-spoken reading, and where it came from."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from estimation.quantity import Dimension, Quantity
from estimation.tokens import TimeUnits, Token

# Numbers candidates use to convert time by hand: seconds per day/hour, hours per day, days per
# month/year, and the usual roundings. A bare one of these lets "as spoken" arithmetic stand.
CONVERSION_FACTORS = (
    24.0,
    60.0,
    3600.0,
    86_400.0,
    1440.0,
    7.0,
    30.0,
    31.0,
    365.0,
    100_000.0,
    2.5e6,
    2.6e6,
    2.592e6,
    3e7,
    3.15e7,
    3.1536e7,
    604_800.0,
    1000.0,
)


@dataclass(frozen=True)
class Operand:
    """A value in play: a spoken number, a named quantity, an earlier result."""

    quantity: Quantity
    """SI reading."""
    nominal: Quantity
    """As spoken, time units stripped ("30 days" -> 30)."""
    time_units: TimeUnits = ()
    text: str = ""
    bare: bool = False
    multiplier: bool = False
    alt: Quantity | None = None
    """Other reading of an ambiguous suffix ("24B" as bytes)."""
    name: str = ""
    percent: bool = False
    unit: str = ""
    """The unit as spoken ("per day", "KB"); empty for bare numbers."""
    number: float = 0.0
    """The bare number as spoken ("400" of "400 terabytes"); 0 when not from speech."""

    def __init__(
        self,
        quantity: Quantity,
        nominal: Quantity,
        time_units: TimeUnits = (),
        text: str = "",
        bare: bool = False,
        multiplier: bool = False,
        alt: Quantity | None = None,
        name: str = "",
        percent: bool = False,
        unit: str = "",
        number: float = 0.0,
    ) -> None:
        # Written out: the frozen dataclass `__init__` calls `object.__setattr__` per field,
        # and operands are built for every number of every statement.
        fields = self.__dict__
        fields["quantity"] = quantity
        fields["nominal"] = nominal
        fields["time_units"] = time_units
        fields["text"] = text
        fields["bare"] = bare
        fields["multiplier"] = multiplier
        fields["alt"] = alt
        fields["name"] = name
        fields["percent"] = percent
        fields["unit"] = unit
        fields["number"] = number

    @functools.cached_property
    def converts_time(self) -> bool:
        """A bare (or time-unit) number that is a usual time conversion factor."""
        if not (self.bare or (self.time_units and self.quantity.dimension.time > 0)):
            return False
        v = self.nominal.value
        return any(abs(v - f) <= 0.02 * f for f in CONVERSION_FACTORS)

    def with_alt(self) -> Operand:
        """The other reading of an ambiguous suffix."""
        assert self.alt is not None
        return replace(self, quantity=self.alt, nominal=self.alt, alt=None, bare=False)

    def named(self, name: str, text: str = "") -> Operand:
        return Operand(
            self.quantity,
            self.nominal,
            self.time_units,
            text or self.text,
            self.bare,
            self.multiplier,
            self.alt,
            name,
            self.percent,
            self.unit,
            self.number,
        )


def from_token(tok: Token) -> Operand:
    assert tok.quantity is not None and tok.nominal is not None
    return Operand(
        tok.quantity,
        tok.nominal,
        tok.time_units,
        tok.text,
        tok.bare,
        tok.multiplier,
        tok.alt,
        percent=tok.percent,
        unit=tok.unit_text,
        number=tok.number,
    )


def from_quantity(q: Quantity, text: str = "", name: str = "") -> Operand:
    """An operand from an SI value (a computed result, a variable given as a Quantity)."""
    d = q.dimension
    nominal = Quantity(q.value, Dimension(d.data, 0, d.money))
    times = (("second", d.time),) if d.time else ()
    return Operand(q, nominal, times, text, False, False, None, name)
