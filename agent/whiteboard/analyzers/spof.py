"""SPOF: one instance of something most of the system depends on.

A component is a single point of failure when it is not replicated (no "x3", "cluster",
"primary/replica" note, and not a technology that is replicated by design) and losing it cuts
off at least half of the rest of the board: either everything behind it becomes unreachable
from the entry points, or everything in front of it depends on it (a shared database). A
failure travels back up synchronous arrows only: a queue or an async arrow in between means the
caller keeps going.
"""

from __future__ import annotations

from agent.whiteboard.analyzers.board_context import BoardContext, names
from agent.whiteboard.analyzers.finding import BoardFinding, Severity
from agent.whiteboard.board import Component
from agent.whiteboard.kinds import ComponentKind
from agent.whiteboard.note_facts import read_facts

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


def check(ctx: BoardContext) -> list[BoardFinding]:
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
    stores = {c.id for c in ctx.components if c.kind in _DATA}
    feeds_db = {cid for cid in ctx.board.components if not stores.isdisjoint(ctx.downstream[cid])}
    on_every_path = _on_every_path(ctx)
    findings = []
    for i, comp in enumerate(ctx.components):
        single = ctx.facts[comp.id].single
        if comp.kind not in _CANDIDATES and not single:
            continue
        if not ctx.upstream[comp.id] and comp.id not in on_every_path:
            continue
        own = 1 << i
        cut_off = dominated[i] & counted & ~own
        impacted = (cut_off | ancestors[i]) & counted & ~own
        others = (counted & ~own).bit_count()
        size = impacted.bit_count()
        needed = others / 3 if single else others / 2
        cuts = size >= 1 and size >= needed and (size >= 2 or bool(single))
        if not cuts and comp.id not in on_every_path:
            continue
        if ctx.replicated(comp) or _replicated_group(ctx, comp):
            continue
        if comp.kind in _DATA and not single and len(set(ctx.upstream[comp.id])) < 2:
            continue  # one caller's own store: NO_REPLICATION asks about its copies
        if comp.kind == ComponentKind.CACHE and any(c in feeds_db for c in ctx.upstream[comp.id]):
            continue  # its callers can fall back to the store behind it: slower, not down
        share = (
            f"all {others} other components"
            if size == others
            else f"{size} of the {others} other components"
        )
        if not cuts:
            share = "every path from the clients to the data"
        if cut_off:
            named = ctx.members(cut_off, limit=4)
            count = cut_off.bit_count()
            detail = f"{names(named, total=count)} sit{'s' if count == 1 else ''} behind it"
        else:
            named = [ctx.get(cid) for cid in dict.fromkeys(ctx.upstream[comp.id])]
            detail = f"{names(named)} depend{'s' if len(named) == 1 else ''} on it"
        findings.append(
            BoardFinding(
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


def _replicated_group(ctx: BoardContext, comp: Component) -> bool:
    """A box inside a frame that says it is repeated ("Edge node (x100)", "Redis cluster")."""
    group = ctx.board.groups.get(comp.group) if comp.group else None
    return group is not None and read_facts(group.label).replicated


_DATA = frozenset({ComponentKind.DATABASE, ComponentKind.BLOB_STORE, ComponentKind.SEARCH})
_MAX_PATH_CHECK = 400


def _on_every_path(ctx: BoardContext) -> set[str]:
    """Components every client-to-data path goes through, whichever way the arrows were drawn
    (request and response arrows, read and write paths): removing one leaves the clients no
    way to the data. The only data store the clients reach counts too."""
    comps = list(ctx.components)
    if len(comps) > _MAX_PATH_CHECK:
        return set()
    clients = [c.id for c in comps if c.kind == ComponentKind.CLIENT]
    data = {c.id for c in comps if c.kind in _DATA}
    if not clients or not data:
        return set()
    neighbours: dict[str, set[str]] = {c.id: set() for c in comps}
    for edge in ctx.board.edges.values():
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)

    def reached(blocked: str | None) -> set[str]:
        seen = {c for c in clients if c != blocked}
        todo = list(seen)
        while todo:
            for nxt in neighbours[todo.pop()]:
                if nxt not in seen and nxt != blocked and ctx.get(nxt).kind != ComponentKind.CLIENT:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen & data

    reachable = reached(None)
    if not reachable:
        return set()
    found = set()
    if len(reachable) == 1:
        found |= reachable
    for comp in comps:
        if comp.kind == ComponentKind.CLIENT or comp.id in reachable:
            continue
        if neighbours[comp.id] and not reached(comp.id):
            found.add(comp.id)
    return found
