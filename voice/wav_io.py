"""WAV files: a reader for any common PCM/float WAV, a writer, and the WAV-file microphone.

The stdlib ``wave`` module (3.11) refuses float and WAVE_FORMAT_EXTENSIBLE files, which is what
many recorders write, so the RIFF header is parsed here. Files are read in blocks, so a
ten-minute monologue streams through the microphone in bounded memory.
"""

from __future__ import annotations

import io
import struct
import threading
import time
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np

from voice.errors import AudioFormatError
from voice.events import AudioChunk
from voice.resample import MODEL_RATE, StreamResampler, float_to_int16, resample, to_float_mono

_PCM, _FLOAT, _EXTENSIBLE = 1, 3, 0xFFFE


class WavReader:
    """Header and block reader for a RIFF/WAVE file (PCM 8/16/24/32-bit, float 32/64-bit)."""

    def __init__(self, source: str | Path | bytes | BinaryIO) -> None:
        """``source``: a path, the file's bytes, or a binary file object (seekable)."""
        if isinstance(source, bytes | bytearray):
            source = io.BytesIO(source)
        if hasattr(source, "read"):
            self.path = Path(getattr(source, "name", None) or "audio.wav")
            self._file = source
        else:
            self.path = Path(source)
            if self.path.is_dir():
                raise AudioFormatError(f"{self.path} is a directory, not a WAV file")
            try:
                self._file = open(self.path, "rb")  # noqa: SIM115 - closed in close()
            except OSError as exc:
                raise AudioFormatError(f"cannot read {self.path}: {exc.strerror or exc}") from exc
        try:
            self._parse_header()
        except Exception:
            self._file.close()
            raise

    def _parse_header(self) -> None:
        head = self._file.read(12)
        if len(head) < 12 or head[:4] not in (b"RIFF", b"RIFX") or head[8:12] != b"WAVE":
            raise AudioFormatError(f"{self.path.name} is not a WAV file (only WAV is supported)")
        if head[:4] == b"RIFX":
            raise AudioFormatError(f"{self.path.name}: big-endian WAV (RIFX) is not supported")
        fmt = None
        while True:
            chunk = self._file.read(8)
            if len(chunk) < 8:
                raise AudioFormatError(f"{self.path.name}: WAV file has no audio data")
            cid, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
            if cid == b"fmt ":
                fmt = self._file.read(size + (size & 1))
            elif cid == b"data":
                if fmt is None:
                    raise AudioFormatError(f"{self.path.name}: WAV data before its format")
                self._data_start = self._file.tell()
                file_size = self._file.seek(0, io.SEEK_END)
                self._file.seek(self._data_start)
                # Streaming writers leave the size as 0 or 0xFFFFFFFF: read to end of file.
                self._data_size = min(size or file_size, file_size - self._data_start)
                break
            else:
                self._file.seek(size + (size & 1), 1)
        if len(fmt) < 16:
            raise AudioFormatError(f"{self.path.name}: truncated WAV format header")
        tag, channels, rate, _, block_align, bits = struct.unpack("<HHIIHH", fmt[:16])
        if tag == _EXTENSIBLE and len(fmt) >= 26:
            tag = struct.unpack("<H", fmt[24:26])[0]
        width = bits // 8
        if tag == _PCM and width in (1, 2, 3, 4):
            self.dtype = {1: "u1", 2: "<i2", 3: "i24", 4: "<i4"}[width]
        elif tag == _FLOAT and width in (4, 8):
            self.dtype = {4: "<f4", 8: "<f8"}[width]
        else:
            raise AudioFormatError(
                f"{self.path.name}: unsupported WAV encoding (format {tag}, {bits}-bit); "
                "use PCM 8/16/24/32-bit or float"
            )
        if channels < 1 or rate < 1000 or block_align != width * channels:
            raise AudioFormatError(f"{self.path.name}: implausible WAV header")
        self.channels, self.rate, self.width = channels, rate, width
        self.frames = self._data_size // block_align
        self._remaining = self.frames

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.frames / self.rate

    def read(self, frames: int) -> np.ndarray:
        """Next ``frames`` frames as float32 mono (fewer at the end; empty when done)."""
        frames = min(frames, self._remaining)
        if frames <= 0:
            return np.zeros(0, dtype=np.float32)
        raw = self._file.read(frames * self.width * self.channels)
        frames = len(raw) // (self.width * self.channels)
        self._remaining = 0 if frames == 0 else self._remaining - frames
        raw = raw[: frames * self.width * self.channels]
        if self.dtype == "i24":
            b = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
            pcm = (b[:, 0] << 8 | b[:, 1] << 16 | b[:, 2] << 24).astype(np.int32)
        else:
            pcm = np.frombuffer(raw, dtype=np.dtype(self.dtype))
            if pcm.dtype == np.float64:
                pcm = pcm.astype(np.float32)
        return to_float_mono(pcm, self.channels)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> WavReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_wav(source: str | Path | bytes, rate: int = MODEL_RATE) -> np.ndarray:
    """The whole file as float32 mono at ``rate`` (16 kHz by default, what Whisper wants)."""
    with WavReader(source) as reader:
        if reader.frames <= reader.rate * 30:
            return resample(reader.read(reader.frames), reader.rate, rate)
        # Long recordings: convert in blocks so memory stays near the 16 kHz result's size.
        stream = StreamResampler(reader.rate, rate)
        parts = []
        while True:
            block = reader.read(reader.rate * 10)
            parts.append(stream.process(block, last=len(block) < reader.rate * 10))
            if len(block) < reader.rate * 10:
                return np.concatenate(parts)


def write_wav(path: str | Path | BinaryIO, audio: np.ndarray | bytes, rate: int) -> None:
    """Write mono 16-bit PCM; ``audio`` is int16 samples/bytes or float32 in [-1, 1]."""
    if isinstance(audio, bytes | bytearray):
        pcm = bytes(audio)
    elif np.issubdtype(audio.dtype, np.floating):
        pcm = float_to_int16(audio).astype("<i2").tobytes()
    else:
        pcm = audio.astype("<i2").tobytes()
    if not hasattr(path, "write"):
        with open(path, "wb") as file:  # open first: a bad path then fails cleanly
            write_wav(file, pcm, rate)
        return
    with wave.open(path, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)


def wav_bytes(audio: np.ndarray | bytes, rate: int) -> bytes:
    """A mono 16-bit WAV file in memory (for uploading to a remote transcriber)."""
    buffer = io.BytesIO()
    write_wav(buffer, audio, rate)
    return buffer.getvalue()


class WavMicrophone:
    """A microphone that plays a WAV file (or an array) as if spoken live.

    Chunks are 16 kHz mono int16, ``chunk_ms`` long (30 ms suits webrtcvad), paced in real time
    divided by ``speed`` (``speed=0`` means as fast as possible) and stamped with the monotonic
    time at which each would have been captured. ``tail_silence`` seconds of silence follow the
    audio so an endpointer can see the speech end.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        samples: np.ndarray | None = None,
        sample_rate: int = MODEL_RATE,
        speed: float = 1.0,
        chunk_ms: int = 30,
        tail_silence: float = 0.0,
    ) -> None:
        if (path is None) == (samples is None):
            raise ValueError("give either a WAV path or samples")
        self._reader = WavReader(path) if path is not None else None
        self._samples = None if samples is None else to_float_mono(np.asarray(samples))
        self._source_rate = self._reader.rate if self._reader else sample_rate
        self.rate = MODEL_RATE
        self.speed = speed
        self.chunk_frames = MODEL_RATE * chunk_ms // 1000
        self.tail_silence = tail_silence
        self._closed = threading.Event()

    @property
    def source_rate(self) -> int:
        """Sample rate of the file or array before resampling to 16 kHz."""
        return self._source_rate

    def _blocks(self) -> Iterator[np.ndarray]:
        """The source as float32 16 kHz blocks, resampled as it streams."""
        resampler = StreamResampler(self._source_rate, MODEL_RATE)
        block = self._source_rate  # one second of source audio at a time
        if self._reader is not None:
            while True:
                audio = self._reader.read(block)
                last = len(audio) < block
                yield resampler.process(audio, last=last)
                if last:
                    break
        else:
            assert self._samples is not None
            for i in range(0, max(len(self._samples), 1), block):
                part = self._samples[i : i + block]
                yield resampler.process(part, last=i + block >= len(self._samples))
        if self.tail_silence > 0:
            yield np.zeros(int(self.tail_silence * MODEL_RATE), dtype=np.float32)

    def chunks(self) -> Iterator[AudioChunk]:
        """Fixed-size chunks, paced like a live device; the last partial chunk is zero-padded."""
        pending = np.zeros(0, dtype=np.float32)
        start = time.monotonic()
        sent = 0
        try:
            for block in self._blocks():
                pending = np.concatenate([pending, block])
                while len(pending) >= self.chunk_frames:
                    if self._closed.is_set():
                        return
                    yield self._emit(pending[: self.chunk_frames], start, sent)
                    sent += 1
                    pending = pending[self.chunk_frames :]
            if len(pending) and not self._closed.is_set():
                padded = np.zeros(self.chunk_frames, dtype=np.float32)
                padded[: len(pending)] = pending
                yield self._emit(padded, start, sent)
        finally:
            self.close()

    def _emit(self, audio: np.ndarray, start: float, index: int) -> AudioChunk:
        due = start + (index + 1) * self.chunk_frames / MODEL_RATE / (self.speed or 1.0)
        if self.speed > 0:
            delay = due - time.monotonic()
            if delay > 0:
                self._closed.wait(delay)
        stamp = due if self.speed > 0 else time.monotonic()
        return AudioChunk(audio=float_to_int16(audio).tobytes(), rate=MODEL_RATE, timestamp=stamp)

    def close(self) -> None:
        """Stop the chunk iterator (from any thread) and release the file."""
        self._closed.set()
        if self._reader is not None:
            self._reader.close()


__all__ = ["WavMicrophone", "WavReader", "read_wav", "wav_bytes", "write_wav"]
