"""Reference numbers (placeholder until the knowledge base lands in this module)."""

from __future__ import annotations

from estimation.finding_types import NO_FINDINGS


def capacity_findings(tokens, sentence, pool):  # noqa: ANN001
    return list(NO_FINDINGS)
