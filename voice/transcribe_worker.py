"""Whisper off the microphone thread, newest request first.

The loop asks for transcripts far more often than Whisper can deliver them (a new speculative
partial at every pause, a barge-in check every quarter second of overlap). A queued request that
a newer one of the same kind supersedes is dropped before it runs, and barge-in checks jump the
queue, so the CPU is never spent on audio nobody will read.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

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
    end_of_turn: float | None = None
    """Set on results when an end-of-turn model is in use: its probability that the turn is
    finished (speculative partials whose words read as finished only)."""


class EndOfTurnModel(Protocol):
    """An audio end-of-turn classifier (``voice.smart_turn.SmartTurn``)."""

    def probability(self, audio: np.ndarray) -> float: ...


def _with_end_of_turn(
    job: Job, transcript: Transcript, model: EndOfTurnModel | None, finished: Callable[[str], bool]
) -> Job:
    if model is None or job.kind != "partial" or not finished(transcript.text):
        return job
    return replace(job, end_of_turn=model.probability(job.audio))


class TranscribeWorker:
    """A single background thread running a ``Transcriber``."""

    def __init__(
        self,
        transcriber: Transcriber,
        vocabulary: Sequence[str] = (),
        on_error: Callable[[str], None] | None = None,
        end_of_turn: EndOfTurnModel | None = None,
        finished: Callable[[str], bool] = lambda text: True,
    ) -> None:
        self.transcriber = transcriber
        self.vocabulary = tuple(vocabulary)
        self._on_error = on_error or (lambda message: None)
        self._end_of_turn = end_of_turn
        self._finished = finished
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
                job = _with_end_of_turn(job, transcript, self._end_of_turn, self._finished)
                self._results.put((job, transcript))

    def _transcribe(self, audio: np.ndarray) -> Transcript | None:
        try:
            return self.transcriber.transcribe(audio, self.vocabulary)
        except Exception as exc:  # one bad clip must not end the session
            self._on_error(f"transcription failed: {exc}")
            return None


class VirtualTranscribeWorker:
    """``TranscribeWorker``'s scheduling replayed on the audio clock, for input read faster than
    real time (``hotseat listen --wav``).

    One simulated worker: a job starts when it is free on the audio clock, newer jobs of a kind
    still replace queued ones and barge-in checks still jump the queue. A job runs on the calling
    thread when its start time comes, and its result is released once the audio clock has moved
    on by the wall time Whisper took, so the loop sees each transcript exactly as late as it would
    live on this machine while the file is read as fast as Whisper allows.
    """

    def __init__(
        self,
        transcriber: Transcriber,
        vocabulary: Sequence[str] = (),
        on_error: Callable[[str], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        end_of_turn: EndOfTurnModel | None = None,
        finished: Callable[[str], bool] = lambda text: True,
    ) -> None:
        self.transcriber = transcriber
        self.vocabulary = tuple(vocabulary)
        self._on_error = on_error or (lambda message: None)
        self._end_of_turn = end_of_turn
        self._finished = finished
        self._clock = clock
        self._pending: list[tuple[Job, float]] = []
        self._running: tuple[Job, Transcript | None, float] | None = None
        self._free_at = float("-inf")
        self.busy_s = 0.0
        """Wall time spent in Whisper (the run's real cost)."""

    def start(self) -> None:
        """Nothing to start: jobs run on the caller's thread."""

    def stop(self) -> None:
        self._pending.clear()
        self._running = None

    def submit(self, job: Job) -> None:
        self._pending = [(j, t) for j, t in self._pending if j.kind != job.kind]
        entry = (job, self._clock())
        if job.priority:
            self._pending.insert(0, entry)
        else:
            self._pending.append(entry)

    def results(self) -> Iterator[tuple[Job, Transcript]]:
        """Jobs whose (simulated) finishing time the audio clock has reached."""
        now = self._clock()
        while True:
            if self._running is not None:
                job, transcript, due = self._running
                if due > now:
                    return
                self._running = None
                self._free_at = due
                if transcript is not None:
                    yield job, transcript
                continue
            if not self._pending:
                return
            job, submitted = self._pending[0]
            start = max(self._free_at, submitted)
            if start > now:
                return
            self._pending.pop(0)
            began = time.perf_counter()
            transcript = self._transcribe(job.audio)
            if transcript is not None:
                job = _with_end_of_turn(job, transcript, self._end_of_turn, self._finished)
            took = time.perf_counter() - began
            self.busy_s += took
            self._running = (job, transcript, start + took)

    def transcribe_now(self, audio: np.ndarray) -> Transcript | None:
        self._pending.clear()
        began = time.perf_counter()
        try:
            return self._transcribe(audio)
        finally:
            self.busy_s += time.perf_counter() - began

    def _transcribe(self, audio: np.ndarray) -> Transcript | None:
        try:
            return self.transcriber.transcribe(audio, self.vocabulary)
        except Exception as exc:  # one bad clip must not end the run
            self._on_error(f"transcription failed: {exc}")
            return None


__all__ = ["EndOfTurnModel", "Job", "TranscribeWorker", "VirtualTranscribeWorker"]
