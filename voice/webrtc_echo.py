"""WebRTC's AEC3 echo canceller (``pywebrtc-audio``) behind the echo gate's interface.

The same three calls as ``voice.echo.EchoGate`` (``add_reference``, ``reset_reference``,
``process(frame, played)``), so the loop and the benchmark can use either. AEC3 is a full
adaptive canceller (delay estimation, a linear filter for the room's reflections, a non-linear
suppressor); its far end is the reply audio the speaker played.

``GatedWebRtcEcho`` runs both: a frame the gate explains as echo is silence, any other frame
is AEC3's output. Measured with ``bench/voice/echo_compare.py``: the gate alone lets a
reverberant room's echo through (its single-path model cannot explain reflections), AEC3 alone
leaks the first few hundred milliseconds of each reply on a real device, and the two together
leak neither; but AEC3's output while the candidate talks over the reply is harder for Whisper
(it invents words from a hum), so the loop keeps the gate by default (``LoopConfig``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from voice.echo import EchoStats
from voice.vad import FRAME_SAMPLES, RATE


@dataclass(frozen=True)
class WebRtcEchoConfig:
    """Canceller knobs."""

    enabled: bool = True
    stream_delay_ms: int = 60
    """Starting guess of the speaker-to-microphone delay; AEC3 refines it."""
    noise_suppression: bool = False
    """WebRTC's noise suppressor on the output too (changes what webrtcvad hears)."""
    reference_s: float = 30.0
    """Reply audio kept (bounded memory)."""
    resync_ms: int = 120
    """Drift between the far-end stream and the speaker's counter that re-anchors it."""


class WebRtcEchoCanceller:
    """AEC3 on 30 ms int16 frames, with the played reply as the far end."""

    def __init__(self, config: WebRtcEchoConfig | None = None) -> None:
        from pywebrtc_audio import AudioProcessor

        self.config = config or WebRtcEchoConfig()
        self.stats = EchoStats()
        self._processor = AudioProcessor(
            sample_rate=RATE,
            echo_cancellation=True,
            noise_suppression=self.config.noise_suppression,
            stream_delay_ms=self.config.stream_delay_ms,
        )
        self._cap = int(RATE * self.config.reference_s)
        self._ref = np.zeros(0, dtype=np.float32)
        self._ref_origin = 0
        self._cursor: int | None = None
        self._resync = int(RATE * self.config.resync_ms / 1000)

    @property
    def delay_ms(self) -> float | None:
        return None

    def add_reference(self, audio: np.ndarray) -> None:
        """Append reply audio (float32, 16 kHz, mono) in the order it was queued."""
        self._ref = np.concatenate([self._ref, audio.astype(np.float32, copy=False)])
        excess = len(self._ref) - self._cap
        if excess > 0:
            self._ref = self._ref[excess:]
            self._ref_origin += excess

    def reset_reference(self) -> None:
        self._ref = np.zeros(0, dtype=np.float32)
        self._ref_origin = 0
        self._cursor = None

    def process(self, frame: np.ndarray, played: int) -> np.ndarray:
        """int16 frame in, int16 frame out. AEC3 runs on every frame, reply or not, so its
        filter keeps adapting and its render buffer stays in step with the capture.

        Its far end must be one continuous stream (it finds the delay itself): the reference
        advances a frame per frame from where the speaker's counter first put it, and is only
        re-anchored on the counter when the two drift apart (an underrun, a device stall)."""
        self.stats.frames += 1
        if not self.config.enabled:
            return frame
        n = len(frame)
        anchor = played - self._ref_origin - n
        if self._cursor is None:
            if played - self._ref_origin > 0:
                self._cursor = max(anchor, 0)
        else:
            self._cursor += n
            if abs(self._cursor - anchor) > self._resync:
                self._cursor = anchor
        far = np.zeros(n, dtype=np.float32)
        if self._cursor is not None:
            lo, hi = max(self._cursor, 0), min(self._cursor + n, len(self._ref))
            if hi > lo:
                far[lo - self._cursor : hi - self._cursor] = self._ref[lo:hi]
                self.stats.frames_with_reference += 1
        far16 = (np.clip(far, -1.0, 1.0) * 32767.0).astype(np.int16)
        return self._processor.process(frame.astype(np.int16, copy=False), far16)


class GatedWebRtcEcho:
    """The echo gate's verdict first (a frame it explains is silence), AEC3's output otherwise."""

    def __init__(self, gate_config=None, config: WebRtcEchoConfig | None = None) -> None:
        from voice.echo import EchoGate

        self.gate = EchoGate(gate_config)
        self.aec = WebRtcEchoCanceller(config)
        self.config = self.gate.config

    @property
    def stats(self) -> EchoStats:
        return self.gate.stats

    @property
    def delay_ms(self) -> float | None:
        return self.gate.delay_ms

    def add_reference(self, audio: np.ndarray) -> None:
        self.gate.add_reference(audio)
        self.aec.add_reference(audio)

    def reset_reference(self) -> None:
        self.gate.reset_reference()
        self.aec.reset_reference()

    def process(self, frame: np.ndarray, played: int) -> np.ndarray:
        gated = self.gate.process(frame, played)
        cleaned = self.aec.process(frame, played)  # every frame, so AEC3 keeps adapting
        return gated if not gated.any() else cleaned


def webrtc_available() -> bool:
    """True when ``pywebrtc-audio`` can be imported."""
    try:
        import pywebrtc_audio  # noqa: F401
    except ImportError:
        return False
    return True


assert FRAME_SAMPLES % (RATE // 100) == 0  # whole 10 ms blocks per frame

__all__ = ["GatedWebRtcEcho", "WebRtcEchoCanceller", "WebRtcEchoConfig", "webrtc_available"]
