"""Inline SVG for the report: the board with flagged components, the six-dimension chart, and
terminal sparklines. Pure string building, no browser or CDN needed."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

_LAYERS = ("ingestion", "serving", "processing", "storage", "cross_cutting")
_STORE_KINDS = {"database", "cache", "object_store", "blob_store", "search_index", "storage"}
_SPARK = "▁▂▃▄▅▆▇█"


def board_svg(
    board: Mapping[str, Any],
    flagged: Iterable[str] = (),
    title: str = "",
    involved: Iterable[str] = (),
) -> str:
    """The board as SVG: boxes where they were drawn (or laid out by layer when they carry no
    geometry), arrows for edges; ``flagged`` component ids (what a finding is about) get class
    ``flagged``, ``involved`` ones (the rest of the finding's components) class ``involved``."""
    flagged, involved = set(flagged), set(involved)
    comps = [c for c in board.get("components") or [] if isinstance(c, Mapping) and c.get("id")]
    boxes = _layout(comps)
    if not boxes:
        return (
            '<svg class="board" xmlns="http://www.w3.org/2000/svg" width="320" height="60" '
            'role="img"><text x="10" y="35" class="empty">(the board was empty)</text></svg>'
        )
    pad = 20
    min_x = min(b[0] for b in boxes.values()) - pad
    min_y = min(b[1] for b in boxes.values()) - pad
    width = max(b[0] + b[2] for b in boxes.values()) - min_x + pad
    height = max(b[1] + b[3] for b in boxes.values()) - min_y + pad
    parts = [
        f'<svg class="board" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="{min_x:.0f} {min_y:.0f} {width:.0f} {height:.0f}" '
        f'width="{min(width, 900):.0f}" data-title="{escape(title)}">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#555"/></marker></defs>',
    ]
    for edge in board.get("edges") or []:
        src, dst = boxes.get(edge.get("source")), boxes.get(edge.get("target"))
        if not src or not dst:
            continue
        (x1, y1), (x2, y2) = _border(src, _centre(dst)), _border(dst, _centre(src))
        start = ' marker-start="url(#arrow)"' if edge.get("bidirectional") else ""
        dash = ' stroke-dasharray="6 4"' if edge.get("mode") == "async" else ""
        parts.append(
            f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="#555" stroke-width="1.5" marker-end="url(#arrow)"{start}{dash}/>'
        )
        if edge.get("label"):
            parts.append(
                f'<text class="edge-label" x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2 - 4:.1f}">'
                f"{escape(str(edge['label']))}</text>"
            )
    for comp in comps:
        x, y, w, h = boxes[comp["id"]]
        cls = "component"
        if comp["id"] in flagged:
            cls += " flagged"
        elif comp["id"] in involved:
            cls += " involved"
        rx = 14 if comp.get("kind") in _STORE_KINDS or comp.get("shape") == "cylinder" else 4
        label = str(comp.get("label") or comp.get("kind") or comp["id"])
        parts.append(
            f'<g class="{cls}" data-id="{escape(str(comp["id"]))}">'
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{rx}"/>'
            f'<text x="{x + w / 2:.1f}" y="{y + h / 2 + 4:.1f}" text-anchor="middle">'
            f"{escape(_clip(label, max(6, int(w / 7))))}</text>"
            f"<title>{escape(label)} ({escape(str(comp.get('kind', '')))})</title></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _layout(comps: Sequence[Mapping[str, Any]]) -> dict[str, tuple[float, float, float, float]]:
    """Drawn geometry when every box has it; otherwise columns by layer (imported boards)."""
    if comps and all(isinstance(c.get("x"), int | float) for c in comps):
        return {
            c["id"]: (
                float(c["x"]),
                float(c.get("y") or 0),
                float(c.get("w") or 140),
                float(c.get("h") or 60),
            )
            for c in comps
        }
    columns: dict[str, list[Mapping[str, Any]]] = {}
    for comp in comps:
        layer = str(comp.get("layer") or "processing")
        columns.setdefault(layer if layer in _LAYERS else "processing", []).append(comp)
    boxes = {}
    for col, layer in enumerate(x for x in _LAYERS if x in columns):
        for row, comp in enumerate(columns[layer]):
            boxes[comp["id"]] = (col * 200.0, row * 100.0, 150.0, 56.0)
    return boxes


def _centre(box: tuple[float, float, float, float]) -> tuple[float, float]:
    return box[0] + box[2] / 2, box[1] + box[3] / 2


def _border(box: tuple[float, float, float, float], toward: tuple[float, float]):
    """Where the line from the box's centre toward a point leaves the box."""
    cx, cy = _centre(box)
    dx, dy = toward[0] - cx, toward[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min(
        (box[2] / 2) / abs(dx) if dx else math.inf,
        (box[3] / 2) / abs(dy) if dy else math.inf,
    )
    return cx + dx * scale, cy + dy * scale


def dimension_chart(scores: Mapping[str, float], out_of: float = 10.0) -> str:
    """Horizontal bars, one per dimension, with the score written at the end."""
    if not scores:
        return (
            '<svg class="dimension-chart" xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'
        )
    row, label_w, bar_w = 30, 170, 320
    height = row * len(scores) + 10
    parts = [
        f'<svg class="dimension-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'width="{label_w + bar_w + 70}" height="{height}" '
        f'viewBox="0 0 {label_w + bar_w + 70} {height}">'
    ]
    for i, (name, value) in enumerate(scores.items()):
        y = 5 + i * row
        frac = max(0.0, min(1.0, float(value) / out_of)) if out_of else 0.0
        colour = "#c0392b" if frac < 0.5 else "#e67e22" if frac < 0.7 else "#27ae60"
        parts.append(
            f'<g class="dimension" data-dimension="{escape(name)}">'
            f'<text x="0" y="{y + 18}">{escape(name.replace("_", " "))}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="18" fill="#eee"/>'
            f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{bar_w * frac:.1f}" '
            f'height="18" fill="{colour}"/>'
            f'<text x="{label_w + bar_w + 8}" y="{y + 18}">{value:g}/{out_of:g}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def trend_svg(values: Sequence[float], out_of: float = 10.0, width: int = 160, height: int = 36):
    """A small line chart of one dimension across sessions (the HTML twin of a sparkline)."""
    if not values:
        return ""
    step = width / max(1, len(values) - 1)
    points = " ".join(
        f"{i * step:.1f},{height - 3 - (height - 6) * max(0.0, min(1.0, v / out_of)):.1f}"
        for i, v in enumerate(values)
    )
    return (
        f'<svg class="trend" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}"><polyline fill="none" stroke="#2c3e50" stroke-width="2" '
        f'points="{points}"/></svg>'
    )


def sparkline(values: Sequence[float], low: float = 0.0, high: float | None = None) -> str:
    """ "▂▄▆█": one block per value, scaled between ``low`` and ``high``."""
    if not values:
        return ""
    high = max(values) if high is None else high
    span = (high - low) or 1.0
    return "".join(_SPARK[max(0, min(7, int((v - low) / span * 7 + 0.5)))] for v in values)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["board_svg", "dimension_chart", "sparkline", "trend_svg"]
