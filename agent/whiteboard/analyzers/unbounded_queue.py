"""UNBOUNDED_QUEUE: a queue with no size, retention, DLQ or backpressure stated."""

from __future__ import annotations

from agent.whiteboard.analyzers.board_context import BoardContext
from agent.whiteboard.analyzers.finding import BoardFinding, Severity
from agent.whiteboard.kinds import ComponentKind

CODE = "UNBOUNDED_QUEUE"


def check(ctx: BoardContext) -> list[BoardFinding]:
    findings = []
    for queue in ctx.of_kind(ComponentKind.QUEUE):
        if ctx.facts[queue.id].bounded:
            continue
        consumers = [ctx.get(cid) for cid in ctx.downstream[queue.id]]
        producers = [
            ctx.get(cid)
            for cid in ctx.upstream[queue.id]
            if not consumers or cid != consumers[0].id
        ]
        who = consumers[0].name if consumers else "the consumers"
        ahead = f" {producers[0].name}" if producers else ""
        findings.append(
            BoardFinding(
                CODE,
                Severity.MEDIUM,
                (queue.id, *(c.id for c in consumers[:1])),
                f"{queue.name} has no bound (looked for a max length, retention, cap, "
                "dead-letter queue or backpressure on the box, its notes and its arrows).",
                f"Your {queue.name} has no bound. When {who} falls an hour behind{ahead}, what "
                "happens to memory, latency and the oldest messages?",
            )
        )
    return findings
