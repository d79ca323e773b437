"""Piper (bundled voice): streaming by sentence, capped threads, `hotseat say`."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest
from click.testing import CliRunner

from tests.audio.clips import piper, whisper
from voice.resample import resample
from voice.wav_io import WavReader, read_wav

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tts():
    return piper()


def test_synthesizes_one_chunk_per_sentence_at_the_voice_rate(tts):
    text = "We need ten thousand QPS. That is 1.5 million an hour, e.g. at peak. Right?"
    chunks = list(tts.synthesize(text))
    assert len(chunks) == 3
    for chunk in chunks:
        assert chunk.rate == tts.sample_rate == 22_050
        assert chunk.width == 2 and chunk.channels == 1
        assert 0.3 < chunk.duration < 6
        assert np.max(np.abs(chunk.samples)) > 10_000  # normalised speech, not silence


def test_first_sentence_arrives_before_the_rest_is_synthesized(tts):
    text = "Okay. " + " ".join(["Then we shard the table by user id across many machines."] * 4)
    started = time.monotonic()
    stream = tts.synthesize(text)
    first = next(stream)
    first_at = time.monotonic() - started
    rest = list(stream)
    total = time.monotonic() - started
    assert len(rest) == 4
    assert first.duration < 1.0
    assert first_at < total / 4  # streaming, not synthesize-everything-then-yield
    assert first.timestamp < rest[0].timestamp


def test_onnxruntime_threads_are_capped(tts):
    options = tts._voice.session.get_session_options()
    assert options.intra_op_num_threads == 1


def test_deterministic_voice_repeats_exactly(tts):
    a = b"".join(c.audio for c in tts.synthesize("Four shards."))
    b = b"".join(c.audio for c in tts.synthesize("Four shards."))
    assert a == b


def test_nothing_speakable_yields_nothing(tts):
    assert list(tts.synthesize("   ")) == []
    assert list(tts.synthesize("")) == []


def test_numbers_are_spoken_so_whisper_hears_them(tts):
    audio = np.concatenate([c.to_float() for c in tts.synthesize("It is 1.5 million per day.")])
    text = whisper().transcribe(resample(audio, tts.sample_rate, 16_000)).text
    assert "1.5 million" in text or "one point five million" in text.lower(), text


def test_say_writes_a_wav(tmp_path):
    from agent.cli.main import cli

    out = tmp_path / "reply.wav"
    result = CliRunner().invoke(
        cli, ["say", "Three hundred million daily users. Next question.", "-o", str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["output"] == str(out) and data["sentences"] == 2
    assert data["first_audio_ms"] > 0
    with WavReader(out) as reader:
        assert reader.rate == 22_050 and reader.channels == 1
        assert reader.duration == pytest.approx(data["duration_s"], abs=0.01)
    text = whisper().transcribe(read_wav(out)).text.lower()
    assert "300 million" in text or "three hundred million" in text, text


def test_say_errors_are_one_line(tmp_path):
    from agent.cli.main import cli

    runner = CliRunner()
    empty = runner.invoke(cli, ["say", "  ", "-o", str(tmp_path / "x.wav")])
    assert empty.exit_code == 1 and "empty" in empty.output
    unwritable = runner.invoke(cli, ["say", "Hello.", "-o", str(tmp_path / "no" / "x.wav")])
    assert unwritable.exit_code == 1 and "cannot write" in unwritable.output
    assert "Traceback" not in unwritable.output
