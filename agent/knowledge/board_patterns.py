"""Recognising patterns and anti-patterns on the whiteboard graph."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from agent.knowledge.knowledge_base import KnowledgeBase
from agent.whiteboard import Board, BoardFinding, Component, ComponentKind, EdgeMode

CHAIN_KINDS = frozenset(
    {ComponentKind.SERVICE, ComponentKind.API_GATEWAY, ComponentKind.AUTH, ComponentKind.OTHER}
)
LONG_CHAIN_HOPS = 4


@dataclass(frozen=True)
class BoardHit:
    entry_id: str
    kind: str
    """"pattern" or "anti-pattern"."""
    components: tuple[str, ...]
    """Board ids, the one the question is about first."""
    count: int = 0
    """A size that goes into the question (hops of a chain)."""


def _text(component: Component) -> str:
    return " ".join([component.label, *component.notes]).lower()


def _board_text(board: Board) -> str:
    parts = [_text(c) for c in board.components.values()]
    parts += [edge.label.lower() for edge in board.edges.values()]
    return "\n".join(parts)


def hash_ring_without_vnodes(board: Board) -> list[BoardHit]:
    """A hash ring on the board and no mention of virtual nodes anywhere on it."""
    if re.search(r"virtual node|vnode|tokens? per node", _board_text(board)):
        return []
    return [
        BoardHit("hashing-without-virtual-nodes", "anti-pattern", (c.id,))
        for c in board.components.values()
        if re.search(r"consistent hash|hash ring", _text(c))
    ]


def long_sync_chain(board: Board) -> list[BoardHit]:
    """The longest chain of synchronous calls between services, when it has 4 or more hops."""
    calls: dict[str, list[str]] = {}
    for edge in board.edges.values():
        if edge.mode != EdgeMode.SYNC or edge.bidirectional:
            continue
        ends = (board.components.get(edge.source), board.components.get(edge.target))
        if all(end is not None and end.kind in CHAIN_KINDS for end in ends):
            calls.setdefault(edge.source, []).append(edge.target)

    best: list[str] = []

    def walk(path: list[str]) -> None:
        nonlocal best
        if len(path) > len(best):
            best = list(path)
        for nxt in calls.get(path[-1], ()):
            if nxt not in path and len(path) < 32:
                walk([*path, nxt])

    for start in calls:
        walk([start])
    hops = len(best) - 1
    if hops < LONG_CHAIN_HOPS:
        return []
    return [BoardHit("chatty-synchronous-chain", "anti-pattern", tuple(best), count=hops)]


def timestamp_shard_key(board: Board) -> list[BoardHit]:
    """A store whose note says it is sharded or partitioned by time or date."""
    pattern = re.compile(
        r"(shard|partition)\w*\s+(key\s*[:=]?\s*)?(by\s+|on\s+)?(the\s+)?(date|day|time|timestamp|created_at)"
    )
    return [
        BoardHit("hot-partition", "anti-pattern", (c.id,))
        for c in board.components.values()
        if pattern.search(_text(c))
    ]


def dual_write(board: Board) -> list[BoardHit]:
    """A service that writes both to a database and to a queue, with no outbox or CDC in sight."""
    if re.search(r"outbox|\bcdc\b|change data capture|debezium", _board_text(board)):
        return []
    hits = []
    for component in board.of_kind(ComponentKind.SERVICE):
        targets = {
            board.components[e.target]
            for e in board.edges_of(component.id)
            if e.source == component.id and e.target in board.components
        }
        stores = [t for t in targets if t.kind == ComponentKind.DATABASE]
        queues = [
            t for t in targets if t.kind in (ComponentKind.QUEUE, ComponentKind.STREAM_PROCESSOR)
        ]
        if stores and queues:
            hits.append(
                BoardHit(
                    "dual-write-without-outbox",
                    "anti-pattern",
                    (component.id, stores[0].id, queues[0].id),
                )
            )
    return hits


def retry_edge_without_backoff(board: Board) -> list[BoardHit]:
    """An edge or component that retries with no backoff or jitter written next to it."""
    hits = []
    for edge in board.edges.values():
        label = edge.label.lower()
        if "retr" in label and not re.search(r"backoff|back off|jitter", label):
            hits.append(
                BoardHit("retries-without-backoff", "anti-pattern", (edge.source, edge.target))
            )
    for component in board.components.values():
        text = _text(component)
        if re.search(r"\bretr(y|ies)\b", text) and not re.search(r"backoff|back off|jitter", text):
            hits.append(BoardHit("retries-without-backoff", "anti-pattern", (component.id,)))
    return hits


CHECKS: dict[str, Callable[[Board], list[BoardHit]]] = {
    "hash_ring_without_vnodes": hash_ring_without_vnodes,
    "long_sync_chain": long_sync_chain,
    "timestamp_shard_key": timestamp_shard_key,
    "dual_write": dual_write,
    "retry_edge_without_backoff": retry_edge_without_backoff,
}


def recognise_on_board(
    kb: KnowledgeBase, board: Board, findings: Iterable[BoardFinding] = ()
) -> list[BoardHit]:
    """Patterns drawn on the board and anti-patterns it shows, from its labels, structure and the
    whiteboard analyzers' findings (so SPOF or CACHE_NO_TTL are not detected twice)."""
    hits: list[BoardHit] = []
    for pattern in kb.patterns.values():
        wanted = [label.lower() for label in pattern.recognise.board_labels]
        for component in board.components.values():
            text = _text(component)
            # whole words from the start: "cell" is a bulkhead, "cancellation" is not
            if any(re.search(rf"\b{re.escape(label)}", text) for label in wanted):
                hits.append(BoardHit(pattern.id, "pattern", (component.id,)))
                break
    findings = list(findings)
    for anti in kb.anti_patterns.values():
        rule = anti.detect.board
        if rule is None:
            continue
        for finding in findings:
            if finding.code in rule.findings:
                hits.append(BoardHit(anti.id, "anti-pattern", finding.components))
        if rule.check:
            hits.extend(hit for hit in CHECKS[rule.check](board) if hit.entry_id == anti.id)
    return hits
