"""Quantities in the units a person would say: "11,600 per second", "30 TB", "2.4 MB"."""

from __future__ import annotations

import math

from estimation.quantity import BANDWIDTH, COUNT, DATA, MONEY, RATE, TIME, Quantity, unit_name

_DATA_STEPS = [(1e18, "EB"), (1e15, "PB"), (1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB")]
_BIT_STEPS = [(1e12, "Tbps"), (1e9, "Gbps"), (1e6, "Mbps"), (1e3, "Kbps")]
_TIME_STEPS = [
    (365 * 86400.0, "years"),
    (86400.0, "days"),
    (3600.0, "hours"),
    (60.0, "minutes"),
    (1.0, "seconds"),
    (1e-3, "ms"),
    (1e-6, "µs"),
    (1e-9, "ns"),
]
_WORD_SCALES = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]


def round_sig(value: float, digits: int = 3) -> float:
    """Round to `digits` significant figures (11,574 -> 11,600)."""
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - int(math.floor(math.log10(abs(value)))))


def format_number(value: float, digits: int = 3) -> str:
    """A plain number as said aloud: 11,600 / 1.2 million / 0.25."""
    if not math.isfinite(value):
        return "infinity" if value > 0 else "minus infinity" if value < 0 else "not a number"
    sign = "-" if value < 0 else ""
    value = abs(value)
    for scale, word in _WORD_SCALES:
        if value >= scale * 0.9995 and value < 1e15:
            return f"{sign}{_short(value / scale, digits)} {word}"
    if value >= 1e15:
        return f"{sign}{value:.2e}"
    rounded = round_sig(value, digits)
    if rounded >= 1000:
        return f"{sign}{rounded:,.0f}"
    return f"{sign}{_short(rounded, digits)}"


def _short(value: float, digits: int) -> str:
    text = f"{round_sig(value, digits):.{max(0, digits)}f}".rstrip("0").rstrip(".")
    return text or "0"


def _stepped(value: float, steps: list[tuple[float, str]], base: str) -> str:
    for scale, name in steps:
        if abs(value) >= scale * 0.9995:
            return f"{format_number(value / scale)} {name}"
    if value and steps[-1][0] < 1:  # below the smallest step: 0.5 ns
        scale, name = steps[-1]
        return f"{format_number(value / scale)} {name}"
    return f"{format_number(value)} {base}"


def format_quantity(q: Quantity, bits: bool = False) -> str:
    """Human units: "11,600 per second", "30 TB", "2.4 MB", "35 MB/s" ("1.2 Gbps" with bits)."""
    d = q.dimension
    v = q.value
    if d == COUNT:
        return format_number(v)
    if d == DATA:
        return _stepped(v, _DATA_STEPS, "bytes")
    if d == BANDWIDTH:
        if bits:
            return _stepped(v * 8, _BIT_STEPS, "bps")
        return _stepped(v, _DATA_STEPS, "bytes") + "/s"
    if d == TIME:
        text = _stepped(v, _TIME_STEPS, "seconds")
        return text.replace("1 days", "1 day").replace("1 hours", "1 hour")
    if d == RATE:
        if v == 0 or abs(v) >= 0.9995:
            return f"{format_number(v)} per second"
        for seconds, name in ((60, "minute"), (3600, "hour"), (86400, "day")):
            if abs(v) * seconds >= 0.9995:
                return f"{format_number(v * seconds)} per {name}"
        return f"{format_number(v * 86400)} per day"
    if d == MONEY:
        return f"${format_number(v)}"
    return f"{format_number(v)} {unit_name(d)}"


def format_like(q: Quantity, unit: str) -> str:
    """`q` in the unit the candidate used ("500 million minutes" rather than "951 years"),
    when that unit is a plain time or data unit; otherwise `format_quantity`."""
    from estimation.units import lookup_unit

    spoken = lookup_unit(unit) if unit and " " not in unit else None
    if spoken is None or spoken.dimension != q.dimension or spoken.dimension not in (TIME, DATA):
        return format_quantity(q)
    plural = spoken.dimension == TIME and len(unit) > 2 and not unit.endswith("s")
    name = f"{unit}s" if plural else unit  # "80 ms", "3 hrs" stay; "30 day" -> "30 days"
    value = q.value / spoken.factor
    if spoken.dimension == TIME and abs(value - 1) < 0.0005:
        name = unit
    return f"{format_number(value)} {name}"
