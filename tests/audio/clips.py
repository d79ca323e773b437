"""Real models shared by every voice test in the run, and speech clips made with them.

Models are cached per process (not per module) because loading Whisper and Piper is the slow
part of the voice tests; Piper runs with zero noise so a text always gives the same audio.
"""

from __future__ import annotations

import struct
from functools import lru_cache
from pathlib import Path

import numpy as np

from voice.resample import resample


@lru_cache(maxsize=1)
def whisper():
    """The bundled tiny.en Whisper, loaded once per test process."""
    from voice.stt import WhisperTranscriber

    return WhisperTranscriber(cpu_threads=2)


@lru_cache(maxsize=1)
def piper():
    """The bundled Piper voice, deterministic (no generator noise)."""
    from voice.tts import PiperSynthesizer

    return PiperSynthesizer(deterministic=True)


@lru_cache(maxsize=64)
def speech(text: str, rate: int = 16_000) -> np.ndarray:
    """``text`` spoken by Piper as float32 mono at ``rate`` (read-only; copy to modify)."""
    voice = piper()
    audio = np.concatenate([chunk.to_float() for chunk in voice.synthesize(text)])
    audio = resample(audio, voice.sample_rate, rate)
    audio.setflags(write=False)
    return audio


def write_raw_wav(
    path: Path, audio: np.ndarray, rate: int, channels: int = 1, bits: int = 16, tag: int = 1
) -> Path:
    """Write float audio (frames × channels, or mono) as a WAV in any encoding.

    ``tag`` 1 = PCM (8/16/24/32-bit), 3 = IEEE float (32/64-bit), 0xFFFE = extensible PCM.
    The stdlib ``wave`` module can write only plain PCM, hence this helper.
    """
    data = np.asarray(audio, dtype=np.float64)
    if data.ndim == 1:
        data = np.repeat(data[:, None], channels, axis=1)
    flat = np.clip(data.reshape(-1), -1.0, 1.0)
    base = 1 if tag == 0xFFFE else tag
    if base == 3:
        raw = flat.astype("<f4" if bits == 32 else "<f8").tobytes()
    elif bits == 8:
        raw = (flat * 127 + 128).astype(np.uint8).tobytes()
    elif bits == 16:
        raw = (flat * 32767).astype("<i2").tobytes()
    elif bits == 24:
        ints = (flat * 8388607).astype("<i4")
        raw = np.frombuffer(ints.tobytes(), np.uint8).reshape(-1, 4)[:, :3].tobytes()
    elif bits == 32:
        raw = (flat * 2147483647).astype("<i4").tobytes()
    else:
        raise ValueError(bits)
    block = channels * bits // 8
    fmt = struct.pack("<HHIIHH", tag, channels, rate, rate * block, block, bits)
    if tag == 0xFFFE:
        guid = struct.pack("<H", 1) + b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"
        fmt += struct.pack("<HHI", 22, bits, 0) + guid
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"data" + struct.pack("<I", len(raw)) + raw
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path
