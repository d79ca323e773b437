"""Speech to text with faster-whisper on the bundled tiny.en model.

Whisper only ever sees speech that our VAD let through, so its own VAD is off. It still invents
stock phrases from noise ("Thank you for watching", "you"); those are dropped when the model
itself doubts there was speech (high no-speech probability or a low average log-probability).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from voice.protocols import Segment, Transcript

if TYPE_CHECKING:
    import numpy as np

SAMPLE_RATE = 16_000

# Lower-cased, punctuation-stripped phrases Whisper is known to hallucinate on silence/noise.
PHANTOM_PHRASES = frozenset(
    {
        "you",
        "thank you",
        "thank you very much",
        "thanks",
        "thank you for watching",
        "thanks for watching",
        "thank you so much for watching",
        "thanks for watching and see you next time",
        "please subscribe",
        "like and subscribe",
        "bye",
        "bye bye",
        "goodbye",
        "so",
        "oh",
        "uh",
        "um",
        "hmm",
        "the end",
        "music",
        "applause",
        "silence",
        "i",
        "okay",
        "see you next time",
        "see you in the next video",
        "subtitles by the amaraorg community",
        "transcription by castingwords",
    }
)
_CREDITS = re.compile(r"(subtitle|caption|transcri(bed|ption)|amara|copyright)s?\b", re.I)
_BRACKETED = re.compile(r"^\s*[\[(♪*].*[\])♪*]\s*$")


def _normalized(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", text.lower()).strip()


def is_phantom(text: str) -> bool:
    """True for a phrase Whisper typically invents from non-speech (whatever its confidence)."""
    norm = _normalized(text)
    return (
        not norm
        or norm in PHANTOM_PHRASES
        or bool(_BRACKETED.match(text))
        or bool(_CREDITS.search(text))
    )


class WhisperTranscriber:
    """faster-whisper, loaded once; ``transcribe`` is serialised with a lock (thread-safe).

    ``beam_size=1`` (greedy) is the default: on tiny.en it is nearly as accurate as beam 5 on
    short turns and several times faster on two cores. ``cpu_threads`` is explicit so Whisper
    and Piper share the CPU predictably.

    ``fit_context=True`` (default) runs the encoder only over the audio plus 8 s of padding
    instead of Whisper's fixed 30 s window (the trick whisper.cpp calls ``audio_ctx``): about 3x
    faster on a short turn. Its known failure is a decoder that repeats the sentence; when the
    output repeats itself the turn is transcribed again with the full window.
    """

    def __init__(
        self,
        model_dir: str | Path | None = None,
        cpu_threads: int = 2,
        beam_size: int = 1,
        fit_context: bool = True,
        no_speech_threshold: float = 0.6,
        logprob_threshold: float = -1.0,
    ) -> None:
        if model_dir is None:
            from voice.models import whisper_model_dir

            model_dir = whisper_model_dir()
        if not Path(model_dir).is_dir():
            raise FileNotFoundError(f"Whisper model directory not found: {model_dir}")
        self._model = _load_model(str(model_dir), cpu_threads)
        self.beam_size = beam_size
        self.fit_context = fit_context
        self.no_speech_threshold = no_speech_threshold
        self.logprob_threshold = logprob_threshold
        self.retries = 0
        """How many times the fitted context repeated itself and the full window was used."""
        self._lock = threading.Lock()

    def transcribe(
        self,
        audio: np.ndarray,
        vocabulary: Sequence[str] = (),
        beam_size: int | None = None,
    ) -> Transcript:
        """Transcribe float32 mono 16 kHz audio; silence and noise give an empty transcript.

        ``vocabulary`` (e.g. a scenario's "Redis", "QPS", "shards") is passed as Whisper's
        prompt so rare technical words are spelled the way the rest of Hotseat expects.
        """
        import numpy as np

        audio = np.asarray(audio, dtype=np.float32).reshape(-1)
        if len(audio) < SAMPLE_RATE // 10 or float(np.max(np.abs(audio))) < 1e-4:
            return Transcript(text="", no_speech_prob=1.0)
        duration = len(audio) / SAMPLE_RATE
        frames = len(audio) // 160
        fitted = self.fit_context and frames + _CONTEXT_PAD_FRAMES < 3000
        with self._lock:
            raw, language = self._run(audio, vocabulary, beam_size, fitted, frames)
            if fitted and _repeats(" ".join(s.text for s in raw)):
                self.retries += 1
                raw, language = self._run(audio, vocabulary, beam_size, False, frames)
        kept: list[Segment] = []
        worst_no_speech = 0.0
        for seg in raw:
            worst_no_speech = max(worst_no_speech, seg.no_speech_prob)
            text = seg.text.strip()
            doubtful = (
                seg.no_speech_prob > self.no_speech_threshold
                or seg.avg_logprob < self.logprob_threshold
            )
            if not text or (doubtful and is_phantom(text)) or _BRACKETED.match(text):
                continue
            if seg.no_speech_prob > 0.8 and seg.avg_logprob < -0.7:
                continue
            start, end = min(seg.start, duration), min(seg.end, duration)
            kept.append(Segment(start=start, end=end, text=text))
        if kept and is_phantom(" ".join(s.text for s in kept)) and _all_doubtful(raw, self):
            kept = []
        if vocabulary:
            kept = [Segment(s.start, s.end, apply_vocabulary(s.text, vocabulary)) for s in kept]
        text = " ".join(s.text for s in kept).strip()
        return Transcript(
            text=text,
            segments=tuple(kept),
            no_speech_prob=worst_no_speech if raw else 1.0,
            language=language,
        )

    def _run(self, audio, vocabulary, beam_size, fitted: bool, frames: int):
        ctx = frames + _CONTEXT_PAD_FRAMES
        self._model.context_frames = -(-ctx // 100) * 100 if fitted else None
        segments, info = self._model.transcribe(
            audio,
            language="en",
            beam_size=beam_size or self.beam_size,
            vad_filter=False,
            condition_on_previous_text=False,
            initial_prompt=vocabulary_prompt(vocabulary),
            without_timestamps=False,
            temperature=0.0,
            no_speech_threshold=self.no_speech_threshold,
            log_prob_threshold=self.logprob_threshold,
            # Even fast, number-heavy speech stays under ~8 tokens/s (timestamps included);
            # far more than that is a runaway decoder, cut short and caught by _repeats.
            max_new_tokens=min(440, int(frames / 100 * 12) + 24) if fitted else None,
        )
        return list(segments), info.language or "en"


_CONTEXT_PAD_FRAMES = 800  # 8 s of padding: with less, tiny.en drops words or loops more often


def _load_model(model_dir: str, cpu_threads: int):
    """A WhisperModel whose encoder can be limited to the frames that hold the audio."""
    from faster_whisper import WhisperModel

    class _FitContextWhisper(WhisperModel):
        context_frames: int | None = None

        def encode(self, features):
            if self.context_frames and features.shape[-1] > self.context_frames:
                features = features[..., : self.context_frames]
            return super().encode(features)

    return _FitContextWhisper(
        model_dir, device="cpu", compute_type="int8", cpu_threads=cpu_threads, local_files_only=True
    )


def _repeats(text: str, n: int = 4) -> bool:
    """True when some run of ``n`` words occurs twice: the fitted-context decoder looping."""
    words = _normalized(text).split()
    seen: set[tuple[str, ...]] = set()
    for i in range(len(words) - n + 1):
        gram = tuple(words[i : i + n])
        if gram in seen:
            return True
        seen.add(gram)
    return False


def _all_doubtful(raw: list, tr: WhisperTranscriber) -> bool:
    return all(
        s.no_speech_prob > tr.no_speech_threshold / 2 or s.avg_logprob < tr.logprob_threshold / 2
        for s in raw
    )


def vocabulary_prompt(vocabulary: Sequence[str]) -> str | None:
    """A short prompt in the register of an estimation interview, listing the scenario's words."""
    words = [w.strip() for w in vocabulary if w and w.strip()]
    if not words:
        return None
    return "Glossary: " + ", ".join(dict.fromkeys(words)) + "."


def apply_vocabulary(text: str, vocabulary: Sequence[str]) -> str:
    """Spell vocabulary words as given ("redis" → "Redis") and unglue them ("on-redis" → "on Redis").

    Whisper often hears the word but hyphenates or lower-cases it, which breaks exact matching
    downstream (component names on the board, scenario keywords).
    """
    for word in vocabulary:
        word = word.strip()
        if not word:
            continue
        pattern = re.compile(rf"(?:(?<=\w)-)?\b{re.escape(word)}\b(?:-(?=\w))?", re.I)
        text = pattern.sub(lambda m, w=word: _unglued(m.group(0), w), text)
    return text


def _unglued(found: str, word: str) -> str:
    return (" " if found.startswith("-") else "") + word + (" " if found.endswith("-") else "")


__all__ = [
    "PHANTOM_PHRASES",
    "WhisperTranscriber",
    "apply_vocabulary",
    "is_phantom",
    "vocabulary_prompt",
]
