"""How the analyzers see a board: the same reading for a tablet drawing and an imported file.

A live tablet board holds what the pen made: boxes not labelled yet, a box drawn around other
boxes, a box holding a sentence. Importers already read files this way; `understood(board)`
applies the same rules to any board, without changing it:

- a box with no label is not a component yet (no finding sits on a blank shape);
- a box drawn around other boxes is a group: an arrow into it reaches everything inside;
- a box whose text is a note, a requirement list or a sentence is an annotation;
- numbered copies ("Worker 1", "Worker 2") are one component with instances;
- an unconnected box of figures ("300M mailboxes") is a requirement note, and a "broker" that
  only sends into the gateway is where requests come from (a client).

Ids are kept, so findings name the components the candidate drew.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from agent.whiteboard.board import Board, Component, Group
from agent.whiteboard.board_annotations import looks_like_note, states_figures
from agent.whiteboard.importers.tidy import (
    merge_numbered_copies,
    read_entry_senders,
    set_aside_figures,
)
from agent.whiteboard.kinds import ComponentKind
from agent.whiteboard.label_meaning import meaning_of


def understood(board: Board) -> Board:
    """A copy of `board` read the way a person reads it (the board itself is unchanged)."""
    if not _needs_reading(board):
        return board
    read = board.copy()
    _containers_to_groups(read)
    for comp in list(read.components.values()):
        if not comp.label.strip():
            read.remove(comp.id)
        elif (
            looks_like_note(" ".join([comp.label, *comp.notes]))
            and meaning_of(comp.label).term is None
        ):
            read.annotations.append(" ".join([comp.label, *comp.notes]))
            read.remove(comp.id)
    merge_numbered_copies(read)
    set_aside_figures(read)
    read_entry_senders(read)
    read.revision = board.revision
    return read


def _needs_reading(board: Board) -> bool:
    comps = list(board.components.values())
    if any(not c.label.strip() for c in comps):
        return True
    if any(looks_like_note(c.label) for c in comps):
        return True
    if _holding(comps):
        return True
    if any(states_figures(c.label) for c in comps):
        return True
    if any(c.kind == ComponentKind.QUEUE for c in comps):
        return True  # a broker that only sends into the gateway may be the clients
    labels = [c.label for c in comps]
    return any(label[-1:].isdigit() for label in labels)


def _containers_to_groups(board: Board) -> None:
    holding = _holding(list(board.components.values()))
    boxed = sorted(
        (board.components[cid] for cid in holding), key=lambda c: (c.w or 0) * (c.h or 0)
    )
    for outer in reversed(boxed):
        inside = [c for c in holding[outer.id] if c.id in board.components]
        if not inside or outer.id not in board.components:
            continue
        label = outer.label
        group_id = outer.id
        for edge in list(board.edges.values()):
            if outer.id not in (edge.source, edge.target):
                continue
            del board.edges[edge.id]
            for member in inside:
                if member.id not in board.components:
                    continue
                source = member.id if edge.source == outer.id else edge.source
                target = member.id if edge.target == outer.id else edge.target
                if (
                    source == target
                    or source not in board.components
                    or target not in board.components
                ):
                    continue
                board.edges[f"{edge.id}:{member.id}"] = replace(
                    edge, id=f"{edge.id}:{member.id}", source=source, target=target
                )
        del board.components[outer.id]
        board.groups[group_id] = Group(group_id, label)
        if label:
            board.annotations.append(label)
        for member in inside:
            current = board.components.get(member.id)
            if current is not None and (current.group is None or current.group == outer.group):
                board.components[member.id] = replace(current, group=group_id)


def _holding(comps: list[Component]) -> dict[str, list[Component]]:
    """Box id → the boxes drawn inside it (sweep over x, so a big board stays fast)."""
    boxed = sorted((c for c in comps if _box(c) is not None), key=lambda c: c.x or 0.0)
    xs = [c.x or 0.0 for c in boxed]
    found: dict[str, list[Component]] = {}
    for outer in boxed:
        x, _, w, _ = _box(outer)  # type: ignore[misc]
        start = bisect.bisect_left(xs, x - 2)
        end = bisect.bisect_right(xs, x + w + 2)
        inside = [c for c in boxed[start:end] if c is not outer and _inside(c, outer)]
        if inside:
            found[outer.id] = inside
    return found


def _box(comp: Component) -> tuple[float, float, float, float] | None:
    if comp.x is None or comp.y is None or not comp.w or not comp.h:
        return None
    return comp.x, comp.y, comp.w, comp.h


def _inside(inner: Component, outer: Component) -> bool:
    a, b = _box(inner), _box(outer)
    if a is None or b is None:
        return False
    return (
        b[0] - 2 <= a[0]
        and b[1] - 2 <= a[1]
        and a[0] + a[2] <= b[0] + b[2] + 2
        and a[1] + a[3] <= b[1] + b[3] + 2
        and a[2] * a[3] < 0.7 * b[2] * b[3]
    )
