"""Tablet events → board changes. Each event is a JSON object with a `type`; anything malformed
raises one `BoardError` that says which field is wrong, and leaves the board untouched."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from agent.whiteboard.board import BoardError

if TYPE_CHECKING:
    from agent.whiteboard.board import Board

_NUMBER = (int, float)


def apply_event(board: Board, event: dict[str, Any]) -> None:
    """Validate one event and apply it to `board` (see `EVENT_TYPES` for the shapes)."""
    if not isinstance(event, dict):
        raise BoardError(f"event must be a JSON object, not {type(event).__name__}")
    kind = event.get("type")
    handler = _HANDLERS.get(kind) if isinstance(kind, str) else None
    if handler is None:
        raise BoardError(f"unknown event type {kind!r} (known: {', '.join(EVENT_TYPES)})")
    handler(board, _Fields(event, kind))


class _Fields:
    """Typed access to an event's fields, with errors that name the event and the field."""

    def __init__(self, event: dict[str, Any], kind: str) -> None:
        self.event, self.kind = event, kind

    def get(self, name: str, types: type | tuple[type, ...], *, required: bool = False) -> Any:
        value = self.event.get(name)
        if value is None:
            if required:
                raise BoardError(f"{self.kind}: missing field {name!r}")
            return None
        if isinstance(value, bool) and types in (_NUMBER, int, float):
            raise BoardError(f"{self.kind}: field {name!r} must be a number")
        if not isinstance(value, types):
            want = getattr(types, "__name__", None) or "/".join(t.__name__ for t in types)
            raise BoardError(f"{self.kind}: field {name!r} must be {want}, not {value!r}")
        return value

    def notes(self) -> list[str] | None:
        notes = self.get("notes", list)
        if notes is not None and not all(isinstance(n, str) for n in notes):
            raise BoardError(f"{self.kind}: field 'notes' must be a list of strings")
        return notes


def _add_component(board: Board, f: _Fields) -> None:
    board.add_component(
        f.get("label", str) or "",
        id=f.get("id", str),
        kind=f.get("kind", str),
        layer=f.get("layer", str),
        shape=f.get("shape", str),
        notes=f.notes() or (),
        x=f.get("x", _NUMBER),
        y=f.get("y", _NUMBER),
        w=f.get("w", _NUMBER),
        h=f.get("h", _NUMBER),
        group=f.get("group", str),
    )


def _update_component(board: Board, f: _Fields) -> None:
    board.update_component(
        f.get("id", str, required=True),
        label=f.get("label", str),
        kind=f.get("kind", str),
        layer=f.get("layer", str),
        shape=f.get("shape", str),
        notes=f.notes(),
        group=f.get("group", str),
    )


def _move(board: Board, f: _Fields) -> None:
    board.move(
        f.get("id", str, required=True),
        f.get("x", _NUMBER, required=True),
        f.get("y", _NUMBER, required=True),
        f.get("w", _NUMBER),
        f.get("h", _NUMBER),
    )


def _remove(board: Board, f: _Fields) -> None:
    board.remove(f.get("id", str, required=True))


def _add_edge(board: Board, f: _Fields) -> None:
    board.add_edge(
        f.get("source", str, required=True),
        f.get("target", str, required=True),
        id=f.get("id", str),
        label=f.get("label", str) or "",
        bidirectional=bool(f.get("bidirectional", bool)),
        mode=f.get("mode", str) or "sync",
    )


def _update_edge(board: Board, f: _Fields) -> None:
    board.update_edge(
        f.get("id", str, required=True),
        label=f.get("label", str),
        bidirectional=f.get("bidirectional", bool),
        mode=f.get("mode", str),
    )


def _add_note(board: Board, f: _Fields) -> None:
    board.add_note(f.get("id", str, required=True), f.get("text", str, required=True))


def _add_group(board: Board, f: _Fields) -> None:
    board.add_group(f.get("label", str) or "", id=f.get("id", str))


_HANDLERS: dict[str, Callable[[Board, _Fields], None]] = {
    "add_component": _add_component,
    "update_component": _update_component,
    "move": _move,
    "remove": _remove,
    "add_edge": _add_edge,
    "update_edge": _update_edge,
    "add_note": _add_note,
    "add_group": _add_group,
}
EVENT_TYPES: tuple[str, ...] = tuple(_HANDLERS)
