"""What the board sends to one tablet: bounded, coalesced, and never waited on by anyone else.

Every connection has its own `Outbox` and its own sender task. Replies to the tablet's own
messages (acks, errors, pongs) queue in order up to `MAX_REPLIES`; a snapshot or a question
replaces the one still waiting, because only the newest board matters. A send that does not
complete within `SEND_TIMEOUT` (a tablet gone to sleep, a client that stopped reading) or a
reply queue that overflows drops that connection alone; the others never wait for it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Awaitable, Callable

MAX_REPLIES = 128
SEND_TIMEOUT = 5.0
COALESCED = ("snapshot", "question")
"""Kinds where only the newest message is worth sending."""


class Outbox:
    """The outgoing side of one connection; `run()` is its sender task."""

    def __init__(
        self,
        send: Callable[[str], Awaitable[None]],
        *,
        on_dead: Callable[[], None] | None = None,
        max_replies: int = MAX_REPLIES,
        send_timeout: float = SEND_TIMEOUT,
    ) -> None:
        self._send = send
        self._on_dead = on_dead
        self._replies: deque[str] = deque()
        self._latest: dict[str, str] = {}
        self._max_replies = max_replies
        self._send_timeout = send_timeout
        self._wake = asyncio.Event()
        self.dead = False
        self.sent = 0

    def reply(self, text: str) -> None:
        """Queue a reply in order; a tablet that lets replies pile up is dropped."""
        if self.dead:
            return
        if len(self._replies) >= self._max_replies:
            self._die()
            return
        self._replies.append(text)
        self._wake.set()

    def offer(self, kind: str, text: str) -> None:
        """Queue the newest `kind` message, replacing one of that kind not yet sent."""
        if self.dead:
            return
        self._latest[kind] = text
        self._wake.set()

    async def run(self) -> None:
        """Send until the connection dies; replies first, then the newest broadcasts."""
        try:
            while not self.dead:
                await self._wake.wait()
                self._wake.clear()
                while not self.dead and (self._replies or self._latest):
                    if self._replies:
                        text = self._replies.popleft()
                    else:
                        kind = next(k for k in COALESCED if k in self._latest)
                        text = self._latest.pop(kind)
                    try:
                        await asyncio.wait_for(self._send(text), self._send_timeout)
                    except Exception:  # too slow (TimeoutError), or gone mid-send
                        self._die()
                    else:
                        self.sent += 1
        finally:
            self.dead = True

    def _die(self) -> None:
        if self.dead:
            return
        self.dead = True
        self._replies.clear()
        self._latest.clear()
        self._wake.set()
        if self._on_dead is not None:
            with contextlib.suppress(Exception):
                self._on_dead()


__all__ = ["COALESCED", "MAX_REPLIES", "SEND_TIMEOUT", "Outbox"]
