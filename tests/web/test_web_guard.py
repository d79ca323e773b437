"""The server refuses what it must: a wrong or missing token off loopback, a foreign Origin, a
foreign Host, URLs outside the session folders, oversized, malformed and flooding messages;
and the token never shows up in what the server logs."""

from __future__ import annotations

import asyncio
import json
import logging

import httpx
import pytest
import websockets

from agent.web.server import WebServer
from scenarios import load_scenarios

TOKEN = "s3cret-pairing-token"


@pytest.fixture
def paired(hotseat_home):
    """A server that needs the pairing token (as on a LAN address), on loopback for the test."""
    with WebServer(hotseat_home, load_scenarios(), port=0, token=TOKEN, require_token=True) as s:
        yield s


@pytest.fixture
def local(hotseat_home):
    with WebServer(hotseat_home, load_scenarios(), port=0) as s:
        yield s


def ws_url(server, path):
    return server.base_url.replace("http://", "ws://") + path


async def refused(url, **kwargs):
    try:
        async with websockets.connect(url, open_timeout=10, **kwargs) as ws:
            await asyncio.wait_for(ws.recv(), 10)
    except websockets.exceptions.InvalidStatus as error:
        return error.response.status_code
    except websockets.exceptions.ConnectionClosed as error:
        return error.rcvd.code if error.rcvd else -1
    return None


def create(server, client=httpx, **extra):
    return client.post(
        server.base_url + "/api/sessions",
        json={"scenario": "url-shortener", "minutes": 20, "mode": "text"},
        headers={"Origin": server.base_url},
        **extra,
    )


def test_token_needed_off_loopback_then_kept_in_a_cookie(paired):
    base = paired.base_url
    assert httpx.get(base + "/").status_code == 403
    assert httpx.get(base + "/?token=wrong").status_code == 403
    assert httpx.get(base + "/api/scenarios").status_code == 403
    with httpx.Client() as client:
        first = client.get(paired.url)
        assert first.status_code == 200 and "Hotseat" in first.text
        assert client.get(base + "/api/scenarios").status_code == 200  # the cookie now
        made = create(paired, client)
        assert made.status_code == 200, made.text
    session = made.json()["id"]
    origin = {"origin": base}
    assert asyncio.run(refused(ws_url(paired, f"/ws/{session}"), **origin)) == 403
    url = ws_url(paired, f"/ws/{session}?token=nope")
    assert asyncio.run(refused(url, **origin)) == 403
    assert asyncio.run(refused(ws_url(paired, f"/ws/{session}?token={TOKEN}"), **origin)) is None


def test_foreign_origin_and_host_are_refused(local):
    base = local.base_url
    made = create(local)
    assert made.status_code == 200, made.text
    session = made.json()["id"]
    evil = httpx.post(
        base + "/api/sessions",
        json={"scenario": "url-shortener"},
        headers={"Origin": "http://evil.test"},
    )
    assert evil.status_code == 403
    assert httpx.post(base + "/api/sessions", json={"scenario": "url-shortener"}).status_code == 403
    url = ws_url(local, f"/ws/{session}")
    assert asyncio.run(refused(url, origin="http://evil.test")) == 403
    assert asyncio.run(refused(url)) == 403  # no Origin at all: not a page of ours
    # DNS rebinding: a foreign name that resolves to 127.0.0.1
    assert httpx.get(base + "/", headers={"Host": "evil.test"}).status_code == 421
    assert asyncio.run(refused(url, origin=base)) is None


def test_urls_reach_only_session_folders(local, hotseat_home):
    hotseat_home.mkdir(parents=True, exist_ok=True)
    (hotseat_home / "secret.txt").write_text("private")
    base = local.base_url
    for path in (
        "/report/..%2fsecret.txt",
        "/report/%2e%2e",
        "/report/nope",
        "/static/..%2f..%2fcli%2fmain.py",
        "/static/../app.py",
        "/interview/..%2f..",
        "/board/nope/",
    ):
        response = httpx.get(base + path)
        assert response.status_code == 404, path
        assert "private" not in response.text
    # a folder that is not a recording is no session either
    (hotseat_home / "sessions" / "fake").mkdir(parents=True)
    assert httpx.get(base + "/report/fake").status_code == 404


def test_bad_messages_get_one_line_and_the_session_goes_on(local):
    session = create(local).json()["id"]

    async def talk():
        async with websockets.connect(
            ws_url(local, f"/ws/{session}"), origin=local.base_url, max_size=2**22
        ) as ws:
            state = json.loads(await ws.recv())
            assert state["type"] == "state" and state["items"]
            answers = []
            for raw in (
                "not json",
                json.dumps([1, 2]),
                json.dumps({"type": "launch"}),
                json.dumps({"type": "turn", "text": ""}),
                json.dumps({"type": "turn", "text": "x" * 20_000}),
            ):
                await ws.send(raw)
                answers.append(await _next(ws, "error"))
            flood = [json.dumps({"type": "ping"}) for _ in range(200)]
            for raw in flood:
                await ws.send(raw)
            answers.append(await _next(ws, "error"))
            await asyncio.sleep(1.0)  # let the rate bucket refill a little
            await ws.send(json.dumps({"type": "turn", "text": "What is the read to write ratio?"}))
            item = await _next(ws, "item", lambda m: m["item"]["speaker"] == "interviewer")
            return answers, item

    answers, item = asyncio.run(talk())
    messages = [a["message"] for a in answers]
    assert messages[0] == "malformed JSON"
    assert "JSON object" in messages[1]
    assert "unknown message type 'launch'" in messages[2]
    assert "needs some text" in messages[3]
    assert "too large" in messages[4]
    assert "too many messages" in messages[5]
    assert all("\n" not in m and "Traceback" not in m for m in messages)
    assert item["item"]["text"]


async def _next(ws, kind, where=lambda m: True):
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), 30))
        if message.get("type") == kind and where(message):
            return message


def test_the_token_is_never_logged(hotseat_home, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    with (
        WebServer(
            hotseat_home, load_scenarios(), port=0, token=TOKEN, require_token=True
        ) as server,
        httpx.Client() as client,
    ):
        client.get(server.url)
        client.get(server.base_url + "/?token=wrong")
        create(server, client)
    out, err = capfd.readouterr()
    server_side = [
        r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))
    ]
    assert not [line for line in server_side if TOKEN in line]
    assert TOKEN not in out and TOKEN not in err
