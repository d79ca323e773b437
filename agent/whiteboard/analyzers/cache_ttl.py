"""CACHE_NO_TTL: a cache with neither a TTL/expiry nor an eviction policy written on it."""

from __future__ import annotations

from agent.whiteboard.analyzers.board_context import BoardContext
from agent.whiteboard.analyzers.finding import BoardFinding, Severity
from agent.whiteboard.kinds import ComponentKind

CODE = "CACHE_NO_TTL"


def check(ctx: BoardContext) -> list[BoardFinding]:
    findings = []
    for cache in ctx.of_kind(ComponentKind.CACHE):
        facts = ctx.facts[cache.id]
        if facts.ttl or facts.eviction:
            continue
        writers = [
            ctx.get(cid)
            for cid in ctx.upstream[cache.id]
            if ctx.get(cid).kind not in (ComponentKind.CLIENT, ComponentKind.MONITORING)
        ]
        writer = writers[0].name if writers else "whatever fills it"
        findings.append(
            BoardFinding(
                CODE,
                Severity.MEDIUM,
                (cache.id, *(w.id for w in writers[:1])),
                f"{cache.name} has no TTL or eviction policy (looked on the box, its notes and "
                "its arrows for TTL, expiry, EXPIRE/EX, LRU/LFU, evict, maxmemory).",
                f"Your {cache.name} has no TTL annotation. If {writer} goes down for ten "
                "minutes, readers keep seeing the last cached value indefinitely. Is that "
                "acceptable? And what gets evicted when it fills up?",
            )
        )
    return findings
