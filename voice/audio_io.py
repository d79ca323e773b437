"""Sound-card input and output through sounddevice (PortAudio).

Devices are opened at their native rate and converted in-process (soxr), because asking
PortAudio/ALSA for 16 kHz either fails or resamples badly on many laptops. Every PortAudio
failure is turned into one ``VoiceDeviceError`` line that suggests typing instead (``--text``).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from voice.errors import VoiceDeviceError
from voice.events import AudioChunk
from voice.playback import PlaybackQueue
from voice.resample import MODEL_RATE, StreamResampler, float_to_int16

_HINT = "check the device, or run with --text to type instead"


def _sd() -> Any:
    try:
        import sounddevice
    except OSError as exc:  # PortAudio library missing
        raise VoiceDeviceError(f"audio is unavailable ({exc}); {_HINT}") from exc
    return sounddevice


@dataclass(frozen=True)
class DeviceInfo:
    """One PortAudio device as `hotseat devices` shows it."""

    index: int
    """PortAudio device index (pass it as --device)."""
    name: str
    """Human-readable name."""
    hostapi: str
    """Host API (ALSA, JACK, ...)."""
    max_input_channels: int
    """0 for output-only devices."""
    max_output_channels: int
    """0 for input-only devices."""
    default_samplerate: float
    """The device's native rate; we open it at this rate and resample."""
    default_input: bool
    """True for the system default microphone."""
    default_output: bool
    """True for the system default speaker."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def list_devices() -> list[DeviceInfo]:
    """All PortAudio devices (empty on a machine without sound devices)."""
    sd = _sd()
    try:
        devices = sd.query_devices()
        apis = sd.query_hostapis()
        default_in, default_out = sd.default.device
    except sd.PortAudioError as exc:
        raise VoiceDeviceError(f"cannot list audio devices ({exc}); {_HINT}") from exc
    return [
        DeviceInfo(
            index=d["index"],
            name=d["name"],
            hostapi=apis[d["hostapi"]]["name"],
            max_input_channels=d["max_input_channels"],
            max_output_channels=d["max_output_channels"],
            default_samplerate=d["default_samplerate"],
            default_input=d["index"] == default_in,
            default_output=d["index"] == default_out,
        )
        for d in devices
    ]


def _query(kind: str, device: int | str | None) -> dict[str, Any]:
    sd = _sd()
    what = "microphone" if kind == "input" else "speaker"
    try:
        info = sd.query_devices(device, kind=kind)
    except (sd.PortAudioError, ValueError) as exc:
        name = "default " + what if device is None else f"{what} {device!r}"
        raise VoiceDeviceError(f"no {name} found; {_HINT}") from exc
    channels = info[f"max_{kind}_channels"]
    if channels < 1:
        raise VoiceDeviceError(f"device {info['name']!r} has no {kind} channels; {_HINT}")
    return info


class SoundDeviceMicrophone:
    """A live microphone: 16 kHz mono int16 chunks of ``chunk_ms``, resampled in-process.

    ``chunks()`` raises ``VoiceDeviceError`` when the device disappears mid-session (the
    PortAudio stream finishes on its own, or no audio arrives for ``stall_timeout`` seconds),
    so the loop can report it and stop cleanly.
    """

    def __init__(
        self,
        device: int | str | None = None,
        chunk_ms: int = 30,
        stall_timeout: float = 2.0,
    ) -> None:
        sd = _sd()
        info = _query("input", device)
        self.device_name: str = info["name"]
        self.device_rate = int(info["default_samplerate"])
        self.rate = MODEL_RATE
        self.chunk_frames = MODEL_RATE * chunk_ms // 1000
        self.stall_timeout = stall_timeout
        self._queue: queue.Queue[np.ndarray] = queue.Queue(maxsize=500)
        self._finished = threading.Event()
        self._closing = False
        self.overflows = 0
        try:
            self._stream = sd.InputStream(
                device=device,
                samplerate=self.device_rate,
                channels=1,
                dtype="float32",
                blocksize=self.device_rate * chunk_ms // 1000,
                callback=self._callback,
                finished_callback=self._finished.set,
            )
            self._stream.start()
        except sd.PortAudioError as exc:
            raise VoiceDeviceError(
                f"cannot open microphone {self.device_name!r} (missing or busy: {exc}); {_HINT}"
            ) from exc

    def _callback(self, indata: np.ndarray, frames: int, _time: Any, status: Any) -> None:
        if status and status.input_overflow:
            self.overflows += 1
        try:
            self._queue.put_nowait(indata[:, 0].copy())
        except queue.Full:  # the consumer stalled; dropping is better than blocking PortAudio
            self.overflows += 1

    def chunks(self) -> Iterator[AudioChunk]:
        resampler = StreamResampler(self.device_rate, MODEL_RATE)
        pending = np.zeros(0, dtype=np.float32)
        last_data = time.monotonic()
        startup_grace = 3.0  # ALSA-over-Pulse can take a moment to deliver the first block
        while not self._closing:
            try:
                block = self._queue.get(timeout=0.1)
            except queue.Empty:
                if self._closing:
                    break
                if self._finished.is_set():
                    raise VoiceDeviceError(
                        f"microphone {self.device_name!r} stopped (unplugged?); {_HINT}"
                    ) from None
                if time.monotonic() - last_data > self.stall_timeout + startup_grace:
                    raise VoiceDeviceError(
                        f"microphone {self.device_name!r} stopped delivering audio; {_HINT}"
                    ) from None
                continue
            startup_grace = 0.0
            now = time.monotonic()
            last_data = now
            pending = np.concatenate([pending, resampler.process(block)])
            count = len(pending) // self.chunk_frames
            for i in range(count):
                part = pending[i * self.chunk_frames : (i + 1) * self.chunk_frames]
                stamp = now - (count - 1 - i) * self.chunk_frames / MODEL_RATE
                yield AudioChunk(float_to_int16(part).tobytes(), MODEL_RATE, timestamp=stamp)
            pending = pending[count * self.chunk_frames :]

    def close(self) -> None:
        self._closing = True
        try:
            self._stream.stop()
            self._stream.close()
        except Exception:  # noqa: BLE001 - a vanished device may fail to close; nothing to do
            pass


class SoundDeviceSpeaker:
    """A live speaker: chunks at any rate are resampled to the device rate and queued.

    PortAudio's callback pulls from the queue, so ``play`` never blocks and ``stop()`` silences
    output within one callback block (about ``block_ms``).
    """

    def __init__(self, device: int | str | None = None, block_ms: int = 20) -> None:
        sd = _sd()
        info = _query("output", device)
        self.device_name: str = info["name"]
        self.rate = int(info["default_samplerate"])
        self._queue = PlaybackQueue(self.rate)
        self._busy = False
        self.first_play_time: float | None = None
        self.error: str | None = None
        try:
            self._stream = sd.OutputStream(
                device=device,
                samplerate=self.rate,
                channels=1,
                dtype="int16",
                blocksize=self.rate * block_ms // 1000,
                callback=self._callback,
            )
            self._stream.start()
        except sd.PortAudioError as exc:
            raise VoiceDeviceError(
                f"cannot open speaker {self.device_name!r} (missing or busy: {exc}); {_HINT}"
            ) from exc

    def _callback(self, outdata: np.ndarray, frames: int, _time: Any, status: Any) -> None:
        block, filled = self._queue.pull(frames)
        if filled and not self._busy:
            self.first_play_time = time.monotonic()
        self._busy = filled > 0
        outdata[:, 0] = block

    def play(self, chunk: AudioChunk) -> None:
        if not self._stream.active:
            raise VoiceDeviceError(f"speaker {self.device_name!r} stopped (unplugged?); {_HINT}")
        self._queue.push(chunk)

    def stop(self) -> None:
        self._queue.clear()
        self._busy = False  # what is left is one block already handed to the device

    def is_playing(self) -> bool:
        return self._queue.queued_frames > 0 or self._busy

    def wait(self) -> None:
        while self.is_playing() and self._stream.active:
            self._queue.wait_drained(timeout=0.1)
            time.sleep(0.005)
        latency = self._stream.latency
        if self._stream.active and isinstance(latency, float):
            time.sleep(latency)  # the last block is still in the device buffer

    @property
    def played_samples(self) -> int:
        """Samples played since creation, at the rate of the chunks given to ``play``."""
        return self._queue.played_source_samples

    @property
    def played_seconds(self) -> float:
        return self._queue.played_frames / self.rate

    def close(self) -> None:
        try:
            self._stream.stop()
            self._stream.close()
        except Exception:  # noqa: BLE001 - a vanished device may fail to close; nothing to do
            pass


__all__ = ["DeviceInfo", "SoundDeviceMicrophone", "SoundDeviceSpeaker", "list_devices"]
