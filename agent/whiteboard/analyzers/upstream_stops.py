"""UPSTREAM_STOPS: what is served when a stream processor or feeder stops producing.

A feeder is a stream processor, or a service that consumes from a queue and writes into a store
someone else reads. The question stays quiet when the board says how readers degrade (a TTL on
the store it feeds, "serve stale", "fail closed", "fallback").
"""

from __future__ import annotations

from agent.whiteboard.analyzers.board_context import BoardContext, states_degradation
from agent.whiteboard.analyzers.finding import BoardFinding, Severity
from agent.whiteboard.board import Component
from agent.whiteboard.kinds import ComponentKind

CODE = "UPSTREAM_STOPS"
_STORES = frozenset(
    {ComponentKind.CACHE, ComponentKind.DATABASE, ComponentKind.SEARCH, ComponentKind.BLOB_STORE}
)
_SERVERS = frozenset({ComponentKind.SERVICE, ComponentKind.API_GATEWAY})


def check(ctx: BoardContext) -> list[BoardFinding]:
    findings = []
    for feeder in ctx.components:
        if not _is_feeder(ctx, feeder):
            continue
        targets = [ctx.get(cid) for cid in ctx.downstream[feeder.id]]
        if feeder.kind == ComponentKind.STREAM_PROCESSOR:
            targets = [t for t in targets if t.kind in _STORES or t.kind in _SERVERS]
        else:
            targets = [t for t in targets if t.kind in _STORES and _read_by_others(ctx, t, feeder)]
        if not targets:
            continue
        texts = [*feeder.notes]
        for target in targets:
            texts.extend(target.notes)
            texts.extend(e.label for e in ctx.edges_between(feeder.id, target.id))
        if states_degradation(*texts) or any(t.facts.ttl for t in targets):
            continue
        target = targets[0]
        server = _server_of(ctx, target)
        if target.kind in _STORES and server is not target:
            question = (
                f"What happens when the link between {feeder.name} and {target.name} goes down? "
                f"Does {server.name} keep serving the last values in {target.name}, and for how "
                "long is that acceptable?"
            )
        else:
            question = (
                f"Your {feeder.name} feeds into {target.name}. What happens if {feeder.name} "
                f"experiences a partition and stops producing updates? Does {server.name} serve "
                "stale data, or does it fail closed?"
            )
        findings.append(
            BoardFinding(
                CODE,
                Severity.MEDIUM,
                (feeder.id, target.id, *((server.id,) if server is not target else ())),
                f"Nothing says what {server.name} serves when {feeder.name} stops producing "
                "updates.",
                question,
            )
        )
    return findings


def _is_feeder(ctx: BoardContext, comp: Component) -> bool:
    if comp.kind == ComponentKind.STREAM_PROCESSOR:
        return True
    if comp.kind not in (ComponentKind.SERVICE, ComponentKind.OTHER):
        return False
    fed_by_queue = any(ctx.get(cid).kind == ComponentKind.QUEUE for cid in ctx.upstream[comp.id])
    fills_store = any(ctx.get(cid).kind in _STORES for cid in ctx.downstream[comp.id])
    return fed_by_queue and fills_store


def _server_of(ctx: BoardContext, target: Component) -> Component:
    """Who answers readers from what the feeder produced: the target itself if it is a
    service, else the first non-feeder component reading from it."""
    if target.kind not in _STORES:
        return target
    for cid in ctx.upstream[target.id] + ctx.downstream[target.id]:
        reader = ctx.get(cid)
        if reader.kind in (ComponentKind.SERVICE, ComponentKind.API_GATEWAY) and not _is_feeder(
            ctx, reader
        ):
            return reader
    return target


def _read_by_others(ctx: BoardContext, store: Component, feeder: Component) -> bool:
    """Someone besides feeders touches the store, so stale data there reaches a reader."""
    return any(
        cid != feeder.id and not _is_feeder(ctx, ctx.get(cid))
        for cid in ctx.upstream[store.id] + ctx.downstream[store.id]
    )
