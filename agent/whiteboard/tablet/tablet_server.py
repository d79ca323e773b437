"""`TabletBoard`: the tablet board server running in a background thread, for the interviewer
and for `hotseat board`.

    board = TabletBoard(on_change=lambda board, findings: ...)
    board.start()
    print(board.url)                     # open on the tablet (or show `board.qr()`)
    board.show_question("What happens when Postgres goes down?", ["c2"])
    board.stop()
"""

from __future__ import annotations

import contextlib
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from agent.whiteboard.analyzers import BoardFinding
from agent.whiteboard.board import Board
from agent.whiteboard.tablet.board_session import BoardSession, OnChange
from agent.whiteboard.tablet.connection_guard import ConnectionGuard
from agent.whiteboard.tablet.lan import lan_address, qr_text
from agent.whiteboard.tablet.tablet_app import Hub, create_app

WS_MAX_FRAME = 1024 * 1024
"""Frames above this are cut off by the WebSocket layer itself (close 1009); anything between
the app's 64 KB limit and this gets a readable error instead."""


class TabletBoard:
    """The live board: a Starlette app under uvicorn on its own thread and event loop.

    `on_change(board, findings)` runs after every change, in order, on one worker thread, with
    a consistent copy of the board, so a slow callback never stalls the tablet.
    """

    def __init__(
        self,
        host: str | None = None,
        port: int = 0,
        *,
        board: Board | None = None,
        scenario: Any = None,
        on_change: OnChange | None = None,
        token: str | None = None,
    ) -> None:
        self.host = host or lan_address()
        self.port = port
        self.token = token or secrets.token_urlsafe(16)
        self.session = BoardSession(board, scenario)
        self._on_change = on_change
        self._callbacks = ThreadPoolExecutor(max_workers=1, thread_name_prefix="board-on-change")
        self.session.listener = self._changed
        self.hub = Hub(self.session)
        self.app = create_app(self.session, self.token, self.hub)
        self.guard = ConnectionGuard()
        self._server: Any = None
        self._thread: threading.Thread | None = None

    # ---- lifecycle ----------------------------------------------------------------------------

    def start(self, timeout: float = 10.0) -> TabletBoard:
        """Start serving; returns once the port is bound (RuntimeError if it cannot be)."""
        import uvicorn

        config = uvicorn.Config(
            self.app,
            host=self.host,
            port=self.port,
            log_level="warning",
            ws_max_size=WS_MAX_FRAME,
            lifespan="on",
            http=self.guard.protocol(),  # request timeout and connection bounds
            backlog=128,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="tablet-board", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started and self._thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        if not self._server.started:
            self.stop()
            raise RuntimeError(f"the tablet board could not listen on {self.host}:{self.port}")
        sockets = self._server.servers[0].sockets
        self.port = sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        """Stop serving and wait for the server thread (idempotent)."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self._callbacks.shutdown(wait=True)

    def __enter__(self) -> TabletBoard:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- what the interviewer uses ------------------------------------------------------------

    @property
    def url(self) -> str:
        """The page to open on the tablet, pairing token included."""
        host = lan_address() if self.host in ("0.0.0.0", "") else self.host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}/?token={self.token}"

    def qr(self) -> str:
        """The URL as a terminal QR code."""
        return qr_text(self.url)

    @property
    def board(self) -> Board:
        """A consistent copy of the board as it is now."""
        return self.session.board()

    @property
    def findings(self) -> list[BoardFinding]:
        return self.session.findings()

    def show_question(self, text: str, component_ids: list[str] | tuple[str, ...] = ()) -> None:
        """Show the interviewer's question on the tablet and highlight the boxes it is about."""
        self.hub.push(self.session.set_question(text, component_ids))

    def apply(self, event: dict[str, Any]) -> None:
        """Change the board from Python (BoardError if invalid); every tablet redraws."""
        self.session.apply(event)
        self.hub.push(self.session.snapshot())

    def _changed(self, board: Board, findings: list[BoardFinding]) -> None:
        if self._on_change is None:
            return
        with contextlib.suppress(RuntimeError):  # stopped: nobody is listening any more
            self._callbacks.submit(self._call, board, findings)

    def _call(self, board: Board, findings: list[BoardFinding]) -> None:
        try:
            self._on_change(board, findings)  # type: ignore[misc]
        except Exception as error:  # a broken listener must not take the board down
            import sys

            print(f"hotseat board: on_change failed: {error!r}", file=sys.stderr)
