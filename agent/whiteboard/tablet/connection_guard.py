"""Connection bounds for the tablet board's HTTP server (no token is needed to open a socket).

- A connection must send a complete request head within `REQUEST_TIMEOUT`, or it is closed: a
  half-open or byte-trickling client (slowloris) cannot hold a socket for ever.
- At most `MAX_PENDING` connections may be waiting for their request head; a new one closes
  the oldest waiting one, so a flood of half-open sockets never locks out an honest tablet
  (whose request arrives within milliseconds of connecting).
- At most `max_connections` in all (below the process's open-file limit, so the server never
  runs out of file descriptors and never floods stderr with "Too many open files"); beyond
  that new connections are closed at once, and that is logged once a minute, not per socket.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import time
from collections import OrderedDict
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

REQUEST_TIMEOUT = 10.0
MAX_PENDING = 64
MAX_CONNECTIONS = 512
_LOG = logging.getLogger("hotseat.board")


def connection_limit(wanted: int = MAX_CONNECTIONS) -> int:
    """`wanted`, lowered to fit well inside this process's open-file limit."""
    try:
        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (OSError, ValueError):
        return wanted
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(16, min(wanted, soft // 2 - 32))


class ConnectionGuard:
    """Shared by every connection of one server (lives on its event loop)."""

    def __init__(
        self,
        max_connections: int | None = None,
        max_pending: int = MAX_PENDING,
        request_timeout: float = REQUEST_TIMEOUT,
    ) -> None:
        self.max_connections = max_connections or connection_limit()
        self.max_pending = max_pending
        self.request_timeout = request_timeout
        self.pending: OrderedDict[Any, asyncio.TimerHandle] = OrderedDict()
        self.refused = 0
        self.timed_out = 0
        self._last_log = -1e9

    def protocol(self) -> type[H11Protocol]:
        """An HTTP protocol class for `uvicorn.Config(http=...)` bound to this guard."""
        return type("GuardedH11Protocol", (GuardedH11Protocol,), {"guard": self})

    def refuse(self, count: int) -> None:
        self.refused += 1
        now = time.monotonic()
        if now - self._last_log >= 60.0:
            self._last_log = now
            _LOG.warning(
                "tablet board: %d connections open (limit %d); refusing new ones",
                count,
                self.max_connections,
            )


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with the bounds in the module docstring."""

    guard: ConnectionGuard

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        guard = self.guard
        if len(self.connections) > guard.max_connections:
            guard.refuse(len(self.connections))
            transport.abort()
            return
        while len(guard.pending) >= guard.max_pending:
            oldest, timer = guard.pending.popitem(last=False)
            timer.cancel()
            oldest.transport.abort()
        guard.pending[self] = self.loop.call_later(guard.request_timeout, self._too_slow)

    def handle_events(self) -> None:
        super().handle_events()
        if self in self.guard.pending and (
            self.cycle is not None or self.transport.get_protocol() is not self
        ):
            self._started()

    def connection_lost(self, exc: Exception | None) -> None:
        self._started()
        super().connection_lost(exc)

    def _started(self) -> None:
        timer = self.guard.pending.pop(self, None)
        if timer is not None:
            timer.cancel()

    def _too_slow(self) -> None:
        if self.guard.pending.pop(self, None) is not None:
            self.guard.timed_out += 1
            self.transport.abort()


__all__ = ["ConnectionGuard", "GuardedH11Protocol", "connection_limit"]
