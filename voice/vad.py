"""Voice activity endpointing with webrtcvad: where speech starts and stops, frame by frame.

webrtcvad decides per 30 ms frame, and single frames flicker, so speech *starts* only after a
few voiced frames in a short window, and *stops* only after a hangover of unvoiced frames (quiet
word endings like "eight" or "-ty" are soft). The frames heard just before the start (pre-roll)
are handed back with the start, so the first syllable reaches Whisper intact. Deciding whether a
pause ends the *turn* is not this module's job: see ``voice.turn_policy``.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import numpy as np

from voice.events import SpeechStarted, SpeechStopped

RATE = 16_000
FRAME_MS = 30
FRAME_SAMPLES = RATE * FRAME_MS // 1000


@dataclass(frozen=True)
class VadConfig:
    """Endpointing knobs; the defaults suit a laptop microphone at a desk."""

    aggressiveness: int = 2
    """webrtcvad mode 0..3; higher rejects more noise but clips more soft speech."""
    start_window_ms: int = 150
    """Window in which enough voiced frames start speech."""
    start_voiced_ms: int = 90
    """Voiced time inside the window needed to start (three 30 ms frames)."""
    preroll_ms: int = 300
    """Audio kept from before the start so soft onsets ("four", "so") are not clipped."""
    hangover_ms: int = 180
    """Unvoiced time after the last voiced frame before speech counts as stopped."""
    min_level_dbfs: float = -55.0
    """Frames quieter than this are silence whatever webrtcvad says (gated echo is all zeros)."""


@dataclass(frozen=True)
class VadStep:
    """What one 30 ms frame did: events raised and audio to append to the current speech."""

    voiced: bool
    """webrtcvad's raw decision for this frame (after the level floor)."""
    active: bool
    """True while inside speech (including hangover) after this frame."""
    events: tuple[SpeechStarted | SpeechStopped, ...] = ()
    audio: tuple[np.ndarray, ...] = field(default_factory=tuple)
    """int16 frames that belong to speech: pre-roll plus this frame on a start, else this frame."""


class Endpointer:
    """Feeds 30 ms int16 frames through webrtcvad and tracks speech start/stop.

    ``process(frame, t)`` takes one frame of exactly ``FRAME_SAMPLES`` samples and ``t``, the
    monotonic time of its first sample; event timestamps are frame boundaries on that clock.
    """

    def __init__(self, config: VadConfig | None = None) -> None:
        import webrtcvad

        self.config = config or VadConfig()
        self._vad = webrtcvad.Vad(self.config.aggressiveness)
        window = max(1, self.config.start_window_ms // FRAME_MS)
        self._need = max(1, self.config.start_voiced_ms // FRAME_MS)
        self._window: deque[tuple[bool, float]] = deque(maxlen=window)
        preroll = max(0, self.config.preroll_ms // FRAME_MS) + window
        self._recent: deque[np.ndarray] = deque(maxlen=preroll)
        self._hangover = max(1, self.config.hangover_ms // FRAME_MS)
        self._floor = (10 ** (self.config.min_level_dbfs / 20.0) * 32768.0) ** 2
        self.active = False
        self._unvoiced_run = 0
        self._last_voiced_end = 0.0

    def is_voiced(self, frame: np.ndarray) -> bool:
        """webrtcvad's decision, with frames below the level floor counted as silence."""
        if float(np.mean(frame.astype(np.float32) ** 2)) < self._floor:
            return False
        return bool(self._vad.is_speech(frame.astype("<i2").tobytes(), RATE))

    def process(self, frame: np.ndarray, t: float) -> VadStep:
        if len(frame) != FRAME_SAMPLES:
            raise ValueError(f"VAD frames are {FRAME_SAMPLES} samples, got {len(frame)}")
        voiced = self.is_voiced(frame)
        end = t + FRAME_MS / 1000.0
        if not self.active:
            self._recent.append(frame)
            self._window.append((voiced, t))
            if sum(v for v, _ in self._window) < self._need:
                return VadStep(voiced=voiced, active=False)
            first = next(ts for v, ts in self._window if v)
            self.active = True
            self._unvoiced_run = 0
            self._last_voiced_end = end
            audio = tuple(self._recent)
            self._recent.clear()
            self._window.clear()
            return VadStep(True, True, (SpeechStarted(timestamp=first),), audio)
        if voiced:
            self._unvoiced_run = 0
            self._last_voiced_end = end
            return VadStep(True, True, (), (frame,))
        self._unvoiced_run += 1
        if self._unvoiced_run < self._hangover:
            return VadStep(False, True, (), (frame,))
        self.active = False
        self._unvoiced_run = 0
        return VadStep(False, False, (SpeechStopped(timestamp=self._last_voiced_end),), (frame,))

    def reset(self) -> None:
        """Forget any speech in progress (e.g. after push-to-talk release)."""
        self.active = False
        self._unvoiced_run = 0
        self._window.clear()
        self._recent.clear()


class Framer:
    """Cuts arbitrary-length int16 chunks into 30 ms frames, timing each on the audio clock."""

    def __init__(self) -> None:
        self._pending = np.zeros(0, dtype=np.int16)
        self._origin: float | None = None
        self._emitted = 0

    def push(self, samples: np.ndarray, timestamp: float) -> list[tuple[np.ndarray, float]]:
        """Frames completed by ``samples``; ``timestamp`` is the chunk's first-sample time.

        The clock is anchored on the first chunk and then advanced by sample count, so gaps or
        jitter in chunk timestamps do not make frames overlap.
        """
        if self._origin is None:
            self._origin = timestamp
        data = np.concatenate([self._pending, samples.astype(np.int16, copy=False)])
        count = len(data) // FRAME_SAMPLES
        frames = []
        for i in range(count):
            t = self._origin + self._emitted / RATE
            frames.append((data[i * FRAME_SAMPLES : (i + 1) * FRAME_SAMPLES].copy(), t))
            self._emitted += FRAME_SAMPLES
        self._pending = data[count * FRAME_SAMPLES :].copy()
        return frames

    @property
    def origin(self) -> float | None:
        """Clock time of the first sample pushed (None before any)."""
        return self._origin

    @property
    def now(self) -> float:
        """Audio-clock time at the end of the last complete frame."""
        return (self._origin or 0.0) + self._emitted / RATE


__all__ = ["FRAME_MS", "FRAME_SAMPLES", "RATE", "Endpointer", "Framer", "VadConfig", "VadStep"]
