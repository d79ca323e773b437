"""BIDIRECTIONAL_SYNC: two-way sync between stateful components with no stated winner.

A two-way arrow between a client and an API is just request/response; a two-way arrow between
two things that hold state (a local counter and Redis, two databases) is replication in both
directions, and the interviewer wants to know who wins when they disagree.
"""

from __future__ import annotations

import re

from agent.whiteboard.analyzers.board_context import BoardContext
from agent.whiteboard.analyzers.finding import BoardFinding, Severity
from agent.whiteboard.kinds import ComponentKind

CODE = "BIDIRECTIONAL_SYNC"
_STATEFUL = frozenset(
    {
        ComponentKind.CACHE,
        ComponentKind.DATABASE,
        ComponentKind.QUEUE,
        ComponentKind.SEARCH,
        ComponentKind.BLOB_STORE,
        ComponentKind.RATE_LIMITER,
    }
)
_SYNC_WORDS = re.compile(r"\b(?:sync\w*|replicat\w*|mirror\w*|reconcil\w*|merge)\b", re.I)


def check(ctx: BoardContext) -> list[BoardFinding]:
    findings = []
    seen: set[frozenset[str]] = set()
    directed = {(e.source, e.target) for e in ctx.board.edges.values()}
    for edge in ctx.board.edges.values():
        if not edge.bidirectional and (edge.target, edge.source) not in directed:
            continue
        pair = frozenset((edge.source, edge.target))
        if pair in seen:
            continue
        a, b = ctx.get(edge.source), ctx.get(edge.target)
        edges = ctx.edges_between(a.id, b.id)
        labels = " ".join(e.label for e in edges)
        if not ((a.kind in _STATEFUL and b.kind in _STATEFUL) or _SYNC_WORDS.search(labels)):
            continue
        seen.add(pair)
        if (
            ctx.facts[a.id].priority
            or ctx.facts[b.id].priority
            or _priority_in(labels)
            or ctx.board_facts.priority
            or _rule_on_same_kind_of_link(ctx, labels)
        ):
            continue
        mode = "async " if any(e.mode.value == "async" for e in edges) else ""
        findings.append(
            BoardFinding(
                CODE,
                Severity.MEDIUM,
                (a.id, b.id),
                f"Two-way {mode}sync between {a.name} and {b.name} with no stated conflict rule "
                "(looked for last-write-wins, vector clocks, quorum, 'X wins').",
                f"Your {mode}sync arrows between {a.name} and {b.name} are bidirectional. In "
                f"the case of a partition between them, which direction takes priority? Does "
                f"{a.name} keep going on its own, or pause until {b.name} is reachable?",
            )
        )
    return findings


def _priority_in(text: str) -> bool:
    from agent.whiteboard.note_facts import read_facts

    return bool(text) and read_facts(text).priority is not None


def _rule_on_same_kind_of_link(ctx: BoardContext, labels: str) -> bool:
    """A conflict rule written on one "gossip" link covers the other gossip links."""
    words = set(re.findall(r"\w+", labels.lower()))
    if not words:
        return False
    for edge in ctx.board.edges.values():
        if (
            edge.label
            and _priority_in(edge.label)
            and words <= set(re.findall(r"\w+", edge.label.lower()))
        ):
            return True
    return False
