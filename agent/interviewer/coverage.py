"""Which back-of-the-envelope quantities the candidate has already given, by dimension (rate,
peak, bandwidth, storage, memory), against the scenario's reference estimates: an estimation
nudge asks only for what is still missing instead of the whole list again."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from typing import Any

from agent.interviewer.checked_claim import ClaimRecord
from agent.interviewer.estimate_log import AssumptionRecord
from scenarios import Scenario

RATE, PEAK, BANDWIDTH, STORAGE, MEMORY = "rate", "peak", "bandwidth", "storage", "memory"
DIMENSIONS = (RATE, PEAK, BANDWIDTH, STORAGE, MEMORY)
_KIND = {"qps": RATE, "peak": PEAK, "bandwidth": BANDWIDTH, "storage": STORAGE, "memory": MEMORY}
_MEMORY_WORDS = re.compile(r"\b(memory|ram|in.memory|cache|redis|memcached)\b", re.IGNORECASE)
_PEAK_WORDS = re.compile(r"\bpeak", re.IGNORECASE)
ASK = {
    RATE: "the average load per second",
    PEAK: "the peak",
    BANDWIDTH: "the bandwidth",
    STORAGE: "storage",
    MEMORY: "memory",
}
MISSING = (
    "That leaves {what}. {detail}",
    "What's still missing is {what}. {detail}",
    "Now {what}. {detail}",
)
ALL_COVERED = (
    "That covers the main numbers. Anything else you'd size before the design?",
    "Good, the numbers are in. Anything else you want to size before we design it?",
)


def dimension_of(unit: str, text: str, kind: str = "") -> str:
    """The dimension one stated value covers ("" for an input such as a 1 KB payload)."""
    if kind == "size":
        return ""
    if unit == "per second":
        return PEAK if _PEAK_WORDS.search(text) else RATE
    if unit == "bytes per second":
        return BANDWIDTH
    if unit == "bytes" and kind != "size":
        return MEMORY if _MEMORY_WORDS.search(text) else STORAGE
    return ""


def covered(claims: Iterable[ClaimRecord], assumptions: Iterable[AssumptionRecord]) -> set[str]:
    """Dimensions the candidate has stated a value for (wrong values count as attempted: the
    arithmetic check deals with those)."""
    out: set[str] = set()
    for claim in claims:
        text = f"{claim.text} {claim.name}"
        dim = dimension_of(claim.stated.unit, text)
        if claim.name == "peak" and dim == RATE:
            dim = PEAK
        if dim:
            out.add(dim)
    for assumption in assumptions:
        kind = assumption.kind
        if kind in ("multiplier", "size", "count", "duration"):
            continue
        dim = dimension_of(assumption.value.unit, assumption.text, kind)
        if dim:
            out.add(dim)
    return out


def expected(scenario: Scenario) -> list[tuple[str, str]]:
    """(dimension, description) of the first reference estimate in each dimension, in order."""
    out: dict[str, str] = {}
    for estimate in scenario.reference_estimates:
        dim = _KIND.get(estimate.kind)
        if dim and dim not in out:
            out[dim] = estimate.description
    return [(d, out[d]) for d in DIMENSIONS if d in out]


def missing(scenario: Scenario, state: dict[str, Any]) -> list[tuple[str, str]]:
    """The reference dimensions the candidate has not given yet."""
    done = covered(state.get("claims", []), state.get("assumptions", []))
    return [(d, desc) for d, desc in expected(scenario) if d not in done]


def nudge(scenario: Scenario, state: dict[str, Any], rng: random.Random) -> str | None:
    """Ask only for the missing quantities; None when nothing was covered yet (the generic
    phase prompt is then the right question)."""
    done = covered(state.get("claims", []), state.get("assumptions", []))
    if not done:
        return None
    gaps = [(d, desc) for d, desc in expected(scenario) if d not in done]
    if not gaps:
        return rng.choice(ALL_COVERED)
    what = _join([ASK[d] for d, _ in gaps[:2]])
    first = gaps[0][1].rstrip(".")
    article = "" if re.match(r"(the|a|an|all|each|every)\b", first, re.IGNORECASE) else "the "
    detail = f"How much for {article}{first[:1].lower()}{first[1:]}?"
    if gaps[0][0] in (RATE, PEAK, BANDWIDTH):
        detail = f"What do you get for {first[:1].lower()}{first[1:]}?"
    return rng.choice(MISSING).format(what=what, detail=detail)


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
