"""Name the usual slip behind a wrong number, in words an interviewer would say.

Most wrong estimates are off by a recognisable factor: a different multiplier than the one
assumed (5x instead of 3x), 8 (bits vs bytes), 86,400 or 3,600 (per day vs per second), 1,000
(KB vs MB, thousand vs million), a power of ten (a dropped zero). Saying which one helps the
candidate far more than "that's wrong".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from estimation.formatting import format_number, format_quantity
from estimation.quantity import BANDWIDTH, COUNT, DATA, RATE, Quantity


@dataclass(frozen=True)
class Diagnosis:
    slip: str
    """multiplier, bits_vs_bytes, per_day_vs_per_second, unit_prefix, order_of_magnitude,
    arithmetic."""
    remark: str
    """The clause that names the slip ("that's 5x, not 3x")."""


def _near(ratio: float, target: float, slack: float = 0.04) -> bool:
    return target > 0 and abs(ratio / target - 1) <= slack


def say(q: Quantity, bits: bool = False) -> str:
    """A quantity as said aloud; counts and rates drop their unit when the context has it."""
    return format_quantity(q, bits=bits)


def _times(ratio: float) -> str:
    if ratio >= 1:
        return f"{format_number(ratio, 2)}x"
    return f"1/{format_number(1 / ratio, 2)}"


def multiplier_slip(base: Quantity, multiplier: float, stated: Quantity) -> Diagnosis | None:
    """The stated value is another multiple of the base: "3x of 12,000 is 36,000 — 60,000 is 5x"."""
    if not base.value or multiplier <= 0:
        return None
    actual = stated.value / base.value
    if actual <= 0 or _near(actual, multiplier, 0.15):
        return None
    if actual > 20:
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


def diagnose(computed: Quantity, stated: Quantity) -> Diagnosis:
    """The most likely slip for a stated value far from the computed one."""
    if not computed.value:
        return Diagnosis("arithmetic", "that doesn't follow")
    ratio = stated.value / computed.value
    if ratio <= 0:
        return Diagnosis("arithmetic", "the sign is off")
    direction = "too high" if ratio > 1 else "too low"
    big = ratio if ratio >= 1 else 1 / ratio
    data_like = computed.dimension in (DATA, BANDWIDTH)
    if data_like and _near(big, 8):
        return Diagnosis(
            "bits_vs_bytes",
            f"off by 8 — looks like bits and bytes got mixed up ({_times(ratio)})",
        )
    for factor, words in ((86_400, "per day vs per second"), (3_600, "per hour vs per second")):
        if _near(big, factor, 0.2):
            return Diagnosis(
                "per_day_vs_per_second",
                f"off by about {format_number(factor)} — looks like {words}",
            )
    if _near(big, 24, 0.05) or _near(big, 60, 0.05):
        return Diagnosis(
            "per_day_vs_per_second",
            f"off by {format_number(round(big))} — a time conversion slipped (hours vs days or minutes)",
        )
    for factor, words in ((1e3, "KB vs MB"), (1e6, "KB vs GB"), (1e9, "KB vs TB")):
        if _near(big, factor, 0.1):
            what = (
                words if data_like else "thousand vs million" if factor == 1e3 else "a scale word"
            )
            return Diagnosis(
                "unit_prefix",
                f"off by {format_number(factor)} — looks like {what} ({direction})",
            )
    exponent = math.log10(big)
    if big >= 9 and abs(exponent - round(exponent)) < 0.06:
        return Diagnosis(
            "order_of_magnitude", f"about {format_number(10 ** round(exponent))}x {direction}"
        )
    return Diagnosis("arithmetic", f"about {format_number(big, 2)}x {direction}")
