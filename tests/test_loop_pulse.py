"""The real sound-card path through the turn loop: paplay → PulseAudio null sink → monitor →
sounddevice microphone → VAD → Whisper → a committed turn."""

from __future__ import annotations

import threading

import pytest

from tests.pulse import pulse_server  # noqa: F401  (pytest fixture)
from tests.voice_clips import say, silence
from voice.events import TurnCommitted, VoiceError


@pytest.fixture(scope="module")
def models():
    from voice.stt import WhisperTranscriber
    from voice.tts import PiperSynthesizer

    return WhisperTranscriber(), PiperSynthesizer(deterministic=True)


def test_pulse_null_sink_speech_becomes_one_turn(pulse_server, models, tmp_path):  # noqa: F811
    import numpy as np

    from voice.audio_io import SoundDeviceMicrophone
    from voice.loop import LoopConfig, VoiceLoop
    from voice.playback import BufferSpeaker
    from voice.wav_io import write_wav

    stt, tts = models
    clip = np.concatenate([silence(0.5), say(tts, "We need about fifty servers."), silence(1.5)])
    wav = tmp_path / "turn.wav"
    write_wav(wav, clip, 16_000)
    microphone = SoundDeviceMicrophone()  # the default source is the null sink's monitor
    events = []

    def on_event(event):
        events.append(event)
        if isinstance(event, TurnCommitted | VoiceError):
            loop.stop()

    loop = VoiceLoop(
        microphone,
        BufferSpeaker(speed=0),
        stt,
        tts,
        lambda u: "",
        on_event,
        LoopConfig(headphones=True),
    )
    runner = threading.Thread(target=loop.run)
    runner.start()
    player = pulse_server.play(wav)
    player.wait(timeout=30)
    runner.join(timeout=30)
    if runner.is_alive():
        loop.stop()
        runner.join(timeout=5)
    turns = [e for e in events if isinstance(e, TurnCommitted)]
    assert [e for e in events if isinstance(e, VoiceError)] == []
    assert len(turns) == 1 and "50 servers" in turns[0].text.replace("fifty", "50"), turns
