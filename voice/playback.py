"""The playback queue behind every speaker, and the buffer speaker for headless runs and tests.

Both speakers keep queued audio as int16 blocks at the output rate and consume it on a clock
(a device callback, or a thread sleeping in real time), so ``stop()`` drops whatever has not
been played yet and barge-in latency can be measured the same way on both.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

import numpy as np

from voice.events import AudioChunk
from voice.resample import resample


class PlaybackQueue:
    """Thread-safe FIFO of int16 samples at ``rate``, with a count of what was played."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self._blocks: deque[np.ndarray] = deque()
        self._queued = 0
        self._lock = threading.Lock()
        self._drained = threading.Condition(self._lock)
        self.played_frames = 0
        """Output-rate frames consumed since creation (never reset)."""
        self.source_rate = rate
        """Rate of the chunks most recently given to ``push`` (for ``played_samples``)."""

    def push(self, chunk: AudioChunk) -> None:
        """Queue a chunk, resampling it to the output rate (mono, int16)."""
        audio = chunk.to_float() if chunk.channels > 1 or chunk.rate != self.rate else None
        if audio is not None:
            pcm = np.clip(resample(audio, chunk.rate, self.rate), -1, 1)
            samples = (pcm * 32767).astype(np.int16)
        else:
            samples = chunk.samples.copy()
        with self._lock:
            self.source_rate = chunk.rate
            if len(samples):
                self._blocks.append(samples)
                self._queued += len(samples)

    def pull(self, frames: int) -> tuple[np.ndarray, int]:
        """Up to ``frames`` queued samples, zero-padded to ``frames``, and how many were real."""
        out = np.zeros(frames, dtype=np.int16)
        filled = 0
        with self._lock:
            while filled < frames and self._blocks:
                block = self._blocks[0]
                take = min(frames - filled, len(block))
                out[filled : filled + take] = block[:take]
                filled += take
                if take == len(block):
                    self._blocks.popleft()
                else:
                    self._blocks[0] = block[take:]
            self._queued -= filled
            self.played_frames += filled
            if not self._blocks:
                self._drained.notify_all()
        return out, filled

    def clear(self) -> int:
        """Drop everything queued; returns how many frames were dropped."""
        with self._lock:
            dropped = self._queued
            self._blocks.clear()
            self._queued = 0
            self._drained.notify_all()
        return dropped

    @property
    def queued_frames(self) -> int:
        return self._queued

    def wait_drained(self, timeout: float | None = None) -> bool:
        with self._lock:
            return self._drained.wait_for(lambda: not self._blocks, timeout)

    @property
    def played_source_samples(self) -> int:
        """Played frames expressed at the rate of the chunks given to ``push``."""
        return round(self.played_frames * self.source_rate / self.rate)


class BufferSpeaker:
    """A speaker with no sound card: it consumes queued audio in real time and keeps it.

    A background thread takes ``block_ms`` of audio at a time and waits that long (divided by
    ``speed``), like a device draining its buffer, so ``stop()`` during a reply cuts it within
    one block and ``played_audio()`` holds exactly what a listener would have heard.
    ``on_play`` (optional) receives every played block as an AudioChunk stamped with the time it
    was "written": a test can feed it back into a microphone to simulate echo.
    """

    def __init__(
        self,
        rate: int = 22_050,
        speed: float = 1.0,
        block_ms: int = 10,
        on_play: Callable[[AudioChunk], None] | None = None,
        keep_audio: bool = True,
    ) -> None:
        self.rate = rate
        self.speed = speed
        self._queue = PlaybackQueue(rate)
        self._block = max(1, rate * block_ms // 1000)
        self._on_play = on_play
        self._keep = keep_audio
        self._played: list[np.ndarray] = []
        self._wake = threading.Event()
        self._closed = False
        self._busy = False
        self.first_play_time: float | None = None
        """Monotonic time the first sample after an idle period was written."""
        self.last_stop_time: float | None = None
        """Monotonic time of the last ``stop()``."""
        self._thread = threading.Thread(target=self._run, name="buffer-speaker", daemon=True)
        self._thread.start()

    def play(self, chunk: AudioChunk) -> None:
        self._queue.push(chunk)
        self._wake.set()

    def stop(self) -> None:
        self._queue.clear()
        self.last_stop_time = time.monotonic()

    def is_playing(self) -> bool:
        return self._queue.queued_frames > 0 or self._busy

    def wait(self) -> None:
        self._queue.wait_drained()
        while self._busy:
            time.sleep(0.001)

    @property
    def played_samples(self) -> int:
        """Samples played since creation, at the rate of the chunks given to ``play``."""
        return self._queue.played_source_samples

    @property
    def played_seconds(self) -> float:
        return self._queue.played_frames / self.rate

    def played_audio(self) -> np.ndarray:
        """Everything played so far, int16 at ``rate`` (empty when ``keep_audio=False``)."""
        return np.concatenate(self._played) if self._played else np.zeros(0, np.int16)

    def _run(self) -> None:
        seconds = self._block / self.rate
        next_due = 0.0
        while not self._closed:
            if self._queue.queued_frames == 0:
                self._wake.wait(0.05)
                self._wake.clear()
                continue
            self._busy = True
            now = time.monotonic()
            if now - next_due > 0.05:  # idle before this block: playback (re)starts now
                next_due = now
                self.first_play_time = now
            block, filled = self._queue.pull(self._block)
            if filled:
                played = block[:filled]
                if self._keep:
                    self._played.append(played)
                if self._on_play is not None:
                    self._on_play(AudioChunk(played.tobytes(), self.rate, timestamp=next_due))
            next_due += filled / self.rate / (self.speed or 1.0) if filled else seconds
            delay = next_due - time.monotonic()
            if delay > 0 and self.speed > 0:
                time.sleep(delay)
            self._busy = False

    def close(self) -> None:
        self._closed = True
        self._queue.clear()
        self._wake.set()
        self._thread.join(timeout=1)


__all__ = ["BufferSpeaker", "PlaybackQueue"]
