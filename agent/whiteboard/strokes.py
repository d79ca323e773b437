"""Freehand stroke → shape: what one pen or finger stroke on the tablet was meant to be.

A stroke is a list of points (x, y and optionally a timestamp and pen pressure). The recogniser
reads it as a box (wobbly or rounded rectangle), an ellipse, an arrow (straight or slightly
curved, with its head drawn in the same stroke or not at all), a line, a short mark (which the
board may read as a separately drawn arrow head) or nothing (scribbles, zig-zags, dots).

It works on geometry that survives shaky hands: the stroke is resampled by arc length, then
closed shapes are told apart by how much of their minimum-area rectangle the convex hull fills
(a rectangle fills ~1, an ellipse pi/4, whatever the rotation), and open strokes by how straight
the longest span is and how much it turns. Pure Python + numpy, no I/O.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

MAX_POINTS = 4000
"""More points than any real stroke has; a bound so a hostile client cannot make us work."""
MIN_SIZE = 10.0
"""Strokes smaller than this (px, bounding-box diagonal) are dots or taps."""
MIN_ARROW = 30.0
"""An open stroke shorter than this (px, end to end) is a mark, not an arrow."""

_SAMPLES = 64
_CLOSED_GAP = 0.15  # end-to-start gap as a fraction of the path length
_BOX_FILL = 0.845  # hull area / minimum-area rectangle: 0.76-0.82 ellipse, 0.85-1.0 (rounded) box
_ELLIPSE_FILL = 0.68
_MAX_RETRACE = 1.35  # path length / hull perimeter; more means the pen went round again: scribble
_STRAIGHT = 0.8  # chord / path length of an arrow's shaft
_MAX_TURN = 120.0  # degrees an arrow's shaft may turn in total (a gentle curve)
_MAX_HEAD = 0.45  # arrow head path length as a fraction of the shaft


class StrokeError(ValueError):
    """The stroke data itself is malformed (not a list of numeric points)."""


class ShapeKind(StrEnum):
    """What a stroke was read as."""

    BOX = "box"
    ELLIPSE = "ellipse"
    ARROW = "arrow"
    """An open stroke with a head drawn at one or both ends."""
    LINE = "line"
    """An open straight-ish stroke with no head: a connection in drawing order."""
    MARK = "mark"
    """A short stroke: an arrow head drawn on its own, a tick, a dot."""
    NONE = "none"


@dataclass(frozen=True)
class StrokePoint:
    """One sampled pen position, in board pixels."""

    x: float
    y: float
    t: float | None = None
    """Milliseconds since some origin (the browser's event timestamp); unused by the shapes."""
    pressure: float | None = None


@dataclass(frozen=True)
class RecognizedStroke:
    """The recogniser's reading of one stroke."""

    kind: ShapeKind
    bounds: tuple[float, float, float, float]
    """Axis-aligned x, y, w, h of the stroke (of the shape, for boxes and ellipses)."""
    start: tuple[float, float]
    """Arrow/line: the tail end (where the connection comes from). Others: the first point."""
    end: tuple[float, float]
    """Arrow/line: the tip end. Others: the last point."""
    head_at_start: bool = False
    head_at_end: bool = False
    reason: str = ""
    """One line on why, for the tablet's status bar and for tests that fail."""

    @property
    def bidirectional(self) -> bool:
        return self.head_at_start and self.head_at_end


def parse_points(raw: Any) -> list[StrokePoint]:
    """Points from JSON: `[[x, y], [x, y, t, pressure], ...]` or `[{"x":, "y":, "t":, "p":}]`."""
    if not isinstance(raw, list):
        raise StrokeError("stroke points must be a list")
    if len(raw) > MAX_POINTS:
        raise StrokeError(f"stroke has {len(raw)} points; at most {MAX_POINTS}")
    points = []
    for index, item in enumerate(raw):
        if isinstance(item, dict):
            values = [item.get("x"), item.get("y"), item.get("t"), item.get("p")]
        elif isinstance(item, list | tuple) and 2 <= len(item) <= 4:
            values = [*item, None, None][:4]
        else:
            raise StrokeError(f"stroke point {index} must be [x, y] or [x, y, t, pressure]")
        for position, value in enumerate(values):
            ok = value is None and position >= 2
            if not ok and (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
            ):
                raise StrokeError(f"stroke point {index} has a non-numeric coordinate")
        points.append(StrokePoint(*values))
    return points


def recognize(points: list[StrokePoint] | list[tuple[float, float]]) -> RecognizedStroke:
    """Read one stroke. Never raises on odd geometry: it answers NONE with a reason."""
    xy = np.array([(p.x, p.y) if isinstance(p, StrokePoint) else p[:2] for p in points], float)
    if len(xy) == 0:
        return RecognizedStroke(ShapeKind.NONE, (0, 0, 0, 0), (0, 0), (0, 0), reason="empty stroke")
    bounds = _bounds(xy)
    first, last = _pt(xy[0]), _pt(xy[-1])
    if len(xy) < 3 or math.hypot(bounds[2], bounds[3]) < MIN_SIZE:
        return RecognizedStroke(ShapeKind.MARK, bounds, first, last, reason="a dot or tap")
    path = _resample(xy, _SAMPLES)
    length = _length(path)
    closed = _closing(path, length)
    if closed is not None:
        return _closed_shape(path[: closed + 1], bounds, first, last)
    return _open_shape(path, length, bounds, first, last)


# ---- closed strokes ---------------------------------------------------------------------------


def _closing(path: np.ndarray, length: float) -> int | None:
    """Index where the stroke comes back to its start (overshoot trimmed), or None if open."""
    tail_from = int(len(path) * 0.8)  # an overshoot longer than a fifth is a scribble going on
    gaps = np.hypot(*(path[tail_from:] - path[0]).T)
    best = int(np.argmin(gaps))
    if gaps[best] <= max(_CLOSED_GAP * length, 6.0):
        return tail_from + best
    return None


def _closed_shape(
    ring: np.ndarray, bounds: tuple[float, float, float, float], first, last
) -> RecognizedStroke:
    hull = _convex_hull(ring)
    if len(hull) < 3:
        return RecognizedStroke(
            ShapeKind.NONE, bounds, first, last, reason="a closed stroke with no area"
        )
    area = _polygon_area(hull)
    perimeter = _length(np.vstack([hull, hull[:1]]))
    rect_area, rect_w, rect_h, _ = _min_area_rect(hull)
    shape_bounds = _bounds(ring)
    if min(rect_w, rect_h) < MIN_SIZE or rect_area <= 0:
        return RecognizedStroke(ShapeKind.NONE, bounds, first, last, reason="too thin to be a box")
    if max(rect_w, rect_h) / min(rect_w, rect_h) > 12:
        return RecognizedStroke(ShapeKind.NONE, bounds, first, last, reason="too thin to be a box")
    traced = _length(np.vstack([ring, ring[:1]]))
    retrace = traced / perimeter
    if retrace > _MAX_RETRACE:
        return RecognizedStroke(
            ShapeKind.NONE, bounds, first, last, reason=f"a scribble (retraced {retrace:.1f}x)"
        )
    fill = area / rect_area
    if fill >= _BOX_FILL:
        kind = ShapeKind.BOX
    elif fill >= _ELLIPSE_FILL:
        kind = ShapeKind.ELLIPSE
    else:
        return RecognizedStroke(
            ShapeKind.NONE,
            bounds,
            first,
            last,
            reason=f"a closed shape that is neither (fill {fill:.2f})",
        )
    return RecognizedStroke(kind, shape_bounds, first, last, reason=f"closed, fill {fill:.2f}")


# ---- open strokes -----------------------------------------------------------------------------


def _open_shape(
    path: np.ndarray, length: float, bounds: tuple[float, float, float, float], first, last
) -> RecognizedStroke:
    i, j = _farthest_pair(path)
    tail, tip = path[i], path[j]
    chord = float(np.hypot(*(tip - tail)))
    if chord < MIN_ARROW:
        return RecognizedStroke(ShapeKind.MARK, bounds, first, last, reason="a short mark")
    shaft = path[i : j + 1]
    shaft_len = _length(shaft)
    straight = chord / shaft_len if shaft_len else 0.0
    if straight < _STRAIGHT:
        return RecognizedStroke(
            ShapeKind.NONE, bounds, first, last, reason=f"not straight enough ({straight:.2f})"
        )
    turn = _total_turn(shaft)
    if turn > _MAX_TURN:
        return RecognizedStroke(
            ShapeKind.NONE, bounds, first, last, reason=f"turns too much ({turn:.0f} degrees)"
        )
    waves = _waves(shaft, chord)
    if waves >= 3:
        return RecognizedStroke(
            ShapeKind.NONE, bounds, first, last, reason=f"a zig-zag ({waves} swings)"
        )
    head_start = _head(path[: i + 1][::-1], shaft_len, chord)
    head_end = _head(path[j:], shaft_len, chord)
    if head_start is None or head_end is None:
        return RecognizedStroke(
            ShapeKind.NONE, bounds, first, last, reason="a line with a long hook: not an arrow"
        )
    # The drawing order decides the direction of a plain line; a head decides it for an arrow.
    if head_start and not head_end:
        tail, tip = tip, tail
    kind = ShapeKind.ARROW if head_start or head_end else ShapeKind.LINE
    return RecognizedStroke(
        kind,
        bounds,
        _pt(tail),
        _pt(tip),
        head_at_start=head_start and head_end,
        head_at_end=head_start or head_end,
        reason=f"straightness {straight:.2f}, turn {turn:.0f} degrees",
    )


def _head(rest: np.ndarray, shaft_len: float, chord: float) -> bool | None:
    """Whether the stroke beyond a shaft end is an arrow head (True), nothing (False), or
    something too big to be a head (None). `rest` starts at the shaft end."""
    if len(rest) < 2:
        return False
    rest_len = _length(rest)
    reach = float(np.max(np.hypot(*(rest - rest[0]).T)))
    if rest_len < max(6.0, 0.05 * shaft_len) or reach < 5.0:
        return False
    if rest_len > max(_MAX_HEAD * shaft_len, 90.0) or reach > max(0.4 * chord, 40.0):
        return None
    return True


# ---- geometry helpers -------------------------------------------------------------------------


def _pt(p: np.ndarray) -> tuple[float, float]:
    return (round(float(p[0]), 1), round(float(p[1]), 1))


def _bounds(xy: np.ndarray) -> tuple[float, float, float, float]:
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    return (
        round(float(lo[0]), 1),
        round(float(lo[1]), 1),
        round(float(hi[0] - lo[0]), 1),
        round(float(hi[1] - lo[1]), 1),
    )


def _length(path: np.ndarray) -> float:
    return float(np.hypot(*np.diff(path, axis=0).T).sum()) if len(path) > 1 else 0.0


def _resample(xy: np.ndarray, n: int) -> np.ndarray:
    """`n` points evenly spaced along the path, lightly smoothed so pen jitter does not count."""
    steps = np.hypot(*np.diff(xy, axis=0).T)
    along = np.concatenate([[0.0], np.cumsum(steps)])
    if along[-1] == 0:
        return np.repeat(xy[:1], n, axis=0)
    at = np.linspace(0.0, along[-1], n)
    out = np.column_stack([np.interp(at, along, xy[:, 0]), np.interp(at, along, xy[:, 1])])
    smooth = out.copy()
    smooth[1:-1] = (out[:-2] + 2 * out[1:-1] + out[2:]) / 4
    return smooth


def _farthest_pair(path: np.ndarray) -> tuple[int, int]:
    """The two ends of the longest span. A head drawn by going out to a barb and back visits
    the tip twice; the shaft ends at the visit nearest the other end, so the barb is not shaft."""
    d = np.hypot(*(path[:, None, :] - path[None, :, :]).transpose(2, 0, 1))
    i, j = sorted(int(k) for k in np.unravel_index(int(np.argmax(d)), d.shape))
    tol = max(3.0, 0.02 * float(d[i, j]))
    i = max(k for k in range(j) if d[k, j] >= d[i, j] - tol)
    j = min(k for k in range(i + 1, len(path)) if d[i, k] >= d[i, j] - tol)
    return i, j


def _waves(shaft: np.ndarray, chord: float) -> int:
    """How many times the shaft swings from one side of its chord to the other and back,
    counting only swings bigger than hand tremor: a zig-zag has many, a bowed arrow none."""
    rel = shaft - shaft.mean(axis=0)
    u = np.linalg.svd(rel, full_matrices=False)[2][0]  # the best-fit line's direction
    side = rel[:, 0] * u[1] - rel[:, 1] * u[0]
    threshold = max(3.0, 0.025 * chord)
    swings, state = 0, 0
    for value in side:
        now = 1 if value > threshold else -1 if value < -threshold else 0
        if now and now != state:
            swings += state != 0
            state = now
    return swings


def _total_turn(path: np.ndarray) -> float:
    """Sum of absolute heading changes along a coarse copy of the path, in degrees."""
    coarse = _resample(path, 12)
    d = np.diff(coarse, axis=0)
    angles = np.arctan2(d[:, 1], d[:, 0])
    change = np.diff(angles)
    change = (change + np.pi) % (2 * np.pi) - np.pi
    return float(np.degrees(np.abs(change).sum()))


def _convex_hull(points: np.ndarray) -> np.ndarray:
    pts = sorted({(float(x), float(y)) for x, y in points})
    if len(pts) < 3:
        return np.array(pts)

    def cross(o, a, b) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[float, float]] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return np.array(lower[:-1] + upper[:-1])


def _polygon_area(poly: np.ndarray) -> float:
    x, y = poly[:, 0], poly[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2)


def _min_area_rect(hull: np.ndarray) -> tuple[float, float, float, float]:
    """Area, width, height and angle of the smallest rectangle (any rotation) around the hull."""
    edges = np.diff(np.vstack([hull, hull[:1]]), axis=0)
    best = (math.inf, 0.0, 0.0, 0.0)
    for angle in np.unique(np.round(np.arctan2(edges[:, 1], edges[:, 0]) % (np.pi / 2), 6)):
        rotated = hull @ _rotation(angle)
        w, h = np.ptp(rotated[:, 0]), np.ptp(rotated[:, 1])
        if w * h < best[0]:
            best = (float(w * h), float(w), float(h), float(angle))
    return best


def _rotation(angle: float) -> np.ndarray:
    c, s = math.cos(angle), math.sin(angle)
    return np.array([[c, -s], [s, c]])
