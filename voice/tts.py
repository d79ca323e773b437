"""Text to speech with Piper on the bundled voice, streamed sentence by sentence."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

from voice.events import AudioChunk
from voice.sentences import split_sentences


class PiperSynthesizer:
    """Piper (piper-tts 1.x) with onnxruntime capped to a few threads.

    Piper's own ``PiperVoice.load`` builds an onnxruntime session with default options, which
    grabs every core and starves Whisper when both run; we build the session ourselves with
    ``intra_op_num_threads`` set. Load once and reuse: loading takes a few hundred ms.
    ``synthesize`` is serialised with a lock, so one instance may be shared between threads.
    """

    def __init__(
        self,
        model_path: str | Path | None = None,
        config_path: str | Path | None = None,
        threads: int = 1,
        length_scale: float | None = None,
        volume: float = 1.0,
        deterministic: bool = False,
    ) -> None:
        import json

        import onnxruntime
        from piper import PiperVoice, SynthesisConfig
        from piper.config import PiperConfig

        if model_path is None:
            from voice.models import piper_voice_paths

            model_path, default_config = piper_voice_paths()
            config_path = config_path or default_config
        model_path = Path(model_path)
        config_path = Path(config_path) if config_path else Path(f"{model_path}.json")
        if not model_path.is_file() or not config_path.is_file():
            raise FileNotFoundError(f"Piper voice not found: {model_path} / {config_path}")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        session = onnxruntime.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        config = PiperConfig.from_dict(json.loads(config_path.read_text(encoding="utf-8")))
        self._voice = PiperVoice(session=session, config=config)
        # Piper adds random generator noise; zero noise makes the same text give the same audio
        # (test fixtures and benchmark corpora), at a slightly flatter voice.
        noise = 0.0 if deterministic else None
        self._config = SynthesisConfig(
            length_scale=length_scale, volume=volume, noise_scale=noise, noise_w_scale=noise
        )
        self._lock = threading.Lock()
        self.sample_rate: int = config.sample_rate

    def synthesize(self, text: str) -> Iterator[AudioChunk]:
        """One int16 mono chunk per sentence, each yielded as soon as it is synthesized.

        Text with nothing speakable yields nothing.
        """
        for sentence in split_sentences(text):
            yield from self.synthesize_sentence(sentence)

    def synthesize_sentence(self, sentence: str) -> Iterator[AudioChunk]:
        """Synthesize one sentence without splitting it further (Piper may still split it)."""
        with self._lock:
            chunks = list(self._voice.synthesize(sentence, syn_config=self._config))
        for chunk in chunks:
            yield AudioChunk(
                audio=chunk.audio_int16_bytes,
                rate=chunk.sample_rate,
                width=2,
                channels=1,
                timestamp=time.monotonic(),
            )


__all__ = ["PiperSynthesizer"]
