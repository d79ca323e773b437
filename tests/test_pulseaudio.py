"""The real sound-card path on a PulseAudio null sink: paplay → sink → monitor → PortAudio →
SoundDeviceMicrophone → webrtcvad segments → Whisper; our speaker into the same sink; and a
daemon killed mid-session (an unplugged device) ending the microphone with one clear error."""

from __future__ import annotations

import time

import numpy as np
import pytest

from tests import pulse
from tests.audio.clips import piper, speech, whisper
from tests.pulse import start_pulse, stop_pulse
from voice.errors import VoiceDeviceError
from voice.events import AudioChunk
from voice.resample import resample
from voice.wav_io import write_wav

pytestmark = pytest.mark.slow
pulse_server = pulse.pulse_server  # the module-scoped null-sink daemon fixture


def capture(
    mic, seconds_after_start: float, start=None, timeout: float = 30.0, until=None
) -> np.ndarray:
    """Read the microphone; call ``start()`` once audio flows, keep ``seconds_after_start``,
    and (``until``) keep going until the sound is over plus half a second: on a loaded machine
    a player can start late or stall, and a fixed-length capture would cut its end off."""
    collected: list[AudioChunk] = []
    began = None
    over_at = None
    deadline = time.monotonic() + timeout
    for chunk in mic.chunks():
        if began is None:
            began = time.monotonic()
            if start is not None:
                start()
            continue  # keep only what arrives after the sound started
        collected.append(chunk)
        if time.monotonic() > deadline:
            break
        if len(collected) * chunk.duration < seconds_after_start:
            continue
        if until is None:
            break
        if over_at is None and until():
            over_at = len(collected)
        if over_at is not None and (len(collected) - over_at) * chunk.duration >= 0.5:
            break
    return np.concatenate([c.to_float() for c in collected])


def best_correlation(captured: np.ndarray, played: np.ndarray) -> float:
    """Peak normalised cross-correlation of ``played`` inside ``captured``."""
    size = 1 << (len(captured) + len(played)).bit_length()
    xc = np.fft.irfft(np.fft.rfft(captured, size) * np.conj(np.fft.rfft(played, size)), size)
    lag = int(np.argmax(xc[: max(1, len(captured) - len(played) + 1)]))
    window = captured[lag : lag + len(played)]
    denom = np.sqrt(np.dot(window, window) * np.dot(played[: len(window)], played[: len(window)]))
    return float(np.dot(window, played[: len(window)]) / denom) if denom > 0 else 0.0


def vad_segments(audio: np.ndarray, hangover_ms: int = 300, min_ms: int = 300) -> list[np.ndarray]:
    """Simple webrtcvad split into utterances (the loop's endpointer is more careful)."""
    import webrtcvad

    vad = webrtcvad.Vad(2)
    frame = 480
    pcm = (np.clip(audio, -1, 1) * 32767).astype(np.int16)
    flags = [
        vad.is_speech(pcm[i : i + frame].tobytes(), 16_000)
        for i in range(0, len(pcm) - frame + 1, frame)
    ]
    segments, start, silent = [], None, 0
    for index, speaking in enumerate([*flags, False]):
        if speaking:
            start = index if start is None else start
            silent = 0
        elif start is not None:
            silent += 1
            if silent * 30 >= hangover_ms or index >= len(flags) - 1:
                end = index - silent + 1
                if (end - start) * 30 >= min_ms:
                    segments.append(audio[max(0, start - 10) * frame : (end + 10) * frame])
                start, silent = None, 0
    return segments


def test_devices_are_listed(pulse_server):
    from voice.audio_io import list_devices

    devices = list_devices()
    assert any(d.default_input and d.max_input_channels > 0 for d in devices), devices
    assert any(d.default_output and d.max_output_channels > 0 for d in devices), devices


def test_paplay_into_null_sink_is_captured_segmented_and_transcribed(pulse_server, tmp_path):
    """Two turns played through the sink come back as two segments of the right lengths, and
    Whisper, prompted with the scenario vocabulary as the live loop prompts it, hears numbers
    the estimation engine can check (not one rare word tiny.en may mishear under load)."""
    from estimation import check_transcript
    from scenarios import load_scenarios
    from voice.audio_io import SoundDeviceMicrophone

    rate = 22_050
    first = np.asarray(speech("Three hundred million daily users.", rate))
    second = np.asarray(
        speech(
            "One billion divided by eighty six thousand four hundred is about twelve thousand.",
            rate,
        )
    )
    gap = np.zeros(int(1.2 * rate), np.float32)
    wav = tmp_path / "turns.wav"
    write_wav(wav, np.concatenate([first, gap, second]), rate)
    total = (len(first) + len(gap) + len(second)) / rate

    mic = SoundDeviceMicrophone()
    players = []
    try:
        audio = capture(
            mic,
            total + 1.0,
            start=lambda: players.append(pulse_server.play(wav)),
            until=lambda: bool(players) and players[0].poll() is not None,
        )
    finally:
        mic.close()
    assert players[0].wait(timeout=10) == 0, players[0].stderr.read()
    assert mic.rate == 16_000 and mic.device_rate > 0

    segments = vad_segments(audio)
    assert len(segments) == 2, [len(s) / 16_000 for s in segments]
    # Each segment is its sentence: the VAD split at the gap, not inside a sentence.
    for segment, spoken in zip(segments, (first, second), strict=True):
        assert abs(len(segment) / 16_000 - len(spoken) / rate) < 1.0
    vocabulary = load_scenarios().get("news-feed").vocabulary
    texts = [whisper().transcribe(s, vocabulary).text for s in segments]
    assert "300 million" in texts[0] or "three hundred million" in texts[0].lower(), texts
    claims = check_transcript(texts[1]).claims
    assert [c.verdict for c in claims] == ["correct"], (texts, claims)
    assert claims[0].expression.replace(" ", "") == "1billion/86,400", claims


def test_our_speaker_plays_into_the_sink_and_stops_on_demand(pulse_server):
    from voice.audio_io import SoundDeviceMicrophone, SoundDeviceSpeaker

    mic = SoundDeviceMicrophone()
    speaker = SoundDeviceSpeaker()
    try:
        chunks = list(piper().synthesize("Four shards of Redis."))

        def start() -> None:
            for chunk in chunks:
                speaker.play(chunk)

        audio = capture(
            mic,
            sum(c.duration for c in chunks) + 1.0,
            start=start,
            until=lambda: not speaker.is_playing(),
        )
        speaker.wait()
        assert speaker.played_samples >= sum(len(c.samples) for c in chunks) * 0.99
        # What came back through the sink is what we played (not just similar words).
        played = resample(np.concatenate([c.to_float() for c in chunks]), chunks[0].rate, 16_000)
        assert best_correlation(audio, played) > 0.6
        text = whisper().transcribe(audio, ["Redis", "shards"]).text
        assert "shards" in text and "Redis" in text, text

        long = [AudioChunk.from_float(np.full(22_050 * 5, 0.1, np.float32), 22_050)]
        speaker.play(long[0])
        time.sleep(0.3)
        stopped_at = time.monotonic()
        speaker.stop()
        while speaker.is_playing() and time.monotonic() - stopped_at < 1:
            time.sleep(0.002)  # a callback already running may finish its block
        assert time.monotonic() - stopped_at < 0.2
        after_stop = speaker.played_samples
        time.sleep(0.3)
        assert speaker.played_samples == after_stop  # nothing more reaches the device
        assert speaker.played_samples < sum(len(c.samples) for c in chunks) + 22_050 * 2
    finally:
        speaker.close()
        mic.close()


def test_unplugged_device_mid_session_ends_with_one_clear_error(monkeypatch):
    import shutil

    from voice.audio_io import SoundDeviceMicrophone

    if shutil.which("pulseaudio") is None:
        pytest.skip("pulseaudio not installed")
    server = start_pulse()
    try:
        for key, value in server.env.items():
            monkeypatch.setenv(key, value)
        mic = SoundDeviceMicrophone(stall_timeout=1.0)
        received = 0
        started = None
        with pytest.raises(VoiceDeviceError, match="--text") as error:
            for _chunk in mic.chunks():
                received += 1
                if received == 5:
                    server.kill()  # the device disappears under a running stream
                    started = time.monotonic()
        assert started is not None and time.monotonic() - started < 6
        assert "microphone" in str(error.value)
        mic.close()  # closing a dead stream is quiet
    finally:
        stop_pulse(server)


def test_missing_device_is_one_clear_error(pulse_server):
    from voice.audio_io import SoundDeviceMicrophone, SoundDeviceSpeaker

    with pytest.raises(VoiceDeviceError, match="no microphone 'no-such-mic' found.*--text"):
        SoundDeviceMicrophone("no-such-mic")
    with pytest.raises(VoiceDeviceError, match="no speaker 99 found"):
        SoundDeviceSpeaker(99)


def test_say_and_devices_commands_use_the_real_device(pulse_server):
    import json

    from click.testing import CliRunner

    from agent.cli.main import cli

    runner = CliRunner()
    listed = json.loads(runner.invoke(cli, ["devices", "--json"]).output)
    assert any(d["default_input"] for d in listed["devices"])
    table = runner.invoke(cli, ["devices"])
    assert table.exit_code == 0 and "default" in table.output
    result = runner.invoke(cli, ["say", "Four shards.", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["played"] is True and data["output"] is None and data["duration_s"] > 0.5
