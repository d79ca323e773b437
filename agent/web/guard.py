"""Who may talk to the server: the Host header, the Origin of sockets and form posts, and the
pairing token.

On loopback the token is not needed, but the Host must be a loopback name (so a web page that
rebinds its DNS name to 127.0.0.1 is refused) and sockets and posts must come from this origin
(so another site open in the same browser cannot drive an interview). On any other address
every request also needs the token: once as `?token=` in the printed URL, then as a cookie.
The token never appears in a log line: uvicorn's access log is off and errors do not echo it.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Any, Any], Awaitable[None]]
COOKIE = "hotseat_token"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")
BAD_TOKEN = "pairing token missing or wrong: open the exact URL that `hotseat serve` printed"
BAD_ORIGIN = "refused: this request did not come from the Hotseat page"
BAD_HOST = "refused: unexpected Host header"


def is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Guard:
    token: str
    require_token: bool
    loopback_only: bool

    def token_ok(self, given: str | None) -> bool:
        return isinstance(given, str) and secrets.compare_digest(
            given.encode(), self.token.encode()
        )

    def host_ok(self, host_header: str) -> bool:
        if not self.loopback_only:
            return True
        name = host_header.rsplit(":", 1)[0] if not host_header.endswith("]") else host_header
        return name in LOOPBACK_NAMES

    def origin_ok(self, origin: str | None, host_header: str) -> bool:
        return origin in (f"http://{host_header}", f"https://{host_header}")


class GuardMiddleware:
    """Applies `Guard` to every HTTP request and WebSocket before the app sees it."""

    def __init__(self, app: ASGIApp, guard: Guard) -> None:
        self.app = app
        self.guard = guard

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = (query.get("token") or [None])[0]
        cookie = _cookie(headers.get("cookie", ""))
        problem, status = None, 403
        if not self.guard.host_ok(host):
            problem, status = BAD_HOST, 421
        elif self.guard.require_token and not (
            self.guard.token_ok(given) or self.guard.token_ok(cookie)
        ):
            problem = BAD_TOKEN
        elif (
            scope["type"] == "websocket" or scope.get("method", "GET") not in ("GET", "HEAD")
        ) and not self.guard.origin_ok(headers.get("origin"), host):
            problem = BAD_ORIGIN
        if problem is not None:
            await _refuse(scope, receive, send, problem, status)
            return
        set_cookie = self.guard.require_token and self.guard.token_ok(given)
        if not set_cookie or scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_cookie(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                value = f"{COOKIE}={self.guard.token}; Path=/; HttpOnly; SameSite=Strict"
                message = dict(message)
                message["headers"] = [*message.get("headers", []), (b"set-cookie", value.encode())]
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _cookie(header: str) -> str | None:
    try:
        jar = SimpleCookie(header)
    except Exception:  # a malformed cookie header is just no cookie
        return None
    morsel = jar.get(COOKIE)
    return morsel.value if morsel else None


async def _refuse(scope: Scope, receive: Any, send: Any, text: str, status: int) -> None:
    if scope["type"] == "websocket":
        await receive()  # the websocket.connect message
        await send({"type": "websocket.close", "code": 1008, "reason": text[:120]})
        return
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
