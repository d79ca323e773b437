"""Voice mode of `hotseat interview`: the sound card, Whisper, Piper, the interviewer, the tablet
board and the recorder wired together, with a live view in the terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from rich.console import Console

from agent.cli.live_view import LiveView
from agent.voice_session import EventSink, VoiceSession


def open_sound_card(input_device: str | None, output_device: str | None) -> tuple[Any, Any]:
    """The real microphone and speaker; VoiceDeviceError (one line, suggests --text) if absent.

    The microphone is checked now but only starts capturing when the loop starts listening, so
    the spoken opening is not already sitting in its buffer.
    """
    from voice.audio_io import SoundDeviceMicrophone, SoundDeviceSpeaker

    SoundDeviceMicrophone(device=_device(input_device)).close()
    speaker = SoundDeviceSpeaker(device=_device(output_device))
    return LateMicrophone(lambda: SoundDeviceMicrophone(device=_device(input_device))), speaker


class LateMicrophone:
    """A microphone opened on the first `chunks()` call."""

    rate = 16_000

    def __init__(self, open_microphone: Callable[[], Any]) -> None:
        self._open = open_microphone
        self._microphone: Any = None
        self._closed = False

    def chunks(self) -> Iterator[Any]:
        if self._closed:
            return
        self._microphone = self._open()
        yield from self._microphone.chunks()

    def close(self) -> None:
        self._closed = True
        if self._microphone is not None:
            self._microphone.close()


def _device(value: str | None) -> int | str | None:
    return int(value) if value is not None and value.isdigit() else value


class TabletLink:
    """Keeps the tablet board, the interviewer and the recording in step."""

    def __init__(self, interviewer: Any, recorder: Any, scenario: Any, console: Console) -> None:
        from agent.whiteboard.tablet import TabletBoard

        self.interviewer = interviewer
        self.recorder = recorder
        self.board = TabletBoard(scenario=scenario, on_change=self._changed)
        self.board.start()
        console.print(f"Tablet board: [bold]{self.board.url}[/]  (open it on your tablet)")
        console.print(self.board.qr(), highlight=False)

    def _changed(self, board: Any, findings: Any) -> None:
        self.interviewer.update_board(board)
        self.recorder.snapshot_board(board, reason="tablet", phase=self.interviewer.phase)

    def show(self, event: dict[str, Any]) -> None:
        """Put the interviewer's latest question on the tablet, highlighting its components."""
        if event.get("type") == "followup" and event.get("question"):
            self.board.show_question(event["question"], list(event.get("components") or ()))

    def stop(self) -> None:
        self.board.stop()


def run_voice_interview(
    interviewer: Any,
    sink: EventSink,
    *,
    microphone: Any,
    speaker: Any,
    tablet: bool,
    headphones: bool,
    to_stderr: bool = False,
) -> tuple[Any, str]:
    """Run the spoken interview until time is up, the microphone fails, or Ctrl-C.

    Returns the scores and why it ended ("completed", "interrupted", "error").
    """
    from voice.stt import WhisperTranscriber
    from voice.tts import PiperSynthesizer

    console = Console(stderr=to_stderr)
    view = LiveView(console)
    with view.loading("Whisper tiny.en (speech recognition)"):
        transcriber = WhisperTranscriber()
    with view.loading("Piper voice (speech synthesis)"):
        synthesizer = PiperSynthesizer()
    link = TabletLink(interviewer, sink.recorder, interviewer.scenario, console) if tablet else None

    def display(event: dict[str, Any]) -> None:
        view.show(event)
        if link is not None:
            link.show(event)

    sink.display = display
    session = VoiceSession(
        interviewer,
        sink,
        microphone=microphone,
        speaker=speaker,
        transcriber=transcriber,
        synthesizer=synthesizer,
        vocabulary=interviewer.scenario.vocabulary,
        headphones=headphones,
    )
    reason = "completed"
    try:
        session.run(
            listening=lambda: console.print(
                "[dim]Listening. Speak naturally; press Ctrl-C to end with your scores.[/]"
            )
        )
        if session.fatal_error:
            console.print(f"[red]Audio stopped:[/] {session.fatal_error}")
            reason = "error"
    except KeyboardInterrupt:
        session.stop()
        reason = "interrupted"
    finally:
        if link is not None:
            link.stop()
    scores = interviewer.wrap_up()
    view.scores(scores.to_dict())
    return scores, reason
