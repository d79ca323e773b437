"""Hotseat's own board JSON: `{"version": 1, "components": [...], "edges": [...], ...}`.

It is what the tablet server snapshots and recordings store, so it round-trips exactly
(ids, geometry, notes, kinds) and refuses a newer version instead of guessing.
"""

from __future__ import annotations

from typing import Any

from agent.whiteboard.board import BOARD_VERSION, Board, BoardError

FORMAT = "hotseat-board"


def board_to_dict(board: Board) -> dict[str, Any]:
    """The board as plain JSON-ready data."""
    return {
        "format": FORMAT,
        "version": BOARD_VERSION,
        "revision": board.revision,
        "title": board.title,
        "groups": [{"id": g.id, "label": g.label} for g in board.groups.values()],
        "annotations": list(board.annotations),
        "components": [
            {
                "id": c.id,
                "label": c.label,
                "kind": c.kind.value,
                "layer": c.layer.value,
                "shape": c.shape,
                "notes": list(c.notes),
                "x": c.x,
                "y": c.y,
                "w": c.w,
                "h": c.h,
                "group": c.group,
                "instances": c.instances,
            }
            for c in board.components.values()
        ],
        "edges": [
            {
                "id": e.id,
                "source": e.source,
                "target": e.target,
                "label": e.label,
                "bidirectional": e.bidirectional,
                "mode": e.mode.value,
            }
            for e in board.edges.values()
        ],
    }


def board_from_dict(data: Any) -> Board:
    """Rebuild a board; a BoardError names the first bad entry (e.g. "components[3]")."""
    if not isinstance(data, dict):
        raise BoardError("board JSON must be an object")
    version = data.get("version")
    if version != BOARD_VERSION:
        raise BoardError(f"unsupported board version {version!r} (this Hotseat reads version 1)")
    board = Board(title=str(data.get("title") or ""))
    for section in ("groups", "components", "edges"):
        items = data.get(section, [])
        if not isinstance(items, list):
            raise BoardError(f"{section} must be a list")
        for index, item in enumerate(items):
            try:
                _load_item(board, section, item)
            except BoardError as error:
                raise BoardError(f"{section}[{index}]: {error}") from None
    annotations = data.get("annotations") or []
    if not isinstance(annotations, list):
        raise BoardError("annotations must be a list")
    board.annotations = [a for a in annotations if isinstance(a, str)]
    revision = data.get("revision")
    board.revision = revision if isinstance(revision, int) and revision >= 0 else board.revision
    return board


def _load_item(board: Board, section: str, item: Any) -> None:
    if not isinstance(item, dict):
        raise BoardError("must be an object")
    if section == "groups":
        board.add_group(_text(item, "label"), id=_required(item, "id"))
    elif section == "components":
        board.add_component(
            _text(item, "label"),
            id=_required(item, "id"),
            kind=item.get("kind"),
            layer=item.get("layer"),
            shape=item.get("shape"),
            notes=item.get("notes") or (),
            x=_number(item, "x"),
            y=_number(item, "y"),
            w=_number(item, "w"),
            h=_number(item, "h"),
            group=item.get("group"),
            instances=item.get("instances") if isinstance(item.get("instances"), int) else 1,
        )
    else:
        board.add_edge(
            _required(item, "source"),
            _required(item, "target"),
            id=item.get("id"),
            label=_text(item, "label"),
            bidirectional=bool(item.get("bidirectional", False)),
            mode=item.get("mode") or "sync",
        )


def _required(item: dict[str, Any], name: str) -> str:
    value = item.get(name)
    if not isinstance(value, str) or not value:
        raise BoardError(f"missing or non-text {name!r}")
    return value


def _text(item: dict[str, Any], name: str) -> str:
    value = item.get(name) or ""
    if not isinstance(value, str):
        raise BoardError(f"{name!r} must be text")
    return value


def _number(item: dict[str, Any], name: str) -> float | None:
    value = item.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BoardError(f"{name!r} must be a number")
    return value
