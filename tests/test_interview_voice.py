"""`hotseat interview` in voice mode on a real (null-sink PulseAudio) sound device: the candidate's
audio is played into the device, the real sounddevice → webrtcvad → Whisper → interviewer →
Piper path answers, Ctrl-C ends it with scores, and the session is recorded."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recordings import load_recording, resolve_session
from tests import pulse

pulse_server = pulse.pulse_server
SLIP = Path(__file__).resolve().parent.parent / "agent" / "demo" / "audio" / "02-estimate-slip.wav"


def _wait_for(path: Path, needle: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = path.read_text(errors="replace") if path.exists() else ""
        if needle in text:
            return text
        time.sleep(0.25)
    raise AssertionError(f"{needle!r} never appeared in {path}:\n{text[-3000:]}")


def test_spoken_interview_on_a_real_device(pulse_server, tmp_path, hotseat_home):
    log = tmp_path / "stdout.txt"
    env = {**os.environ, **pulse_server.env, "HOTSEAT_HOME": str(hotseat_home)}
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "agent.cli.main", "interview", "--scenario",
             "notification-system", "--minutes", "10"],
            env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            _wait_for(log, "Listening", timeout=180)  # printed once the opening was spoken
            time.sleep(1)
            pulse_server.play(SLIP).wait(timeout=60)
            text = _wait_for(log, "5x", timeout=90)
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=60)
    assert "36,000" in text
    assert "Scores" in log.read_text()
    recording = load_recording(resolve_session(hotseat_home / "sessions", "latest"))
    assert recording.meta.get("end_reason") == "interrupted"
    spoken = [e.data.get("text", "") for e in recording.events if e.type == "candidate_turn"]
    assert any("60,000" in t for t in spoken), spoken
    assert not any("design a notification" in t.lower() for t in spoken), spoken
    assert "candidate" in recording.tracks


@pytest.fixture
def hotseat_home(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    return home
