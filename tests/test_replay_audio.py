"""`hotseat replay --from` plays the session's audio from that time through a real sound device
(a private PulseAudio null sink, captured back through its monitor)."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from click.testing import CliRunner

from agent.cli.main import cli
from recordings import Recorder
from tests import pulse
from tests.session_factory import tone

pytestmark = pytest.mark.slow
pulse_server = pulse.pulse_server


def _session(root) -> None:
    """0-3 s silence, 3-5 s a 440 Hz candidate tone, 5-6 s a 660 Hz interviewer tone."""
    clock = [0.0]
    rec = Recorder(root, meta={"scenario": "audio"}, clock=lambda: clock[0])
    pcm = (tone(0.03, 16_000, 440) * 32767 * 2).astype("<i2").tobytes()
    for t in np.arange(3.0, 5.0, 0.03):  # 30 ms microphone chunks
        clock[0] = float(t)
        rec.audio("candidate", pcm, rate=16_000)
    clock[0] = 5.0
    rec.audio(
        "interviewer", (tone(1.0, 22_050, 660) * 32767 * 2).astype("<i2").tobytes(), rate=22_050
    )
    clock[0] = 6.5
    rec.finish()


def _dominant(audio: np.ndarray, rate: int = 16_000) -> float:
    spectrum = np.abs(np.fft.rfft(audio * np.hanning(len(audio))))
    return float(np.fft.rfftfreq(len(audio), 1 / rate)[np.argmax(spectrum)])


def test_replay_from_plays_the_audio_from_that_time(pulse_server, hotseat_home):
    from voice.audio_io import SoundDeviceMicrophone

    _session(hotseat_home / "sessions")
    outcome = {}

    def play() -> None:
        outcome["result"] = CliRunner().invoke(cli, ["replay", "latest", "--from", "00:03"])

    mic = SoundDeviceMicrophone()
    chunks, player = [], None
    try:
        deadline = time.monotonic() + 20
        for chunk in mic.chunks():
            if player is None:
                player = threading.Thread(target=play)
                player.start()
            chunks.append(chunk.to_float())
            if len(chunks) * chunk.duration > 5.0 or time.monotonic() > deadline:
                break
    finally:
        mic.close()
        if player is not None:
            player.join(timeout=20)
    result = outcome["result"]
    assert result.exit_code == 0, result.output
    assert "Playing from 00:03" in result.output
    audio = np.concatenate(chunks)
    frames = audio[: len(audio) // 480 * 480].reshape(-1, 480)
    loud = np.flatnonzero(np.sqrt((frames**2).mean(axis=1)) > 0.05)
    assert len(loud) > 0, "nothing was played"
    first = loud[0] * 480
    assert first / 16_000 < 1.5  # no 3 s of leading silence: it started at 00:03
    # playback started at 3 s: the candidate's 440 Hz tone comes first, then the interviewer's
    assert _dominant(audio[first + 1600 : first + 1600 + 16_000]) == pytest.approx(440, abs=15)
    assert _dominant(audio[first + 2 * 16_000 + 1600 : first + 2 * 16_000 + 9600]) == (
        pytest.approx(660, abs=15)
    )
    assert (loud[-1] - loud[0]) * 0.03 == pytest.approx(3.0, abs=0.4)
