"""Synthetic hand-drawn strokes for the recogniser and tablet tests: shapes traced point by point
with seeded pen jitter, low-frequency wobble, overshoot and uneven speed, like a finger on glass."""

from __future__ import annotations

import math

import numpy as np


def _finish(pts: np.ndarray, rng: np.random.Generator, noise: float) -> list[list[float]]:
    n = len(pts)
    phase = rng.uniform(0, 2 * math.pi, 2)
    k = np.arange(n)
    wobble = np.column_stack([np.sin(k / 9 + phase[0]), np.cos(k / 11 + phase[1])]) * (noise * 1.5)
    jitter = rng.normal(0, noise, (n, 2))
    out = pts + wobble + jitter
    t = np.cumsum(rng.uniform(8, 20, n))
    return [
        [round(float(x), 2), round(float(y), 2), float(tt), 0.5]
        for (x, y), tt in zip(out, t, strict=True)
    ]


def _walk(corners: list[tuple[float, float]], step: float, rng) -> np.ndarray:
    pts = []
    for (x0, y0), (x1, y1) in zip(corners, corners[1:], strict=False):
        seg = math.hypot(x1 - x0, y1 - y0)
        n = max(2, int(seg / step * rng.uniform(0.7, 1.3)))
        for s in np.linspace(0, 1, n, endpoint=False):
            pts.append((x0 + (x1 - x0) * s, y0 + (y1 - y0) * s))
    pts.append(corners[-1])
    return np.array(pts)


def box(x, y, w, h, rng, *, noise=1.5, radius=0.0, overshoot=0.0, gap=0.0, tilt=0.0):
    """A rectangle traced from a random corner, optionally rounded, tilted (degrees), left open
    by `gap` px or overshooting its start by `overshoot` px."""
    r = min(radius, w / 2, h / 2)
    outline = []
    arcs = [
        (x + w - r, y + r, -90),
        (x + w - r, y + h - r, 0),
        (x + r, y + h - r, 90),
        (x + r, y + r, 180),
    ]
    for cx, cy, a0 in arcs:
        for a in np.linspace(a0, a0 + 90, 6 if r else 1):
            outline.append((cx + r * math.cos(math.radians(a)), cy + r * math.sin(math.radians(a))))
    start = int(rng.integers(len(outline)))
    outline = outline[start:] + outline[:start]
    outline.append(outline[0])
    pts = _walk(outline, 4.0, rng)
    perimeter = float(np.hypot(*np.diff(pts, axis=0).T).sum())
    if gap:
        pts = pts[: int(len(pts) * (1 - gap / perimeter))]
    if overshoot:
        pts = np.vstack([pts, pts[1 : 1 + int(len(pts) * overshoot / perimeter)]])
    if tilt:
        c, s = math.cos(math.radians(tilt)), math.sin(math.radians(tilt))
        center = np.array([x + w / 2, y + h / 2])
        pts = (pts - center) @ np.array([[c, s], [-s, c]]) + center
    return _finish(pts, rng, noise)


def ellipse(cx, cy, rx, ry, rng, *, noise=1.5, sweep=360.0):
    """An ellipse traced from a random angle, covering `sweep` degrees."""
    a0 = rng.uniform(0, 360)
    n = int(max(rx, ry) * 2 * math.pi / 4)
    a = np.radians(np.linspace(a0, a0 + sweep, n))
    pts = np.column_stack([cx + rx * np.cos(a), cy + ry * np.sin(a)])
    return _finish(pts, rng, noise)


def arrow(x0, y0, x1, y1, rng, *, head="end", sag=0.0, noise=1.2, head_len=18.0):
    """A shaft from (x0, y0) to (x1, y1), bowed by `sag` (fraction of its length), with a head
    drawn in the same stroke at "end", "start", "both" or None."""
    length = math.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    nx, ny = -uy, ux
    s = np.linspace(0, 1, max(8, int(length / 4)))
    bow = np.sin(np.pi * s) * sag * length
    shaft = np.column_stack([x0 + (x1 - x0) * s + nx * bow, y0 + (y1 - y0) * s + ny * bow])

    def barbs(tx, ty, dx, dy):
        left = (tx - head_len * (dx * 0.87 - dy * 0.5), ty - head_len * (dy * 0.87 + dx * 0.5))
        right = (tx - head_len * (dx * 0.87 + dy * 0.5), ty - head_len * (dy * 0.87 - dx * 0.5))
        return _walk([(tx, ty), left, (tx, ty), right], 3.0, rng)

    parts = []
    if head in ("start", "both"):
        parts.append(barbs(x0, y0, -ux, -uy)[::-1])
    parts.append(shaft)
    if head in ("end", "both"):
        parts.append(barbs(x1, y1, ux, uy))
    return _finish(np.vstack(parts), rng, noise)


def head_stroke(tx, ty, dx, dy, rng, *, size=16.0):
    """A separately drawn arrow head (a "V") with its point at (tx, ty), pointing along (dx, dy)."""
    left = (tx - size * (dx * 0.87 - dy * 0.5), ty - size * (dy * 0.87 + dx * 0.5))
    right = (tx - size * (dx * 0.87 + dy * 0.5), ty - size * (dy * 0.87 - dx * 0.5))
    return _finish(_walk([left, (tx, ty), right], 3.0, rng), rng, 0.8)


def scribble(cx, cy, size, rng, *, turns=12):
    """A messy random scrawl: neither a shape nor an arrow."""
    corners = [(cx + rng.uniform(-size, size), cy + rng.uniform(-size, size)) for _ in range(turns)]
    return _finish(_walk(corners, 4.0, rng), rng, 1.5)


def zigzag(x0, y0, length, amplitude, teeth, rng):
    """A horizontal zig-zag."""
    corners = [
        (x0 + length * i / (2 * teeth), y0 + (amplitude if i % 2 else -amplitude))
        for i in range(2 * teeth + 1)
    ]
    return _finish(_walk(corners, 4.0, rng), rng, 1.0)


def triangle(cx, cy, size, rng):
    """A closed triangle: closed but neither box nor ellipse."""
    corners = [(cx, cy - size), (cx + size, cy + size * 0.8), (cx - size, cy + size * 0.8)]
    return _finish(_walk([*corners, corners[0]], 4.0, rng), rng, 1.2)
