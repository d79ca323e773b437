"""Recognised strokes → board changes: a box becomes a component, an arrow snaps to the boxes
near its ends and becomes an edge, a flat ellipse on a box makes it a cylinder (a store), and a
short "V" near the end of the arrow just drawn is that arrow's head.

The rules need the board and the last few strokes, so they live here rather than in the pure
recogniser (`agent.whiteboard.strokes`)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from agent.whiteboard.board import Board, Component
from agent.whiteboard.strokes import RecognizedStroke, ShapeKind, StrokePoint, recognize

SNAP_TOLERANCE = 40.0
"""px: an arrow end this close to a box (or inside it) attaches to it."""
HEAD_TOLERANCE = 35.0
"""px: a separate arrow-head stroke this close to an end of the last arrow belongs to it."""


@dataclass(frozen=True)
class SketchResult:
    """What one stroke did to the board."""

    recognized: ShapeKind
    changed: bool
    message: str
    """One line for the tablet's status bar: what was drawn, or why nothing happened."""
    component_id: str | None = None
    edge_id: str | None = None


@dataclass
class _LastArrow:
    edge_id: str
    tail: tuple[float, float]
    tip: tuple[float, float]
    head_at_tail: bool
    head_at_tip: bool


class Sketcher:
    """Turns strokes into board changes; remembers the last arrow for a separately drawn head."""

    def __init__(self, snap: float = SNAP_TOLERANCE) -> None:
        self.snap = snap
        self._last: _LastArrow | None = None

    def stroke(self, board: Board, points: list[StrokePoint]) -> SketchResult:
        """Recognise one stroke and apply it to `board` (which may be left unchanged)."""
        shape = recognize(points)
        if shape.kind is ShapeKind.MARK:
            return self._mark(board, shape)
        if shape.kind in (ShapeKind.ARROW, ShapeKind.LINE):
            return self._arrow(board, shape)
        if shape.kind is ShapeKind.ELLIPSE:
            cylinder = self._cylinder_top(board, shape)
            if cylinder is not None:
                return cylinder
        if shape.kind in (ShapeKind.BOX, ShapeKind.ELLIPSE):
            x, y, w, h = shape.bounds
            comp = board.add_component(
                shape="rectangle" if shape.kind is ShapeKind.BOX else "ellipse", x=x, y=y, w=w, h=h
            )
            word = "box" if shape.kind is ShapeKind.BOX else "ellipse"
            return SketchResult(shape.kind, True, f"{word} added: tap it to label it", comp.id)
        cylinder = self._cylinder_body(board, shape)
        if cylinder is not None:
            return cylinder
        return SketchResult(shape.kind, False, f"not recognised ({shape.reason})")

    # ---- arrows -------------------------------------------------------------------------------

    def _arrow(self, board: Board, shape: RecognizedStroke) -> SketchResult:
        source = self._nearest(board, shape.start)
        target = self._nearest(board, shape.end)
        if source is None and target is None:
            return SketchResult(
                shape.kind, False, "arrow ignored: neither end is near a box; draw it box to box"
            )
        if source is None or target is None:
            loose = "start" if source is None else "end"
            return SketchResult(shape.kind, False, f"arrow ignored: its {loose} is not near a box")
        if source.id == target.id:
            return SketchResult(
                shape.kind, False, f"arrow ignored: both ends are on {_name(source)!r}"
            )
        edge = board.add_edge(source.id, target.id, bidirectional=shape.bidirectional)
        self._last = _LastArrow(
            edge.id, shape.start, shape.end, shape.head_at_start, shape.head_at_end
        )
        arrow = "<->" if edge.bidirectional else "->"
        return SketchResult(
            shape.kind, True, f"arrow {_name(source)} {arrow} {_name(target)}", edge_id=edge.id
        )

    def _mark(self, board: Board, shape: RecognizedStroke) -> SketchResult:
        """A short stroke at an end of the last arrow is its head: it sets the direction."""
        last = self._last
        if last is None or last.edge_id not in board.edges:
            return SketchResult(shape.kind, False, "a short mark: ignored")
        x, y, w, h = shape.bounds
        near_tip = _rect_distance(last.tip, (x, y, w, h)) <= HEAD_TOLERANCE
        near_tail = _rect_distance(last.tail, (x, y, w, h)) <= HEAD_TOLERANCE
        if near_tip == near_tail:  # nowhere near, or an arrow too short to tell
            return SketchResult(shape.kind, False, "a short mark: ignored")
        edge = board.edges[last.edge_id]
        if near_tip:
            last.head_at_tip = True
            if last.head_at_tail and not edge.bidirectional:
                edge = board.update_edge(edge.id, bidirectional=True)
        else:
            last.head_at_tail = True
            if last.head_at_tip:
                edge = board.update_edge(edge.id, bidirectional=True)
            else:
                # The line was drawn towards its tail: the head says it points the other way.
                board.remove(edge.id)
                edge = board.add_edge(
                    edge.target, edge.source, label=edge.label, mode=edge.mode, id=edge.id
                )
                last.tail, last.tip = last.tip, last.tail
                last.head_at_tail, last.head_at_tip = False, True
        source, target = board.components[edge.source], board.components[edge.target]
        arrow = "<->" if edge.bidirectional else "->"
        return SketchResult(
            ShapeKind.ARROW,
            True,
            f"arrow head: {_name(source)} {arrow} {_name(target)}",
            edge_id=edge.id,
        )

    def _nearest(self, board: Board, point: tuple[float, float]) -> Component | None:
        best: tuple[float, float, Component] | None = None
        for comp in board.components.values():
            rect = _rect(comp)
            if rect is None:
                continue
            distance = _rect_distance(point, rect)
            if distance > self.snap:
                continue
            key = (distance, rect[2] * rect[3])  # nested boxes: the smaller one wins
            if best is None or key < best[:2]:
                best = (*key, comp)
        return best[2] if best else None

    # ---- cylinders ----------------------------------------------------------------------------

    def _cylinder_top(self, board: Board, shape: RecognizedStroke) -> SketchResult | None:
        """A flat ellipse across the top edge of a box turns the box into a cylinder."""
        x, y, w, h = shape.bounds
        if h <= 0 or w / h < 2.0:
            return None
        cx, cy = x + w / 2, y + h / 2
        for comp in board.components.values():
            rect = _rect(comp)
            if rect is None or comp.shape not in ("rectangle", None):
                continue
            bx, by, bw, bh = rect
            if (
                abs(w - bw) <= 0.35 * bw
                and abs(cx - (bx + bw / 2)) <= 0.25 * bw
                and abs(cy - by) <= max(25.0, 0.6 * h)
            ):
                top = min(by, y)
                board.update_component(comp.id, shape="cylinder")
                board.move(comp.id, bx, top, bw, by + bh - top)
                new = board.components[comp.id]
                return SketchResult(
                    ShapeKind.ELLIPSE,
                    True,
                    f"{_name(new)} is now a cylinder (a store: {new.kind.value})",
                    comp.id,
                )
        return None

    def _cylinder_body(self, board: Board, shape: RecognizedStroke) -> SketchResult | None:
        """A "U" hanging from both sides of a flat ellipse turns the ellipse into a cylinder."""
        if shape.kind is not ShapeKind.NONE:
            return None
        sx, sy, sw, sh = shape.bounds
        for comp in board.components.values():
            rect = _rect(comp)
            if rect is None or comp.shape != "ellipse" or rect[3] <= 0 or rect[2] / rect[3] < 2.0:
                continue
            x, y, w, h = rect
            left, right = (x, y + h / 2), (x + w, y + h / 2)
            ends = sorted([shape.start, shape.end])
            tol = max(20.0, 0.2 * w)
            if (
                math.dist(ends[0], left) <= tol
                and math.dist(ends[1], right) <= tol
                and sy + sh > y + h + 10
            ):
                board.update_component(comp.id, shape="cylinder")
                board.move(comp.id, min(x, sx), y, max(x + w, sx + sw) - min(x, sx), sy + sh - y)
                new = board.components[comp.id]
                return SketchResult(
                    ShapeKind.NONE,
                    True,
                    f"{_name(new)} is now a cylinder (a store: {new.kind.value})",
                    comp.id,
                )
        return None


def _name(comp: Component) -> str:
    return comp.label or f"box {comp.id}"


def _rect(comp: Component) -> tuple[float, float, float, float] | None:
    if None in (comp.x, comp.y, comp.w, comp.h):
        return None
    return (comp.x, comp.y, comp.w, comp.h)  # type: ignore[return-value]


def _rect_distance(point: tuple[float, float], rect: tuple[float, float, float, float]) -> float:
    """Distance from a point to a rectangle; 0 inside it."""
    x, y, w, h = rect
    dx = max(x - point[0], 0.0, point[0] - (x + w))
    dy = max(y - point[1], 0.0, point[1] - (y + h))
    return math.hypot(dx, dy)
