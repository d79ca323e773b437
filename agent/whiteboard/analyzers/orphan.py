"""ORPHAN: boxes nothing connects to, as one finding naming them. Monitoring is exempt: it
watches everything and is usually drawn off to the side."""

from __future__ import annotations

from agent.whiteboard.analyzers.board_context import BoardContext, names
from agent.whiteboard.analyzers.finding import BoardFinding, Severity
from agent.whiteboard.kinds import ComponentKind

CODE = "ORPHAN"
SHOWN = 5


def check(ctx: BoardContext) -> list[BoardFinding]:
    if len(ctx.board.components) < 2:
        return []
    lonely = [
        comp
        for comp in ctx.components
        if comp.kind != ComponentKind.MONITORING
        and not ctx.upstream[comp.id]
        and not ctx.downstream[comp.id]
    ]
    if not lonely:
        return []
    if len(lonely) == 1:
        comp = lonely[0]
        return [
            BoardFinding(
                CODE,
                Severity.LOW,
                (comp.id,),
                f"{comp.name} is not connected to anything.",
                f"{comp.name} isn't connected to anything on your board. What talks to it, and "
                "what does it talk to?",
            )
        ]
    listed = names(lonely, limit=SHOWN)
    return [
        BoardFinding(
            CODE,
            Severity.LOW,
            tuple(c.id for c in lonely),
            f"{len(lonely)} components are not connected: {listed}.",
            f"{listed} aren't connected to anything on your board. What talks to them, and "
            "what do they talk to?",
            count=len(lonely),
        )
    ]
