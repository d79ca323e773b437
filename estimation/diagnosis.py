"""Name the usual slip behind a wrong number, in words an interviewer would say.

Most wrong estimates are off by a recognisable factor: another multiplier than the one assumed
(5x instead of 3x), 8 (bits vs bytes), 86,400, 3,600, 24 or 30 (a time base: per day vs per
second), 1,000 (a unit prefix: GB vs TB), 10 or 100 (a power of ten), 365 or 30 for a total (a
factor named and then left out). Saying which one helps the candidate far more than "that's
wrong", and a ratio is only said when it is a clean factor a person would recognise.

Slip names: bits_vs_bytes, per_day_vs_per_second, unit_prefix, order_of_magnitude (a power of
ten), dropped_factor, multiplier, arithmetic (and, from the session, contradicts_earlier).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from estimation.formatting import format_number, format_quantity
from estimation.quantity import BANDWIDTH, COUNT, DATA, RATE, Quantity

MAX_SPOKEN_RATIO = 1000.0
"""A ratio larger than this is never said aloud ("2.5 millionx"): the right value is."""


@dataclass(frozen=True)
class Diagnosis:
    slip: str
    """bits_vs_bytes, per_day_vs_per_second, unit_prefix, order_of_magnitude, dropped_factor,
    multiplier, arithmetic."""
    remark: str
    """The clause that names the slip ("looks like bits and bytes got mixed up")."""


def _near(ratio: float, target: float, slack: float = 0.04) -> bool:
    return target > 0 and abs(ratio / target - 1) <= slack


def say(q: Quantity, bits: bool = False) -> str:
    """A quantity as said aloud; counts and rates drop their unit when the context has it."""
    return format_quantity(q, bits=bits)


def clean_ratio(big: float) -> str | None:
    """ "3x", "10x", "2.5x" when `big` is a factor a person would recognise, else None."""
    if big > MAX_SPOKEN_RATIO or big < 1.3:
        return None
    for step in (0.5, 1.0, 10.0, 100.0):
        rounded = round(big / step) * step
        if rounded and abs(big / rounded - 1) <= 0.06 and (step >= 1 or big < 10):
            return f"{format_number(rounded)}x"
    return None


def multiplier_slip(base: Quantity, multiplier: float, stated: Quantity) -> Diagnosis | None:
    """The stated value is another multiple of the base: "3x of 12,000 is 36,000 — 60,000 is 5x"."""
    if not base.value or multiplier <= 0:
        return None
    actual = stated.value / base.value
    if actual <= 0 or _near(actual, multiplier, 0.15):
        return None
    if actual > 20 or actual < 0.9:
        return None
    rounded = round(actual * 2) / 2
    if abs(actual - rounded) > 0.08 * max(rounded, 1):
        return None
    unit_free = base.dimension in (COUNT, RATE)
    b = format_number(base.value) if unit_free else say(base)
    r = base * multiplier
    result = format_number(r.value) if unit_free else say(r)
    s = format_number(stated.value) if unit_free else say(stated)
    return Diagnosis(
        "multiplier",
        f"{format_number(multiplier)}x of {b} is {result} — {s} is {format_number(rounded)}x",
    )


_PREFIXES = (("PB", 1e15), ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("bytes", 1.0))


def _prefix(value: float) -> str:
    for name, scale in _PREFIXES:
        if abs(value) >= scale * 0.9995:
            return name
    return "bytes"


def diagnose(
    computed: Quantity, stated: Quantity, total: bool = False, bits: bool = False
) -> Diagnosis:
    """The most likely slip for a stated value far from the computed one. `total`: the
    result is an amount over a period (storage over a year), not a rate. `bits`: bits were
    said, so a factor near 8 (with a rounded day on top: 9.3) is bits and bytes."""
    if not computed.value:
        return Diagnosis("arithmetic", "that doesn't follow")
    ratio = stated.value / computed.value
    if ratio <= 0:
        return Diagnosis("arithmetic", "the sign is off")
    high = ratio > 1
    direction = "too high" if high else "too low"
    big = ratio if high else 1 / ratio
    data_like = computed.dimension in (DATA, BANDWIDTH)
    if data_like and (_near(big, 8) or bits and _near(big, 8.6, 0.1)):
        return Diagnosis("bits_vs_bytes", "looks like bits and bytes got mixed up")
    rate = computed.dimension.time < 0
    for factor, words in (
        (86_400, "per day vs per second"),
        (100_000, "per day vs per second"),
        (3_600, "per hour vs per second"),
        (1_440, "minutes in a day, not seconds"),
        (24, "hours in a day, not seconds"),
        (60, "a minute vs an hour or second"),
        (30, "per month vs per day"),
        (7, "per week vs per day"),
    ):
        if _near(big, factor, 0.1 if factor > 1000 else 0.05) and (rate or factor >= 1440):
            return Diagnosis("per_day_vs_per_second", f"looks like {words}")
    if total and not rate:
        for factor, words in ((365, "the 365 days"), (30, "the 30 days"), (12, "the 12 months")):
            if _near(big, factor, 0.05):
                return Diagnosis("dropped_factor", f"looks like {words} got left out")
    for factor in (1e3, 1e6, 1e9):
        if _near(big, factor, 0.1):
            if data_like:
                said_unit, right_unit = _prefix(stated.value), _prefix(computed.value)
                if said_unit == right_unit:  # 999 GB vs 1 TB: name the step instead
                    said_unit, right_unit = "a thousand", "a million"
                what = f"{said_unit} vs {right_unit}"
            else:
                what = "thousand vs million" if factor == 1e3 else "a scale word"
            return Diagnosis("unit_prefix", f"a unit prefix slipped ({what})")
    if computed.dimension.time and _near(big, 8.64, 0.03):
        return Diagnosis("order_of_magnitude", "a day is 86,400 seconds, not 10,000")
    exponent = math.log10(big)
    if big >= 9 and abs(exponent - round(exponent)) < 0.06:
        times = 10 ** round(exponent)
        if times > MAX_SPOKEN_RATIO:
            return Diagnosis("order_of_magnitude", f"powers of ten are off ({direction})")
        return Diagnosis(
            "order_of_magnitude", f"a power of ten off ({format_number(times)}x {direction})"
        )
    spoken = clean_ratio(big)
    if spoken is None:
        return Diagnosis("arithmetic", "the arithmetic doesn't hold")
    return Diagnosis("arithmetic", f"about {spoken} {direction}")
