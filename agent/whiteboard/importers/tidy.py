"""Clean-ups every drawing importer applies after reading a board: numbered copies of one
component ("Fetcher 1", "Fetcher 2", "...") become one component with instances, and
unconnected sketches of things that are not components (wireframe buttons) become annotations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from agent.whiteboard.board import Board
from agent.whiteboard.board_annotations import states_figures
from agent.whiteboard.kinds import ComponentKind
from agent.whiteboard.label_meaning import meaning_of

_NUMBERED = re.compile(r"^(?P<base>.*?\S)\s*[-#_]?\s*(?:\d{1,3}|[A-Z])$")


def merge_numbered_copies(
    board: Board, ellipsis_near: Callable[[str], bool] = lambda _: False
) -> None:
    """Siblings named "X 1", "X 2" with the same connections, not linked to each other, are
    instances of one component "X" ("Storage Node A/B/C" that gossip stay separate)."""
    families: dict[str, list[str]] = {}
    for comp in board.components.values():
        match = _NUMBERED.match(comp.label)
        if match and not comp.label.strip().isdigit():
            families.setdefault(match.group("base").lower(), []).append(comp.id)
    touching: dict[str, list[str]] = {}
    for edge in board.edges.values():
        touching.setdefault(edge.source, []).append(edge.id)
        touching.setdefault(edge.target, []).append(edge.id)
    for ids in families.values():
        if len(ids) < 2 or len({board.components[i].kind for i in ids}) > 1:
            continue
        neighbours = {i: _neighbours(board, touching, i) for i in ids}
        if any(neighbours[a] & set(ids) for a in ids):
            continue
        linked = [n for n in neighbours.values() if n]
        if len(linked) > 1 and not set.intersection(*linked):
            continue
        _merge(board, touching, ids, ellipsis_near)


def _neighbours(board: Board, touching: dict[str, list[str]], cid: str) -> set[str]:
    edges = [board.edges[e] for e in touching.get(cid, ()) if e in board.edges]
    return {e.target if e.source == cid else e.source for e in edges}


def _merge(
    board: Board,
    touching: dict[str, list[str]],
    ids: list[str],
    ellipsis_near: Callable[[str], bool],
) -> None:
    keep = ids[0]
    base = _NUMBERED.match(board.components[keep].label).group("base")  # type: ignore[union-attr]
    count = len(ids) + (1 if any(ellipsis_near(i) for i in ids) else 0)
    notes = list(board.components[keep].notes)
    for other in ids[1:]:
        notes.extend(n for n in board.components[other].notes if n not in notes)
        kept_pairs = {
            (board.edges[e].source, board.edges[e].target)
            for e in touching.get(keep, ())
            if e in board.edges
        }
        for edge_id in touching.get(other, ()):
            edge = board.edges.get(edge_id)
            if edge is None:
                continue
            source = keep if edge.source == other else edge.source
            target = keep if edge.target == other else edge.target
            del board.edges[edge.id]
            if (source, target) not in kept_pairs and source != target:
                board.edges[edge.id] = replace(edge, source=source, target=target)
                kept_pairs.add((source, target))
                touching.setdefault(keep, []).append(edge.id)
        del board.components[other]
    board.update_component(keep, label=base)
    comp = board.components[keep]
    board.components[keep] = replace(comp, instances=max(comp.instances, count), notes=tuple(notes))


def set_aside_sketches(board: Board) -> None:
    """Unconnected boxes that name nothing a system is built from, inside a group where
    nothing is connected (a phone wireframe's "Submit" and "Share" buttons), are annotations."""
    connected = {e.source for e in board.edges.values()} | {e.target for e in board.edges.values()}
    by_group: dict[str, list[str]] = {}
    for comp in board.components.values():
        if comp.group:
            by_group.setdefault(comp.group, []).append(comp.id)
    for ids in by_group.values():
        if any(i in connected for i in ids):
            continue
        for cid in ids:
            comp = board.components[cid]
            if comp.kind == ComponentKind.OTHER and meaning_of(comp.label).term is None:
                board.annotations.append(comp.label)
                board.remove(cid)


_ENTRY_KINDS = frozenset(
    {ComponentKind.API_GATEWAY, ComponentKind.LOAD_BALANCER, ComponentKind.CDN, ComponentKind.DNS}
)


_SENDER_KINDS = frozenset({ComponentKind.QUEUE, ComponentKind.SERVICE, ComponentKind.OTHER})


def read_entry_senders(board: Board) -> None:
    """A box nothing sends to, whose arrows all go into the system's front door (a gateway,
    load balancer or CDN), is where requests come from: an exchange's FIX "brokers" and a lock
    service's "job schedulers" are its clients, not a message broker or one of its services."""
    into: dict[str, list[str]] = {cid: [] for cid in board.components}
    out: dict[str, list[str]] = {cid: [] for cid in board.components}
    for edge in board.edges.values():
        out[edge.source].append(edge.target)
        into[edge.target].append(edge.source)
        if edge.bidirectional:
            out[edge.target].append(edge.source)
            into[edge.source].append(edge.target)
    for comp in list(board.components.values()):
        if comp.kind not in _SENDER_KINDS or into[comp.id] or not out[comp.id]:
            continue
        if all(board.components[t].kind in _ENTRY_KINDS for t in out[comp.id]):
            board.update_component(comp.id, kind=ComponentKind.CLIENT)


def set_aside_figures(board: Board) -> None:
    """An unconnected box whose text opens with figures ("300M mailboxes, ~40B msgs stored")
    is a requirement note: an annotation whose scale still counts, not a component."""
    connected = {e.source for e in board.edges.values()} | {e.target for e in board.edges.values()}
    for comp in list(board.components.values()):
        text = " ".join([comp.label, *comp.notes])
        if comp.id not in connected and states_figures(text):
            board.annotations.append(text)
            board.remove(comp.id)
