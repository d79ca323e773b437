"""Typed events that flow through the voice loop, each stamped with a monotonic time.

Every event is a frozen dataclass with a ``timestamp`` (``time.monotonic()`` seconds) so a
session's timeline can be recorded and its latencies measured; ``to_dict()`` gives the JSON edge
form with a snake_case ``"type"``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class _Event:
    """Mixin: JSON-ready dict with the event's snake_case type name."""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)  # type: ignore[call-overload]
        return {"type": _snake(type(self).__name__), **data}


@dataclass(frozen=True)
class AudioChunk(_Event):
    """A slice of raw PCM audio."""

    audio: bytes
    """Little-endian PCM samples (int16 when width is 2), channels interleaved."""
    rate: int
    """Samples per second per channel (Hz)."""
    width: int = 2
    """Bytes per sample."""
    channels: int = 1
    """Number of interleaved channels."""
    timestamp: float = 0.0
    """time.monotonic() seconds when the chunk was captured or produced."""

    @property
    def samples(self) -> np.ndarray:
        """The audio as an int16 array (interleaved when stereo); requires width 2."""
        import numpy as np

        if self.width != 2:
            raise ValueError(f"samples needs 16-bit audio, this chunk has width {self.width}")
        return np.frombuffer(self.audio, dtype=np.int16)

    @property
    def num_frames(self) -> int:
        """Number of sample frames (one sample per channel each)."""
        return len(self.audio) // (self.width * self.channels)

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.num_frames / self.rate if self.rate else 0.0

    @classmethod
    def from_float(cls, audio: np.ndarray, rate: int, timestamp: float = 0.0) -> AudioChunk:
        """Build a mono int16 chunk from float samples in [-1, 1] (clipped, not wrapped)."""
        import numpy as np

        pcm = (np.clip(audio, -1.0, 1.0) * 32767.0).astype("<i2")
        return cls(audio=pcm.tobytes(), rate=rate, timestamp=timestamp)

    def to_float(self) -> np.ndarray:
        """Mono float32 samples in [-1, 1] (channels averaged)."""
        import numpy as np

        pcm = self.samples.astype(np.float32) / 32768.0
        if self.channels > 1:
            pcm = pcm.reshape(-1, self.channels).mean(axis=1)
        return pcm

    def to_dict(self) -> dict[str, Any]:
        """Metadata only: raw audio is recorded as WAV, not inlined into JSON."""
        return {
            "type": "audio_chunk",
            "rate": self.rate,
            "width": self.width,
            "channels": self.channels,
            "timestamp": self.timestamp,
            "bytes": len(self.audio),
        }


@dataclass(frozen=True)
class SpeechStarted(_Event):
    """The VAD heard the start of speech."""

    timestamp: float = 0.0
    """time.monotonic() seconds of the first speech frame (pre-roll excluded)."""


@dataclass(frozen=True)
class SpeechStopped(_Event):
    """The VAD heard speech end (a pause; the turn may still continue)."""

    timestamp: float = 0.0
    """time.monotonic() seconds of the last speech frame."""


@dataclass(frozen=True)
class TurnCommitted(_Event):
    """The turn policy decided the candidate has finished; the utterance goes to the responder."""

    text: str
    """The final transcript of the whole turn."""
    speech_start: float = 0.0
    """time.monotonic() seconds when the turn's speech began."""
    speech_end: float = 0.0
    """time.monotonic() seconds when the turn's last speech frame ended."""
    timestamp: float = 0.0
    """time.monotonic() seconds when the turn was committed."""


@dataclass(frozen=True)
class TranscriptPartial(_Event):
    """A provisional transcript (e.g. speculative, during a pause); may be discarded."""

    text: str
    """Text heard so far."""
    timestamp: float = 0.0
    """time.monotonic() seconds when the transcript was ready."""


@dataclass(frozen=True)
class TranscriptFinal(_Event):
    """A finished transcript of one stretch of speech."""

    text: str
    """Cleaned text (phantom phrases removed); empty when nothing was said."""
    segments: tuple[tuple[float, float, str], ...] = ()
    """(start seconds, end seconds, text) per recognised segment, relative to the audio start."""
    no_speech_prob: float = 0.0
    """Highest no-speech probability over the segments (0..1)."""
    timestamp: float = 0.0
    """time.monotonic() seconds when the transcript was ready."""


@dataclass(frozen=True)
class ReplySentence(_Event):
    """One sentence of the reply, handed to the synthesizer."""

    text: str
    """The sentence text."""
    timestamp: float = 0.0
    """time.monotonic() seconds when the sentence was produced."""


@dataclass(frozen=True)
class PlaybackStarted(_Event):
    """The first reply sample was written to the speaker."""

    timestamp: float = 0.0
    """time.monotonic() seconds of the first sample written."""


@dataclass(frozen=True)
class PlaybackStopped(_Event):
    """Playback ended, either finished or cut by barge-in."""

    interrupted: bool = False
    """True when barge-in stopped playback before the reply ended."""
    played_text: str = ""
    """The part of the reply that was actually heard (the whole reply unless interrupted)."""
    timestamp: float = 0.0
    """time.monotonic() seconds when playback stopped."""


@dataclass(frozen=True)
class BargeIn(_Event):
    """The candidate spoke over playback long enough to count as an interruption."""

    timestamp: float = 0.0
    """time.monotonic() seconds when the barge-in was decided."""


@dataclass(frozen=True)
class ThinkingStarted(_Event):
    """The candidate is thinking inside their turn: the loop holds the turn and stays quiet.

    The interviewer can be told (e.g. not to count the silence against them)."""

    reason: str = "asked"
    """"asked" ("give me a minute", "let me think", "hold on") or "unfinished" (a pause inside
    a calculation: "so that's... um")."""
    limit_s: float = 60.0
    """Silence after which the turn is committed anyway."""
    timestamp: float = 0.0
    """time.monotonic() seconds when the loop started waiting."""


@dataclass(frozen=True)
class ThinkingEnded(_Event):
    """The thinking wait is over."""

    how: str = "resumed"
    """"resumed" (the candidate spoke again: same turn), "committed" or "timed_out"."""
    timestamp: float = 0.0
    """time.monotonic() seconds when the wait ended."""


@dataclass(frozen=True)
class VoiceError(_Event):
    """Something went wrong with audio or a model; the session goes on (or ends cleanly)."""

    message: str
    """One clear line for the user."""
    fatal: bool = False
    """True when the source cannot continue (e.g. the microphone was unplugged)."""
    timestamp: float = 0.0
    """time.monotonic() seconds when the error happened."""


VoiceEvent = (
    AudioChunk
    | SpeechStarted
    | SpeechStopped
    | TurnCommitted
    | TranscriptPartial
    | TranscriptFinal
    | ReplySentence
    | PlaybackStarted
    | PlaybackStopped
    | BargeIn
    | ThinkingStarted
    | ThinkingEnded
    | VoiceError
)

__all__ = [
    "AudioChunk",
    "BargeIn",
    "PlaybackStarted",
    "PlaybackStopped",
    "ReplySentence",
    "SpeechStarted",
    "SpeechStopped",
    "ThinkingEnded",
    "ThinkingStarted",
    "TranscriptFinal",
    "TranscriptPartial",
    "TurnCommitted",
    "VoiceError",
    "VoiceEvent",
]
