"""`hotseat listen --wav`: recorded answers through the live turn loop on a virtual clock.

The committed WAVs were spoken by Piper and written the way phones and other tools write them
(48 kHz stereo; 8 kHz mono); everything after the file is the live path: soxr resampling,
webrtcvad, the turn policy with thinking time, speculative Whisper, the estimation engine.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from agent.cli.main import cli
from tests.voice_clips import say, silence
from voice.wav_io import write_wav

DATA = Path(__file__).parent / "data" / "voice"
STEREO_48K = DATA / "two_turns_48k_stereo.wav"
CALCULATION_8K = DATA / "calculation_8k.wav"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def stt():
    from voice.stt import WhisperTranscriber

    return WhisperTranscriber()


@pytest.fixture(scope="module")
def tts():
    from voice.tts import PiperSynthesizer

    return PiperSynthesizer(deterministic=True)


def listen_json(path: Path, *extra: str) -> dict:
    result = CliRunner().invoke(cli, ["listen", "--wav", str(path), "--json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_stereo_48k_recording_gives_two_turns_with_times_from_file_start():
    import wave

    with wave.open(str(STEREO_48K)) as w:
        assert (w.getnchannels(), w.getframerate()) == (2, 48_000)
    out = listen_json(STEREO_48K)
    assert 6.5 < out["audio_seconds"] < 7.5
    assert out["wall_seconds"] > 0
    first, second = out["turns"]
    assert "300 million" in first["text"] and "daily users" in first["text"]
    assert "10 messages" in second["text"]
    # The file has 0.3 s of lead-in and 1.5 s between the sentences.
    assert 0.1 <= first["start"] <= 0.45 and first["end"] < second["start"]
    assert 1.2 <= second["start"] - first["end"] <= 1.9
    for turn in out["turns"]:
        assert turn["end"] < turn["committed_at"] <= turn["end"] + 1.5
        assert turn["verdicts"] == []


def test_8k_calculation_with_a_pause_is_one_turn_with_a_verdict():
    out = listen_json(CALCULATION_8K)
    texts = [t["text"] for t in out["turns"]]
    assert len(texts) == 2, texts
    calc = out["turns"][1]
    assert "divided by" in calc["text"] and "86,400" in calc["text"], texts
    # The 2.5 s pause after "divided by" sits inside the turn.
    assert calc["end"] - calc["start"] > 5.0
    (verdict,) = calc["verdicts"]
    assert verdict["verdict"] == "correct" and verdict["expression"] == "1 billion / 86,400"
    assert [t["reason"] for t in out["thinking"]] == ["unfinished"]


def test_real_time_and_virtual_clock_give_the_same_turns(stt):
    from voice.file_listening import listen_to_file

    virtual = listen_to_file(CALCULATION_8K, stt)
    live = listen_to_file(CALCULATION_8K, stt, real_time=True)
    assert [t.text for t in virtual.turns] == [t.text for t in live.turns]
    for v, r in zip(virtual.turns, live.turns, strict=True):
        assert abs(v.start - r.start) <= 0.06 and abs(v.end - r.end) <= 0.06
    # Real time really ran in real time; the virtual clock did not wait for the audio.
    assert live.wall_seconds >= live.audio_seconds
    assert virtual.wall_seconds < virtual.audio_seconds


def test_asked_for_thinking_time_and_pauses_mid_calculation_are_one_turn_each(tts, tmp_path):
    answers = [  # (before the pause, pause s, after it, words each side as Whisper writes them)
        (
            "Okay, give me a minute.",
            5.0,
            "So that is three billion messages a day.",
            "minute",
            "billion",
        ),
        ("Let me think.", 10.0, "We need about fifty servers.", "think", "50"),
        (
            "Hold on, let me work this out.",
            30.0,
            "Storage is one petabyte a year.",
            "work",
            "petabyte",
        ),
        (
            "One billion divided by",
            3.0,
            "eighty six thousand four hundred is about twelve thousand.",
            "divided",
            "12,000",
        ),
        (
            "Twelve thousand per second, so that's",
            4.0,
            "about thirty six thousand at peak.",
            "so",
            "36,000",
        ),
        (
            "Three terabytes a day times",
            2.0,
            "three hundred sixty five is about one petabyte.",
            "times",
            "365",
        ),
    ]
    parts = [silence(0.3)]
    for first, pause, rest, _, _ in answers:
        parts += [say(tts, first), silence(pause), say(tts, rest), silence(2.0)]
    path = tmp_path / "thinking.wav"
    write_wav(path, np.concatenate(parts), 16_000)
    out = listen_json(path)
    texts = [t["text"] for t in out["turns"]]
    assert len(texts) == len(answers), texts
    for (*_, before, after), text in zip(answers, texts, strict=True):
        assert before in text.lower() and after in text.lower(), texts
    # Each turn was held for thinking for the right reason ("Hold on," alone already asks).
    for index, turn in enumerate(out["turns"]):
        held = {t["reason"] for t in out["thinking"] if turn["start"] <= t["at"] <= turn["end"]}
        assert held == ({"asked"} if index < 3 else {"unfinished"}), (turn, out["thinking"])
    assert out["turns"][3]["verdicts"][0]["verdict"] == "correct"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"ID3\x03not audio at all", "ffmpeg -i"),
        (b"", "not a WAV file"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "no audio data"),
    ],
)
def test_bad_files_are_one_clear_line(tmp_path, content, message):
    path = tmp_path / "answer.wav"
    path.write_bytes(content)
    result = CliRunner().invoke(cli, ["listen", "--wav", str(path)])
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_missing_file_folder_and_json_without_wav_are_one_clear_line(tmp_path):
    for path, message in ((tmp_path / "nope.wav", "nope.wav"), (tmp_path, "directory")):
        result = CliRunner().invoke(cli, ["listen", "--wav", str(path)])
        assert result.exit_code != 0 and message in result.output
        assert len(result.output.strip().splitlines()) == 1
    result = CliRunner().invoke(cli, ["listen", "--json"])
    assert result.exit_code != 0 and "--wav" in result.output
