"""Audio in and out, VAD endpointing, speech-to-text, text-to-speech and the turn loop.

Importing ``voice`` is cheap: the model backends (faster-whisper, Piper, sounddevice, openai)
are imported only when their classes are first used.
"""

from __future__ import annotations

import importlib
from typing import Any

from voice.errors import AudioFormatError, VoiceDeviceError
from voice.events import (
    AudioChunk,
    BargeIn,
    PlaybackStarted,
    PlaybackStopped,
    ReplySentence,
    SpeechStarted,
    SpeechStopped,
    ThinkingEnded,
    ThinkingStarted,
    TranscriptFinal,
    TranscriptPartial,
    TurnCommitted,
    VoiceError,
    VoiceEvent,
)
from voice.protocols import (
    Microphone,
    Responder,
    Segment,
    Speaker,
    Synthesizer,
    Transcriber,
    Transcript,
)

# Heavier names resolve on first access (PEP 562) so `import voice` stays fast.
_LAZY: dict[str, str] = {
    "WhisperTranscriber": "voice.stt",
    "PiperSynthesizer": "voice.tts",
    "RemoteTranscriber": "voice.remote",
    "RemoteSynthesizer": "voice.remote",
    "RemoteVoiceError": "voice.remote",
    "SoundDeviceMicrophone": "voice.audio_io",
    "SoundDeviceSpeaker": "voice.audio_io",
    "DeviceInfo": "voice.audio_io",
    "list_devices": "voice.audio_io",
    "WavMicrophone": "voice.wav_io",
    "WavReader": "voice.wav_io",
    "read_wav": "voice.wav_io",
    "write_wav": "voice.wav_io",
    "wav_bytes": "voice.wav_io",
    "BufferSpeaker": "voice.playback",
    "PlaybackQueue": "voice.playback",
    "split_sentences": "voice.sentences",
    "whisper_model_dir": "voice.models",
    "piper_voice_paths": "voice.models",
    "resample": "voice.resample",
    "StreamResampler": "voice.resample",
    "MODEL_RATE": "voice.resample",
    "VoiceLoop": "voice.loop",
    "LoopConfig": "voice.loop",
    "TurnPolicy": "voice.turn_policy",
    "TurnWait": "voice.turn_policy",
    "asks_for_time": "voice.thinking",
    "listen_to_file": "voice.file_listening",
    "Endpointer": "voice.vad",
    "VadConfig": "voice.vad",
    "EchoGate": "voice.echo",
    "EchoConfig": "voice.echo",
    "PushToTalk": "voice.push_to_talk",
    "SimulatedRoom": "voice.room",
    "Cue": "voice.room",
    "RoomConfig": "voice.room",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'voice' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    *_LAZY,
    "AudioChunk",
    "AudioFormatError",
    "BargeIn",
    "Microphone",
    "PlaybackStarted",
    "PlaybackStopped",
    "ReplySentence",
    "Responder",
    "Segment",
    "Speaker",
    "SpeechStarted",
    "SpeechStopped",
    "Synthesizer",
    "ThinkingEnded",
    "ThinkingStarted",
    "Transcriber",
    "Transcript",
    "TranscriptFinal",
    "TranscriptPartial",
    "TurnCommitted",
    "VoiceDeviceError",
    "VoiceError",
    "VoiceEvent",
]
