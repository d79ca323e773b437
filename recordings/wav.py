"""A crash-safe, incrementally written 16-bit PCM WAV track, and a tolerant reader.

Why a fixed-up header instead of chunked files: one WAV per track is what every player and the
HTML report can open directly. The header is written first with the sizes of what is on disk
and rewritten after every flush (about twice a second of audio, plus at the end), followed by
``fsync``. A ``kill -9`` therefore leaves a valid WAV whose header is at most one flush behind;
the reader here (and ``voice.wav_io``) trusts the file length over a stale header, so nothing
written before the kill is lost. Sample 0 is session time 0: gaps are filled with silence, so a
position in the file is a time in the session.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import TYPE_CHECKING

from recordings.format import RecordingError

if TYPE_CHECKING:
    import numpy as np

HEADER_BYTES = 44
FLUSH_SECONDS = 0.5


def _header(data_bytes: int, rate: int, channels: int) -> bytes:
    block = 2 * channels
    return (
        b"RIFF"
        + struct.pack("<I", 36 + data_bytes)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, channels, rate, rate * block, block, 16)
        + b"data"
        + struct.pack("<I", data_bytes)
    )


class TrackWriter:
    """Append-only mono/stereo int16 WAV whose position is session time."""

    def __init__(self, path: Path, rate: int, channels: int = 1, *, append: bool = False) -> None:
        """``append`` continues an existing track of the same format (a resumed session);
        otherwise, or when the file is not such a track, it starts a new one."""
        self.path = Path(path)
        self.rate = rate
        self.channels = channels
        self._frames = 0
        self._unflushed = 0
        existing = _existing_frames(self.path, rate, channels) if append else None
        if existing is None:
            self._file = open(self.path, "w+b")  # noqa: SIM115 - closed in close()
            self._file.write(_header(0, rate, channels))
        else:
            self._file = open(self.path, "r+b")  # noqa: SIM115 - closed in close()
            self._frames = existing
            self._file.truncate(HEADER_BYTES + existing * 2 * channels)  # drop a torn frame
        self.flush()

    @property
    def seconds(self) -> float:
        """Length written so far."""
        return self._frames / self.rate

    def write(self, pcm: bytes, at: float | None = None) -> None:
        """Append int16 PCM; when ``at`` (session seconds) is ahead of the end, pad with silence.

        Audio that arrives late (``at`` behind the end) is appended, never overlapped: the
        track keeps every sample it was given.
        """
        if at is not None:
            self.pad_to(at)
        frame_bytes = 2 * self.channels
        pcm = pcm[: len(pcm) - len(pcm) % frame_bytes]
        self._file.seek(0, os.SEEK_END)
        self._file.write(pcm)
        frames = len(pcm) // frame_bytes
        self._frames += frames
        self._unflushed += frames
        if self._unflushed >= FLUSH_SECONDS * self.rate:
            self.flush()

    def pad_to(self, seconds: float) -> None:
        """Silence up to ``seconds`` when the track is shorter (small jitter is ignored)."""
        missing = int(round(seconds * self.rate)) - self._frames
        if missing > self.rate // 50:  # more than 20 ms: a real gap, not clock jitter
            self.write(b"\x00\x00" * self.channels * missing)

    def truncate_to(self, seconds: float) -> None:
        """Drop audio after ``seconds`` (a reply cut by barge-in was never heard)."""
        frames = max(0, int(round(seconds * self.rate)))
        if frames < self._frames:
            self._frames = frames
            self._file.truncate(HEADER_BYTES + frames * 2 * self.channels)
            self.flush()

    def flush(self) -> None:
        """Make the header match the data on disk and fsync both."""
        self._file.seek(0)
        self._file.write(_header(self._frames * 2 * self.channels, self.rate, self.channels))
        self._file.seek(0, os.SEEK_END)
        self._file.flush()
        os.fsync(self._file.fileno())
        self._unflushed = 0

    def close(self) -> None:
        if not self._file.closed:
            self.flush()
            self._file.close()


def _existing_frames(path: Path, rate: int, channels: int) -> int | None:
    """Frames in an existing track with this rate and channel count, else None."""
    try:
        with open(path, "rb") as f:
            head = f.read(HEADER_BYTES)
            size = os.fstat(f.fileno()).st_size
    except OSError:
        return None
    if len(head) < HEADER_BYTES or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    if struct.unpack("<HI", head[22:28]) != (channels, rate):
        return None
    return (size - HEADER_BYTES) // (2 * channels)


def read_track(path: Path) -> tuple[np.ndarray, int]:
    """(float32 mono samples, rate) of a recorded track, trusting the file length over a stale
    header (a session killed between flushes)."""
    import numpy as np

    from recordings.files import MAX_TRACK_BYTES, read_bounded

    raw = read_bounded(path, MAX_TRACK_BYTES)
    if len(raw) < HEADER_BYTES or raw[:4] != b"RIFF" or raw[8:12] != b"WAVE":
        raise RecordingError(f"{Path(path).name} is not a WAV file")
    channels, rate = struct.unpack("<HI", raw[22:28])
    bits = struct.unpack("<H", raw[34:36])[0]
    if bits != 16 or channels < 1 or rate < 1000 or raw[36:40] != b"data":
        raise RecordingError(f"{Path(path).name} is not a Hotseat 16-bit PCM track")
    body = raw[HEADER_BYTES:]
    body = body[: len(body) - len(body) % (2 * channels)]
    pcm = np.frombuffer(body, dtype="<i2").astype(np.float32) / 32768.0
    if channels > 1:
        pcm = pcm.reshape(-1, channels).mean(axis=1)
    return pcm, rate


def wav_bytes(samples: np.ndarray, rate: int, codec: str = "pcm16") -> bytes:
    """A complete mono WAV file in memory (for the HTML report).

    ``codec="mulaw"`` writes G.711 μ-law (8 bits a sample, telephone quality speech, a quarter
    of 16 kHz PCM16's size at 8 kHz); browsers decode it natively.
    """
    import numpy as np

    if codec == "pcm16":
        pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()
        return _header(len(pcm), rate, 1) + pcm
    if codec != "mulaw":
        raise ValueError(f"unknown codec {codec!r} (pcm16 or mulaw)")
    data = mulaw_encode(samples)
    fmt = struct.pack("<HHIIHHH", 7, 1, rate, rate, 1, 8, 0)  # WAVE_FORMAT_MULAW, cbSize 0
    fact = b"fact" + struct.pack("<II", 4, len(data))
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + fact
    body += b"data" + struct.pack("<I", len(data)) + data + (b"\0" if len(data) & 1 else b"")
    return b"RIFF" + struct.pack("<I", len(body)) + body


def mulaw_encode(samples: np.ndarray) -> bytes:
    """float samples in [-1, 1] to G.711 μ-law bytes (the Sun reference quantisation, as
    ``audioop.lin2ulaw``)."""
    import numpy as np

    value = (np.clip(samples, -1.0, 1.0) * 32767.0).astype(np.int32) >> 2  # 14-bit
    negative = value < 0
    mask = np.where(negative, 0x7F, 0xFF)
    value = np.minimum(np.abs(value), 8159) + 33
    segment = np.searchsorted(_SEGMENT_ENDS, value, side="left")
    code = (segment << 4) | ((value >> (np.minimum(segment, 7) + 1)) & 0x0F)
    code = np.where(segment >= 8, 0x7F, code)
    return ((code ^ mask) & 0xFF).astype(np.uint8).tobytes()


_SEGMENT_ENDS = (0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF)


__all__ = ["TrackWriter", "mulaw_encode", "read_track", "wav_bytes"]
