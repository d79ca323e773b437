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

from agent.whiteboard.tablet.session import BoardSession

STATIC = Path(__file__).parent / "static"
MAX_MESSAGE_BYTES = 64 * 1024
"""A long stroke is ~20 KB; anything bigger is refused with an error (the session goes on)."""
MAX_RATE = 50.0
"""Messages per second per connection (a token bucket, so short bursts are fine)."""
BURST = 50.0
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
    """The connected tablets; pushes snapshots and questions to all of them."""

    def __init__(self, session: BoardSession, on_change: Callable[[], None] | None = None) -> None:
        self.session = session
        self.on_change = on_change
        self.clients: set[WebSocket] = set()
        self.loop: asyncio.AbstractEventLoop | None = None

    async def broadcast(self, message: dict[str, Any]) -> None:
        text = json.dumps(message)
        for ws in list(self.clients):
            try:
                await ws.send_text(text)
            except Exception:  # a tablet that went away mid-send; its handler cleans up
                self.clients.discard(ws)

    def push(self, message: dict[str, Any]) -> None:
        """Broadcast from any thread (the interviewer's); a no-op before the server runs."""
        loop = self.loop
        if loop is not None and not loop.is_closed():
            asyncio.run_coroutine_threadsafe(self.broadcast(message), loop)

    def changed(self) -> None:
        if self.on_change is not None:
            self.on_change()


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
        hub.clients.add(ws)
        limit = RateLimit()
        warned = 0.0
        try:
            await ws.send_text(json.dumps(session.snapshot()))
            while True:
                raw = await ws.receive()
                if raw["type"] == "websocket.disconnect":
                    break
                if not limit.allow():
                    now = time.monotonic()
                    if now - warned >= 1.0:  # one warning a second, not one per dropped message
                        warned = now
                        await _send_error(
                            ws, f"too many messages: at most {MAX_RATE:.0f} a second; dropped"
                        )
                    continue
                reply, changed = _handle(session, raw)
                await ws.send_text(json.dumps(reply))
                if changed:
                    await hub.broadcast(session.snapshot())
                    hub.changed()
        except WebSocketDisconnect:
            pass
        finally:
            hub.clients.discard(ws)

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


async def _send_error(ws: WebSocket, text: str) -> None:
    await ws.send_text(json.dumps({"type": "error", "seq": None, "message": text}))
