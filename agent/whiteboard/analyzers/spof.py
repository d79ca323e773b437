"""SPOF: one instance of something most of the system depends on.

A component is a single point of failure when it is not replicated (no "x3", "cluster",
"primary/replica" note, and not a technology that is replicated by design) and losing it cuts
off at least half of the rest of the board: either everything behind it becomes unreachable
from the entry points, or everything in front of it depends on it (a shared database). A
failure travels back up synchronous arrows only: a queue or an async arrow in between means the
caller keeps going.
"""

from __future__ import annotations

from agent.whiteboard.analyzers.context import Context, names
from agent.whiteboard.analyzers.finding import Finding, Severity
from agent.whiteboard.graph import Component
from agent.whiteboard.kinds import ComponentKind
from agent.whiteboard.notes import read_facts

CODE = "SPOF"
# Stateless service boxes usually stand for a fleet; a box per instance is not how people draw.
_CANDIDATES = frozenset(
    {
        ComponentKind.DNS,
        ComponentKind.LOAD_BALANCER,
        ComponentKind.API_GATEWAY,
        ComponentKind.CACHE,
        ComponentKind.DATABASE,
        ComponentKind.QUEUE,
        ComponentKind.STREAM_PROCESSOR,
        ComponentKind.SEARCH,
        ComponentKind.AUTH,
        ComponentKind.RATE_LIMITER,
        ComponentKind.BLOB_STORE,
        ComponentKind.OTHER,
    }
)
_IGNORED = frozenset({ComponentKind.CLIENT, ComponentKind.MONITORING})


def check(ctx: Context) -> list[Finding]:
    """One finding per unreplicated component whose loss cuts off half the board."""
    counted = ctx.bits(c.id for c in ctx.components if c.kind not in _IGNORED)
    total = counted.bit_count()
    if total < 3:
        return []
    entries = [c.id for c in ctx.components if c.kind == ComponentKind.CLIENT]
    if not entries:
        entries = [cid for cid in ctx.board.components if not ctx.upstream[cid]]
    dominated = ctx.dominated_from(entries)
    ancestors = ctx.dependents
    databases = {c.id for c in ctx.components if c.kind == ComponentKind.DATABASE}
    feeds_db = {
        cid for cid in ctx.board.components if not databases.isdisjoint(ctx.downstream[cid])
    }
    findings = []
    for i, comp in enumerate(ctx.components):
        single = ctx.facts[comp.id].single
        if (comp.kind not in _CANDIDATES and not single) or not ctx.upstream[comp.id]:
            continue
        own = 1 << i
        cut_off = dominated[i] & counted & ~own
        impacted = (cut_off | ancestors[i]) & counted & ~own
        others = (counted & ~own).bit_count()
        size = impacted.bit_count()
        needed = others / 3 if single else others / 2
        if size < 1 or size < needed or (size < 2 and not single):
            continue
        if ctx.replicated(comp) or _replicated_group(ctx, comp):
            continue
        if comp.kind == ComponentKind.CACHE and any(c in feeds_db for c in ctx.upstream[comp.id]):
            continue  # its callers can fall back to the database: slower, not down
        share = (
            f"all {others} other components"
            if size == others
            else f"{size} of the {others} other components"
        )
        if cut_off:
            named = ctx.members(cut_off, limit=4)
            count = cut_off.bit_count()
            detail = f"{names(named, total=count)} sit{'s' if count == 1 else ''} behind it"
        else:
            named = [ctx.get(cid) for cid in dict.fromkeys(ctx.upstream[comp.id])]
            detail = f"{names(named)} depend{'s' if len(named) == 1 else ''} on it"
        findings.append(
            Finding(
                CODE,
                Severity.HIGH,
                (comp.id, *(c.id for c in named[:3])),
                f"{comp.name} is a single instance that {share} depend on"
                + (
                    f" (written: {single!r})."
                    if single
                    else " (no replicas, cluster or HA written)."
                ),
                f"What happens when {comp.name} goes down? {detail}. "
                "What still works, and how do you fail over?",
            )
        )
    return findings


def _replicated_group(ctx: Context, comp: Component) -> bool:
    """A box inside a frame that says it is repeated ("Edge node (x100)", "Redis cluster")."""
    group = ctx.board.groups.get(comp.group) if comp.group else None
    return group is not None and read_facts(group.label).replicated
