"""ORPHAN: a box nothing connects to. Monitoring is exempt: it watches everything and is
usually drawn off to the side."""

from __future__ import annotations

from agent.whiteboard.analyzers.context import Context
from agent.whiteboard.analyzers.finding import Finding, Severity
from agent.whiteboard.kinds import ComponentKind

CODE = "ORPHAN"


def check(ctx: Context) -> list[Finding]:
    if len(ctx.board.components) < 2:
        return []
    return [
        Finding(
            CODE,
            Severity.LOW,
            (comp.id,),
            f"{comp.name} is not connected to anything.",
            f"{comp.name} isn't connected to anything on your board. What talks to it, and "
            "what does it talk to?",
        )
        for comp in ctx.components
        if comp.kind != ComponentKind.MONITORING
        and not ctx.upstream[comp.id]
        and not ctx.downstream[comp.id]
    ]
