"""Naming the slip behind a wrong drill answer the way the interviewer does ("looks like bits and
bytes got mixed up", "looks like per day vs per second"), from the ratio between the answer and
the exact value and the words the candidate used."""

from __future__ import annotations

import math
import re

from estimation import BANDWIDTH, DATA, RATE, TIME, Quantity, format_number, format_quantity

_BITS = re.compile(r"\b\w*bits?\b|\b[kmgtp]?bps\b", re.I)
_TIME_FACTORS = (
    (86_400, "per day vs per second"),
    (3_600, "per hour vs per second"),
    (365, "per year vs per day"),
    (30, "per month vs per day"),
    (24, "hours vs days"),
    (12, "per year vs per month"),
    (7, "per week vs per day"),
)
_DATA_PREFIXES = ("KB", "MB", "GB", "TB", "PB", "EB")


def _near(value: float, target: float, slack: float) -> bool:
    return abs(value / target - 1) <= slack


def name_slip(heard: Quantity, exact: Quantity, answer: str, timed: bool) -> str:
    """A clause naming the slip from ``heard`` to ``exact`` (same dimension), such as "off by 8 —
    looks like bits and bytes got mixed up". ``timed``: the question involves a time period, so a
    factor like 365 or 24 is read as a period slip rather than a coincidence."""
    ratio = heard.value / exact.value
    if ratio <= 0:
        return "the sign is off"
    direction = "too high" if ratio > 1 else "too low"
    big = ratio if ratio >= 1 else 1 / ratio
    data_like = exact.dimension in (DATA, BANDWIDTH)
    if data_like and _near(big, 8, 0.05):
        if ratio < 1 and _BITS.search(answer):
            return "8x too low — you said bits; looks like bits and bytes got mixed up"
        return f"off by 8 — looks like bits and bytes got mixed up ({direction})"
    if timed or exact.dimension in (RATE, BANDWIDTH, TIME):
        for factor, words in _TIME_FACTORS:
            slack = 0.2 if factor >= 3_600 else 0.04
            if _near(big, factor, slack):
                return f"off by {format_number(factor)} — looks like {words} ({direction})"
    for power in (3, 6, 9):
        if _near(big, 10**power, 0.1):
            return f"off by {format_number(10**power)} — looks like {_prefixes(heard, exact, power, data_like)} ({direction})"
    exponent = math.log10(big)
    if big >= 9 and abs(exponent - round(exponent)) < 0.06:
        return (
            f"about {format_number(10 ** round(exponent))}x {direction} — a dropped or extra zero"
        )
    if big < 1_000:
        return f"{format_number(big, 2)}x {direction}"
    return f"far {'too high' if ratio > 1 else 'too low'}"


def _prefixes(heard: Quantity, exact: Quantity, power: int, data_like: bool) -> str:
    """ "GB vs TB" when the answer's unit is the exact answer's shifted by ``power``."""
    if not data_like:
        return "thousand vs million" if power == 3 else "a scale word slipped"
    said, wanted = _unit(heard), _unit(exact)
    if said in _DATA_PREFIXES and wanted in _DATA_PREFIXES and said != wanted:
        return f"{said} vs {wanted}"
    step = power // 3
    index = _DATA_PREFIXES.index(wanted) if wanted in _DATA_PREFIXES else -1
    lower = _DATA_PREFIXES[index - step] if index - step >= 0 else ""
    return f"{lower} vs {wanted}" if lower else "a unit prefix slipped"


def _unit(q: Quantity) -> str:
    text = format_quantity(q)
    return text.rsplit(" ", 1)[-1].removesuffix("/s") if " " in text else ""


__all__ = ["name_slip"]
