"""webrtcvad endpointing on real Piper speech: pre-roll, hangover, framing, silence."""

from __future__ import annotations

import numpy as np
import pytest

from tests.voice_clips import say, silence
from voice.events import SpeechStarted, SpeechStopped
from voice.room import speech_bounds
from voice.vad import FRAME_SAMPLES, RATE, Endpointer, Framer, VadConfig


@pytest.fixture(scope="module")
def tts():
    from voice.tts import PiperSynthesizer

    return PiperSynthesizer(deterministic=True)


def run_vad(audio: np.ndarray, config: VadConfig | None = None):
    """Feed audio through the endpointer; returns events and the collected speech segments."""
    vad = Endpointer(config)
    framer = Framer()
    pcm = (np.clip(audio, -1, 1) * 32767).astype(np.int16)
    events, segments, current = [], [], None
    for frame, t in framer.push(pcm, 0.0):
        step = vad.process(frame, t)
        for event in step.events:
            events.append(event)
            if isinstance(event, SpeechStarted):
                current = []
        if current is not None:
            current.extend(step.audio)
        if any(isinstance(e, SpeechStopped) for e in step.events):
            segments.append(np.concatenate(current))
            current = None
    return events, segments


def test_preroll_keeps_the_first_syllable(tts):
    clip = np.concatenate([silence(1.0), say(tts, "Four hundred servers."), silence(1.0)])
    onset, _ = speech_bounds(clip)
    events, segments = run_vad(clip)
    start = next(e for e in events if isinstance(e, SpeechStarted))
    assert len(segments) == 1
    # The segment begins well before the audible onset and the detection: "Four" is whole ...
    with_preroll = _segment_origin(clip, segments[0])
    assert with_preroll <= min(onset, start.timestamp * RATE) - int(0.2 * RATE)
    # ... whereas without pre-roll it starts only where the detector was already sure.
    _, bare = run_vad(clip, VadConfig(preroll_ms=0, start_window_ms=90))
    assert _segment_origin(clip, bare[0]) >= with_preroll + int(0.25 * RATE)


def _segment_origin(clip: np.ndarray, segment: np.ndarray) -> int:
    """Where ``segment`` starts inside ``clip`` (exact match on int16 samples)."""
    pcm = (np.clip(clip, -1, 1) * 32767).astype(np.int16)
    head = segment[: FRAME_SAMPLES * 2]
    for start in range(0, len(pcm) - len(head), FRAME_SAMPLES):
        if np.array_equal(pcm[start : start + len(head)], head):
            return start
    raise AssertionError("segment not found in clip")


def test_hangover_bridges_short_gaps_and_stops_after_a_real_pause(tts):
    word = say(tts, "Ninety.")
    _, end = speech_bounds(word)
    word = word[: end + int(0.02 * RATE)]
    short_gap = np.concatenate([silence(0.5), word, silence(0.12), word, silence(1.0)])
    events, segments = run_vad(short_gap)
    assert [type(e) for e in events] == [SpeechStarted, SpeechStopped]
    long_gap = np.concatenate([silence(0.5), word, silence(0.8), word, silence(1.0)])
    events, _ = run_vad(long_gap)
    assert [type(e) for e in events] == [SpeechStarted, SpeechStopped] * 2
    # The stop is reported at the last voiced frame, not at the end of the hangover.
    stop = next(e for e in events if isinstance(e, SpeechStopped))
    assert 0.5 < stop.timestamp < 0.5 + len(word) / RATE + 0.1


def test_silence_and_faint_noise_start_nothing():
    rng = np.random.default_rng(3)
    faint = rng.normal(0, 10 ** (-65 / 20), 3 * RATE).astype(np.float32)
    for audio in (silence(3.0), faint):
        events, _ = run_vad(audio)
        assert events == []


def test_framer_cuts_any_chunk_sizes_into_contiguous_30ms_frames():
    framer = Framer()
    data = np.arange(RATE, dtype=np.int16)
    frames, offset = [], 0
    for size in (100, 479, 481, 1000, 7, 13933):
        frames += framer.push(data[offset : offset + size], 10.0 + offset / RATE)
        offset += size
    joined = np.concatenate([f for f, _ in frames])
    assert np.array_equal(joined, data[: len(joined)])
    assert [round(t - 10.0, 4) for _, t in frames[:3]] == [0.0, 0.03, 0.06]
    with pytest.raises(ValueError):
        Endpointer().process(np.zeros(100, np.int16), 0.0)
