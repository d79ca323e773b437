"""One complete short interview on the embedded defaults: the bundled candidate's audio goes
through the real VAD, Whisper, interviewer and Piper, and the session is recorded and reported."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from agent.demo.microphone import ScriptedMicrophone
from agent.interviewer import Interviewer
from agent.voice_session import EventSink, VoiceSession
from agent.whiteboard.importers import parse_board
from recordings import Recorder, load_recording
from recordings.html_report import write_report
from recordings.progress import ProgressStore
from scenarios import load_scenarios

DESIGN_TURN = "04-design"
"""The turn during which the candidate has drawn the board."""


@dataclass(frozen=True)
class DemoScript:
    scenario: str
    minutes: float
    turns: list[tuple[str, str, Path]]
    """(id, what the candidate says, its WAV file)."""
    board: str
    """The board the candidate draws, as a Mermaid flowchart."""


@dataclass(frozen=True)
class DemoResult:
    session_dir: Path
    report: Path
    transcript: list[dict[str, Any]]
    scores: dict[str, Any]
    seconds: float


def load_script() -> DemoScript:
    """The bundled demo candidate (agent/demo/script.yaml and its audio)."""
    root = resources.files("agent.demo")
    data = yaml.safe_load(root.joinpath("script.yaml").read_text("utf-8"))
    turns = [
        (turn["id"], turn["text"], Path(str(root.joinpath("audio", f"{turn['id']}.wav"))))
        for turn in data["turns"]
    ]
    return DemoScript(data["scenario"], float(data["minutes"]), turns, data["board"])


def run_demo(
    home: Path,
    out: Path | None = None,
    *,
    display: Callable[[dict[str, Any]], None] | None = None,
    loading: Callable[[str], Any] | None = None,
    speed: float = 1.0,
) -> DemoResult:
    """Run the demo interview, record it under `home`/sessions and write report.html into `out`
    (default: the session's directory).

    `loading(name)` returns a context manager shown while a model loads (a progress spinner);
    `display(event)` sees every event as it happens.
    """
    from voice.playback import BufferSpeaker
    from voice.stt import WhisperTranscriber
    from voice.tts import PiperSynthesizer

    started = time.monotonic()
    loading = loading or (lambda name: nullcontext())
    script = load_script()
    scenario = load_scenarios([home / "scenarios"]).get(script.scenario)
    with loading("Whisper tiny.en (speech recognition)"):
        transcriber = WhisperTranscriber()
    with loading("Piper voice (speech synthesis)"):
        synthesizer = PiperSynthesizer()

    def clock() -> float:
        """Session time runs at the audio's pace, so a faster demo still lines up with its WAVs."""
        return time.monotonic() * speed

    recorder = Recorder(
        home / "sessions", meta={"scenario": scenario.id, "mode": "demo"}, clock=clock
    )
    sink = EventSink(recorder, display)
    interviewer = Interviewer(
        scenario,
        minutes=script.minutes,
        session_id=recorder.session_id,
        checkpoint_path=home / "checkpoints.sqlite",
        clock=clock,
        on_event=sink,
    )
    board = parse_board(script.board, name="demo-board.mmd")

    def before_turn(index: int) -> None:
        if script.turns[index][0] == DESIGN_TURN:
            interviewer.update_board(board)
            recorder.snapshot_board(board, reason="drawn", phase=interviewer.phase)

    reply_done = threading.Event()
    microphone = ScriptedMicrophone(
        [wav for _, _, wav in script.turns], reply_done, before_turn=before_turn, speed=speed
    )
    session = VoiceSession(
        interviewer,
        sink,
        microphone=microphone,
        speaker=BufferSpeaker(rate=synthesizer.sample_rate, speed=speed),
        transcriber=transcriber,
        synthesizer=synthesizer,
        vocabulary=scenario.vocabulary,
        headphones=True,  # nothing leaks from a buffer speaker into the scripted microphone
        reply_done=reply_done,
    )
    try:
        session.run()
        scores = interviewer.wrap_up()
        recorder.finish(scores, reason="completed")
    except KeyboardInterrupt:
        recorder.finish(interviewer.wrap_up(), reason="interrupted")
        raise
    finally:
        transcript = interviewer.transcript
        interviewer.close()

    recording = load_recording(recorder.path)
    with ProgressStore(home / "progress.db") as store:
        store.record_session(recording)
        history = store.trends()
    report = write_report(recording, (out or recorder.path) / "report.html", history=history)
    return DemoResult(
        session_dir=recorder.path,
        report=report,
        transcript=transcript,
        scores=scores.to_dict(),
        seconds=time.monotonic() - started,
    )
