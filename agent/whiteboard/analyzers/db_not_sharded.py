"""DB_NOT_SHARDED: one database node at a scale that needs more than one.

The thresholds are interview ballparks for a single well-provisioned relational node (see the
knowledge base's scale limits: ~10,000 simple writes/s for Postgres, ~2 TB per node before
rebuilds and backups get painful); the scale comes from the scenario, so with no scenario this
analyzer stays quiet.
"""

from __future__ import annotations

from agent.whiteboard.analyzers.board_context import BoardContext
from agent.whiteboard.analyzers.finding import BoardFinding, Severity
from agent.whiteboard.kinds import ComponentKind
from agent.whiteboard.note_facts import scale_in

CODE = "DB_NOT_SHARDED"
WRITES_PER_NODE = 10_000.0
BYTES_PER_NODE = 2e12
POPULATION_PER_NODE = 100e6


def check(ctx: BoardContext) -> list[BoardFinding]:
    scale = ctx.scenario
    reasons = []
    if scale.peak_writes and scale.peak_writes.value > WRITES_PER_NODE:
        reasons.append(f"{scale.peak_writes.spoken} at peak")
    if scale.storage and scale.storage.value > BYTES_PER_NODE:
        reasons.append(f"{scale.storage.spoken} of data")
    if scale.population and scale.population.value > POPULATION_PER_NODE:
        reasons.append(f"{scale.population.spoken} {scale.population.name.replace('_', ' ')}")
    if not reasons:
        written = next((s for s in map(scale_in, _scale_texts(ctx)) if s), None)
        if written:
            reasons.append(f"the {written!r} written on the board")
    if not reasons:
        return []
    need = (
        " and ".join(reasons)
        if len(reasons) < 3
        else ", ".join(reasons[:-1]) + " and " + reasons[-1]
    )
    findings = []
    for db in ctx.of_kind(ComponentKind.DATABASE):
        if ctx.sharded(db):
            continue
        findings.append(
            BoardFinding(
                CODE,
                Severity.HIGH,
                (db.id,),
                f"{db.name} is a single unsharded database node (looked for shard, partition "
                f"key, consistent hashing), but the design needs {need}.",
                f"{db.name} looks like one node with no sharding strategy, for {need}. How do "
                "you split it, and what is the shard key?",
            )
        )
    return findings


def _scale_texts(ctx: BoardContext) -> list[str]:
    """Where people write scale: annotations, notes, labels."""
    texts = list(ctx.board.annotations)
    for comp in ctx.components:
        texts.append(comp.label)
        texts.extend(comp.notes)
    return texts
