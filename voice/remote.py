"""Speech-to-text and text-to-speech on an OpenAI-compatible server (vLLM, speaches, OpenAI).

Configured like ``llm``: a ``base_url``, a model, and the *name* of the environment variable
that holds the key. A custom base URL never receives ``OPENAI_API_KEY``: only the variable
named in ``api_key_env`` is read, and without one a placeholder key is sent. The OpenAI client
is always given an explicit URL and key, so ``OPENAI_BASE_URL``/``OPENAI_API_KEY`` in the
environment cannot redirect a key to another host.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from voice.errors import VoiceDeviceError
from voice.events import AudioChunk
from voice.protocols import Segment, Transcript
from voice.sentences import split_sentences
from voice.stt import apply_vocabulary, is_phantom, vocabulary_prompt

if TYPE_CHECKING:
    import numpy as np

OPENAI_URL = "https://api.openai.com/v1"
_PLACEHOLDER_KEY = "not-needed"


class RemoteVoiceError(VoiceDeviceError):
    """The remote speech server failed or could not be reached (the session can fall back)."""


def resolve_api_key(base_url: str | None, api_key_env: str | None) -> str:
    """The key to send: from ``api_key_env`` only; OPENAI_API_KEY only for OpenAI's own URL."""
    if api_key_env:
        key = os.environ.get(api_key_env, "")
        if not key:
            raise RemoteVoiceError(f"environment variable {api_key_env} is empty or not set")
        return key
    if base_url is None or base_url.rstrip("/") == OPENAI_URL:
        key = os.environ.get("OPENAI_API_KEY", "")
        if not key:
            raise RemoteVoiceError("OPENAI_API_KEY is not set (or pass api_key_env)")
        return key
    return _PLACEHOLDER_KEY


def _client(base_url: str | None, api_key_env: str | None, timeout: float) -> Any:
    from openai import OpenAI

    return OpenAI(
        base_url=(base_url or OPENAI_URL).rstrip("/"),
        api_key=resolve_api_key(base_url, api_key_env),
        timeout=timeout,
        max_retries=1,
    )


class RemoteTranscriber:
    """``/v1/audio/transcriptions``: uploads each turn as a 16 kHz WAV.

    Asks for ``verbose_json`` (segments with no-speech probabilities, so phantom phrases can be
    dropped as locally) and falls back to plain ``json`` for servers that do not offer it.
    """

    def __init__(
        self,
        base_url: str | None = None,
        model: str = "whisper-1",
        api_key_env: str | None = None,
        timeout: float = 30.0,
        no_speech_threshold: float = 0.6,
    ) -> None:
        self.base_url = base_url
        self.model = model
        self.no_speech_threshold = no_speech_threshold
        self._client = _client(base_url, api_key_env, timeout)
        self._verbose = True

    def transcribe(self, audio: np.ndarray, vocabulary: Sequence[str] = ()) -> Transcript:
        import numpy as np

        from voice.wav_io import wav_bytes

        audio = np.asarray(audio, dtype=np.float32).reshape(-1)
        if len(audio) < 1600 or float(np.max(np.abs(audio))) < 1e-4:
            return Transcript(text="", no_speech_prob=1.0)
        upload = ("turn.wav", wav_bytes(audio, 16_000), "audio/wav")
        args: dict[str, Any] = {"model": self.model, "file": upload, "language": "en"}
        prompt = vocabulary_prompt(vocabulary)
        if prompt:
            args["prompt"] = prompt
        result = self._call(args)
        segments: list[Segment] = []
        worst = 0.0
        for seg in _get(result, "segments") or []:
            text = str(_get(seg, "text") or "").strip()
            no_speech = float(_get(seg, "no_speech_prob") or 0.0)
            worst = max(worst, no_speech)
            if not text or (no_speech > self.no_speech_threshold and is_phantom(text)):
                continue
            start, end = float(_get(seg, "start") or 0.0), float(_get(seg, "end") or 0.0)
            segments.append(Segment(start, end, apply_vocabulary(text, vocabulary)))
        if segments:
            text = " ".join(s.text for s in segments)
        else:
            text = str(_get(result, "text") or "").strip()
            if _get(result, "segments") or is_phantom(text):
                text = ""  # all segments were dropped, or a bare phantom without segment info
            text = apply_vocabulary(text, vocabulary)
            if text:
                segments = [Segment(0.0, len(audio) / 16_000, text)]
        return Transcript(text=text, segments=tuple(segments), no_speech_prob=worst)

    def _call(self, args: dict[str, Any]) -> Any:
        import openai

        try:
            if self._verbose:
                try:
                    return self._client.audio.transcriptions.create(
                        response_format="verbose_json", **args
                    )
                except openai.BadRequestError:
                    self._verbose = False  # server only speaks plain json
            return self._client.audio.transcriptions.create(response_format="json", **args)
        except openai.OpenAIError as exc:
            raise RemoteVoiceError(f"remote transcription failed: {_reason(exc)}") from exc


class RemoteSynthesizer:
    """``/v1/audio/speech``: one request per sentence, WAV back, so speech starts early."""

    def __init__(
        self,
        base_url: str | None = None,
        model: str = "tts-1",
        voice: str = "alloy",
        api_key_env: str | None = None,
        timeout: float = 30.0,
        sample_rate: int = 24_000,
    ) -> None:
        self.base_url = base_url
        self.model = model
        self.voice = voice
        self.sample_rate = sample_rate
        """Expected rate; each chunk carries the rate the server actually sent."""
        self._client = _client(base_url, api_key_env, timeout)
        self._lock = threading.Lock()

    def synthesize(self, text: str) -> Iterator[AudioChunk]:
        import openai

        from voice.resample import float_to_int16
        from voice.wav_io import WavReader

        for sentence in split_sentences(text):
            try:
                with self._lock:
                    response = self._client.audio.speech.create(
                        model=self.model, voice=self.voice, input=sentence, response_format="wav"
                    )
                    data = response.read()
            except openai.OpenAIError as exc:
                raise RemoteVoiceError(f"remote speech failed: {_reason(exc)}") from exc
            try:
                with WavReader(data) as reader:
                    audio, rate = reader.read(reader.frames), reader.rate
            except ValueError as exc:
                raise RemoteVoiceError(f"remote speech returned unreadable audio: {exc}") from exc
            yield AudioChunk(float_to_int16(audio).tobytes(), rate, timestamp=time.monotonic())


def _get(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)


def _reason(exc: Exception) -> str:
    status = getattr(exc, "status_code", None)
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"HTTP {status}: {message}" if status else message


__all__ = ["RemoteSynthesizer", "RemoteTranscriber", "RemoteVoiceError", "resolve_api_key"]
