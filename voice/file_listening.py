"""A recorded answer through the live turn-taking path: ``hotseat listen --wav``.

The file stands in for the microphone (``WavMicrophone``: any rate, mono or stereo, resampled
with soxr) and everything after it is the live loop: webrtcvad endpointing, the turn policy with
thinking time, speculative Whisper. By default the file is read on a virtual clock, faster than
real time: the loop stamps events on the audio clock and each Whisper result is released as late
on that clock as Whisper really took (``VirtualTranscribeWorker``), so the turns are the ones the
live loop would commit on this machine. ``real_time=True`` paces the file like a microphone.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from voice.events import ThinkingStarted, TurnCommitted, VoiceError, VoiceEvent
from voice.protocols import Transcriber

TAIL_SILENCE_S = 1.0
"""Silence after the file so the last turn ends the way it would live."""


@dataclass(frozen=True)
class HeardTurn:
    """One committed turn, times in seconds from the start of the file."""

    start: float
    end: float
    """End of the turn's last speech."""
    committed_at: float
    """When the loop committed it (end + the policy's wait + any wait for Whisper)."""
    text: str


@dataclass
class FileListening:
    """What the loop made of a file."""

    turns: list[HeardTurn] = field(default_factory=list)
    audio_seconds: float = 0.0
    wall_seconds: float = 0.0
    thinking: list[tuple[float, str]] = field(default_factory=list)
    """(time, reason) where the loop held a turn for thinking time."""
    errors: list[str] = field(default_factory=list)


class _Mute:
    """Nothing is spoken back while listening to a file."""

    sample_rate = 22_050

    def synthesize(self, text: str):
        return iter(())


def listen_to_file(
    path: str | Path,
    transcriber: Transcriber,
    vocabulary: Sequence[str] = (),
    *,
    real_time: bool = False,
    on_turn: Callable[[HeardTurn], None] | None = None,
    config=None,
) -> FileListening:
    """Run ``path`` through the live loop; ``AudioFormatError`` (one line) for a bad file."""
    from dataclasses import replace

    from voice.loop import LoopConfig, VoiceLoop
    from voice.playback import BufferSpeaker
    from voice.wav_io import WavMicrophone, WavReader

    with WavReader(path) as reader:  # fails early, with one line, on anything but a WAV
        audio_seconds = reader.duration
    base = config or LoopConfig()
    loop_config = replace(
        base,
        vocabulary=tuple(vocabulary) or base.vocabulary,
        headphones=True,
        virtual_clock=not real_time,
    )
    microphone = WavMicrophone(path, speed=1.0 if real_time else 0.0, tail_silence=TAIL_SILENCE_S)
    result = FileListening(audio_seconds=audio_seconds)
    loop: VoiceLoop | None = None

    def since_start(t: float) -> float:
        origin = loop.audio_origin if loop is not None else None
        return round(t - (origin if origin is not None else t), 3)

    def on_event(event: VoiceEvent) -> None:
        if isinstance(event, TurnCommitted):
            turn = HeardTurn(
                start=since_start(event.speech_start),
                end=since_start(event.speech_end),
                committed_at=since_start(event.timestamp),
                text=event.text,
            )
            result.turns.append(turn)
            if on_turn is not None:
                on_turn(turn)
        elif isinstance(event, ThinkingStarted):
            result.thinking.append((since_start(event.timestamp), event.reason))
        elif isinstance(event, VoiceError):
            result.errors.append(event.message)

    loop = VoiceLoop(
        microphone,
        BufferSpeaker(),
        transcriber,
        _Mute(),
        lambda utterance: "",
        on_event,
        loop_config,
    )
    began = time.perf_counter()
    loop.run()
    result.wall_seconds = round(time.perf_counter() - began, 3)
    return result


__all__ = ["FileListening", "HeardTurn", "listen_to_file"]
