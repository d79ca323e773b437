"""NO_REPLICATION: a store holding data with only one copy of it."""

from __future__ import annotations

from agent.whiteboard.analyzers.board_context import BoardContext
from agent.whiteboard.analyzers.finding import BoardFinding, Severity
from agent.whiteboard.kinds import ComponentKind

CODE = "NO_REPLICATION"
# Only a source of truth loses data with its disk. Caches and search indexes are rebuilt from
# it, and a queue's durability is UNBOUNDED_QUEUE's question (retention, DLQ), not a replica's.
_DURABLE = (ComponentKind.DATABASE, ComponentKind.BLOB_STORE)


def check(ctx: BoardContext) -> list[BoardFinding]:
    findings = []
    for store in ctx.of_kind(*_DURABLE):
        if ctx.replicated(store):
            continue
        writers = [ctx.get(cid) for cid in ctx.upstream[store.id]]
        lost = (
            f"every write {writers[0].name} made since the last backup"
            if writers
            else "the data since the last backup"
        )
        findings.append(
            BoardFinding(
                CODE,
                Severity.MEDIUM,
                (store.id,),
                f"{store.name} has no replicas written on the board (looked for replicas, RF=N, "
                "standby, Multi-AZ, a cluster, a replication arrow or stacked copies).",
                f"I don't see replication on {store.name}. If its disk dies, do you lose "
                f"{lost}? How many replicas, and is replication sync or async?",
            )
        )
    return findings
