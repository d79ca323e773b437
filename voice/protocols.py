"""The small interfaces the voice loop is written against, and the transcript value type.

Concrete backends (sounddevice, WAV files, faster-whisper, Piper, a remote OpenAI-compatible
server) each live in their own module and are passed in by the composition root, never imported
here, so the loop can be driven by any of them, including test doubles at the hardware boundary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    import numpy as np

    from voice.events import AudioChunk


@dataclass(frozen=True)
class Segment:
    """One recognised stretch of a transcript."""

    start: float
    """Seconds from the start of the audio."""
    end: float
    """Seconds from the start of the audio."""
    text: str
    """The segment's text, stripped."""

    def to_dict(self) -> dict[str, Any]:
        return {"start": round(self.start, 3), "end": round(self.end, 3), "text": self.text}


@dataclass(frozen=True)
class Transcript:
    """What a Transcriber heard in one piece of audio."""

    text: str
    """Cleaned text; empty when nothing (or only a phantom phrase) was heard."""
    segments: tuple[Segment, ...] = field(default_factory=tuple)
    """The kept segments, in order."""
    no_speech_prob: float = 0.0
    """Highest no-speech probability over the recognised segments (0..1); 1.0 for silence."""
    language: str = "en"
    """Language code of the text."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "segments": [s.to_dict() for s in self.segments],
            "no_speech_prob": round(self.no_speech_prob, 4),
            "language": self.language,
        }


@runtime_checkable
class Microphone(Protocol):
    """A source of 16 kHz mono int16 audio chunks (resampled in-process when the device differs).

    ``chunks()`` ends when the source ends (end of file, ``close()``); a device that goes away
    mid-session raises ``VoiceDeviceError`` from the iterator instead of a raw backend error.
    """

    rate: int

    def chunks(self) -> Iterator[AudioChunk]: ...

    def close(self) -> None: ...


@runtime_checkable
class Speaker(Protocol):
    """A sink for reply audio that plays in the background and can be cut instantly.

    ``played_samples`` counts samples (at the rate of the chunks given to ``play``) actually
    consumed by the output since the speaker was created; it only grows, so the loop reads it
    when a reply starts and again at ``stop()`` to know how much of the reply was heard.
    """

    def play(self, chunk: AudioChunk) -> None:
        """Queue audio and return at once."""
        ...

    def stop(self) -> None:
        """Drop everything queued and silence output immediately (barge-in)."""
        ...

    def is_playing(self) -> bool: ...

    def wait(self) -> None:
        """Block until everything queued has been played."""
        ...

    @property
    def played_samples(self) -> int: ...

    def close(self) -> None: ...


@runtime_checkable
class Transcriber(Protocol):
    """Speech to text on one finished stretch of audio."""

    def transcribe(self, audio: np.ndarray, vocabulary: Sequence[str] = ()) -> Transcript:
        """``audio``: float32 mono 16 kHz in [-1, 1]. ``vocabulary``: words to bias towards."""
        ...


@runtime_checkable
class Synthesizer(Protocol):
    """Text to speech that streams: the first chunk comes as soon as the first sentence is ready."""

    sample_rate: int

    def synthesize(self, text: str) -> Iterator[AudioChunk]: ...


Responder = Callable[[str], "str | Iterable[str]"]
"""The interviewer as the voice loop sees it: utterance in, reply text (or sentences) out."""

__all__ = [
    "Microphone",
    "Responder",
    "Segment",
    "Speaker",
    "Synthesizer",
    "Transcriber",
    "Transcript",
]
