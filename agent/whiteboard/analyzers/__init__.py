"""Analyzers: each looks at the board for one thing a Staff interviewer would point at.

`analyze(board, scenario)` runs them all and returns findings, most severe first. Every
analyzer is a module with `CODE` and `check(ctx) -> list[BoardFinding]`; add one by listing it in
`ANALYZERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from agent.whiteboard.analyzers import (
    bidirectional_sync,
    cache_ttl,
    db_not_sharded,
    mixed_consistency,
    monitoring,
    no_replication,
    orphan,
    spof,
    unbounded_queue,
    upstream_stops,
)
from agent.whiteboard.analyzers.board_context import BoardContext, names
from agent.whiteboard.analyzers.finding import SEVERITY_ORDER, BoardFinding, Severity
from agent.whiteboard.board import Board
from agent.whiteboard.scenario_view import scenario_view

ANALYZERS: dict[str, Callable[[BoardContext], list[BoardFinding]]] = {
    module.CODE: module.check
    for module in (
        spof,
        mixed_consistency,
        db_not_sharded,
        monitoring,
        cache_ttl,
        bidirectional_sync,
        upstream_stops,
        unbounded_queue,
        no_replication,
        orphan,
    )
}
CODES: tuple[str, ...] = tuple(ANALYZERS)


def analyze(board: Board, scenario: Any = None) -> list[BoardFinding]:
    """Every finding on the board, most severe first (stable within a severity).

    `scenario` is a `scenarios.Scenario` (or None): it supplies the scale for DB_NOT_SHARDED and
    the per-operation consistency for SHARED_STORE_MIXED_CONSISTENCY.
    """
    from agent.whiteboard.understanding import understood

    ctx = BoardContext.build(understood(board), scenario_view(scenario))
    findings = [finding for check in ANALYZERS.values() for finding in check(ctx)]
    findings = group_findings(findings, ctx)
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])


GROUP_AFTER = 3
"""More findings of one code than this become one finding naming every component."""
_SHOWN = 5


def group_findings(findings: list[BoardFinding], ctx: BoardContext) -> list[BoardFinding]:
    """Many findings of one code ("no replicas" on 40 stores) become one: "40 components ...:
    A, B, C, D, E and 35 more", whose question is asked about the first."""
    by_code: dict[str, list[BoardFinding]] = {}
    for finding in findings:
        by_code.setdefault(finding.code, []).append(finding)
    grouped: list[BoardFinding] = []
    for code, same in by_code.items():
        if len(same) <= GROUP_AFTER or any(f.count > 1 for f in same):
            grouped.extend(same)
            continue
        subjects = [f.components[0] for f in same if f.components]
        named = names([ctx.get(cid) for cid in subjects], limit=_SHOWN)
        first = same[0]
        grouped.append(
            BoardFinding(
                code,
                first.severity,
                tuple(subjects),
                f"{len(same)} components: {named}. {first.message}",
                f"{first.question} The same goes for {len(same) - 1} more: "
                f"{names([ctx.get(cid) for cid in subjects[1:]], limit=_SHOWN)}.",
                count=len(subjects),
            )
        )
    return grouped


__all__ = ["ANALYZERS", "CODES", "BoardContext", "BoardFinding", "Severity", "analyze"]
