"""Speech clips for the turn-taking tests, made with the real Piper voice at test time."""

from __future__ import annotations

import numpy as np

from voice.room import synthetic_cough as cough  # noqa: F401  (re-exported for tests)

RATE = 16_000


def say(tts, text: str) -> np.ndarray:
    """``text`` spoken by Piper, float32 mono 16 kHz."""
    from voice.resample import resample

    audio = np.concatenate([chunk.to_float() for chunk in tts.synthesize(text)])
    return resample(audio, tts.sample_rate, RATE)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * RATE), dtype=np.float32)
