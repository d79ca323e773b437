"""Sample-format and rate conversion, done in-process with soxr (no device-side resampling)."""

from __future__ import annotations

import numpy as np

MODEL_RATE = 16_000
"""Whisper and webrtcvad both want 16 kHz mono."""


def to_float_mono(pcm: np.ndarray, channels: int = 1) -> np.ndarray:
    """Interleaved int16/int32/uint8/float samples → float32 mono in [-1, 1] (channels averaged)."""
    if pcm.dtype == np.int16:
        audio = pcm.astype(np.float32) / 32768.0
    elif pcm.dtype == np.int32:
        audio = (pcm.astype(np.float64) / 2147483648.0).astype(np.float32)
    elif pcm.dtype == np.uint8:
        audio = (pcm.astype(np.float32) - 128.0) / 128.0
    elif pcm.dtype in (np.float32, np.float64):
        audio = np.clip(pcm.astype(np.float32), -1.0, 1.0)
    else:
        raise ValueError(f"unsupported sample type {pcm.dtype}")
    if channels > 1:
        usable = len(audio) - len(audio) % channels
        audio = audio[:usable].reshape(-1, channels).mean(axis=1, dtype=np.float32)
    return audio


def resample(audio: np.ndarray, rate_in: int, rate_out: int) -> np.ndarray:
    """Whole-buffer float32 resampling (use ``StreamResampler`` for a live stream)."""
    if rate_in == rate_out or len(audio) == 0:
        return audio.astype(np.float32, copy=False)
    import soxr

    return soxr.resample(audio, rate_in, rate_out, quality="HQ").astype(np.float32, copy=False)


def float_to_int16(audio: np.ndarray) -> np.ndarray:
    """float [-1, 1] → int16, clipped rather than wrapped."""
    return (np.clip(audio, -1.0, 1.0) * 32767.0).astype(np.int16)


class StreamResampler:
    """Chunk-by-chunk resampling for a live stream, keeping filter state between chunks."""

    def __init__(self, rate_in: int, rate_out: int, channels: int = 1) -> None:
        self.rate_in = rate_in
        self.rate_out = rate_out
        self._stream = None
        if rate_in != rate_out:
            import soxr

            self._stream = soxr.ResampleStream(rate_in, rate_out, channels, dtype="float32")

    def process(self, audio: np.ndarray, last: bool = False) -> np.ndarray:
        """Resample one float32 chunk; pass ``last=True`` to flush the filter's tail."""
        if self._stream is None:
            return audio.astype(np.float32, copy=False)
        return self._stream.resample_chunk(audio.astype(np.float32, copy=False), last=last)


__all__ = ["MODEL_RATE", "StreamResampler", "float_to_int16", "resample", "to_float_mono"]
