"""The tablet board's web app (Starlette): the page, its static files, and the WebSocket.

The page and the socket need the pairing token; the socket bounds message size and rate per
connection and answers anything bad with an `error` message instead of dropping the tablet.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect

from agent.whiteboard.tablet.board_session import BoardSession
from agent.whiteboard.tablet.outbox import COALESCED, Outbox

STATIC = Path(__file__).parent / "static"
MAX_MESSAGE_BYTES = 64 * 1024
"""A long stroke is ~20 KB; anything bigger is refused with an error (the session goes on)."""
MAX_RATE = 50.0
"""Messages per second per connection (a token bucket, so short bursts are fine)."""
BURST = 50.0
MAX_INBOX = 64
"""Messages accepted but not yet handled, per connection; more are dropped like a flood."""
BROADCAST_INTERVAL = 0.1
"""At most 10 board snapshots a second go out, however fast the board changes."""
BAD_TOKEN = "pairing token missing or wrong: open the exact URL that `hotseat board` printed"
_NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


class RateLimit:
    """A token bucket: `allow()` is False once a client outruns `rate` messages a second."""

    def __init__(
        self,
        rate: float = MAX_RATE,
        burst: float = BURST,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate, self.burst, self.clock = rate, burst, clock
        self.tokens, self.stamp = burst, clock()

    def allow(self) -> bool:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class Hub:
    """The connected tablets. Board changes are coalesced: one snapshot is built per
    `BROADCAST_INTERVAL` at most, however fast changes come and however many tablets watch,
    and each tablet's `Outbox` keeps only the newest one, so a slow tablet costs nobody else."""

    def __init__(self, session: BoardSession, on_change: Callable[[], None] | None = None) -> None:
        self.session = session
        self.on_change = on_change
        self.clients: set[Outbox] = set()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.snapshots_built = 0
        self._dirty: asyncio.Event | None = None
        self._broadcaster: asyncio.Task | None = None

    def join(self, outbox: Outbox) -> None:
        """Add a tablet (on the server's loop)."""
        self.clients.add(outbox)
        if self._broadcaster is None or self._broadcaster.done():
            self._dirty = asyncio.Event()
            self._broadcaster = asyncio.get_running_loop().create_task(self._broadcast_changes())

    def leave(self, outbox: Outbox) -> None:
        self.clients.discard(outbox)

    def board_changed(self) -> None:
        """Mark the board changed (on the server's loop); the broadcaster sends it soon."""
        if self._dirty is not None:
            self._dirty.set()

    async def broadcast(self, message: dict[str, Any]) -> None:
        """Send to every tablet: a snapshot is rebuilt by the broadcaster, anything else is
        offered as is (the newest of its kind wins)."""
        if message.get("type") == "snapshot":
            self.board_changed()
            return
        text = json.dumps(message)
        kind = str(message.get("type"))
        for outbox in list(self.clients):
            if kind in COALESCED:
                outbox.offer(kind, text)
            else:
                outbox.reply(text)

    def push(self, message: dict[str, Any]) -> None:
        """Broadcast from any thread (the interviewer's); a no-op before the server runs."""
        loop = self.loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop stopped meanwhile
                asyncio.run_coroutine_threadsafe(self.broadcast(message), loop)

    def changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    async def _broadcast_changes(self) -> None:
        assert self._dirty is not None
        while self.clients:
            try:
                await asyncio.wait_for(self._dirty.wait(), 30.0)
            except TimeoutError:
                continue
            self._dirty.clear()
            text = json.dumps(self.session.snapshot())
            self.snapshots_built += 1
            for outbox in list(self.clients):
                outbox.offer("snapshot", text)
            await asyncio.sleep(BROADCAST_INTERVAL)


def create_app(session: BoardSession, token: str, hub: Hub | None = None) -> Starlette:
    """The ASGI app for one board. `token` is the pairing secret in the page URL."""
    hub = hub or Hub(session)

    def token_ok(given: str | None) -> bool:
        return isinstance(given, str) and secrets.compare_digest(given.encode(), token.encode())

    async def page(request: Request) -> Response:
        if not token_ok(request.query_params.get("token")):
            return PlainTextResponse(BAD_TOKEN, status_code=403, headers=_NO_STORE)
        return HTMLResponse((STATIC / "index.html").read_text(encoding="utf-8"), headers=_NO_STORE)

    async def socket(ws: WebSocket) -> None:
        if not token_ok(ws.query_params.get("token")):
            await ws.close(code=1008, reason="bad pairing token")
            return
        await ws.accept()
        reader = asyncio.current_task()
        outbox = Outbox(ws.send_text, on_dead=lambda: reader.cancel() if reader else None)
        inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=MAX_INBOX)
        sender = asyncio.create_task(outbox.run())
        worker = asyncio.create_task(_work(session, hub, inbox, outbox))
        outbox.reply(json.dumps(session.snapshot()))
        hub.join(outbox)
        try:
            await _read(ws, inbox, outbox)
        except (WebSocketDisconnect, asyncio.CancelledError):
            pass  # gone, or dropped for not reading: either way this connection is over
        finally:
            hub.leave(outbox)
            worker.cancel()
            sender.cancel()
            if outbox.dead:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(ws.close(code=1008, reason="not reading"), 1.0)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        hub.loop = asyncio.get_running_loop()
        yield
        hub.loop = None

    app = Starlette(
        routes=[
            Route("/", page),
            WebSocketRoute("/ws", socket),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        lifespan=lifespan,
    )
    app.state.hub = hub
    return app


async def _read(ws: WebSocket, inbox: asyncio.Queue, outbox: Outbox) -> None:
    """Receive and rate-limit messages as they arrive; the worker handles them in turn, so
    slow handling never lets a flood through (the bucket counts arrivals, not handling)."""
    limit = RateLimit()
    warned = 0.0
    while True:
        raw = await ws.receive()
        if raw["type"] == "websocket.disconnect":
            return
        if not limit.allow() or inbox.full():
            now = time.monotonic()
            if now - warned >= 1.0:  # one warning a second, not one per dropped message
                warned = now
                outbox.reply(
                    _error_text(f"too many messages: at most {MAX_RATE:.0f} a second; dropped")
                )
            continue
        inbox.put_nowait(raw)


async def _work(session: BoardSession, hub: Hub, inbox: asyncio.Queue, outbox: Outbox) -> None:
    while True:
        raw = await inbox.get()
        reply, changed = _handle(session, raw)
        outbox.reply(json.dumps(reply))
        if changed:
            hub.board_changed()
            hub.changed()


def _error_text(text: str) -> str:
    return json.dumps({"type": "error", "seq": None, "message": text})


def _handle(session: BoardSession, raw: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    text = raw.get("text")
    if text is None:
        return {"type": "error", "seq": None, "message": "send JSON text, not binary"}, False
    size = len(text.encode("utf-8"))
    if size > MAX_MESSAGE_BYTES:
        return {
            "type": "error",
            "seq": None,
            "message": f"message too large: {size} bytes, limit {MAX_MESSAGE_BYTES}",
        }, False
    try:
        message = json.loads(text, parse_constant=_no_constants)
    except (ValueError, RecursionError) as error:
        return {"type": "error", "seq": None, "message": f"malformed JSON: {error}"}, False
    return session.handle(message)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number here")
