"""The tablet board's WebSocket protocol: pairing token, snapshots, edits, bounds on size and
rate, malformed input; then the real server (uvicorn on loopback) with the `websockets` client."""

from __future__ import annotations

import contextlib
import json
import threading
import time

import numpy as np
import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from agent.whiteboard import Board, ComponentKind
from agent.whiteboard.tablet import (
    MAX_MESSAGE_BYTES,
    BoardSession,
    RateLimit,
    TabletBoard,
    create_app,
)
from tests import stroke_shapes as draw

TOKEN = "test-token-123"


@pytest.fixture
def client():
    session = BoardSession()
    with TestClient(create_app(session, TOKEN)) as test_client, contextlib.ExitStack() as sockets:
        test_client.session = session
        test_client.sockets = sockets
        yield test_client


def connect(client, token=TOKEN):
    """Open a socket that the fixture closes (before the app shuts down)."""
    ws = client.sockets.enter_context(client.websocket_connect(f"/ws?token={token}"))
    first = ws.receive_json()
    assert first["type"] == "snapshot"
    return ws, first


def send(ws, message):
    ws.send_text(json.dumps(message))
    return ws.receive_json()


def test_page_needs_the_token(client):
    assert client.get("/").status_code == 403
    assert client.get("/?token=wrong").status_code == 403
    page = client.get(f"/?token={TOKEN}")
    assert page.status_code == 200 and 'id="label-input"' in page.text
    assert "touch-action: none" in client.get("/static/board.css").text


def test_socket_with_a_bad_token_is_closed(client):
    for url in ("/ws", "/ws?token=nope"):
        with pytest.raises(WebSocketDisconnect) as closed, client.websocket_connect(url) as ws:
            ws.receive_json()
        assert closed.value.code == 1008


def test_strokes_and_edits_build_the_graph_and_everyone_gets_snapshots(client):
    rng = np.random.default_rng(1)
    ws, first = connect(client)
    other, _ = connect(client)
    assert first["board"]["components"] == [] and first["findings"] == []
    for box in (draw.box(100, 100, 160, 90, rng), draw.box(500, 120, 160, 90, rng)):
        ack = send(ws, {"type": "stroke", "points": box, "seq": 1})
        assert ack["type"] == "ack" and ack["recognized"] == "box" and ack["seq"] == 1
        assert ws.receive_json()["type"] == "snapshot"
        assert other.receive_json()["type"] == "snapshot"
    ack = send(ws, {"type": "stroke", "points": draw.arrow(270, 145, 490, 165, rng), "seq": 2})
    assert ack["recognized"] == "arrow" and ack["edge_id"]
    ws.receive_json()
    other.receive_json()
    assert send(ws, {"type": "update_component", "id": "c1", "label": "API server"})["ok"]
    ws.receive_json()
    other.receive_json()
    assert send(ws, {"type": "update_component", "id": "c2", "label": "Postgres"})["ok"]
    snap = ws.receive_json()
    assert other.receive_json() == snap
    kinds = {c["label"]: c["kind"] for c in snap["board"]["components"]}
    assert kinds == {"API server": "service", "Postgres": "database"}
    assert [(e["source"], e["target"]) for e in snap["board"]["edges"]] == [("c1", "c2")]
    assert "NO_REPLICATION" in {f["code"] for f in snap["findings"]}
    # a fresh connection (a reload) gets the same board
    again, fresh = connect(client)
    assert fresh["board"] == snap["board"] and fresh["revision"] == snap["revision"]


def test_move_note_and_delete(client):
    client.session.apply(
        {"type": "add_component", "label": "Redis", "x": 10, "y": 10, "w": 80, "h": 40}
    )
    ws, _ = connect(client)
    assert send(ws, {"type": "move", "id": "c1", "x": 200, "y": 90})["ok"]
    ws.receive_json()
    assert send(ws, {"type": "add_note", "id": "c1", "text": "TTL 60s, LRU"})["ok"]
    snap = ws.receive_json()
    comp = snap["board"]["components"][0]
    assert (comp["x"], comp["y"], comp["notes"]) == (200, 90, ["TTL 60s, LRU"])
    assert "CACHE_NO_TTL" not in {f["code"] for f in snap["findings"]}
    assert send(ws, {"type": "remove", "id": "c1"})["ok"]
    assert ws.receive_json()["board"]["components"] == []


@pytest.mark.parametrize(
    "text, words",
    [
        ("{not json", "malformed JSON"),
        ('{"type": "move", "id": "c1", "x": NaN, "y": 1}', "malformed JSON"),
        ("[" * 5000 + "]" * 5000, "malformed JSON"),
        ('"just a string"', "JSON object"),
        ('{"type": "teleport"}', "unknown message type 'teleport'"),
        ('{"type": "move", "id": "c404", "x": 1, "y": 2}', "no component with id 'c404'"),
        ('{"type": "move", "id": "c1", "x": "left", "y": 2}', "must be"),
        ('{"type": "stroke", "points": "zigzag"}', "stroke: stroke points must be a list"),
        ('{"type": "add_edge", "source": "c1", "target": "c1"}', "to itself"),
    ],
)
def test_bad_messages_get_an_error_and_the_session_goes_on(client, text, words):
    client.session.apply({"type": "add_component", "label": "API"})
    ws, _ = connect(client)
    ws.send_text(text)
    reply = ws.receive_json()
    assert reply["type"] == "error" and words in reply["message"]
    assert send(ws, {"type": "ping", "seq": 9}) == {"type": "pong", "seq": 9}
    assert client.session.board().revision == 1


def test_oversize_and_binary_messages_are_refused(client):
    ws, _ = connect(client)
    big = json.dumps({"type": "stroke", "points": [[1.123456, 2.123456]] * 5000})
    assert len(big) > MAX_MESSAGE_BYTES
    ws.send_text(big)
    reply = ws.receive_json()
    assert reply["type"] == "error" and "too large" in reply["message"]
    ws.send_bytes(b"\x00\x01")
    assert "not binary" in ws.receive_json()["message"]
    assert send(ws, {"type": "ping"})["type"] == "pong"


def test_rate_limit_drops_the_excess_with_one_clear_error(client):
    ws, _ = connect(client)
    for n in range(120):
        ws.send_text(json.dumps({"type": "ping", "seq": n}))
    pongs = 0
    while (reply := ws.receive_json())["type"] == "pong":
        pongs += 1
    assert reply["type"] == "error" and "too many messages" in reply["message"]
    assert 50 <= pongs < 120
    # the connection survives: once the bucket refills, messages go through again
    time.sleep(0.1)
    ws.send_text(json.dumps({"type": "sync", "seq": "after"}))
    while (reply := ws.receive_json()).get("seq") != "after":
        assert reply["type"] in ("pong", "error")
    assert reply["type"] == "snapshot"


def test_rate_limit_refills_over_time():
    now = [0.0]
    limit = RateLimit(rate=50, burst=50, clock=lambda: now[0])
    assert sum(limit.allow() for _ in range(80)) == 50
    now[0] += 0.1
    assert sum(limit.allow() for _ in range(80)) == 5


def test_question_is_pushed_and_kept_for_reloads(client):
    ws, _ = connect(client)
    message = client.session.set_question("What if Postgres dies?", ["c2"])
    assert message == {
        "type": "question",
        "text": "What if Postgres dies?",
        "component_ids": ["c2"],
    }
    _, snap = connect(client)
    assert snap["question"]["component_ids"] == ["c2"]


# ---- the real server -----------------------------------------------------------------------


def test_tablet_board_serves_on_loopback_and_reports_changes():
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect as ws_connect

    seen: list[tuple[int, list[str]]] = []
    done = threading.Event()

    def on_change(board: Board, findings) -> None:
        seen.append((board.revision, sorted({f.code for f in findings})))
        if board.revision >= 2:
            done.set()

    with TabletBoard("127.0.0.1", 0, on_change=on_change) as tablet:
        assert tablet.url.startswith(f"http://127.0.0.1:{tablet.port}/?token=")
        assert "█" in tablet.qr() or "▀" in tablet.qr()
        base = f"ws://127.0.0.1:{tablet.port}/ws"
        with pytest.raises(InvalidStatus) as refused:
            ws_connect(f"{base}?token=wrong")
        assert refused.value.response.status_code == 403
        with ws_connect(f"{base}?token={tablet.token}") as ws:
            assert json.loads(ws.recv())["type"] == "snapshot"
            ws.send(json.dumps({"type": "add_component", "label": "Kafka"}))
            assert json.loads(ws.recv())["type"] == "ack"
            assert json.loads(ws.recv())["type"] == "snapshot"
            tablet.apply({"type": "add_component", "label": "Postgres"})
            assert json.loads(ws.recv())["revision"] == 2
            threading.Thread(target=tablet.show_question, args=("Why Kafka?", ["c1"])).start()
            assert json.loads(ws.recv()) == {
                "type": "question",
                "text": "Why Kafka?",
                "component_ids": ["c1"],
            }
        assert done.wait(5)
        assert [rev for rev, _ in seen] == [1, 2]
        assert tablet.board.components["c1"].kind is ComponentKind.QUEUE
    tablet.stop()  # idempotent
