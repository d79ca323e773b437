"""The reference-aware echo gate on real Piper audio leaking into a simulated microphone."""

from __future__ import annotations

import numpy as np
import pytest

from tests.voice_clips import say, silence
from voice.echo import EchoConfig, EchoGate
from voice.vad import FRAME_SAMPLES, RATE, Endpointer


@pytest.fixture(scope="module")
def clips():
    from voice.tts import PiperSynthesizer

    tts = PiperSynthesizer(deterministic=True)
    reply = say(tts, "Good. Now tell me how you would shard the message table, and why.")
    candidate = say(tts, "Wait, that is not what I meant.")
    return reply, candidate


def run_gate(mic: np.ndarray, reply: np.ndarray, config: EchoConfig | None = None, jitter=0):
    """Frames of ``mic`` through the gate, with the reply as reference and a played counter
    that runs ahead of capture by up to ``jitter`` samples (device buffering)."""
    gate = EchoGate(config)
    gate.add_reference(reply)
    rng = np.random.default_rng(0)
    out = []
    for i in range(0, len(mic) - FRAME_SAMPLES + 1, FRAME_SAMPLES):
        frame = (np.clip(mic[i : i + FRAME_SAMPLES], -1, 1) * 32767).astype(np.int16)
        played = i + FRAME_SAMPLES + (int(rng.integers(0, jitter)) if jitter else 0)
        out.append(gate.process(frame, played))
    return gate, np.concatenate(out).astype(np.float32) / 32768.0


def leak(reply: np.ndarray, gain: float, delay_ms: float, extra: np.ndarray | None = None):
    delay = int(RATE * delay_ms / 1000)
    mic = np.zeros(len(reply) + delay, dtype=np.float32)
    mic[delay:] += gain * reply
    mic += np.random.default_rng(1).normal(0, 10 ** (-70 / 20), len(mic)).astype(np.float32)
    if extra is not None:
        mic[: len(extra)] += extra
    return mic


def voiced_frames(audio: np.ndarray) -> int:
    vad = Endpointer()
    pcm = (np.clip(audio, -1, 1) * 32767).astype(np.int16)
    frames = range(0, len(pcm) - FRAME_SAMPLES + 1, FRAME_SAMPLES)
    return sum(vad.is_voiced(pcm[i : i + FRAME_SAMPLES]) for i in frames)


@pytest.mark.parametrize("delay_ms,jitter", [(20, 0), (60, 320), (250, 480)])
def test_echo_alone_is_silenced(clips, delay_ms, jitter):
    reply, _ = clips
    mic = leak(reply, gain=0.4, delay_ms=delay_ms)
    assert voiced_frames(mic) > 40  # without the gate the VAD would hear the reply
    gate, out = run_gate(mic, reply, jitter=jitter)
    assert voiced_frames(out) <= 2
    n = len(out)
    attenuation_db = 10 * np.log10(np.sum(out**2) / np.sum(mic[:n] ** 2))
    assert attenuation_db < -20
    assert abs(gate.delay_ms - delay_ms) <= 40


def test_candidate_speech_over_the_echo_survives(clips):
    reply, candidate = clips
    start = int(1.0 * RATE)
    talk = np.concatenate([silence(1.0), candidate])
    mic = leak(reply, gain=0.4, delay_ms=60, extra=talk)
    _, out = run_gate(mic, reply, jitter=320)
    span = slice(start, start + len(candidate))
    # What is left in the candidate's stretch is the candidate, not the reply.
    kept = out[span]
    corr = float(
        np.dot(kept, candidate) / np.sqrt(np.dot(kept, kept) * np.dot(candidate, candidate))
    )
    assert corr > 0.8
    assert voiced_frames(kept) >= 0.7 * voiced_frames(candidate)


def test_headphones_mode_passes_audio_through(clips):
    reply, _ = clips
    mic = leak(reply, gain=0.4, delay_ms=60)
    gate, out = run_gate(mic, reply, EchoConfig(enabled=False))
    assert gate.stats.suppressed == 0
    assert voiced_frames(out) == voiced_frames(mic[: len(out)])


def test_no_reference_means_no_change():
    gate = EchoGate()
    frame = (np.random.default_rng(2).normal(0, 0.1, FRAME_SAMPLES) * 32767).astype(np.int16)
    assert np.array_equal(gate.process(frame, 10_000), frame)
    gate.add_reference(np.zeros(RATE, np.float32))
    assert np.array_equal(gate.process(frame, 8000), frame)  # a silent reply explains nothing


def run_canceller(canceller, mic: np.ndarray, reply: np.ndarray) -> np.ndarray:
    canceller.add_reference(reply)
    out = []
    for i in range(0, len(mic) - FRAME_SAMPLES + 1, FRAME_SAMPLES):
        frame = (np.clip(mic[i : i + FRAME_SAMPLES], -1, 1) * 32767).astype(np.int16)
        out.append(canceller.process(frame, i + FRAME_SAMPLES))
    return np.concatenate(out).astype(np.float32) / 32768.0


def reverberant_leak(reply: np.ndarray, extra: np.ndarray | None = None) -> np.ndarray:
    """The reply through a room with reflections (RT60 about 0.3 s), at a laptop's level."""
    from bench.voice.echo_compare import room_response

    echo = np.convolve(reply, room_response(True, 60.0)) * 0.3
    mic = echo.astype(np.float32)
    mic += np.random.default_rng(1).normal(0, 10 ** (-70 / 20), len(mic)).astype(np.float32)
    if extra is not None:
        mic[: len(extra)] += extra
    return mic


def test_reflections_defeat_the_gate_alone_but_not_the_gate_with_aec3(clips):
    pytest.importorskip("pywebrtc_audio")
    from voice.webrtc_echo import GatedWebRtcEcho

    reply, _ = clips
    mic = reverberant_leak(reply)
    gate_only = run_canceller(EchoGate(), mic, reply)
    both = run_canceller(GatedWebRtcEcho(), mic, reply)
    assert voiced_frames(gate_only) > 20  # the single-path gate cannot explain reflections
    assert voiced_frames(both) <= 2


def test_candidate_speech_survives_the_gate_with_aec3(clips):
    pytest.importorskip("pywebrtc_audio")
    from voice.webrtc_echo import GatedWebRtcEcho

    reply, candidate = clips
    start = int(1.5 * RATE)
    mic = reverberant_leak(reply, np.concatenate([silence(1.5), candidate]))
    out = run_canceller(GatedWebRtcEcho(), mic, reply)
    kept = out[start : start + len(candidate)]
    assert voiced_frames(kept) >= 0.6 * voiced_frames(candidate)


def test_the_loop_picks_its_echo_canceller():
    from voice.loop import LoopConfig, _echo_canceller

    assert type(_echo_canceller(EchoConfig(), LoopConfig().echo_canceller)) is EchoGate
    assert type(_echo_canceller(EchoConfig(enabled=False), "gate+aec3")) is EchoGate  # headphones
    with pytest.raises(ValueError, match="unknown echo canceller"):
        _echo_canceller(EchoConfig(), "speex")
