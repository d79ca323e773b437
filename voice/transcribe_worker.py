"""Whisper off the microphone thread, newest request first.

The loop asks for transcripts far more often than Whisper can deliver them (a new speculative
partial at every pause, a barge-in check every quarter second of overlap). A queued request that
a newer one of the same kind supersedes is dropped before it runs, and barge-in checks jump the
queue, so the CPU is never spent on audio nobody will read.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from voice.protocols import Transcriber, Transcript


@dataclass(frozen=True)
class Job:
    """One transcription request."""

    kind: str
    """"partial" (speculative turn transcript) or "barge" (is this overlap an interruption?)."""
    generation: int
    """The turn's generation when asked; stale answers are ignored by the loop."""
    audio: np.ndarray
    priority: bool = False
    turn: int = 0
    """Which turn asked: a barge-in check stays valid across pauses inside its turn."""


class TranscribeWorker:
    """A single background thread running a ``Transcriber``."""

    def __init__(
        self,
        transcriber: Transcriber,
        vocabulary: Sequence[str] = (),
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        self.transcriber = transcriber
        self.vocabulary = tuple(vocabulary)
        self._on_error = on_error or (lambda message: None)
        self._pending: list[Job] = []
        self._cond = threading.Condition()
        self._results: queue.SimpleQueue[tuple[Job, Transcript]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._busy = threading.Lock()  # held while Whisper runs (transcribe_now waits on it)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="hotseat-stt", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        with self._cond:
            self._closed = True
            self._pending.clear()
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def submit(self, job: Job) -> None:
        """Queue ``job``, replacing any queued job of the same kind."""
        with self._cond:
            self._pending = [j for j in self._pending if j.kind != job.kind]
            if job.priority:
                self._pending.insert(0, job)
            else:
                self._pending.append(job)
            self._cond.notify_all()

    def results(self) -> Iterator[tuple[Job, Transcript]]:
        """Finished jobs, without blocking."""
        while True:
            try:
                yield self._results.get_nowait()
            except queue.Empty:
                return

    def transcribe_now(self, audio: np.ndarray) -> Transcript | None:
        """Transcribe on the calling thread (after any running job); None on failure."""
        with self._cond:
            self._pending.clear()
        with self._busy:
            return self._transcribe(audio)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                job = self._pending.pop(0)
                self._busy.acquire()
            try:
                transcript = self._transcribe(job.audio)
            finally:
                self._busy.release()
            if transcript is not None:
                self._results.put((job, transcript))

    def _transcribe(self, audio: np.ndarray) -> Transcript | None:
        try:
            return self.transcriber.transcribe(audio, self.vocabulary)
        except Exception as exc:  # one bad clip must not end the session
            self._on_error(f"transcription failed: {exc}")
            return None


__all__ = ["Job", "TranscribeWorker"]
