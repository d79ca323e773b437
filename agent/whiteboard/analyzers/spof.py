"""SPOF: one instance of something most of the system depends on.

A component is a single point of failure when it is not replicated (no "x3", "cluster",
"primary/replica" note, and not a technology that is replicated by design) and losing it cuts
off at least half of the rest of the board: either everything behind it becomes unreachable
from the entry points, or everything in front of it depends on it (a shared database).
"""

from __future__ import annotations

from agent.whiteboard.analyzers.context import Context, is_replicated, names
from agent.whiteboard.analyzers.finding import Finding, Severity
from agent.whiteboard.kinds import ComponentKind

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
    counted = {c.id for c in ctx.components if c.kind not in _IGNORED}
    if len(counted) < 3:
        return []
    entries = [c.id for c in ctx.components if c.kind == ComponentKind.CLIENT]
    if not entries:
        entries = [cid for cid in ctx.board.components if not ctx.upstream[cid]]
    before = ctx.reachable(entries)
    findings = []
    for comp in ctx.components:
        if comp.kind not in _CANDIDATES or is_replicated(comp) or not ctx.upstream[comp.id]:
            continue
        if comp.kind == ComponentKind.CACHE and _has_fallback_store(ctx, comp.id):
            continue
        cut_off = (before - ctx.reachable(entries, blocked=comp.id) - {comp.id}) & counted
        dependents = ctx.ancestors(comp.id) & counted
        impacted = cut_off | dependents
        if len(impacted) < 2 or len(impacted) * 2 < len(counted - {comp.id}):
            continue
        others = len(counted - {comp.id})
        share = (
            f"all {others} other components"
            if len(impacted) == others
            else f"{len(impacted)} of the {others} other components"
        )
        if cut_off:
            behind = [c for c in ctx.components if c.id in cut_off]
            detail = f"{names(behind)} sit{'s' if len(behind) == 1 else ''} behind it"
        else:
            callers = [ctx.get(cid) for cid in ctx.upstream[comp.id]]
            detail = f"{names(callers)} depend{'s' if len(callers) == 1 else ''} on it"
        findings.append(
            Finding(
                CODE,
                Severity.HIGH,
                (comp.id, *(cid for cid in ctx.board.components if cid in impacted)),
                f"{comp.name} is a single instance that {share} depend on.",
                f"What happens when {comp.name} goes down? {detail}. "
                "What still works, and how do you fail over?",
            )
        )
    return findings


def _has_fallback_store(ctx: Context, cache_id: str) -> bool:
    """A cache whose callers also talk to a database degrades to slow, not down."""
    return any(
        ctx.get(other).kind == ComponentKind.DATABASE
        for caller in ctx.upstream[cache_id]
        for other in ctx.downstream[caller]
    )
