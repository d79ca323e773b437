"""The stroke recogniser on synthetic hand-drawn strokes (seeded jitter, wobble, overshoot)."""

from __future__ import annotations

import numpy as np
import pytest

from agent.whiteboard.strokes import (
    MAX_POINTS,
    ShapeKind,
    StrokeError,
    StrokePoint,
    parse_points,
    recognize,
)
from tests import stroke_shapes as draw

SEEDS = range(25)


def read(points):
    return recognize(parse_points(points))


def kinds(make) -> list[ShapeKind]:
    return [read(make(np.random.default_rng(seed))).kind for seed in SEEDS]


@pytest.mark.parametrize(
    "name, make",
    [
        (
            "wobbly",
            lambda r: draw.box(
                100, 80, r.uniform(80, 260), r.uniform(60, 180), r, noise=r.uniform(1, 3)
            ),
        ),
        ("rounded", lambda r: draw.box(100, 80, 200, 120, r, radius=r.uniform(10, 45), noise=2)),
        ("tilted", lambda r: draw.box(100, 80, 200, 120, r, tilt=r.uniform(-20, 20), noise=2)),
        ("overshoot", lambda r: draw.box(100, 80, 200, 120, r, overshoot=r.uniform(10, 50))),
        ("left open", lambda r: draw.box(100, 80, 200, 120, r, gap=r.uniform(5, 30))),
        ("small", lambda r: draw.box(100, 80, 50, 35, r, noise=1.2)),
    ],
)
def test_boxes(name, make):
    assert kinds(make) == [ShapeKind.BOX] * len(SEEDS), name


def circle(rng):
    radius = rng.uniform(25, 90)
    return draw.ellipse(300, 300, radius, radius, rng, noise=rng.uniform(1, 3))


def test_box_bounds_follow_the_drawing():
    shape = read(draw.box(120, 60, 200, 100, np.random.default_rng(3), noise=1))
    x, y, w, h = shape.bounds
    assert abs(x - 120) < 10 and abs(y - 60) < 10
    assert abs(w - 200) < 16 and abs(h - 100) < 16


@pytest.mark.parametrize(
    "name, make",
    [
        ("circle", lambda r: circle(r)),
        ("flat ellipse", lambda r: draw.ellipse(300, 300, 120, r.uniform(35, 60), r, noise=2)),
        ("overshoot", lambda r: draw.ellipse(300, 300, 80, 60, r, sweep=r.uniform(365, 400))),
        ("left open", lambda r: draw.ellipse(300, 300, 80, 60, r, sweep=r.uniform(330, 350))),
    ],
)
def test_circles_and_ellipses(name, make):
    assert kinds(make) == [ShapeKind.ELLIPSE] * len(SEEDS), name


def test_arrow_with_head_at_the_end_points_from_tail_to_tip():
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        x1, y1 = 100 + rng.uniform(80, 320), 100 + rng.uniform(-120, 120)
        shape = read(draw.arrow(100, 100, x1, y1, rng))
        assert shape.kind is ShapeKind.ARROW, (seed, shape.reason)
        assert shape.head_at_end and not shape.head_at_start
        assert np.hypot(shape.start[0] - 100, shape.start[1] - 100) < 12
        assert np.hypot(shape.end[0] - x1, shape.end[1] - y1) < 12


def test_head_drawn_at_the_start_reverses_the_direction():
    for seed in SEEDS:
        shape = read(draw.arrow(100, 100, 320, 160, np.random.default_rng(seed), head="start"))
        assert shape.kind is ShapeKind.ARROW and not shape.bidirectional, seed
        assert shape.end[0] < 130 and shape.start[0] > 290  # it points back at (100, 100)


def test_heads_at_both_ends_make_it_two_way():
    for seed in SEEDS:
        shape = read(draw.arrow(100, 100, 320, 160, np.random.default_rng(seed), head="both"))
        assert shape.kind is ShapeKind.ARROW and shape.bidirectional, (seed, shape.reason)


def test_slightly_curved_arrows_and_plain_lines():
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        curved = read(draw.arrow(100, 100, 330, 150, rng, sag=rng.uniform(0.05, 0.18)))
        assert curved.kind is ShapeKind.ARROW, (seed, curved.reason)
        line = read(draw.arrow(400, 300, 150, 320, rng, head=None))
        assert line.kind is ShapeKind.LINE, (seed, line.reason)
        assert line.start[0] > line.end[0]  # a line keeps the direction it was drawn in


@pytest.mark.parametrize(
    "name, make",
    [
        ("scribble", lambda r: draw.scribble(300, 300, r.uniform(30, 90), r)),
        (
            "zig-zag",
            lambda r: draw.zigzag(
                100, 100, r.uniform(150, 300), r.uniform(12, 40), int(r.integers(3, 7)), r
            ),
        ),
        ("flat zig-zag", lambda r: draw.zigzag(100, 100, 200, 9, 4, r)),
        ("triangle", lambda r: draw.triangle(300, 300, r.uniform(40, 90), r)),
        ("C-shaped arc", lambda r: draw.ellipse(300, 300, 80, 80, r, sweep=r.uniform(200, 270))),
    ],
)
def test_scribbles_are_neither(name, make):
    assert kinds(make) == [ShapeKind.NONE] * len(SEEDS), name


def test_short_strokes_and_dots_are_marks():
    rng = np.random.default_rng(0)
    assert read(draw.head_stroke(300, 300, 1, 0, rng)).kind is ShapeKind.MARK
    assert read([[10, 10], [11, 11], [10, 12]]).kind is ShapeKind.MARK
    assert read([[5, 5]]).kind is ShapeKind.MARK
    assert recognize([]).kind is ShapeKind.NONE


def test_accepts_dicts_tuples_and_stroke_points():
    pts = draw.box(0, 0, 120, 80, np.random.default_rng(1))
    as_dicts = [{"x": x, "y": y, "t": t, "p": p} for x, y, t, p in pts]
    assert read(as_dicts).kind is ShapeKind.BOX
    assert recognize([StrokePoint(x, y) for x, y, *_ in pts]).kind is ShapeKind.BOX
    assert recognize([(x, y) for x, y, *_ in pts]).kind is ShapeKind.BOX


@pytest.mark.parametrize(
    "raw, words",
    [
        ("nope", "must be a list"),
        ([[1]], "point 0"),
        ([[1, 2], [3, "4"]], "point 1 has a non-numeric"),
        ([[1, 2], [float("nan"), 2]], "non-numeric"),
        ([[True, 2]], "non-numeric"),
        ([[0, 0]] * (MAX_POINTS + 1), "at most"),
    ],
)
def test_malformed_points_are_one_clear_error(raw, words):
    with pytest.raises(StrokeError, match=words):
        parse_points(raw)
