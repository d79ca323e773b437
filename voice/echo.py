"""A reference-aware echo gate, so Hotseat does not hear its own voice through the speakers.

WebRTC's echo canceller has no maintained Python binding here (``webrtc-audio-processing``
0.1.3 from 2019 does not build), so this is a small gate that knows what was played: for each
30 ms microphone frame it looks at the reply audio the speaker played just before, finds the
acoustic delay by normalised cross-correlation, fits a gain (least squares) and subtracts the
echo. A frame the echo explains (little energy left) is replaced by silence; a frame with energy
left over (the candidate talking over the reply) passes on as the residual, so barge-in still
works. It is a single-path model: good for laptop speakers and the bench's simulated room, not a
full adaptive canceller for reverberant rooms. With headphones there is no echo: turn it off.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from voice.vad import FRAME_SAMPLES, RATE


@dataclass(frozen=True)
class EchoConfig:
    """Gate knobs."""

    enabled: bool = True
    """False with headphones: frames pass untouched."""
    max_delay_ms: int = 400
    """Largest speaker-to-microphone delay searched (output buffer + air)."""
    context_ms: int = 240
    """Microphone history correlated at once to find the delay (longer = steadier)."""
    explained_ratio: float = 0.2
    """Residual/microphone energy below this means the frame is echo: silence it."""
    min_correlation: float = 0.5
    """Below this normalised correlation the reference does not explain the frame."""
    reference_s: float = 30.0
    """Reply audio kept for alignment (bounded memory)."""


@dataclass
class EchoStats:
    """What the gate did; the bench reports these."""

    frames: int = 0
    frames_with_reference: int = 0
    suppressed: int = 0
    cancelled: int = 0
    echo_energy: float = 0.0
    residual_energy: float = 0.0

    @property
    def erle_db(self) -> float:
        """Echo return loss enhancement over frames that had reference audio."""
        if self.residual_energy <= 0 or self.echo_energy <= 0:
            return 0.0
        return float(10 * np.log10(self.echo_energy / self.residual_energy))


class EchoGate:
    """Remove the reply's own audio from microphone frames.

    The loop calls ``add_reference(audio16k)`` with every piece of reply audio it queues on the
    speaker (in order), ``reset_reference()`` when playback stops, and ``process(frame,
    played)`` for every microphone frame, where ``played`` is how many reference samples the
    speaker had played when the frame arrived.
    """

    def __init__(self, config: EchoConfig | None = None) -> None:
        self.config = config or EchoConfig()
        self.stats = EchoStats()
        self._max_delay = RATE * self.config.max_delay_ms // 1000
        self._context = max(FRAME_SAMPLES, RATE * self.config.context_ms // 1000)
        self._cap = int(RATE * self.config.reference_s)
        self._ref = np.zeros(0, dtype=np.float32)
        self._ref_origin = 0  # reference sample index of self._ref[0]
        self._mic = np.zeros(self._context, dtype=np.float32)
        self._delay: int | None = None

    def add_reference(self, audio: np.ndarray) -> None:
        """Append reply audio (float32, 16 kHz, mono) in the order it was queued."""
        self._ref = np.concatenate([self._ref, audio.astype(np.float32, copy=False)])
        excess = len(self._ref) - self._cap
        if excess > 0:
            self._ref = self._ref[excess:]
            self._ref_origin += excess

    def reset_reference(self) -> None:
        """Playback ended or was cut: the next reply starts a new reference stream."""
        self._ref = np.zeros(0, dtype=np.float32)
        self._ref_origin = 0

    @property
    def delay_ms(self) -> float | None:
        """The last delay estimate, if any."""
        return None if self._delay is None else 1000.0 * self._delay / RATE

    def process(self, frame: np.ndarray, played: int) -> np.ndarray:
        """int16 frame in, int16 frame out (the residual, or zeros when it is all echo)."""
        self.stats.frames += 1
        mic = frame.astype(np.float32) / 32768.0
        self._mic = np.concatenate([self._mic[len(mic) :], mic])
        if not self.config.enabled or len(self._ref) == 0:
            return frame
        # Reference samples that could have reached the mic during this context window.
        end = played - self._ref_origin
        start = end - self._context - self._max_delay
        if end <= 0 or start >= len(self._ref):
            return frame
        ref = _slice_padded(self._ref, start, end)
        if float(np.dot(ref, ref)) < 1e-6:
            return frame
        self.stats.frames_with_reference += 1
        delay, corr = self._align(ref)
        if corr >= self.config.min_correlation:
            self._delay = delay
        elif self._delay is None:
            return frame
        else:
            # Talk over the reply lowers the correlation: keep the last good alignment.
            delay = self._delay
        # The echo aligned with this frame: reference that ended `delay` samples before `end`.
        seg_end = len(ref) - delay
        echo = ref[seg_end - len(mic) : seg_end]
        denom = float(np.dot(echo, echo))
        if denom <= 1e-9:
            return frame
        gain = max(0.0, float(np.dot(mic, echo)) / denom)
        residual = mic - gain * echo
        mic_energy = float(np.dot(mic, mic))
        res_energy = float(np.dot(residual, residual))
        self.stats.echo_energy += mic_energy
        if mic_energy <= 1e-9 or res_energy < self.config.explained_ratio * mic_energy:
            self.stats.suppressed += 1
            return np.zeros_like(frame)
        self.stats.cancelled += 1
        self.stats.residual_energy += res_energy
        return (np.clip(residual, -1.0, 1.0) * 32767.0).astype(np.int16)

    def _align(self, ref: np.ndarray) -> tuple[int, float]:
        """Delay (samples) maximising normalised correlation of the mic context with ``ref``."""
        ctx = self._mic
        n = len(ref) + len(ctx)
        size = 1 << (n - 1).bit_length()
        spec = np.fft.rfft(ref, size) * np.conj(np.fft.rfft(ctx, size))
        xcorr = np.fft.irfft(spec, size)[: len(ref) - len(ctx) + 1]
        # Energy of each reference window, for normalisation.
        csum = np.concatenate([[0.0], np.cumsum(ref.astype(np.float64) ** 2)])
        energy = csum[len(ctx) :] - csum[: len(ref) - len(ctx) + 1]
        norm = np.sqrt(np.maximum(energy, 1e-12) * max(float(np.dot(ctx, ctx)), 1e-12))
        ncc = xcorr / norm
        best = int(np.argmax(ncc))
        # Offset `best` is where the context starts inside ref; delay counts back from the end.
        delay = len(ref) - len(ctx) - best
        return delay, float(ncc[best])


def _slice_padded(buf: np.ndarray, start: int, end: int) -> np.ndarray:
    """buf[start:end], zero-padded where the range falls outside the buffer."""
    out = np.zeros(end - start, dtype=np.float32)
    lo, hi = max(start, 0), min(end, len(buf))
    if hi > lo:
        out[lo - start : hi - start] = buf[lo:hi]
    return out


__all__ = ["EchoConfig", "EchoGate", "EchoStats"]
