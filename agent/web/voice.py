"""Voice through the browser: the page is the sound card.

The page captures the microphone with an AudioWorklet (the browser's echo cancellation and
noise suppression on) and sends 16 kHz int16 frames over the session socket; they go into the
same voice loop as the terminal's (endpointer, turn policy, Whisper, barge-in). The
interviewer's Piper audio goes back as binary frames, a sentence at a time, and a barge-in
sends `stop` so the page silences what it had queued.

Reply frames are `[uint32 little-endian sample rate][int16 PCM]`.
"""

from __future__ import annotations

import contextlib
import queue
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from agent.web.interviewer_api import voice_session
from voice.events import AudioChunk

RATE = 16_000
MAX_QUEUED_CHUNKS = 500
"""About 10 s of 20 ms frames; beyond that the loop is not keeping up and old audio is dropped."""


@dataclass(frozen=True)
class VoiceBackend:
    """Whisper and Piper, loaded once per server and shared by its voice sessions."""

    transcriber: Any
    synthesizer: Any

    @classmethod
    def load(cls) -> VoiceBackend:
        from voice.stt import WhisperTranscriber
        from voice.tts import PiperSynthesizer

        backend = cls(WhisperTranscriber(), PiperSynthesizer())
        backend.warm()
        return backend

    def warm(self) -> None:
        """One synthesis and one transcription now, so the first spoken turn does not pay
        for the models' first-run setup (allocations, onnxruntime and CTranslate2 caches)."""
        import numpy as np

        from voice.resample import resample

        spoken = [
            c.to_float() for c in self.synthesizer.synthesize("Where would you like to start?")
        ]
        if spoken:
            audio = resample(np.concatenate(spoken), self.synthesizer.sample_rate, RATE)
            self.transcriber.transcribe(audio)

    @classmethod
    def load_or_none(cls, log: Callable[[str], None]) -> VoiceBackend | None:
        """The models, or None with one line (the server then offers text interviews only)."""
        try:
            return cls.load()
        except Exception as error:  # missing model package, broken install: text still works
            log(f"voice unavailable ({type(error).__name__}: {error}); text interviews only")
            return None


class BrowserMicrophone:
    """A `voice` Microphone fed by the page's frames."""

    rate = RATE

    def __init__(self) -> None:
        self._queue: queue.Queue[AudioChunk | None] = queue.Queue(MAX_QUEUED_CHUNKS)
        self._closed = threading.Event()
        self.muted = False
        self.samples = 0
        """Samples fed so far, from every page that has been the microphone."""
        self.page_start = 0
        """`samples` when the page capturing now took over: its own count starts there."""

    def feed(self, pcm: bytes) -> None:
        if self._closed.is_set():
            return
        self.samples += len(pcm) // 2
        if self.muted:  # keep the audio clock running: a muted stretch is silence
            pcm = bytes(len(pcm))
        now = time.monotonic()
        chunk = AudioChunk(audio=pcm, rate=RATE, timestamp=now - len(pcm) / 2 / RATE)
        try:
            self._queue.put_nowait(chunk)
        except queue.Full:
            with contextlib.suppress(queue.Empty):
                self._queue.get_nowait()
            with contextlib.suppress(queue.Full):
                self._queue.put_nowait(chunk)

    def new_page(self) -> None:
        """Another page became the microphone; what it sends is counted from zero again."""
        self.page_start = self.samples

    def page_sample(self, stream_sample: int) -> int:
        """A sample of the whole stream, on the count of the page capturing now."""
        return max(0, stream_sample - self.page_start)

    def chunks(self) -> Iterator[AudioChunk]:
        """Frames in order until `close()` (frames fed before it are still delivered)."""
        while True:
            try:
                chunk = self._queue.get(timeout=0.2)
            except queue.Empty:
                if self._closed.is_set():
                    return
                continue
            if chunk is None:
                return
            yield chunk

    def close(self) -> None:
        self._closed.set()
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait(None)


class BrowserSpeaker:
    """A `voice` Speaker that streams to the page. The page plays chunks back to back, so
    playback is tracked on a wall clock: what was sent, and when it will have been played."""

    def __init__(self, send_audio: Callable[[bytes], None], send_stop: Callable[[], None]):
        self._send_audio = send_audio
        self._send_stop = send_stop
        self._lock = threading.Lock()
        self._done_at = 0.0
        self._queued: list[tuple[float, float, int]] = []
        """(start, end, samples) of each chunk not yet fully played, on the monotonic clock."""
        self._played = 0
        self._stopped = threading.Event()

    def play(self, chunk: AudioChunk) -> None:
        samples = len(chunk.audio) // 2
        duration = samples / chunk.rate
        with self._lock:
            self._settle(time.monotonic())
            start = max(time.monotonic(), self._done_at)
            self._done_at = start + duration
            self._queued.append((start, self._done_at, samples))
            self._stopped.clear()
        self._send_audio(struct.pack("<I", chunk.rate) + chunk.audio)

    def stop(self) -> None:
        with self._lock:
            now = time.monotonic()
            self._settle(now)
            for start, end, samples in self._queued:  # the part of a chunk already heard
                if start < now < end:
                    self._played += int(samples * (now - start) / (end - start))
            self._queued.clear()
            self._done_at = now
            self._stopped.set()
        self._send_stop()

    def is_playing(self) -> bool:
        return time.monotonic() < self._done_at

    def wait(self) -> None:
        while True:
            remaining = self._done_at - time.monotonic()
            if remaining <= 0 or self._stopped.wait(min(remaining, 0.1)):
                return

    @property
    def played_samples(self) -> int:
        with self._lock:
            now = time.monotonic()
            self._settle(now)
            partial = sum(
                int(samples * (now - start) / (end - start))
                for start, end, samples in self._queued
                if start < now < end
            )
            return self._played + partial

    def close(self) -> None:
        self.stop()

    def _settle(self, now: float) -> None:
        while self._queued and self._queued[0][1] <= now:
            self._played += self._queued.pop(0)[2]


class BrowserVoice:
    """The spoken side of one live interview. Started when the first page connects."""

    def __init__(self, live: Any, backend: VoiceBackend) -> None:
        self.live = live
        self.synthesizer = backend.synthesizer
        self.microphone = BrowserMicrophone()
        self.speaker = BrowserSpeaker(self._send_audio, self._stop_playback)
        self._committed_at: float | None = None
        self.session = voice_session(
            live.handle,
            recorder=live.recorder,
            display=self._show,
            microphone=self.microphone,
            speaker=self.speaker,
            transcriber=backend.transcriber,
            synthesizer=backend.synthesizer,
        )
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()
        self.listening = False
        """The opening has been heard and the microphone is live: the page starts capturing
        only now (as the terminal opens its microphone only after the opening)."""

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="browser-voice", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        self.session.run(listening=self._listening)
        # After stop() the page or server owns the ending (and may already have closed the
        # interviewer); only a loop that ended by itself (the interviewer wrapped up) ends it here.
        if not self._stopped.is_set() and self.live.handle.finished and not self.live.ended:
            self.live.end()

    def say(self, text: str) -> None:
        """Speak a reply that did not come through the microphone (a typed turn); recorded on
        the interviewer's track like any other."""
        for chunk in self.synthesizer.synthesize(text):
            self.session.speaker.play(chunk)

    def feed(self, pcm: bytes) -> None:
        self.microphone.feed(pcm)

    def ask_for_time(self, text: str) -> None:
        """The "give me a minute" button: the voice loop's own thinking wait (no turn taken
        and no question asked for up to its thinking wait, "take your time" said once), as if
        the candidate had said it; not a typed turn."""
        self.session.loop.ask_for_time(text)
        self.live.push({"type": "voice", "event": "thinking"})

    def mute(self, muted: bool) -> None:
        self.microphone.muted = muted

    def stop(self) -> None:
        self._stopped.set()
        self.session.stop()
        self.speaker.stop()

    def join(self, timeout: float = 10.0) -> None:
        """Wait for the voice thread after `stop()` (not from the voice thread itself)."""
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _listening(self) -> None:
        self.listening = True
        self.live.push({"type": "voice", "event": "listening"})

    def _send_audio(self, frame: bytes) -> None:
        committed, self._committed_at = self._committed_at, None
        if committed is not None:  # how long the interviewer took to start answering
            ms = round((time.monotonic() - committed) * 1000)
            self.live.push({"type": "voice", "event": "answering", "after_commit_ms": ms})
        self.live.push_bytes(frame)

    def _stop_playback(self) -> None:
        self.live.push({"type": "voice", "event": "stop"})

    def _show(self, event: dict[str, Any]) -> None:
        """Voice events the page shows (the interviewer's own events arrive separately)."""
        kind = event.get("type")
        if kind == "turn_committed":
            self._committed_at = time.monotonic()
            origin = self.session.loop.audio_origin or 0.0
            end = float(event.get("speech_end") or 0.0)
            self.live.push(
                {
                    "type": "voice",
                    "event": "turn",
                    "text": event.get("text", ""),
                    "speech_end_sample": self.microphone.page_sample(round((end - origin) * RATE)),
                    "commit_ms": round((float(event.get("timestamp") or end) - end) * 1000),
                }
            )
        elif kind == "voice_error":
            self.live.push({"type": "error", "message": str(event.get("message", ""))})


__all__ = ["BrowserMicrophone", "BrowserSpeaker", "BrowserVoice", "VoiceBackend"]
