"""Transcribe a WAV file of any length in bounded memory.

The file is read, resampled and transcribed a window at a time (about 30 s, Whisper's own
window), each cut at the quietest moment near its end so a word is not split; segments are
shifted to file time. Memory stays near one window whatever the file's length (a whole hour read
at once is 230 MB of samples before Whisper's features, and 1.7 GB by the time it ran).
Non-finite samples (NaN, infinity) are not audio: refused with one line instead of being heard
as "!!!!".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from voice.errors import AudioFormatError
from voice.protocols import Segment, Transcript
from voice.resample import MODEL_RATE, StreamResampler
from voice.wav_io import WavReader

WINDOW_SECONDS = 30.0
SEARCH_SECONDS = 4.0
"""The cut is the quietest 100 ms within this much of the window's end."""


@dataclass(frozen=True)
class LongTranscript:
    """A file's transcript and its length in seconds."""

    transcript: Transcript
    seconds: float


def windows(path: Path, rate: int = MODEL_RATE) -> Iterator[tuple[float, np.ndarray]]:
    """(start seconds, float32 mono samples at ``rate``) windows of the file, in order."""
    with WavReader(path) as reader:
        stream = StreamResampler(reader.rate, rate)
        block_frames = max(1, int(reader.rate * 5))
        pending = np.zeros(0, dtype=np.float32)
        start = 0.0
        window = int(WINDOW_SECONDS * rate)
        while True:
            block = reader.read(block_frames)
            last = len(block) < block_frames
            if len(block) and not np.isfinite(block).all():
                raise AudioFormatError(
                    f"{Path(path).name} has NaN or infinite samples: it is not audio"
                )
            pending = np.concatenate([pending, stream.process(block, last=last)])
            while len(pending) >= window:
                cut = _quiet_cut(pending[:window], rate)
                yield start, pending[:cut]
                start += cut / rate
                pending = pending[cut:].copy()
            if last:
                if len(pending):
                    yield start, pending
                return


def _quiet_cut(audio: np.ndarray, rate: int) -> int:
    """Where to end a window: the quietest 100 ms in its last SEARCH_SECONDS."""
    step = rate // 10
    lo = max(step, len(audio) - int(SEARCH_SECONDS * rate))
    best, best_energy = len(audio), float("inf")
    for at in range(lo, len(audio) - step + 1, step):
        energy = float(np.mean(np.square(audio[at : at + step])))
        if energy < best_energy:
            best, best_energy = at + step // 2, energy
    return best


def transcribe_file(path: Path, transcriber: Any, vocabulary: Sequence[str] = ()) -> LongTranscript:
    """The whole file's transcript, window by window (see the module docstring)."""
    texts: list[str] = []
    segments: list[Segment] = []
    worst = 0.0
    heard_any = False
    seconds = 0.0
    for start, audio in windows(path):
        seconds = start + len(audio) / MODEL_RATE
        part = transcriber.transcribe(audio, vocabulary)
        if part.text:
            heard_any = True
            texts.append(part.text)
            worst = max(worst, part.no_speech_prob)
        segments += [Segment(s.start + start, s.end + start, s.text) for s in part.segments]
    transcript = Transcript(
        text=" ".join(texts).strip(),
        segments=tuple(segments),
        no_speech_prob=worst if heard_any else 1.0,
    )
    return LongTranscript(transcript, seconds)


__all__ = ["LongTranscript", "transcribe_file", "windows"]
