"""A spoken interview: the voice loop, the interviewer, the recorder and the board, wired together.

The live `hotseat interview` and `hotseat demo` both run a `VoiceSession`; they differ only in the
microphone and speaker they pass in (a sound card, or a scripted WAV microphone and a buffer
speaker) and in what they show while it runs.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable
from typing import Any

from agent.interviewer import Interviewer
from recordings import Recorder
from voice.events import PlaybackStopped, ReplySentence, TurnCommitted, VoiceError
from voice.loop import LoopConfig, VoiceLoop
from voice.protocols import Microphone, Speaker, Synthesizer, Transcriber

SHOWN_VOICE_EVENTS = (TurnCommitted, ReplySentence, PlaybackStopped, VoiceError)
ESTIMATION_VOCABULARY = (
    "peak",
    "QPS",
    "per second",
    "shards",
    "replicas",
    "terabytes",
    "gigabytes",
)
"""Words every interview uses; Whisper tiny hears "peak" as "peek" without the hint."""


class EventSink:
    """Where every session event goes: the recording first, then the screen.

    Pass it as the interviewer's `on_event`; the voice session sends voice events through it too.
    A display that fails never ends the interview.
    """

    def __init__(self, recorder: Recorder, display: Callable[[dict[str, Any]], None] | None = None):
        self.recorder = recorder
        self.display = display

    def __call__(self, event: Any) -> None:
        self.recorder.record(event)
        if self.display is None:
            return
        if isinstance(event, dict):
            self._show(event)
        elif isinstance(event, SHOWN_VOICE_EVENTS):
            self._show(event.to_dict())

    def _show(self, event: dict[str, Any]) -> None:
        with contextlib.suppress(Exception):  # the screen is best effort
            self.display(event)


class VoiceSession:
    """Runs one spoken interview until the microphone ends or `stop()` is called."""

    def __init__(
        self,
        interviewer: Interviewer,
        sink: EventSink,
        *,
        microphone: Microphone,
        speaker: Speaker,
        transcriber: Transcriber,
        synthesizer: Synthesizer,
        vocabulary: Iterable[str] = (),
        headphones: bool = False,
        reply_done: threading.Event | None = None,
    ) -> None:
        self.interviewer = interviewer
        self.sink = sink
        self.synthesizer = synthesizer
        self.speaker = sink.recorder.speaker(speaker)
        self.reply_done = reply_done or threading.Event()
        """Set when the interviewer has finished speaking (or was cut); cleared at each turn."""
        self.fatal_error: str | None = None
        self.loop = VoiceLoop(
            microphone,
            self.speaker,
            transcriber,
            synthesizer,
            interviewer.respond,
            on_event=self._on_voice_event,
            config=LoopConfig(
                vocabulary=(*vocabulary, *ESTIMATION_VOCABULARY),
                headphones=headphones,
                emit_audio=True,
            ),
        )

    def say(self, text: str) -> None:
        """Speak outside a turn (the opening) and wait until it has been played."""
        for chunk in self.synthesizer.synthesize(text):
            self.speaker.play(chunk)
        self.speaker.wait()
        self.reply_done.set()

    def run(self, listening: Callable[[], None] | None = None) -> None:
        """Speak the opening, then take turns until the microphone ends or `stop()`.

        `listening()` is called once the opening has been heard and the microphone is live.
        """
        self.say(self.interviewer.opening())
        if listening is not None:
            listening()
        self.loop.run()

    def stop(self) -> None:
        self.loop.stop()

    def _on_voice_event(self, event: Any) -> None:
        if isinstance(event, TurnCommitted):
            self.reply_done.clear()
        elif isinstance(event, PlaybackStopped):
            self.reply_done.set()
            if self.interviewer.finished:  # time is up and the closing words were heard
                self.loop.stop()
        elif isinstance(event, VoiceError) and event.fatal:
            self.fatal_error = event.message
        self.sink(event)
