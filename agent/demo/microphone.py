"""The demo candidate at the sound-card boundary: a microphone that speaks recorded turns."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

from voice.events import AudioChunk
from voice.resample import MODEL_RATE, float_to_int16
from voice.wav_io import read_wav

CHUNK_MS = 30


class ScriptedMicrophone:
    """Plays each WAV as one candidate turn, waiting (in silence, like a person) until the
    interviewer has finished replying before the next. Paced in real time divided by `speed`,
    so the voice loop sees exactly what a sound card would deliver."""

    rate = MODEL_RATE

    def __init__(
        self,
        turns: Sequence[Path],
        reply_done: threading.Event,
        *,
        before_turn: Callable[[int], None] | None = None,
        gap_s: float = 0.6,
        reply_timeout_s: float = 45.0,
        speed: float = 1.0,
    ) -> None:
        self.turns = list(turns)
        self.reply_done = reply_done
        self.before_turn = before_turn or (lambda index: None)
        self.gap_s = gap_s
        self.reply_timeout_s = reply_timeout_s
        self.speed = speed
        self._chunk = MODEL_RATE * CHUNK_MS // 1000
        self._closed = threading.Event()
        self._sent = 0
        self._t0 = 0.0

    def chunks(self) -> Iterator[AudioChunk]:
        self._t0 = time.monotonic()
        for index, path in enumerate(self.turns):
            yield from self._wait_for_reply()
            yield from self._silence(self.gap_s)
            if self._closed.is_set():
                return
            self.before_turn(index)
            self.reply_done.clear()
            yield from self._audio(float_to_int16(read_wav(path)))
        yield from self._wait_for_reply()
        yield from self._silence(0.5)

    def close(self) -> None:
        self._closed.set()

    def _wait_for_reply(self) -> Iterator[AudioChunk]:
        deadline = time.monotonic() + self.reply_timeout_s
        while not self.reply_done.is_set() and time.monotonic() < deadline:
            if self._closed.is_set():
                return
            yield from self._silence(CHUNK_MS / 1000)

    def _silence(self, seconds: float) -> Iterator[AudioChunk]:
        yield from self._audio(np.zeros(int(seconds * MODEL_RATE), dtype=np.int16))

    def _audio(self, samples: np.ndarray) -> Iterator[AudioChunk]:
        for start in range(0, len(samples), self._chunk):
            if self._closed.is_set():
                return
            block = samples[start : start + self._chunk]
            self._sent += len(block)
            due = self._t0 + self._sent / MODEL_RATE / self.speed
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            yield AudioChunk(audio=block.tobytes(), rate=MODEL_RATE, timestamp=time.monotonic())
