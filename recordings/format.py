"""The on-disk recording format (version 1): names, constants and the event line codec.

A recording is one directory (see ``recordings/FORMAT.md``)::

    20261124-172155-notification-system/
      events.jsonl       append-only, one JSON event per line, fsync'd per event
      candidate.wav      microphone audio, sample 0 = session t 0
      interviewer.wav    what the candidate heard, sample 0 = session t 0
      board/0001.json    board snapshots (Hotseat board JSON)
      notes.jsonl        the user's own notes (``hotseat annotate``), appended later
      meta.json          written at start (status "recording") and rewritten at the end
      scores.json        the interviewer's wrap-up, written at the end

The first event is ``session_start`` (it carries ``format`` and ``version``); the last one of a
finished session is ``session_end``. A log without ``session_end`` was cut short.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import math
from pathlib import Path
from typing import Any

FORMAT_NAME = "hotseat-recording"
FORMAT_VERSION = 1
"""Bump when a reader of the previous version would misread a new recording."""
READABLE_VERSIONS = frozenset({1})

EVENTS_FILE = "events.jsonl"
NOTES_FILE = "notes.jsonl"
META_FILE = "meta.json"
SCORES_FILE = "scores.json"
BOARD_DIR = "board"
TRACKS = ("candidate", "interviewer")
"""Audio tracks; each is ``<track>.wav``."""

SESSION_START = "session_start"
SESSION_END = "session_end"
SESSION_RESUMED = "session_resumed"
"""Logged when ``--resume`` continues a session in the same folder; times go on from before."""
BOARD_SNAPSHOT = "board_snapshot"
AUDIO_TRACK = "audio_track"
RESERVED = ("seq", "t", "type")
"""Keys the recorder owns on every line; a payload key with one of these names gets ``event_``."""


class RecordingError(Exception):
    """A recording that cannot be read: missing, malformed, or from a newer Hotseat."""


def track_file(track: str) -> str:
    """File name of an audio track inside the recording directory."""
    return f"{track}.wav"


def event_dict(event: Any) -> dict[str, Any]:
    """Any event as a plain dict with a ``type``: objects with ``to_dict()``, dicts, dataclasses.

    The recorder depends on the *shape* of events only, never on the modules that define them.
    """
    if isinstance(event, dict):
        data = dict(event)
    elif hasattr(event, "to_dict"):
        data = dict(event.to_dict())
    elif dataclasses.is_dataclass(event) and not isinstance(event, type):
        data = {
            "type": _snake(type(event).__name__),
            **{f.name: getattr(event, f.name) for f in dataclasses.fields(event)},
        }
    else:
        raise TypeError(
            f"cannot record {type(event).__name__}: give a dict or an object with to_dict()"
        )
    kind = data.get("type")
    if not isinstance(kind, str) or not kind:
        data["type"] = _snake(type(event).__name__) if not isinstance(event, dict) else "event"
    return data


def encode_line(seq: int, t: float, data: dict[str, Any]) -> str:
    """One log line: ``{"seq", "t", "type", ...payload}`` as compact JSON (no newline)."""
    payload = {(f"event_{k}" if k in RESERVED else k): v for k, v in data.items() if k != "type"}
    line = {"seq": seq, "t": round(t, 3), "type": data["type"], **payload}
    try:
        return json.dumps(line, default=_jsonable, ensure_ascii=False, allow_nan=False)
    except ValueError:  # NaN or infinity somewhere: JSON has no spelling for them
        return json.dumps(_scrub(line), default=_jsonable, ensure_ascii=False, allow_nan=False)


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON via a temp file and rename, so a crash never leaves half a file."""
    import os

    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=2, default=_jsonable, ensure_ascii=False)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


def _scrub(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(v) for v in value]
    return value


def _jsonable(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return str(value)


def _snake(name: str) -> str:
    import re

    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


__all__ = [
    "AUDIO_TRACK",
    "BOARD_DIR",
    "BOARD_SNAPSHOT",
    "EVENTS_FILE",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "META_FILE",
    "NOTES_FILE",
    "READABLE_VERSIONS",
    "SCORES_FILE",
    "SESSION_END",
    "SESSION_RESUMED",
    "SESSION_START",
    "TRACKS",
    "RecordingError",
    "encode_line",
    "event_dict",
    "track_file",
    "write_json_atomic",
]
