"""Audio plumbing without models: events, WAV formats, the WAV microphone, the buffer speaker,
resampling and the sentence splitter."""

from __future__ import annotations

import json
import threading
import time

import numpy as np
import pytest
from click.testing import CliRunner

from tests.audio.clips import write_raw_wav
from voice import (
    AudioChunk,
    AudioFormatError,
    BargeIn,
    Microphone,
    PlaybackStopped,
    Speaker,
    TranscriptFinal,
    VoiceError,
)
from voice.playback import BufferSpeaker
from voice.resample import StreamResampler, resample
from voice.sentences import split_sentences
from voice.wav_io import WavMicrophone, WavReader, read_wav, wav_bytes, write_wav


def tone(seconds: float, rate: int, freq: float = 440.0, amp: float = 0.5) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def dominant_freq(audio: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(audio))
    return float(np.fft.rfftfreq(len(audio), 1 / rate)[np.argmax(spectrum)])


# --- events ---------------------------------------------------------------------------------


def test_events_serialise_with_snake_case_type_and_timestamp():
    now = time.monotonic()
    assert BargeIn(timestamp=now).to_dict() == {"type": "barge_in", "timestamp": now}
    stopped = PlaybackStopped(interrupted=True, played_text="You said", timestamp=now).to_dict()
    assert stopped["type"] == "playback_stopped" and stopped["played_text"] == "You said"
    final = TranscriptFinal("hi", segments=((0.0, 0.5, "hi"),), no_speech_prob=0.1).to_dict()
    assert json.loads(json.dumps(final))["segments"] == [[0.0, 0.5, "hi"]]
    assert VoiceError("mic gone", fatal=True).to_dict()["type"] == "voice_error"
    with pytest.raises(AttributeError):
        BargeIn().timestamp = 1.0  # frozen


def test_audio_chunk_helpers():
    pcm = np.array([0, 16384, -16384, 32767], dtype=np.int16)
    chunk = AudioChunk(pcm.tobytes(), rate=16_000, timestamp=1.5)
    assert chunk.samples.tolist() == pcm.tolist()
    assert chunk.duration == pytest.approx(4 / 16_000)
    assert chunk.to_float()[1] == pytest.approx(0.5)
    assert chunk.to_dict() == {
        "type": "audio_chunk", "rate": 16_000, "width": 2, "channels": 1,
        "timestamp": 1.5, "bytes": 8,
    }  # fmt: skip
    stereo = AudioChunk(np.array([100, 300, -100, -300], np.int16).tobytes(), 8000, channels=2)
    assert stereo.num_frames == 2
    assert stereo.to_float().tolist() == pytest.approx([200 / 32768, -200 / 32768])
    assert AudioChunk.from_float(np.array([2.0, -2.0]), 16_000).samples.tolist() == [32767, -32767]


def test_fakes_satisfy_the_protocols(tmp_path):
    write_wav(tmp_path / "a.wav", tone(0.1, 16_000), 16_000)
    mic = WavMicrophone(tmp_path / "a.wav", speed=0)
    speaker = BufferSpeaker()
    try:
        assert isinstance(mic, Microphone)
        assert isinstance(speaker, Speaker)
    finally:
        mic.close()
        speaker.close()


# --- WAV reading ----------------------------------------------------------------------------

FORMATS = [
    (16_000, 1, 16, 1),
    (8_000, 1, 16, 1),
    (48_000, 2, 16, 1),
    (44_100, 1, 8, 1),
    (22_050, 1, 24, 1),
    (16_000, 2, 32, 1),
    (48_000, 1, 32, 3),
    (32_000, 1, 64, 3),
    (48_000, 2, 24, 0xFFFE),
]


@pytest.mark.parametrize(("rate", "channels", "bits", "tag"), FORMATS)
def test_read_wav_any_format_to_16k_mono(tmp_path, rate, channels, bits, tag):
    path = write_raw_wav(tmp_path / "in.wav", tone(1.0, rate), rate, channels, bits, tag)
    with WavReader(path) as reader:
        assert (reader.rate, reader.channels, reader.width) == (rate, channels, bits // 8)
        assert reader.duration == pytest.approx(1.0)
    audio = read_wav(path)
    assert audio.dtype == np.float32
    assert len(audio) == pytest.approx(16_000, abs=2)
    assert dominant_freq(audio, 16_000) == pytest.approx(440, abs=2)
    assert 0.45 < np.max(np.abs(audio)) < 0.55


def test_stereo_is_averaged_not_interleaved(tmp_path):
    left, right = tone(0.5, 16_000, 440), np.zeros(8000, np.float32)
    path = write_raw_wav(tmp_path / "st.wav", np.stack([left, right], axis=1), 16_000, 2)
    audio = read_wav(path)
    assert len(audio) == 8000
    assert np.max(np.abs(audio)) == pytest.approx(0.25, abs=0.01)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"ID3\x04\x00\x00\x00\x00\x00\x00 mp3 data", "not a WAV file"),
        (b"", "not a WAV file"),
        (b"RIFF\x10\x00\x00\x00WAVEfmt \x02\x00\x00\x00", "no audio data"),
    ],
)
def test_non_wav_is_refused_with_one_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.wav"
    path.write_bytes(content)
    with pytest.raises(AudioFormatError, match=message):
        read_wav(path)


def test_unsupported_encoding_is_refused(tmp_path):
    path = write_raw_wav(tmp_path / "a.wav", tone(0.1, 8000), 8000)
    data = bytearray(path.read_bytes())
    data[20:22] = (6).to_bytes(2, "little")  # A-law
    path.write_bytes(bytes(data))
    with pytest.raises(AudioFormatError, match="unsupported WAV encoding"):
        read_wav(path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(AudioFormatError, match="cannot read"):
        read_wav(tmp_path / "nope.wav")
    with pytest.raises(AudioFormatError, match="directory"):
        read_wav(tmp_path)


def test_wav_bytes_round_trip():
    audio = tone(0.2, 24_000)
    data = wav_bytes(audio, 24_000)
    with WavReader(data) as reader:
        assert reader.rate == 24_000
        back = reader.read(reader.frames)
    assert np.max(np.abs(back - audio)) < 1e-3


# --- WAV microphone -------------------------------------------------------------------------


def test_wav_microphone_yields_30ms_16k_chunks_in_real_time(tmp_path):
    path = write_raw_wav(tmp_path / "a.wav", tone(0.6, 48_000), 48_000, channels=2)
    mic = WavMicrophone(path, tail_silence=0.3)
    started = time.monotonic()
    chunks = list(mic.chunks())
    elapsed = time.monotonic() - started
    assert all(c.rate == 16_000 and c.channels == 1 and len(c.samples) == 480 for c in chunks)
    assert len(chunks) == 30  # 0.9 s
    assert elapsed == pytest.approx(0.9, abs=0.15)
    gaps = np.diff([c.timestamp for c in chunks])
    assert gaps == pytest.approx(np.full(len(gaps), 0.03), abs=1e-6)
    audio = np.concatenate([c.to_float() for c in chunks])
    assert dominant_freq(audio[:9600], 16_000) == pytest.approx(440, abs=3)
    assert np.max(np.abs(audio[-3200:])) == 0.0  # the tail silence


def test_wav_microphone_fast_and_from_samples():
    audio = tone(2.0, 8000)
    mic = WavMicrophone(samples=audio, sample_rate=8000, speed=0)
    started = time.monotonic()
    chunks = list(mic.chunks())
    assert time.monotonic() - started < 0.5
    assert sum(len(c.samples) for c in chunks) == pytest.approx(32_000, abs=480)


def test_wav_microphone_close_from_another_thread_ends_iteration(tmp_path):
    mic = WavMicrophone(samples=tone(10.0, 16_000), sample_rate=16_000)
    threading.Timer(0.2, mic.close).start()
    started = time.monotonic()
    count = sum(1 for _ in mic.chunks())
    assert time.monotonic() - started < 0.5
    assert 3 <= count <= 12


def test_wav_microphone_streams_a_long_file_in_bounded_memory(tmp_path):
    import tracemalloc

    rate, seconds = 48_000, 120
    path = tmp_path / "long.wav"
    write_wav(path, np.zeros(rate * seconds, np.int16), rate)  # 11.5 MB on disk
    mic = WavMicrophone(path, speed=0)
    tracemalloc.start()
    frames = sum(len(c.samples) for c in mic.chunks())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert frames == pytest.approx(16_000 * seconds, abs=480)
    assert peak < 3_000_000  # streaming, not the whole file


# --- buffer speaker -------------------------------------------------------------------------


def test_buffer_speaker_plays_in_real_time_and_keeps_audio():
    speaker = BufferSpeaker(rate=22_050)
    audio = tone(0.5, 22_050)
    try:
        started = time.monotonic()
        speaker.play(AudioChunk.from_float(audio, 22_050))
        assert speaker.is_playing()
        speaker.wait()
        drained = time.monotonic()
        assert not speaker.is_playing()
        assert speaker.played_samples == len(audio)
        played = speaker.played_audio()
        assert len(played) == len(audio)
        # Paced like a device: never faster than real time once it starts. The upper bounds
        # are loose because a busy machine may deschedule the playback thread; latency
        # itself is measured by the voice bench, not here.
        first = speaker.first_play_time
        assert first is not None and started <= first < started + 1.0
        assert drained - first >= 0.5 - 0.011
        assert drained - started < 0.5 + 2.0
    finally:
        speaker.close()


def test_buffer_speaker_stop_drops_queued_audio_quickly():
    heard: list[AudioChunk] = []
    speaker = BufferSpeaker(rate=22_050, on_play=heard.append)
    try:
        started = time.monotonic()
        speaker.play(AudioChunk.from_float(tone(2.0, 22_050), 22_050))
        while speaker.played_seconds < 0.3:
            time.sleep(0.01)
        stop_at = time.monotonic()
        speaker.stop()
        time.sleep(0.1)
        assert not speaker.is_playing()
        # Real-time pacing: what was played fits in the wall time before stop() (plus the one
        # 10 ms block in flight), and the rest of the 2 s reply was dropped.
        assert 0.3 <= speaker.played_seconds <= stop_at - started + 0.011
        assert speaker.played_seconds < 1.5
        assert max(c.timestamp for c in heard) <= stop_at + 0.011  # at most one 10 ms block
        before = speaker.played_samples
        time.sleep(0.1)
        assert speaker.played_samples == before
    finally:
        speaker.close()


def test_buffer_speaker_resamples_other_rates():
    speaker = BufferSpeaker(rate=48_000, speed=0)
    try:
        speaker.play(AudioChunk.from_float(tone(0.25, 16_000, freq=1000), 16_000))
        speaker.wait()
        played = speaker.played_audio().astype(np.float32) / 32768
        assert len(played) == pytest.approx(12_000, abs=10)
        assert dominant_freq(played, 48_000) == pytest.approx(1000, abs=5)
        assert speaker.played_samples == pytest.approx(4000, abs=5)  # in the chunks' own rate
    finally:
        speaker.close()


# --- resampling and sentences ---------------------------------------------------------------


def test_stream_resampler_matches_whole_buffer():
    audio = tone(1.0, 48_000, 300)
    stream = StreamResampler(48_000, 16_000)
    parts = [stream.process(audio[i : i + 1440]) for i in range(0, len(audio), 1440)]
    parts.append(stream.process(np.zeros(0, np.float32), last=True))
    joined = np.concatenate(parts)
    whole = resample(audio, 48_000, 16_000)
    assert len(joined) == pytest.approx(len(whole), abs=2)
    assert np.max(np.abs(joined[100:-100] - whole[100 : len(joined) - 100])) < 0.01


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("That is 1.5 million QPS. Is that right? Yes!", ["That is 1.5 million QPS.", "Is that right?", "Yes!"]),
        ("Use a cache, e.g. Redis. Then shard it.", ["Use a cache, e.g. Redis.", "Then shard it."]),
        ("Kafka vs. Pulsar is fine. 300 million users a day.", ["Kafka vs. Pulsar is fine.", "300 million users a day."]),
        ("So 86,400 seconds... Right. ", ["So 86,400 seconds...", "Right."]),
        ("Peak is 3x i.e. 36,000 QPS. OK", ["Peak is 3x i.e. 36,000 QPS.", "OK"]),
        ("Options:\n- shard by user\n- shard by time", ["Options:", "shard by user", "shard by time"]),
        ("   ", []),
    ],
)  # fmt: skip
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_devices_command_json_is_one_object():
    from agent.cli.main import cli

    result = CliRunner().invoke(cli, ["devices", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert isinstance(data["devices"], list)
    for device in data["devices"]:
        assert {"index", "name", "default_samplerate", "default_input"} <= set(device)


def test_read_wav_converts_a_long_file_in_blocks(tmp_path):
    import tracemalloc

    rate, seconds = 48_000, 100
    path = tmp_path / "long.wav"
    write_wav(path, tone(seconds, rate), rate)
    tracemalloc.start()
    audio = read_wav(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(audio) == 16_000 * seconds
    assert dominant_freq(audio[-16_000:], 16_000) == pytest.approx(440, abs=2)
    assert peak < 3 * audio.nbytes  # not the whole 48 kHz file as float
