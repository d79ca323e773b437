"""Load a recording: tolerate a torn last line, detect a cut-short session, refuse bad ones.

``load_recording(path)`` returns a typed ``Recording``; a directory that is not a recording, a
log with a corrupt line in the middle, or a recording from a newer Hotseat raises
``RecordingError`` with one clear line. ``resolve_session(root, "latest")`` finds one by id,
path, unique id prefix or ``latest``.
"""

from __future__ import annotations

import json
import re
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recordings.files import (
    MAX_JSON_BYTES,
    MAX_LOG_BYTES,
    is_regular_file,
    read_bounded,
)
from recordings.format import (
    AUDIO_TRACK,
    BOARD_SNAPSHOT,
    EVENTS_FILE,
    FORMAT_NAME,
    FORMAT_VERSION,
    META_FILE,
    NOTES_FILE,
    READABLE_VERSIONS,
    SCORES_FILE,
    SESSION_END,
    SESSION_RESUMED,
    SESSION_START,
    TRACKS,
    RecordingError,
    track_file,
)


@dataclass(frozen=True)
class Event:
    """One line of the event log."""

    seq: int
    t: float
    """Seconds since the session started."""
    type: str
    data: dict[str, Any]
    """The payload (every key but seq, t and type)."""

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "t": self.t, "type": self.type, **self.data}


@dataclass(frozen=True)
class BoardSnapshot:
    """A stored board, with when and why it was taken."""

    t: float
    path: Path
    phase: str | None = None
    reason: str = ""

    def load(self) -> dict[str, Any] | None:
        """The board JSON, or None when the file is missing or unreadable (cut short)."""
        try:
            data = json.loads(read_bounded(self.path, MAX_JSON_BYTES))
        except (RecordingError, ValueError, RecursionError):
            return None
        return data if isinstance(data, dict) else None


@dataclass(frozen=True)
class Recording:
    """Everything in one session directory, read-only."""

    path: Path
    session_id: str
    version: int
    started_at: str
    meta: dict[str, Any]
    events: tuple[Event, ...]
    cut_short: bool
    """True when the log has no ``session_end`` (the process died or was killed)."""
    end_reason: str | None
    duration: float
    scores: dict[str, Any] | None
    tracks: dict[str, Path]
    boards: tuple[BoardSnapshot, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def scenario(self) -> str | None:
        value = self.meta.get("scenario")
        return str(value) if value else None


def load_recording(path: str | Path) -> Recording:
    """Read a session directory (or its ``events.jsonl``); anything malformed is one
    ``RecordingError`` line, never another exception."""
    try:
        return _load(Path(path))
    except RecordingError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise RecordingError(f"{Path(path).name} is malformed ({_short(exc)})") from None


def _load(path: Path) -> Recording:
    if path.is_file() and path.name == EVENTS_FILE:
        path = path.parent
    if not path.exists():
        raise RecordingError(f"no recording at {path}")
    log = path / EVENTS_FILE
    if not path.is_dir() or not log.is_file():
        raise RecordingError(f"{path} is not a Hotseat recording (no {EVENTS_FILE})")
    raw = read_bounded(log, MAX_LOG_BYTES).decode("utf-8", errors="replace")
    events, warnings = _parse_events(raw, log)
    start = events[0]
    version = start.get("version")
    if start.type != SESSION_START or start.get("format") != FORMAT_NAME:
        raise RecordingError(f"{log}: line 1 is not a {FORMAT_NAME} session_start")
    if not isinstance(version, int) or isinstance(version, bool):
        raise RecordingError(f"{log}: recording format version is missing or not a number")
    if version > FORMAT_VERSION:
        raise RecordingError(
            f"{path.name} uses recording format version {version}, newer than this Hotseat "
            f"reads (up to {FORMAT_VERSION}); upgrade Hotseat to open it"
        )
    if version not in READABLE_VERSIONS:
        raise RecordingError(f"{path.name}: unknown recording format version {version}")
    end = None
    for event in reversed(events):
        if event.type == SESSION_RESUMED:
            break  # resumed after its last end: cut short unless it ended again
        if event.type == SESSION_END:
            end = event
            break
    start_meta = start.get("meta")
    meta = dict(start_meta) if isinstance(start_meta, dict) else {}
    stored_meta = _read_json(path / META_FILE, warnings)
    meta.update(stored_meta if isinstance(stored_meta, dict) else {})
    scores = _read_json(path / SCORES_FILE, warnings)
    if scores is None:  # killed after the wrap-up but before scores.json: the log has them
        logged = next((e for e in reversed(events) if e.type == "scores"), None)
        scores = logged.get("scores") if logged else None
    tracks = {
        e.get("track"): path / str(e.get("file") or track_file(str(e.get("track"))))
        for e in events
        if e.type == AUDIO_TRACK and e.get("track")
    }
    for track in TRACKS:  # audio written before its audio_track line was logged
        if track not in tracks and is_regular_file(path / track_file(track)):
            tracks[track] = path / track_file(track)
    tracks = {name: p for name, p in tracks.items() if is_regular_file(p)}
    for name, track in list(tracks.items()):
        if not _is_track(track):  # truncated or replaced: the rest of the session still reads
            warnings.append(f"ignored {track.name}: not a 16-bit PCM WAV track")
            del tracks[name]
    boards = tuple(
        BoardSnapshot(e.t, path / str(e.get("file")), e.get("phase"), str(e.get("reason") or ""))
        for e in events
        if e.type == BOARD_SNAPSHOT and e.get("file")
    )
    duration = float(end.get("duration", end.t)) if end else max(e.t for e in events)
    duration = max([duration, *(_track_seconds(p) for p in tracks.values())])
    return Recording(
        path=path,
        session_id=str(start.get("session_id") or path.name),
        version=version,
        started_at=str(start.get("started_at") or ""),
        meta=meta,
        events=tuple(events),
        cut_short=end is None,
        end_reason=str(end.get("reason")) if end else None,
        duration=duration,
        scores=scores if isinstance(scores, dict) else None,
        tracks=tracks,
        boards=boards,
        warnings=tuple(warnings),
    )


def _parse_events(raw: str, log: Path) -> tuple[list[Event], list[str]]:
    lines = raw.split("\n")
    torn_tail = not raw.endswith("\n")
    events: list[Event] = []
    warnings: list[str] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        last = number == len(lines) or (number == len(lines) - 1 and not lines[-1])
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("not an object")
            t, kind = obj.get("t"), obj.get("type")
            if not isinstance(t, int | float) or isinstance(t, bool) or not isinstance(kind, str):
                raise ValueError("needs a numeric t and a string type")
        except ValueError as exc:
            if last and torn_tail and events:
                # A kill mid-write leaves at most one torn line, always the last.
                warnings.append(f"ignored an incomplete last line ({number}) in {log.name}")
                break
            raise RecordingError(f"{log}: line {number} is malformed ({_short(exc)})") from None
        data = {k: v for k, v in obj.items() if k not in ("seq", "t", "type")}
        events.append(Event(int(obj.get("seq") or len(events) + 1), float(t), kind, data))
    if not events:
        raise RecordingError(f"{log} is empty: not a readable recording")
    return events, warnings


def _is_track(path: Path) -> bool:
    """A track the recorder wrote: a RIFF/WAVE header for 16-bit PCM with a data chunk."""
    try:
        with open(path, "rb") as f:
            head = f.read(44)
    except OSError:
        return False
    if len(head) < 44 or head[:4] != b"RIFF" or head[8:12] != b"WAVE" or head[36:40] != b"data":
        return False
    channels, rate = struct.unpack("<HI", head[22:28])
    return struct.unpack("<H", head[34:36])[0] == 16 and channels >= 1 and rate >= 1000


def _track_seconds(path: Path) -> float:
    """Length of a track from its size and header rate (the header's data size may be stale)."""
    try:
        with open(path, "rb") as f:
            head = f.read(44)
        channels, rate = struct.unpack("<HI", head[22:28])
        return max(0, path.stat().st_size - 44) / (2 * max(channels, 1) * max(rate, 1))
    except (OSError, struct.error):
        return 0.0


def _read_json(path: Path, warnings: list[str]) -> dict[str, Any] | None:
    """A JSON object from a bounded regular file, or None with a warning."""
    if not path.exists():
        return None
    try:
        data = json.loads(read_bounded(path, MAX_JSON_BYTES))
    except (RecordingError, ValueError, RecursionError):
        warnings.append(f"ignored unreadable {path.name}")
        return None
    if not isinstance(data, dict):
        warnings.append(f"ignored {path.name}: not a JSON object")
        return None
    return data


def _short(exc: Exception) -> str:
    return str(exc).split(":")[0][:80]


def read_notes(path: Path) -> list[dict[str, Any]]:
    """The user's notes (``notes.jsonl``), skipping unreadable lines."""
    notes = []
    file = Path(path) / NOTES_FILE
    if not file.exists():
        return notes
    try:
        text = read_bounded(file, MAX_JSON_BYTES).decode("utf-8", errors="replace")
    except RecordingError:
        return notes
    for line in text.splitlines():
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, dict) and isinstance(obj.get("t"), int | float) and obj.get("text"):
            notes.append(obj)
    return notes


LATEST = ("latest", "last")
_STAMP = re.compile(r"^(\d{8}-\d{6})")
_SESSION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")


def valid_session_id(ref: str) -> bool:
    """A bare session id: letters, digits, ``-``, ``_`` and ``.``; no separators, no ``..``,
    not ``latest``. Only such a name may become a folder under the sessions root."""
    return bool(_SESSION_ID.fullmatch(ref)) and ".." not in ref and ref not in LATEST


def list_sessions(root: str | Path) -> list[Path]:
    """Session directories under ``root``, oldest first: by the start time in the id (ids are
    ``YYYYMMDD-HHMMSS-...``), else by when the folder was last written."""
    root = Path(root)
    if not root.is_dir():
        return []
    found = []
    for p in root.iterdir():
        if p.name in LATEST or not p.is_dir() or not (p / EVENTS_FILE).is_file():
            continue
        found.append((_started(p), p.name, p))
    return [p for _, _, p in sorted(found)]


def _started(path: Path) -> str:
    stamp = _STAMP.match(path.name)
    if stamp:
        return stamp.group(1)
    try:
        when = (path / EVENTS_FILE).stat().st_mtime
    except OSError:
        return ""
    return time.strftime("%Y%m%d-%H%M%S", time.gmtime(when))


def resolve_session(root: str | Path, ref: str) -> Path:
    """A session by path, id, unique id prefix, or ``latest`` (the most recently started)."""
    sessions = list_sessions(root)
    if ref in LATEST:
        if not sessions:
            raise RecordingError(f"no recorded sessions in {root} yet")
        return sessions[-1]
    exact = [p for p in sessions if p.name == ref]
    if exact:
        return exact[0]
    candidate = Path(ref).expanduser()
    if ("/" in ref or ref.startswith(".")) and candidate.is_dir():
        return candidate
    matches = [p for p in sessions if p.name.startswith(ref)] if ref else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise RecordingError(f"{ref!r} matches {len(matches)} sessions; give more of the id")
    if candidate.exists():
        return candidate
    raise RecordingError(f"no session {ref!r} in {root} (try `latest` or a path)")


__all__ = [
    "LATEST",
    "BoardSnapshot",
    "Event",
    "Recording",
    "list_sessions",
    "load_recording",
    "read_notes",
    "resolve_session",
    "valid_session_id",
]
