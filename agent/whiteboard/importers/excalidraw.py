"""Excalidraw scenes (`.excalidraw` JSON, also the drawing inside Obsidian Excalidraw notes).

What counts: rectangles, ellipses and diamonds are components, labelled by their bound text
(`containerId`), by a text grouped with them, or by free text lying inside them (extra text
inside a labelled box becomes a note). Arrows are edges: bound ends (`startBinding`/
`endBinding`) name their boxes, unbound ends snap to the nearest box within reach, and an arrow
whose ends cannot both be resolved is dropped. Arrowheads give direction (both heads: two-way),
a dashed or dotted stroke means async, a bound text is the edge label. Frames become groups.
Deleted elements, free text outside boxes, lines, freedraw and images are ignored.
"""

from __future__ import annotations

import math
from typing import Any

from agent.whiteboard.graph import Board, BoardError
from agent.whiteboard.importers.labels import split_label

_SHAPES = {"rectangle": "rectangle", "ellipse": "ellipse", "diamond": "diamond"}
_SNAP = 60.0
"""How far (scene px) an unbound arrow end may be from a box and still attach to it."""


def board_from_excalidraw(data: Any, *, source: str = "scene") -> Board:
    """Build a board from a parsed Excalidraw scene (the dict from the file's JSON)."""
    if not isinstance(data, dict) or not isinstance(data.get("elements"), list):
        raise BoardError(f"{source}: not an Excalidraw scene (no 'elements' list)")
    elements = {}
    for index, element in enumerate(data["elements"]):
        if not isinstance(element, dict):
            raise BoardError(f"{source}: elements[{index}] is not an object")
        if element.get("isDeleted"):
            continue
        eid = element.get("id")
        if not isinstance(eid, str) or not eid:
            raise BoardError(f"{source}: elements[{index}] has no id")
        if not isinstance(element.get("type"), str):
            raise BoardError(f"{source}: element {eid!r} has no type")
        elements[eid] = _normalise(element)
    scene = _Scene(elements, source)
    try:
        return scene.build()
    except BoardError as error:
        if str(error).startswith(source):
            raise
        where = f"element {scene.current!r}: " if scene.current else ""
        raise BoardError(f"{source}: {where}{error}") from None


def _normalise(element: dict[str, Any]) -> dict[str, Any]:
    """A copy with every field the importer reads in the type it expects; hand-edited or
    half-written files get the harmless default instead of a crash."""
    clean = dict(element)
    for key in ("containerId", "frameId", "startArrowhead", "endArrowhead", "strokeStyle"):
        if not isinstance(clean.get(key), str):
            clean[key] = None
    for key in ("text", "originalText", "name"):
        value = clean.get(key)
        clean[key] = value if isinstance(value, str) else ""
    groups = clean.get("groupIds")
    clean["groupIds"] = (
        [g for g in groups if isinstance(g, str)] if isinstance(groups, list) else []
    )
    for key in ("startBinding", "endBinding"):
        binding = clean.get(key)
        if not (isinstance(binding, dict) and isinstance(binding.get("elementId"), str)):
            clean[key] = None
    return clean


class _Scene:
    def __init__(self, elements: dict[str, dict[str, Any]], source: str) -> None:
        self.elements = elements
        self.source = source
        self.board = Board()
        self.current: str | None = None
        """The element being imported, for error messages."""

    def build(self) -> Board:
        all_shapes = [e for e in self.elements.values() if e["type"] in _SHAPES]
        regions = self._regions(all_shapes)
        shapes = [s for s in all_shapes if s["id"] not in regions]
        frames = [e for e in self.elements.values() if e["type"] in ("frame", "magicframe")]
        for frame in frames:
            self.board.add_group(str(frame.get("name") or "Frame"), id=frame["id"])
        for rid in regions:
            bound = [
                str(t.get("originalText") or t.get("text") or "")
                for t in self.elements.values()
                if t["type"] == "text" and t.get("containerId") == rid
            ]
            title = split_label(bound[0])[0] if bound else ""
            self.board.add_group(title or "Region", id=rid)
        texts = self._texts_by_shape(shapes)
        for shape in shapes:
            self.current = shape["id"]
            label, notes = split_label(texts.get(shape["id"], [""])[0])
            for extra in texts.get(shape["id"], [])[1:]:
                notes.extend(line for line in _flatten(split_label(extra)) if line)
            frame = shape.get("frameId")
            x, y, w, h = self._box(shape)
            if frame not in self.board.groups:
                frame = self._region_of(shape, regions)
            self.board.add_component(
                label,
                id=shape["id"],
                shape=_SHAPES[shape["type"]],
                notes=notes,
                x=x,
                y=y,
                w=w,
                h=h,
                group=frame if frame in self.board.groups else None,
            )
        for arrow in self.elements.values():
            if arrow["type"] == "arrow":
                self.current = arrow["id"]
                self._add_arrow(arrow)
        return self.board

    # ---- regions ----------------------------------------------------------------------------

    def _regions(self, shapes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """Rectangles drawn around other boxes ("us-east-1", "Write path") that no arrow is
        bound to: they are groups, not components."""
        bound = set()
        for arrow in self.elements.values():
            if arrow["type"] == "arrow":
                for key in ("startBinding", "endBinding"):
                    binding = arrow.get(key)
                    if isinstance(binding, dict):
                        bound.add(binding.get("elementId"))
        regions = {}
        for outer in shapes:
            if outer["type"] != "rectangle" or outer["id"] in bound:
                continue
            if any(inner is not outer and self._contains(outer, inner) for inner in shapes):
                regions[outer["id"]] = outer
        return regions

    def _region_of(self, shape: dict[str, Any], regions: dict[str, dict[str, Any]]) -> str | None:
        holders = [r for r in regions.values() if self._contains(r, shape)]
        if not holders:
            return None
        smallest = min(holders, key=lambda r: self._box(r)[2] * self._box(r)[3])
        return smallest["id"]

    def _contains(self, outer: dict[str, Any], inner: dict[str, Any]) -> bool:
        ox, oy, ow, oh = self._box(outer)
        ix, iy, iw, ih = self._box(inner)
        return (
            ox <= ix
            and oy <= iy
            and ix + iw <= ox + ow
            and iy + ih <= oy + oh
            and iw * ih < ow * oh
        )

    # ---- text -------------------------------------------------------------------------------

    def _texts_by_shape(self, shapes: list[dict[str, Any]]) -> dict[str, list[str]]:
        """Shape id → its texts, the label first: bound text, then grouped, then inside."""
        bound: dict[str, list[str]] = {}
        loose: dict[str, list[str]] = {}
        shape_ids = {s["id"] for s in shapes}
        for text in self.elements.values():
            if text["type"] != "text":
                continue
            content = str(text.get("originalText") or text.get("text") or "")
            container = text.get("containerId")
            if container:
                if container in shape_ids:
                    bound.setdefault(container, []).append(content)
                continue  # arrow labels are read with their arrow; orphans are dropped
            owner = self._grouped_shape(text, shapes) or self._enclosing_shape(text, shapes)
            if owner is not None:
                loose.setdefault(owner, []).append(content)
        merged: dict[str, list[str]] = {}
        for sid in shape_ids:
            merged[sid] = bound.get(sid, []) + loose.get(sid, [])
        return {k: v for k, v in merged.items() if v}

    def _grouped_shape(self, text: dict[str, Any], shapes: list[dict[str, Any]]) -> str | None:
        groups = set(text.get("groupIds") or [])
        if not groups:
            return None
        mates = [s["id"] for s in shapes if groups & set(s.get("groupIds") or [])]
        return mates[0] if len(mates) == 1 else None

    def _enclosing_shape(self, text: dict[str, Any], shapes: list[dict[str, Any]]) -> str | None:
        x, y, w, h = self._box(text)
        cx, cy = x + w / 2, y + h / 2
        inside = []
        for shape in shapes:
            sx, sy, sw, sh = self._box(shape)
            if sx <= cx <= sx + sw and sy <= cy <= sy + sh:
                inside.append((sw * sh, shape["id"]))
        return min(inside)[1] if inside else None

    # ---- arrows -----------------------------------------------------------------------------

    def _add_arrow(self, arrow: dict[str, Any]) -> None:
        points = arrow.get("points")
        if not isinstance(points, list) or len(points) < 2:
            raise BoardError(f"{self.source}: arrow {arrow['id']!r} has no points")
        try:
            x0, y0 = float(arrow.get("x", 0)), float(arrow.get("y", 0))
            start = (x0 + float(points[0][0]), y0 + float(points[0][1]))
            end = (x0 + float(points[-1][0]), y0 + float(points[-1][1]))
        except (TypeError, ValueError, IndexError):
            raise BoardError(f"{self.source}: arrow {arrow['id']!r} has bad points") from None
        source = self._end(arrow.get("startBinding"), start)
        target = self._end(arrow.get("endBinding"), end)
        if source is None or target is None or source == target:
            return
        head_start, head_end = arrow.get("startArrowhead"), arrow.get("endArrowhead")
        if head_start and not head_end:
            source, target = target, source
        label = " ".join(
            str(t.get("originalText") or t.get("text") or "")
            for t in self.elements.values()
            if t["type"] == "text" and t.get("containerId") == arrow["id"]
        )
        self.board.add_edge(
            source,
            target,
            id=arrow["id"],
            label=" ".join(label.split()),
            bidirectional=bool(head_start and head_end),
            mode="async" if arrow.get("strokeStyle") in ("dashed", "dotted") else "sync",
        )

    def _end(self, binding: Any, point: tuple[float, float]) -> str | None:
        if isinstance(binding, dict):
            target = binding.get("elementId")
            if target in self.board.components:
                return target
        return self._nearest(point)

    def _nearest(self, point: tuple[float, float]) -> str | None:
        best, best_distance = None, _SNAP
        for comp in self.board.components.values():
            if comp.x is None or comp.y is None:
                continue
            dx = max(comp.x - point[0], 0.0, point[0] - (comp.x + (comp.w or 0)))
            dy = max(comp.y - point[1], 0.0, point[1] - (comp.y + (comp.h or 0)))
            distance = math.hypot(dx, dy)
            if distance <= best_distance:
                best, best_distance = comp.id, distance
        return best

    def _box(self, element: dict[str, Any]) -> tuple[float, float, float, float]:
        try:
            x, y = float(element.get("x", 0)), float(element.get("y", 0))
            w, h = float(element.get("width", 0)), float(element.get("height", 0))
        except (TypeError, ValueError):
            raise BoardError(f"{self.source}: element {element['id']!r} has bad geometry") from None
        # Excalidraw allows negative sizes while dragging; normalise to a top-left box.
        return min(x, x + w), min(y, y + h), abs(w), abs(h)


def _flatten(parts: tuple[str, list[str]]) -> list[str]:
    label, notes = parts
    return [label, *notes]
