"""The board graph: changes, tablet events, validation and the board JSON round trip."""

from __future__ import annotations

import json

import pytest

from agent.whiteboard import (
    BOARD_VERSION,
    EVENT_TYPES,
    Board,
    BoardError,
    ComponentKind,
    EdgeMode,
    Layer,
)


def test_add_component_classifies_from_label_and_shape():
    board = Board()
    redis = board.add_component("Timeline cache (Redis)")
    users = board.add_component("Users", shape="cylinder")
    assert (redis.kind, redis.layer) == (ComponentKind.CACHE, Layer.SERVING)
    assert users.kind == ComponentKind.DATABASE
    assert board.revision == 2


def test_explicit_kind_wins_and_gets_its_layer():
    comp = Board().add_component("Thing", kind="monitoring")
    assert (comp.kind, comp.layer) == (ComponentKind.MONITORING, Layer.CROSS_CUTTING)


def test_label_change_reclassifies_and_revision_counts():
    board = Board()
    comp = board.add_component("box")
    assert comp.kind == ComponentKind.OTHER
    updated = board.update_component(comp.id, label="Kafak")
    assert updated.kind == ComponentKind.QUEUE
    assert board.revision == 2
    assert board.component(comp.id) is updated


def test_move_keeps_graph_and_updates_geometry():
    board = Board()
    comp = board.add_component("API", x=1, y=2, w=100, h=50)
    moved = board.move(comp.id, 10, 20)
    assert (moved.x, moved.y, moved.w, moved.h) == (10, 20, 100, 50)
    assert moved.label == "API"


def test_remove_component_removes_attached_edges():
    board = Board()
    a, b, c = (board.add_component(x) for x in ("API", "Redis", "Postgres"))
    board.add_edge(a.id, b.id)
    keep = board.add_edge(a.id, c.id)
    board.remove(b.id)
    assert list(board.edges) == [keep.id]
    assert b.id not in board.components


def test_notes_accumulate_and_feed_facts():
    board = Board()
    cache = board.add_component("Redis")
    board.add_note(cache.id, "TTL 30s")
    board.add_note(cache.id, "allkeys-lru, 3 replicas")
    facts = board.component(cache.id).facts
    assert facts.ttl == "TTL 30s"
    assert facts.eviction == "allkeys-lru"
    assert facts.replicas == 3 and facts.replicated


def test_edges_need_existing_distinct_ends():
    board = Board()
    a = board.add_component("API")
    with pytest.raises(BoardError, match="'zzz' is not a component"):
        board.add_edge(a.id, "zzz")
    with pytest.raises(BoardError, match="itself"):
        board.add_edge(a.id, a.id)


def test_duplicate_ids_are_refused():
    board = Board()
    board.add_component("API", id="api")
    with pytest.raises(BoardError, match="already on the board"):
        board.add_component("Other", id="api")


def test_apply_every_event_type():
    board = Board()
    events = [
        {"type": "add_component", "id": "a", "label": "Local rate limiter", "x": 0, "y": 0},
        {"type": "add_component", "id": "r", "label": "Reddis", "shape": "rectangle"},
        {"type": "add_edge", "id": "e", "source": "a", "target": "r", "bidirectional": True},
        {"type": "update_edge", "id": "e", "label": "async sync", "mode": "async"},
        {"type": "add_note", "id": "r", "text": "TTL 60s"},
        {"type": "update_component", "id": "a", "label": "Rate limiter (Caffeine)"},
        {"type": "move", "id": "a", "x": 40.5, "y": 12},
        {"type": "add_group", "id": "g", "label": "Edge node"},
        {"type": "update_component", "id": "a", "group": "g"},
        {"type": "add_component", "id": "tmp", "label": "scratch"},
        {"type": "remove", "id": "tmp"},
    ]
    for event in events:
        board.apply(event)
    assert {e["type"] for e in events} == set(EVENT_TYPES)
    assert board.revision == len(events)
    assert board.component("r").kind == ComponentKind.CACHE
    assert board.component("r").notes == ("TTL 60s",)
    assert board.component("a").group == "g" and board.component("a").x == 40.5
    edge = board.edges["e"]
    assert edge.bidirectional and edge.mode == EdgeMode.ASYNC and edge.label == "async sync"
    assert "tmp" not in board.components


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ("not a dict", "must be a JSON object"),
        ({"label": "x"}, "unknown event type None"),
        ({"type": "explode"}, "unknown event type 'explode'"),
        ({"type": "move", "id": "a", "x": 1}, "move: missing field 'y'"),
        ({"type": "move", "id": "a", "x": "1", "y": 2}, "field 'x' must be"),
        ({"type": "move", "id": "a", "x": True, "y": 2}, "field 'x' must be a number"),
        ({"type": "add_component", "label": 5}, "field 'label' must be str"),
        ({"type": "add_component", "label": "x", "kind": "wizard"}, "unknown component kind"),
        ({"type": "add_component", "label": "x", "notes": [1]}, "list of strings"),
        ({"type": "add_component", "label": "x" * 300}, "longer than 200"),
        ({"type": "update_component", "id": "nope", "label": "x"}, "no component with id 'nope'"),
        ({"type": "remove", "id": "nope"}, "no component, edge or group"),
        ({"type": "add_edge", "source": "a", "target": "b", "mode": "later"}, "sync or async"),
        ({"type": "add_note", "id": "a"}, "missing field 'text'"),
    ],
)
def test_bad_events_raise_one_clear_error_and_change_nothing(event, message):
    board = Board()
    board.add_component("API", id="a")
    board.add_component("DB", id="b")
    before = board.to_dict()
    with pytest.raises(BoardError, match=message):
        board.apply(event)
    assert board.to_dict() == before


def test_board_json_round_trips_exactly():
    board = Board(title="Surge pricing")
    board.add_group("Write path", id="w")
    a = board.add_component("Flink", x=1, y=2, w=3, h=4, group="w", notes=["checkpoint 1 min"])
    b = board.add_component("Pricing DB", shape="cylinder", kind="database")
    board.add_edge(a.id, b.id, label="write (CP)", mode="async")
    data = json.loads(json.dumps(board.to_dict()))
    assert data["version"] == BOARD_VERSION == 1
    again = Board.from_dict(data)
    assert again.to_dict() == data
    assert again.revision == board.revision


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "must be an object"),
        ({"version": 2, "components": []}, "unsupported board version 2"),
        ({"version": 1, "components": {}}, "components must be a list"),
        ({"version": 1, "components": [{"label": "x"}]}, r"components\[0\]: missing"),
        (
            {
                "version": 1,
                "components": [{"id": "a", "label": "A"}],
                "edges": [{"source": "a", "target": "b"}],
            },
            r"edges\[0\]: edge end 'b'",
        ),
    ],
)
def test_bad_board_json_names_the_entry(data, message):
    with pytest.raises(BoardError, match=message):
        Board.from_dict(data)


def test_copy_is_independent_and_keeps_ids_unique():
    board = Board()
    a = board.add_component("API")
    copy = board.copy()
    assert copy.to_dict() == board.to_dict()
    b = copy.add_component("DB")
    assert b.id != a.id and b.id not in board.components
    assert board.revision == 1 and copy.revision == 2
