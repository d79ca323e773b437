"""Speaking one reply: responder → sentences → Piper → speaker, cuttable at any moment.

Runs on its own thread so the loop keeps listening (barge-in) while the reply is generated,
synthesized and played. The first sentence is kept short (an opener like "Right —" on its own, and
split at a comma when long) because the candidate waits for the first sample, not the last. It remembers which sample range each
piece of text occupies, so a cut reply is recorded only up to what was actually heard.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from voice.events import (
    AudioChunk,
    PlaybackStarted,
    PlaybackStopped,
    ReplySentence,
    VoiceError,
    VoiceEvent,
)
from voice.heap_trim import release_free_memory
from voice.protocols import Responder, Speaker, Synthesizer
from voice.sentences import split_sentences


def reply_sentences(reply: str | Iterable[str], first_max_words: int = 8) -> Iterable[str]:
    """Sentences to speak, lazily; a long first sentence is split at its first comma."""
    chunks = [reply] if isinstance(reply, str) else reply
    first = True
    for chunk in chunks:
        for sentence in split_sentences(chunk or ""):
            if first:
                first = False
                yield from _split_first(sentence, first_max_words)
            else:
                yield sentence


_LEAD_IN = re.compile(r"^((?:\S+\s+){0,2}?\S*[A-Za-z]\S*?(?:[,;:]| ?—))\s+(\S+\s+\S.*)$")
"""A one-to-three-word opener ending at a pause ("Right —", "Good,", "Got it:") with at
least two words after it."""


def _split_first(sentence: str, max_words: int) -> list[str]:
    # An acknowledgement's opener is spoken on its own: Piper takes time in proportion to the
    # audio, so "Right —" is heard ~200 ms sooner than the whole "Right — 36,000 a second at
    # peak." would be, at the cost of a pause the speaker would make there anyway.
    lead_in = _LEAD_IN.match(sentence)
    if lead_in:
        return [lead_in.group(1), *_split_long(lead_in.group(2), max_words)]
    return _split_long(sentence, max_words)


def _split_long(sentence: str, max_words: int) -> list[str]:
    if len(sentence.split()) <= max_words:
        return [sentence]
    match = re.search(r"^(.{8,}?[,;:—])\s+(.+)$", sentence)
    if not match or len(match.group(1).split()) > max_words * 2:
        return [sentence]
    return [match.group(1), match.group(2)]


@dataclass
class _Span:
    start: int
    end: int
    text: str


@dataclass
class ReplyPlayback:
    """One reply being spoken. ``cut()`` (barge-in) and natural completion race; first wins."""

    utterance: str
    respond: Responder
    synthesizer: Synthesizer
    speaker: Speaker
    emit: Callable[[VoiceEvent], None]
    on_audio: Callable[[AudioChunk], None] = lambda chunk: None
    first_max_words: int = 8
    spans: list[_Span] = field(default_factory=list)
    started_at: float | None = None
    """Monotonic time the first sample was written (None until then)."""
    _base: int = 0
    _queued: int = 0
    _cancel: threading.Event = field(default_factory=threading.Event)
    _done: threading.Event = field(default_factory=threading.Event)
    _finish_lock: threading.Lock = field(default_factory=threading.Lock)
    _finished: bool = False
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._base = self.speaker.played_samples
        self._thread = threading.Thread(target=self._run, name="hotseat-reply", daemon=True)
        self._thread.start()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def join(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def played(self) -> int:
        """Samples of this reply played so far (speaker rate)."""
        played = self.speaker.played_samples
        if played < self._base:  # the speaker restarted its count
            self._base = 0
        return max(0, played - self._base)

    def played_text(self, played: int | None = None) -> str:
        """The reply text heard up to ``played`` samples (default: now), word-accurate-ish."""
        played = self.played() if played is None else played
        words: list[str] = []
        for span in self.spans:
            if played >= span.end:
                words.extend(span.text.split())
                continue
            if played > span.start:
                parts = span.text.split()
                frac = (played - span.start) / max(1, span.end - span.start)
                words.extend(parts[: int(frac * len(parts))])
            break
        return " ".join(words)

    def full_text(self) -> str:
        return " ".join(span.text for span in self.spans)

    def cut(self) -> str | None:
        """Stop playback now; returns the heard text, or None when the reply already ended."""
        self._cancel.set()
        with self._finish_lock:
            if self._finished:
                return None
            self._finished = True
            played = self.played()
            self.speaker.stop()
            text = self.played_text(played)
        self.emit(PlaybackStopped(interrupted=True, played_text=text, timestamp=time.monotonic()))
        return text

    def _run(self) -> None:
        try:
            self._speak()
        except Exception as exc:  # a broken responder or voice must not end the session
            self.emit(VoiceError(message=f"reply failed: {exc}", timestamp=time.monotonic()))
            with self._finish_lock:
                self._finished = True
        finally:
            self._done.set()
            release_free_memory()  # idle now: give Whisper's and Piper's scratch back

    def _speak(self) -> None:
        reply = self.respond(self.utterance)
        for sentence in reply_sentences(reply, self.first_max_words):
            if self._cancel.is_set():
                return
            self.emit(ReplySentence(text=sentence, timestamp=time.monotonic()))
            span = _Span(self._queued, self._queued, sentence)
            self.spans.append(span)
            for chunk in self.synthesizer.synthesize(sentence):
                if self._cancel.is_set():
                    return
                with self._finish_lock:
                    if self._finished:
                        return
                    self.on_audio(chunk)
                    self.speaker.play(chunk)
                    self._queued += chunk.num_frames
                    span.end = self._queued
                if self.started_at is None:
                    self.started_at = time.monotonic()
                    self.emit(PlaybackStarted(timestamp=self.started_at))
        while self.speaker.is_playing() and not self._cancel.is_set():
            time.sleep(0.01)
        with self._finish_lock:
            if self._finished:
                return
            self._finished = True
        if self.started_at is not None:
            self.emit(
                PlaybackStopped(
                    interrupted=False, played_text=self.full_text(), timestamp=time.monotonic()
                )
            )


def to_reference(chunk: AudioChunk, rate: int = 16_000) -> np.ndarray:
    """A reply chunk as float32 mono at ``rate`` for the echo gate."""
    from voice.resample import resample

    return resample(chunk.to_float(), chunk.rate, rate)


__all__ = ["ReplyPlayback", "reply_sentences", "to_reference"]
