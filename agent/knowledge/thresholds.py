"""Estimate-conditioned probes: a computed result crossing a known scale limit."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from agent.knowledge.entries import Threshold
from agent.knowledge.knowledge_base import KnowledgeBase
from estimation import (
    BANDWIDTH,
    COUNT,
    DATA,
    RATE,
    TIME,
    ClaimCheck,
    Dimension,
    Quantity,
    format_quantity,
    parse_quantity,
)

DIMENSIONS: dict[str, Dimension] = {
    "data": DATA,
    "rate": RATE,
    "time": TIME,
    "count": COUNT,
    "bandwidth": BANDWIDTH,
}


@dataclass(frozen=True)
class ThresholdHit:
    entry_id: str
    claim_text: str
    value: Quantity
    question: str
    """The probe, with the candidate's value and the limit filled in."""


@functools.lru_cache(maxsize=64)
def _bound(text: str) -> Quantity:
    return parse_quantity(text)


def _crosses(threshold: Threshold, value: Quantity) -> bool:
    if value.dimension != DIMENSIONS[threshold.dimension]:
        return False
    if threshold.above is not None:
        return value.value > _bound(threshold.above).value
    return 0 < value.value < _bound(threshold.below).value


def threshold_probes(
    kb: KnowledgeBase, claims: Iterable[ClaimCheck], utterance: str = ""
) -> list[ThresholdHit]:
    """Probes for claims whose (recomputed, else stated) value crosses a threshold in context.

    The context is looked for in the claim's words, its name and the whole `utterance` it came
    from (a claim's text stops at its number: "... is 30 TB" loses "of storage"). The recomputed
    value is used when there is one, so a probe never builds on a slip.
    """
    hits = []
    claims = list(claims)
    values = [c.computed if c.computed is not None else c.stated for c in claims]
    for claim, value in zip(claims, values, strict=True):
        # "fits on one box" is about the total: a per-entry size said beside it ("24 bytes
        # each ... 4.8 GB") is not what fits
        smaller = any(v.dimension == value.dimension and v.value > value.value for v in values)
        for threshold in kb.thresholds.values():
            if threshold.below is not None and smaller:
                continue
            if not _crosses(threshold, value):
                continue
            context = f"{claim.name} {claim.text} {utterance}"
            if not any(re.search(p, context, re.IGNORECASE) for p in threshold.context):
                continue
            _, limit = kb.limit(threshold.limit)
            question = threshold.question.format(
                value=format_quantity(value), limit=format_quantity(parse_quantity(limit.value))
            )
            hits.append(ThresholdHit(threshold.id, claim.text, value, question))
    return hits
