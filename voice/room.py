"""A simulated room at the sound-card boundary: a scripted candidate, a speaker, and echo.

Headless runs (tests, ``hotseat bench voice``) need a microphone that hears both the candidate
and the reply leaking out of the speaker, with the candidate reacting to playback ("mm-hm" a
second into the reply, "wait, hold on" over it). One clock drives both sides: every microphone
chunk advances the speaker by the same number of samples, and the microphone signal is the
candidate's audio plus an attenuated, delayed copy of what the speaker played. Everything else
in the loop (webrtcvad, Whisper, Piper) is real.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from voice.errors import VoiceDeviceError
from voice.events import AudioChunk
from voice.resample import resample

RATE = 16_000


@dataclass
class Cue:
    """One thing the candidate says, and when."""

    audio: np.ndarray
    """float32 mono 16 kHz."""
    when: str = "idle"
    """"idle": ``delay_s`` after the previous cue and the reply to it have ended (a reply that
    never comes is waited for ``reply_timeout_s``); "playing": ``delay_s`` after a reply starts
    playing (skipped if none plays within ``reply_timeout_s``)."""
    delay_s: float = 0.6
    reply_timeout_s: float = 6.0
    label: str = ""
    started_at: int | None = None
    """Room sample index where the cue's audio began (set when it plays)."""
    skipped: bool = False


@dataclass
class RoomConfig:
    echo_gain: float = 0.0
    """Speaker-to-microphone attenuation (0.3 ≈ laptop speakers at a desk; 0 = headphones)."""
    echo_delay_ms: float = 60.0
    noise_dbfs: float = -70.0
    """A faint noise floor so the microphone is never digitally silent."""
    chunk_ms: int = 20
    speed: float = 1.0
    """1.0 paces the microphone in real time; larger runs faster; 0 does not pace at all."""
    tail_s: float = 1.5
    """Quiet time after the last cue and the last reply before the microphone ends."""
    no_reply_tail_s: float = 4.0
    """When the last cue got no reply (yet), wait this long for one before ending."""
    fail_after_s: float | None = None
    """Raise VoiceDeviceError after this much audio (an unplugged device)."""
    seed: int = 0


class RoomSpeaker:
    """A speaker whose output is clocked by the room's microphone (see ``SimulatedRoom``)."""

    def __init__(self, room: SimulatedRoom) -> None:
        self._room = room
        self._queue: list[np.ndarray] = []
        self._queued = 0
        self._played_native = 0
        self._rate = RATE
        self._cond = threading.Condition()
        self.output = np.zeros(0, dtype=np.float32)
        self.stops = 0

    def play(self, chunk: AudioChunk) -> None:
        audio = resample(chunk.to_float(), chunk.rate, RATE)
        with self._cond:
            self._rate = chunk.rate
            self._queue.append(audio)
            self._queued += len(audio)

    def stop(self) -> None:
        with self._cond:
            self._queue.clear()
            self._queued = 0
            self._played_native = 0
            self.stops += 1
            self._cond.notify_all()

    def is_playing(self) -> bool:
        with self._cond:
            return self._queued > 0

    def wait(self) -> None:
        with self._cond:
            while self._queued > 0:
                self._cond.wait(0.05)

    @property
    def played_samples(self) -> int:
        with self._cond:
            return self._played_native

    def close(self) -> None:
        self.stop()

    def _pull(self, n: int) -> np.ndarray:
        """Play ``n`` samples (16 kHz) of output; silence once the queue runs dry."""
        out = np.zeros(n, dtype=np.float32)
        with self._cond:
            filled = 0
            while filled < n and self._queue:
                head = self._queue[0]
                take = min(n - filled, len(head))
                out[filled : filled + take] = head[:take]
                filled += take
                if take == len(head):
                    self._queue.pop(0)
                else:
                    self._queue[0] = head[take:]
            self._queued -= filled
            self._played_native += round(filled * self._rate / RATE)
            if self._queued == 0:
                self._cond.notify_all()
        return out


class SimulatedRoom:
    """Microphone + speaker sharing one clock; ``room.microphone`` and ``room.speaker``."""

    def __init__(self, cues: list[Cue], config: RoomConfig | None = None) -> None:
        self.cues = cues
        self.config = config or RoomConfig()
        self.speaker = RoomSpeaker(self)
        self.microphone = _RoomMicrophone(self)
        self.clock_origin: float | None = None
        """Monotonic time of room sample 0."""
        self.position = 0
        """Samples elapsed on the room clock."""
        self.playback_starts: list[int] = []
        """Room sample indices where the speaker went from quiet to playing."""
        self.reply_active: Callable[[], bool] | None = None
        """Set to the loop's "still replying" test so a pause between two synthesized sentences
        (long on a loaded machine) is not taken for the end of the reply."""
        self._closed = threading.Event()

    def time_of(self, sample: int) -> float:
        """Monotonic time of a room sample (the clock the loop's events use)."""
        return (self.clock_origin or 0.0) + sample / RATE / (self.config.speed or 1.0)

    def close(self) -> None:
        self._closed.set()

    def _replying(self) -> bool:
        return self.reply_active is not None and self.reply_active()

    def _run(self) -> Iterator[AudioChunk]:
        cfg = self.config
        rng = np.random.default_rng(cfg.seed)
        n = RATE * cfg.chunk_ms // 1000
        delay = int(RATE * cfg.echo_delay_ms / 1000)
        noise = 10 ** (cfg.noise_dbfs / 20)
        history = np.zeros(delay + n, dtype=np.float32)  # speaker output, newest last
        pending = list(self.cues)
        current: np.ndarray | None = None
        offset = 0
        idle_since = 0
        playing_since: int | None = None
        cue_end = 0
        quiet_chunks = 0
        starts_at_cue = -1  # the first cue needs no reply before it
        self.clock_origin = time.monotonic()
        while not self._closed.is_set():
            if cfg.fail_after_s is not None and self.position >= cfg.fail_after_s * RATE:
                raise VoiceDeviceError("microphone went away (simulated unplug); try --text")
            if current is None and pending:
                cue = pending[0]
                quiet = self.position - max(idle_since, cue_end)
                replied = len(self.playback_starts) > starts_at_cue
                if cue.when == "playing":
                    ready = playing_since is not None and (
                        self.position - playing_since >= cue.delay_s * RATE
                    )
                    if not ready and quiet > cue.reply_timeout_s * RATE:
                        cue.skipped = True
                        pending.pop(0)
                        continue
                else:
                    ready = playing_since is None and (
                        (replied and quiet >= cue.delay_s * RATE)
                        or quiet >= max(cue.delay_s, cue.reply_timeout_s) * RATE
                    )
                if ready:
                    pending.pop(0)
                    cue.started_at = self.position
                    starts_at_cue = len(self.playback_starts)
                    current, offset = cue.audio, 0
            if (
                current is None
                and not pending
                and playing_since is None
                and self.position - max(idle_since, cue_end) >= cfg.tail_s * RATE
                and (
                    len(self.playback_starts) > starts_at_cue
                    or self.position - max(idle_since, cue_end) >= cfg.no_reply_tail_s * RATE
                )
            ):
                return
            out = self.speaker._pull(n)
            if out.any() and playing_since is None:
                playing_since = self.position
                self.playback_starts.append(self.position)
            elif out.any() or self.speaker.is_playing() or self._replying():
                quiet_chunks = 0
            elif playing_since is not None:
                # A gap between synthesized sentences is not the end of the reply.
                quiet_chunks += 1
                if quiet_chunks * n >= 0.3 * RATE:
                    playing_since = None
                    idle_since = self.position
            history = np.concatenate([history[n:], out])
            mic = history[:n] * cfg.echo_gain + rng.normal(0.0, noise, n).astype(np.float32)
            if current is not None:
                part = current[offset : offset + n]
                mic[: len(part)] += part
                offset += n
                if offset >= len(current):
                    current = None
                    cue_end = self.position + n
                    # Only a reply after the cue answers it ("take your time" inside a long
                    # thinking pause does not).
                    starts_at_cue = len(self.playback_starts)
            stamp = self.time_of(self.position)
            self.position += n
            if cfg.speed > 0:
                lag = self.time_of(self.position) - time.monotonic()
                if lag > 0:
                    time.sleep(lag)
            yield AudioChunk.from_float(mic, RATE, timestamp=stamp)


@dataclass
class _RoomMicrophone:
    room: SimulatedRoom
    rate: int = RATE
    _used: bool = field(default=False)

    def chunks(self) -> Iterator[AudioChunk]:
        if self._used:
            raise RuntimeError("a simulated room plays its script once")
        self._used = True
        return self.room._run()

    def close(self) -> None:
        self.room.close()


def synthetic_cough(seconds: float = 0.3, seed: int = 1) -> np.ndarray:
    """A cough-like burst (float32, 16 kHz): band-limited noise, fast attack, quick decay."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    spectrum = np.fft.rfft(rng.normal(0.0, 1.0, n))
    freqs = np.fft.rfftfreq(n, 1 / RATE)
    spectrum[(freqs < 300) | (freqs > 4000)] = 0
    burst = np.fft.irfft(spectrum, n)
    ramp = np.minimum(1.0, np.arange(n) / (0.02 * RATE))
    burst = burst * ramp * np.exp(-np.arange(n) / (0.08 * RATE))
    return (0.5 * burst / np.max(np.abs(burst))).astype(np.float32)


def speech_bounds(audio: np.ndarray, threshold_dbfs: float = -40.0) -> tuple[int, int]:
    """(first, end) sample of the audible part of a clip, on 10 ms windows: ground truth for
    "true end of speech" in generated clips."""
    win = RATE // 100
    frames = len(audio) // win
    if frames == 0:
        return 0, 0
    rms = np.sqrt(np.mean(audio[: frames * win].reshape(frames, win) ** 2, axis=1))
    loud = np.nonzero(rms > 10 ** (threshold_dbfs / 20))[0]
    if len(loud) == 0:
        return 0, 0
    return int(loud[0] * win), int((loud[-1] + 1) * win)


__all__ = ["Cue", "RoomConfig", "RoomSpeaker", "SimulatedRoom", "speech_bounds", "synthetic_cough"]
