"""Quantities in SI base units with a dimension, and the arithmetic between them.

Everything the engine computes is a `Quantity`: data in bytes (bits are divided by 8), time in
seconds, rates per second, money in US dollars, plain counts unitless. Keeping one base unit per
dimension means comparing a claim is a single division, whatever units the candidate spoke.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Dimension:
    """Exponents of the three base units; all zero is a plain count."""

    data: int = 0
    """Power of bytes."""
    time: int = 0
    """Power of seconds (-1 for a rate)."""
    money: int = 0
    """Power of US dollars."""

    # Written out: the frozen dataclass `__init__` calls `object.__setattr__` per field, and
    # quantities and dimensions are built at every arithmetic step.
    def __init__(self, data: int = 0, time: int = 0, money: int = 0) -> None:
        fields = self.__dict__
        fields["data"] = data
        fields["time"] = time
        fields["money"] = money

    # Written out (the dataclass would build and compare tuples): dimensions are compared on
    # every quantity step, and most comparisons are against the shared constants below.
    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if other.__class__ is not Dimension:
            return NotImplemented
        return self.data == other.data and self.time == other.time and self.money == other.money

    def __hash__(self) -> int:
        return hash((self.data, self.time, self.money))

    def __mul__(self, other: Dimension) -> Dimension:
        return Dimension(self.data + other.data, self.time + other.time, self.money + other.money)

    def __truediv__(self, other: Dimension) -> Dimension:
        return Dimension(self.data - other.data, self.time - other.time, self.money - other.money)

    def __pow__(self, exponent: int) -> Dimension:
        return Dimension(self.data * exponent, self.time * exponent, self.money * exponent)

    @property
    def is_count(self) -> bool:
        return self == COUNT

    @property
    def unit(self) -> str:
        """The SI unit name used in JSON: "", "bytes", "seconds", "per second", "bytes per second"."""
        return unit_name(self)


COUNT = Dimension()
DATA = Dimension(data=1)
TIME = Dimension(time=1)
RATE = Dimension(time=-1)
BANDWIDTH = Dimension(data=1, time=-1)
MONEY = Dimension(money=1)

_BASE = (("bytes", "data"), ("seconds", "time"), ("USD", "money"))
_NAMES = {
    COUNT: "",
    DATA: "bytes",
    TIME: "seconds",
    RATE: "per second",
    BANDWIDTH: "bytes per second",
    MONEY: "USD",
    Dimension(money=1, time=-1): "USD per second",
    Dimension(money=1, data=-1): "USD per byte",
    Dimension(time=-2): "per second squared",
}


def unit_name(dimension: Dimension) -> str:
    """Readable SI unit for a dimension ("bytes per second"; odd ones as "bytes^2*seconds")."""
    if dimension in _NAMES:
        return _NAMES[dimension]
    top, bottom = [], []
    for name, field in _BASE:
        power = getattr(dimension, field)
        if power:
            target = top if power > 0 else bottom
            target.append(name if abs(power) == 1 else f"{name}^{abs(power)}")
    text = "*".join(top) or "1"
    return f"{text}/{'/'.join(bottom)}" if bottom else text


def dimension_from_unit(unit: str) -> Dimension:
    """Inverse of `unit_name` for the JSON edge (only the named units)."""
    for dimension, name in _NAMES.items():
        if name == unit:
            return dimension
    raise ValueError(f"unknown unit {unit!r}")


def _coerce(other: object) -> Quantity:
    if isinstance(other, Quantity):
        return other
    if isinstance(other, (int, float)) and not isinstance(other, bool):
        return Quantity(float(other), COUNT)
    raise TypeError(f"cannot combine a quantity with {type(other).__name__}")


@dataclass(frozen=True)
class Quantity:
    """A value in SI base units with its dimension. Arithmetic checks dimensions."""

    value: float
    dimension: Dimension = COUNT

    def __init__(self, value: float, dimension: Dimension = COUNT) -> None:
        fields = self.__dict__  # frozen: see Dimension.__init__
        fields["value"] = value
        fields["dimension"] = dimension

    @property
    def unit(self) -> str:
        return self.dimension.unit

    def __mul__(self, other: Quantity | float) -> Quantity:
        o = _coerce(other)
        return Quantity(self.value * o.value, self.dimension * o.dimension)

    __rmul__ = __mul__

    def __truediv__(self, other: Quantity | float) -> Quantity:
        o = _coerce(other)
        if o.value == 0:
            raise ZeroDivisionError("division by zero")
        return Quantity(self.value / o.value, self.dimension / o.dimension)

    def __rtruediv__(self, other: float) -> Quantity:
        return _coerce(other) / self

    def __add__(self, other: Quantity | float) -> Quantity:
        o = _coerce(other)
        if o.dimension != self.dimension:
            raise ValueError(
                f"cannot add {unit_name(self.dimension) or 'a count'} "
                f"and {unit_name(o.dimension) or 'a count'}"
            )
        return Quantity(self.value + o.value, self.dimension)

    __radd__ = __add__

    def __sub__(self, other: Quantity | float) -> Quantity:
        return self + (-_coerce(other))

    def __rsub__(self, other: float) -> Quantity:
        return _coerce(other) - self

    def __neg__(self) -> Quantity:
        return Quantity(-self.value, self.dimension)

    def __pow__(self, exponent: Quantity | float) -> Quantity:
        e = _coerce(exponent)
        if not e.dimension.is_count:
            raise ValueError("an exponent must be a plain number")
        if not self.dimension.is_count and e.value != int(e.value):
            raise ValueError("a quantity with units can only be raised to a whole power")
        if abs(e.value) > 1000:
            raise ValueError("exponent too large")
        try:
            value = self.value**e.value
        except OverflowError as error:
            raise ValueError("result too large") from error
        if isinstance(value, complex):
            raise ValueError("result is not a real number")
        return Quantity(float(value), self.dimension ** int(e.value))

    def ratio(self, other: Quantity) -> float:
        """self / other as a plain float (dimensions ignored); inf when other is zero."""
        return self.value / other.value if other.value else math.inf

    def to_dict(self) -> dict[str, float | str]:
        return {"value": self.value, "unit": self.unit}
