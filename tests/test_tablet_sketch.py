"""Strokes → board: boxes become components, arrows snap to boxes and become edges, cylinders,
separately drawn arrow heads, and the messages for strokes that do nothing."""

from __future__ import annotations

import numpy as np
import pytest

from agent.whiteboard import Board, ComponentKind
from agent.whiteboard.strokes import ShapeKind, parse_points
from agent.whiteboard.tablet import Sketcher
from tests import stroke_shapes as draw


@pytest.fixture
def rng():
    return np.random.default_rng(7)


def stroke(sketcher, board, points):
    return sketcher.stroke(board, parse_points(points))


def two_boxes(sketcher, board, rng):
    a = stroke(sketcher, board, draw.box(100, 100, 160, 90, rng))
    b = stroke(sketcher, board, draw.box(500, 120, 160, 90, rng))
    return a.component_id, b.component_id


def test_box_and_ellipse_strokes_add_components_with_their_geometry(rng):
    board, sk = Board(), Sketcher()
    box = stroke(sk, board, draw.box(100, 100, 160, 90, rng))
    oval = stroke(sk, board, draw.ellipse(500, 300, 70, 50, rng))
    assert box.changed and box.recognized is ShapeKind.BOX
    assert board.components[box.component_id].shape == "rectangle"
    assert board.components[oval.component_id].shape == "ellipse"
    comp = board.components[box.component_id]
    assert abs(comp.x - 100) < 10 and abs(comp.w - 160) < 16


def test_arrow_between_boxes_becomes_an_edge_in_the_direction_drawn(rng):
    board, sk = Board(), Sketcher()
    a, b = two_boxes(sk, board, rng)
    # from inside the right box to just short of the left one: snaps at both ends
    result = stroke(sk, board, draw.arrow(560, 160, 290, 150, rng))
    assert result.changed and result.recognized is ShapeKind.ARROW
    edge = board.edges[result.edge_id]
    assert (edge.source, edge.target, edge.bidirectional) == (b, a, False)


def test_two_headed_arrow_is_bidirectional(rng):
    board, sk = Board(), Sketcher()
    two_boxes(sk, board, rng)
    result = stroke(sk, board, draw.arrow(270, 145, 490, 165, rng, head="both"))
    assert board.edges[result.edge_id].bidirectional


def test_arrow_with_both_ends_far_from_boxes_is_ignored_with_a_message(rng):
    board, sk = Board(), Sketcher()
    two_boxes(sk, board, rng)
    before = board.revision
    result = stroke(sk, board, draw.arrow(100, 500, 400, 520, rng))
    assert not result.changed and board.revision == before and not board.edges
    assert "neither end is near a box" in result.message
    one_end = stroke(sk, board, draw.arrow(270, 145, 420, 400, rng))
    assert not one_end.changed and "end is not near a box" in one_end.message


def test_arrow_inside_one_box_is_ignored(rng):
    board, sk = Board(), Sketcher()
    stroke(sk, board, draw.box(100, 100, 300, 200, rng))
    result = stroke(sk, board, draw.arrow(140, 150, 360, 220, rng))
    assert not result.changed and "both ends" in result.message


def test_snap_tolerance_is_in_pixels(rng):
    board = Board()
    sk = Sketcher(snap=10)
    two_boxes(sk, board, rng)
    result = stroke(sk, board, draw.arrow(290, 145, 470, 165, rng, noise=0.3))  # ~30 px short
    assert not result.changed
    assert stroke(Sketcher(snap=40), board, draw.arrow(290, 145, 470, 165, rng)).changed


def test_separate_head_at_the_tail_reverses_a_plain_line(rng):
    board, sk = Board(), Sketcher()
    a, b = two_boxes(sk, board, rng)
    line = stroke(sk, board, draw.arrow(270, 150, 490, 160, rng, head=None))
    assert line.recognized is ShapeKind.LINE
    assert (board.edges[line.edge_id].source, board.edges[line.edge_id].target) == (a, b)
    head = stroke(sk, board, draw.head_stroke(272, 150, -1, 0, rng))
    assert head.changed and head.recognized is ShapeKind.ARROW
    edge = board.edges[line.edge_id]
    assert (edge.source, edge.target, edge.bidirectional) == (b, a, False)
    # and a head at the other end now makes it two-way
    stroke(sk, board, draw.head_stroke(490, 160, 1, 0, rng))
    assert board.edges[line.edge_id].bidirectional
    assert len(board.edges) == 1


def test_mark_far_from_the_last_arrow_does_nothing(rng):
    board, sk = Board(), Sketcher()
    two_boxes(sk, board, rng)
    stroke(sk, board, draw.arrow(270, 150, 490, 160, rng))
    before = board.revision
    result = stroke(sk, board, draw.head_stroke(380, 400, 1, 0, rng))
    assert not result.changed and board.revision == before


def test_flat_ellipse_on_top_of_a_box_makes_a_cylinder_store(rng):
    board, sk = Board(), Sketcher()
    box = stroke(sk, board, draw.box(100, 100, 140, 160, rng)).component_id
    board.update_component(box, label="Users")
    result = stroke(sk, board, draw.ellipse(170, 102, 70, 16, rng, noise=1))
    assert result.changed and result.component_id == box
    comp = board.components[box]
    assert comp.shape == "cylinder" and comp.kind is ComponentKind.DATABASE
    assert len(board.components) == 1


def test_u_under_a_flat_ellipse_makes_a_cylinder(rng):
    board, sk = Board(), Sketcher()
    top = stroke(sk, board, draw.ellipse(200, 100, 80, 18, rng, noise=1)).component_id
    body = [[120 + 0.3 * i, 100 + 4 * i] for i in range(40)]
    body += [[132 + 4 * i, 262 + 6 * np.sin(np.pi * i / 34)] for i in range(35)]
    body += [[276 + 0.3 * i, 260 - 4 * i] for i in range(40)]
    result = stroke(sk, board, body)
    assert result.changed and result.component_id == top
    comp = board.components[top]
    assert comp.shape == "cylinder" and comp.h > 150


def test_scribble_changes_nothing_and_says_why(rng):
    board, sk = Board(), Sketcher()
    result = stroke(sk, board, draw.scribble(300, 300, 60, rng))
    assert not result.changed and board.revision == 0
    assert result.message.startswith("not recognised")
