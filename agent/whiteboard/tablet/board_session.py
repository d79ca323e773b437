"""The tablet board's state and protocol, without the network: one `Board` (the truth), the
findings on it, the interviewer's current question, and what each client message does.

Client → server messages (JSON objects, an optional `seq` is echoed back):
- `{"type": "stroke", "points": [[x, y, t?, pressure?], ...]}`: recognised into a box, ellipse,
  cylinder or arrow (see `sketch.py`);
- any board event (`update_component`, `move`, `remove`, `add_note`, `add_edge`, ... as in
  `agent.whiteboard.board_events`): tap-to-label, drag, delete, notes;
- `{"type": "sync"}`: ask for a fresh snapshot; `{"type": "ping"}`.

Server → client: `snapshot` (the whole board, findings and question; sent on connect and to
everyone after every change), `ack` / `error` (to the sender, with its `seq`), `question`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from agent.whiteboard.analyzers import BoardFinding, analyze
from agent.whiteboard.board import Board, BoardError
from agent.whiteboard.board_events import EVENT_TYPES
from agent.whiteboard.strokes import StrokeError, parse_points
from agent.whiteboard.tablet.sketch import Sketcher

OnChange = Callable[[Board, list[BoardFinding]], None]


def copy_board(board: Board) -> Board:
    """A consistent copy for readers on other threads. Components and edges are frozen values
    that a change replaces, so copying the dicts is enough."""
    return Board(
        components=dict(board.components),
        edges=dict(board.edges),
        groups=dict(board.groups),
        revision=board.revision,
        title=board.title,
    )


class BoardSession:
    """Thread-safe: the web server's event loop applies client messages while the interviewer
    reads the board and sets questions from its own thread."""

    def __init__(self, board: Board | None = None, scenario: Any = None) -> None:
        self._board = board if board is not None else Board()
        self.scenario = scenario
        self._lock = threading.RLock()
        self._sketcher = Sketcher()
        self._findings = analyze(self._board, scenario)
        self._question: dict[str, Any] | None = None
        self.listener: OnChange | None = None
        """Called under the lock after every change with a copy of that revision; keep it quick
        (`TabletBoard` hands it to a worker thread)."""

    # ---- reading ------------------------------------------------------------------------------

    def board(self) -> Board:
        with self._lock:
            return copy_board(self._board)

    def findings(self) -> list[BoardFinding]:
        with self._lock:
            return list(self._findings)

    def state(self) -> tuple[Board, list[BoardFinding]]:
        """Board copy and findings from the same revision."""
        with self._lock:
            return copy_board(self._board), list(self._findings)

    def snapshot(self) -> dict[str, Any]:
        """Everything a client needs to draw the board from scratch."""
        with self._lock:
            return {
                "type": "snapshot",
                "revision": self._board.revision,
                "board": self._board.to_dict(),
                "findings": [f.to_dict() for f in self._findings],
                "question": self._question,
            }

    # ---- the interviewer's side ---------------------------------------------------------------

    def set_question(self, text: str, component_ids: list[str] | tuple[str, ...] = ()) -> dict:
        """Store the question on screen (so a reloaded page shows it too); returns the message."""
        if not isinstance(text, str):
            raise TypeError("question text must be a string")
        message = {
            "type": "question",
            "text": text,
            "component_ids": [str(c) for c in component_ids],
        }
        with self._lock:
            self._question = message
        return message

    # ---- client messages ----------------------------------------------------------------------

    def handle(self, message: Any) -> tuple[dict[str, Any], bool]:
        """Apply one decoded client message. Returns (reply for the sender, board changed?).
        Never raises for bad input: the reply is an `error` with one clear line."""
        if not isinstance(message, dict):
            return _error(None, "a message must be a JSON object with a 'type'"), False
        seq = message.get("seq")
        seq = seq if isinstance(seq, int | str) and not isinstance(seq, bool) else None
        kind = message.get("type")
        if kind == "ping":
            return {"type": "pong", "seq": seq}, False
        if kind == "sync":
            return self.snapshot() | {"seq": seq}, False
        if kind == "stroke":
            return self._stroke(message, seq)
        if kind in EVENT_TYPES:
            return self._event(message, seq)
        known = ", ".join(("stroke", "sync", "ping", *EVENT_TYPES))
        return _error(seq, f"unknown message type {kind!r} (known: {known})"), False

    def apply(self, event: dict[str, Any]) -> None:
        """Apply a board event from Python (the interviewer, a loaded file); BoardError if bad."""
        with self._lock:
            self._board.apply(event)
            self._refresh()

    def _stroke(self, message: dict[str, Any], seq: Any) -> tuple[dict[str, Any], bool]:
        try:
            points = parse_points(message.get("points"))
        except StrokeError as error:
            return _error(seq, f"stroke: {error}"), False
        with self._lock:
            try:
                result = self._sketcher.stroke(self._board, points)
            except BoardError as error:
                return _error(seq, f"stroke: {error}"), False
            if result.changed:
                self._refresh()
            reply = {
                "type": "ack",
                "seq": seq,
                "ok": result.changed,
                "recognized": result.recognized.value,
                "message": result.message,
                "component_id": result.component_id,
                "edge_id": result.edge_id,
                "revision": self._board.revision,
            }
        return reply, result.changed

    def _event(self, message: dict[str, Any], seq: Any) -> tuple[dict[str, Any], bool]:
        event = {k: v for k, v in message.items() if k != "seq"}
        with self._lock:
            try:
                self._board.apply(event)
            except BoardError as error:
                return _error(seq, str(error)), False
            self._refresh()
            revision = self._board.revision
        return {"type": "ack", "seq": seq, "ok": True, "message": "", "revision": revision}, True

    def _refresh(self) -> None:
        self._findings = analyze(self._board, self.scenario)
        if self.listener is not None:
            self.listener(copy_board(self._board), list(self._findings))


def _error(seq: Any, text: str) -> dict[str, Any]:
    return {"type": "error", "seq": seq, "message": text}
