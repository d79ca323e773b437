"""Record one session: the append-only event log, audio tracks, board snapshots, meta and scores.

Plugging in (the composition root does this; nothing here imports the agent or the voice loop)::

    recorder = Recorder(hotseat_home() / "sessions", meta={"scenario": "notification-system"})
    loop = VoiceLoop(mic, recorder.speaker(speaker), stt, tts, respond,
                     on_event=recorder.record, config=LoopConfig(emit_audio=True))
    interviewer = Interviewer(..., on_event=recorder.record)
    recorder.snapshot_board(board.to_dict(), reason="phase", phase="high_level_design")
    ...
    recorder.finish(scores=interviewer.wrap_up())

``record`` takes any event as a dict or an object with ``to_dict()``; microphone
``AudioChunk``-shaped objects (``.audio`` bytes + ``.rate``) go to ``candidate.wav`` instead of
the log. Every log line is flushed and fsync'd before ``record`` returns, so ``kill -9`` leaves
a readable log up to the last event. All methods are thread-safe (the voice loop emits from
several threads) and never raise on bad input: a bad event becomes a ``recorder_error`` line.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from recordings.files import MAX_JSON_BYTES, MAX_LOG_BYTES, read_bounded
from recordings.format import (
    AUDIO_TRACK,
    BOARD_DIR,
    BOARD_SNAPSHOT,
    EVENTS_FILE,
    FORMAT_NAME,
    FORMAT_VERSION,
    META_FILE,
    SCORES_FILE,
    SESSION_END,
    SESSION_RESUMED,
    SESSION_START,
    RecordingError,
    encode_line,
    event_dict,
    track_file,
    write_json_atomic,
)
from recordings.wav import TrackWriter

LOCK_FILE = ".lock"


class SessionBusy(RuntimeError):
    """Another process is recording this session right now."""


def new_session_id(label: str = "", when: datetime | None = None) -> str:
    """Sortable, filesystem-safe id: ``20261124-172155-notification-system``."""
    when = when or datetime.now(UTC)
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:40]
    return when.strftime("%Y%m%d-%H%M%S") + (f"-{slug}" if slug else "")


class Recorder:
    """Writes one session directory under ``root``; see the module docstring for wiring."""

    def __init__(
        self,
        root: str | Path,
        *,
        meta: Mapping[str, Any] | None = None,
        session_id: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        on_problem: Callable[[str], None] | None = None,
        resume: bool = False,
    ) -> None:
        """Open (or with ``resume``, reopen) a session folder. Raises OSError when the folder
        cannot be created at all and ``SessionBusy`` when another process holds it; after that,
        nothing raises."""
        self.meta: dict[str, Any] = dict(meta or {})
        self._clock = clock
        self._on_problem = on_problem
        self.started_at = datetime.now(UTC)
        self._lock = threading.RLock()
        self._seq = 0
        self._tracks: dict[str, TrackWriter] = {}
        self._boards = 0
        self._last_board: Any = None
        self._finished = False
        self._lock_fd: int | None = None
        self.write_error: str | None = None
        """Set (once) when a write failed; the recording stopped there, the caller goes on."""
        root = Path(root)
        root.mkdir(parents=True, exist_ok=True)
        previous = root / session_id if resume and session_id else None
        resumed = previous is not None and (previous / EVENTS_FILE).is_file()
        if resumed:
            assert previous is not None
            self.path = previous
            self._hold_lock()
            last_t, self._seq, self._boards, stored = _previous_state(self.path)
            self.meta = {**stored, **self.meta}
            self.started_at = _parse_time(stored.get("started_at")) or self.started_at
        else:
            base = session_id or new_session_id(str(self.meta.get("scenario", "")), self.started_at)
            self.path = _unique_dir(root, base)
            self._hold_lock()
            last_t = 0.0
        self.session_id = self.path.name
        self._start = clock() - last_t
        self.resumed = resumed
        self._log = open(self.path / EVENTS_FILE, "a", encoding="utf-8")  # noqa: SIM115
        self._write_meta("recording")
        if resumed:
            self._write({"type": SESSION_RESUMED, "at": datetime.now(UTC).isoformat()}, last_t)
        else:
            self._write(
                {
                    "type": SESSION_START,
                    "format": FORMAT_NAME,
                    "version": FORMAT_VERSION,
                    "session_id": self.session_id,
                    "started_at": self.started_at.isoformat(),
                    "meta": self.meta,
                },
                0.0,
            )

    def _hold_lock(self) -> None:
        import fcntl

        fd = os.open(self.path / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise SessionBusy(
                f"session {self.path.name} is already open in another hotseat; "
                "finish that one first"
            ) from None
        self._lock_fd = fd

    def _release_lock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    @property
    def stopped(self) -> bool:
        """True once a write failed: nothing more is written."""
        return self.write_error is not None

    def stop(self, error: BaseException) -> None:
        """Stop recording because of ``error`` found elsewhere (the checkpoints hit a full
        disk): said once, like a write error of the recorder's own."""
        with self._lock:
            self._failed(error)

    def _failed(self, exc: BaseException) -> None:
        """Stop the recording at the first write error and say so once."""
        if self.write_error is not None:
            return
        when = datetime.now().strftime("%H:%M")
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            self.write_error = (
                f"disk full — the recording stopped at {when}; the interview continues"
            )
        else:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.write_error = (
                f"cannot write the recording ({why}) — the recording stopped at {when}; "
                "the interview continues"
            )
        with contextlib.suppress(Exception):
            self._log.close()
        if self._on_problem is not None:
            with contextlib.suppress(Exception):
                self._on_problem(self.write_error)

    def _write_meta(self, status: str, **extra: Any) -> None:
        if self.stopped:
            return
        try:
            write_json_atomic(self.path / META_FILE, {**self._meta(status), **extra})
        except Exception as exc:
            self._failed(exc)

    # -- time ------------------------------------------------------------------------------
    def now(self) -> float:
        """Seconds since the session started, on the recorder's clock."""
        return self._clock() - self._start

    # -- events ----------------------------------------------------------------------------
    def record(self, event: Any, *, t: float | None = None) -> None:
        """Log one event (or route an audio chunk to ``candidate.wav``); never raises."""
        at = self.now() if t is None else t
        if _is_audio(event):
            self.audio("candidate", event, at=at)
            return
        try:
            data = event_dict(event)
        except Exception as exc:  # a bad event must not end the interview
            data = {"type": "recorder_error", "message": f"{type(exc).__name__}: {exc}"}
        self._write(data, at)

    __call__ = record

    def note(self, text: str, *, t: float | None = None) -> None:
        """A note written during the session (the user's own notes come later via annotate)."""
        self.record({"type": "note", "text": text}, t=t)

    def _write(self, data: dict[str, Any], t: float) -> None:
        with self._lock:
            if self.stopped or self._log.closed:
                return
            self._seq += 1
            try:
                line = encode_line(self._seq, t, data)
            except Exception as exc:
                line = encode_line(
                    self._seq, t, {"type": "recorder_error", "message": f"unencodable {exc}"}
                )
            # Text from a terminal may carry undecodable bytes as lone surrogates: keep the turn.
            line = line.encode("utf-8", errors="replace").decode("utf-8")
            try:
                self._log.write(line + "\n")
                self._log.flush()
                os.fsync(self._log.fileno())
            except Exception as exc:  # disk full or gone: the interview matters more than its log
                self._failed(exc)

    # -- audio -----------------------------------------------------------------------------
    def audio(self, track: str, chunk: Any, *, rate: int | None = None, at: float | None = None):
        """Append 16-bit PCM to a track: an ``AudioChunk``-like object or raw bytes + ``rate``.

        ``at`` (session seconds, default now) places the audio; earlier gaps become silence.
        """
        pcm = chunk.audio if hasattr(chunk, "audio") else bytes(chunk)
        rate = getattr(chunk, "rate", rate)
        channels = getattr(chunk, "channels", 1)
        if getattr(chunk, "width", 2) != 2 or not rate:
            return
        at = self.now() if at is None else at
        with self._lock:
            if self._finished or self.stopped:
                return
            try:
                writer = self._tracks.get(track)
                if writer is None:
                    path = self.path / track_file(track)
                    writer = TrackWriter(path, int(rate), channels, append=self.resumed)
                    self._tracks[track] = writer
                    info = {"type": AUDIO_TRACK, "track": track, "file": track_file(track)}
                    self._write({**info, "rate": int(rate), "channels": channels}, at)
                writer.write(pcm, at=at)
            except Exception as exc:
                self._failed(exc)

    def cut_audio(self, track: str, at: float | None = None) -> None:
        """Drop a track's audio after ``at`` (default now): queued reply audio nobody heard."""
        with self._lock:
            writer = self._tracks.get(track)
            if writer is not None and not self._finished and not self.stopped:
                try:
                    writer.truncate_to(self.now() if at is None else at)
                except Exception as exc:
                    self._failed(exc)

    def speaker(self, inner: Any, track: str = "interviewer") -> RecordingSpeaker:
        """Wrap a voice ``Speaker`` so what it plays is also written to ``track``."""
        return RecordingSpeaker(inner, self, track)

    # -- board -----------------------------------------------------------------------------
    def snapshot_board(
        self, board: Any, *, reason: str = "", phase: str | None = None, t: float | None = None
    ) -> Path | None:
        """Store a board snapshot (board JSON dict or an object with ``to_dict()``).

        An unchanged board is not stored twice. Returns the snapshot file, or None.
        """
        data = board.to_dict() if hasattr(board, "to_dict") else board
        if not isinstance(data, Mapping):
            self.record({"type": "recorder_error", "message": "board snapshot is not an object"})
            return None
        at = self.now() if t is None else t
        with self._lock:
            if data == self._last_board or self._finished or self.stopped:
                return None
            self._last_board = dict(data)
            self._boards += 1
            folder = self.path / BOARD_DIR
            name = f"{self._boards:04d}.json"
            try:
                folder.mkdir(exist_ok=True)
                write_json_atomic(folder / name, data)
            except Exception as exc:
                self._failed(exc)
                return None
            self._write(
                {
                    "type": BOARD_SNAPSHOT,
                    "file": f"{BOARD_DIR}/{name}",
                    "reason": reason,
                    "phase": phase,
                    "revision": data.get("revision"),
                },
                at,
            )
            return folder / name

    # -- end -------------------------------------------------------------------------------
    def finish(
        self,
        scores: Any = None,
        *,
        reason: str = "completed",
        meta: Mapping[str, Any] | None = None,
    ) -> Path:
        """Close the session: ``session_end``, ``scores.json`` and the final ``meta.json``.

        ``scores`` is the interviewer's wrap-up (dict or ``to_dict()``); ``reason`` says why the
        session ended ("completed", "interrupted" for Ctrl-C, "error"). Safe to call twice.
        """
        with self._lock:
            if self._finished:
                return self.path
            duration = self.now()
            self.meta.update(meta or {})
            data = None
            if scores is not None:
                data = scores.to_dict() if hasattr(scores, "to_dict") else scores
            if data is not None and not self.stopped:
                try:
                    write_json_atomic(self.path / SCORES_FILE, data)
                except Exception as exc:
                    self._failed(exc)
            for writer in self._tracks.values():
                try:
                    if not self.stopped:
                        writer.pad_to(duration)
                    writer.close()
                except Exception as exc:
                    self._failed(exc)
            self._write(
                {
                    "type": SESSION_END,
                    "reason": reason,
                    "duration": round(duration, 3),
                    "scores": SCORES_FILE if data is not None else None,
                },
                duration,
            )
            self._finished = True
            with contextlib.suppress(Exception):
                self._log.close()
            self._write_meta("finished", duration=round(duration, 3), end_reason=reason)
            self._release_lock()
            return self.path

    def __enter__(self) -> Recorder:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is KeyboardInterrupt:
            self.finish(reason="interrupted")
        else:
            self.finish(reason="completed" if exc_type is None else "error")

    def _meta(self, status: str) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "session_id": self.session_id,
            "started_at": self.started_at.isoformat(),
            "status": status,
            **self.meta,
        }


class RecordingSpeaker:
    """A voice ``Speaker`` that also writes what it plays to a track (the interviewer's voice).

    Audio is placed at the time ``play`` is called, queued after audio still playing; a
    ``stop()`` (barge-in) cuts the track at that moment, so the recording holds what the
    candidate actually heard.
    """

    def __init__(self, inner: Any, recorder: Recorder, track: str = "interviewer") -> None:
        self.inner = inner
        self.recorder = recorder
        self.track = track

    def play(self, chunk: Any) -> None:
        self.recorder.audio(self.track, chunk)
        self.inner.play(chunk)

    def stop(self) -> None:
        self.inner.stop()
        self.recorder.cut_audio(self.track)

    def is_playing(self) -> bool:
        return self.inner.is_playing()

    def wait(self) -> None:
        self.inner.wait()

    @property
    def played_samples(self) -> int:
        return self.inner.played_samples

    def close(self) -> None:
        self.inner.close()

    def __getattr__(self, name: str) -> Any:  # anything else the real speaker offers
        return getattr(self.inner, name)


def _is_audio(event: Any) -> bool:
    return isinstance(getattr(event, "audio", None), bytes | bytearray) and hasattr(event, "rate")


def _previous_state(path: Path) -> tuple[float, int, int, dict[str, Any]]:
    """(last event time, last seq, board snapshots, stored meta) of a session to continue."""
    try:
        raw = read_bounded(path / EVENTS_FILE, MAX_LOG_BYTES).decode("utf-8", errors="replace")
    except RecordingError:
        raw = ""
    last_t, seq, boards = 0.0, 0, 0
    meta: dict[str, Any] = {}
    for line in raw.splitlines():
        try:
            obj = json.loads(line)
        except ValueError:
            continue  # a torn line from a killed process
        if not isinstance(obj, dict):
            continue
        t, n = obj.get("t"), obj.get("seq")
        if isinstance(t, int | float) and not isinstance(t, bool):
            last_t = max(last_t, float(t))
        if isinstance(n, int) and not isinstance(n, bool):
            seq = max(seq, n)
        if obj.get("type") == BOARD_SNAPSHOT:
            boards += 1
        if obj.get("type") == SESSION_START and isinstance(obj.get("meta"), dict):
            meta.update(obj["meta"])
            meta.setdefault("started_at", obj.get("started_at"))
    try:
        stored = json.loads(read_bounded(path / META_FILE, MAX_JSON_BYTES))
    except (RecordingError, ValueError):
        stored = None
    if isinstance(stored, dict):
        reserved = ("format", "version", "session_id", "status", "duration", "end_reason")
        meta.update({k: v for k, v in stored.items() if k not in reserved})
    return last_t, seq, boards, meta


def _parse_time(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _unique_dir(root: Path, base: str) -> Path:
    for n in range(1000):
        path = root / (base if n == 0 else f"{base}-{n + 1}")
        try:
            path.mkdir()
            return path
        except FileExistsError:
            continue
    raise FileExistsError(f"too many sessions named {base} in {root}")


__all__ = ["Recorder", "RecordingSpeaker", "SessionBusy", "new_session_id"]
