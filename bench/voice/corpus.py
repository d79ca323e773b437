"""The voice benchmark's corpus: what the candidate says, when, and where their speech truly ends.

Clips are spoken by the bundled Piper voice on first use and cached as WAVs, so the corpus
needs nothing but the installed packages. Ground truth (speech start/end sample) comes from the
clip's own audio level, not from the loop under test.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RATE = 16_000

STATEMENTS = [
    "We have three hundred million daily active users.",
    "Each user sends about ten messages a day.",
    "I would put a cache in front of the database.",
    "Let's shard the messages table by user id.",
    "The average message is about one kilobyte.",
    "Peak traffic is about three times the average.",
    "We need roughly fifty application servers.",
    "Reads outnumber writes ten to one.",
    "I'd replicate the data across three regions.",
    "The notification service fans out through a queue.",
]
# (words that end mid-calculation, thinking pause in seconds, the rest of the sum)
THINKING = [
    ("One billion divided by", 2.0, "eighty six thousand four hundred is about twelve thousand."),
    ("Three billion messages times", 1.5, "one kilobyte is three terabytes a day."),
    ("Twelve thousand per second, so that's", 2.5, "about thirty six thousand at peak."),
    ("Three terabytes a day times three hundred sixty five", 2.2, "is roughly one petabyte."),
]
# Thinking time: the candidate asks for it and is silent 5-30 s, or goes quiet 3-4 s mid-sum.
ASKED = [
    ("Okay, give me a minute.", 5.0, "So that is about three billion messages a day."),
    ("Let me think.", 10.0, "We need about fifty application servers."),
    ("Hold on, let me work this out.", 30.0, "Storage is roughly one petabyte a year."),
]
LONG_THINKING = [
    (
        "Three billion a day divided by",
        3.0,
        "eighty six thousand four hundred is about thirty five thousand.",
    ),
    ("Thirty five thousand per second, so that's", 4.0, "about a hundred thousand at peak."),
]
BACKCHANNELS = ["Mmm hmm.", "Okay.", "Right.", "Yeah.", "Uh-huh."]
INTERRUPTIONS = [
    "Wait, hold on, that is not right.",
    "Actually, let me change that number.",
    "No, I meant per second, not per day.",
    "Sorry, can we go back to the storage estimate?",
    "Hold on, I want to revise the peak.",
]
REPLIES = [
    "Good, that is a sensible start. Walk me through how you got there, step by step, "
    "and tell me which assumption you are least sure about.",
    "Fair enough. Now think about what happens at peak, when traffic triples, and whether "
    "your storage layer can keep up with the write rate.",
    "Right, let me push on that. Where does the data live, how is it partitioned, and what "
    "happens to reads when one of the partitions becomes hot?",
    "Okay, I follow. Before we move on, estimate how much storage that needs per year, "
    "including replication, and say it out loud as you go.",
]


@dataclass(frozen=True)
class Clip:
    """One spoken clip with its ground truth."""

    text: str
    audio: np.ndarray
    """float32 mono 16 kHz."""
    start: int
    """First audible sample."""
    end: int
    """Sample just after the last audible one: the true end of speech."""
    pause_s: float = 0.0
    """Silence inside the clip (a thinking pause), 0 for a plain sentence."""


class CorpusBuilder:
    """Speaks and caches clips; ``cache_dir`` is created on demand."""

    def __init__(self, cache_dir: Path, synthesizer=None) -> None:
        self.cache_dir = Path(cache_dir)
        self._tts = synthesizer

    def _synth(self):
        if self._tts is None:
            from voice.tts import PiperSynthesizer

            self._tts = PiperSynthesizer(deterministic=True)
        return self._tts

    def speak(self, text: str) -> np.ndarray:
        from voice.resample import resample
        from voice.wav_io import read_wav, write_wav

        key = hashlib.sha1(f"piper-det-v1|{text}".encode()).hexdigest()[:16]
        path = self.cache_dir / f"{key}.wav"
        if path.exists():
            return read_wav(path, rate=RATE)
        tts = self._synth()
        audio = np.concatenate([c.to_float() for c in tts.synthesize(text)])
        audio = resample(audio, tts.sample_rate, RATE)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        write_wav(path, audio, RATE)
        return audio

    def clip(self, text: str) -> Clip:
        from voice.room import speech_bounds

        audio = self.speak(text)
        start, end = speech_bounds(audio)
        return Clip(text, audio, start, end)

    def thinking(self, first: str, pause_s: float, rest: str) -> Clip:
        """``first`` … ``pause_s`` of silence … ``rest``, as one clip."""
        a, b = self.clip(first), self.clip(rest)
        head = a.audio[: a.end]
        gap = np.zeros(int(pause_s * RATE), dtype=np.float32)
        audio = np.concatenate([head, gap, b.audio[b.start :]])
        end = len(head) + len(gap) + (b.end - b.start)
        return Clip(f"{first} … {rest}", audio, a.start, end, pause_s)

    def cough(self, seed: int) -> Clip:
        from voice.room import synthetic_cough

        audio = synthetic_cough(0.3, seed=seed)
        return Clip("(cough)", audio, 0, len(audio))


__all__ = [
    "ASKED",
    "BACKCHANNELS",
    "INTERRUPTIONS",
    "LONG_THINKING",
    "REPLIES",
    "STATEMENTS",
    "THINKING",
    "Clip",
    "CorpusBuilder",
]
