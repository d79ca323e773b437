"""Reading files out of a recording directory without trusting them.

A recording is user data that may have been edited, truncated or tampered with: a snapshot path
may point at ``/dev/zero`` (endless) or a FIFO (blocks forever). Every read here opens without
blocking, accepts only regular files and refuses anything larger than a bound.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from recordings.format import RecordingError

MAX_JSON_BYTES = 16 * 1024 * 1024
MAX_LOG_BYTES = 512 * 1024 * 1024
MAX_TRACK_BYTES = 2 * 1024 * 1024 * 1024


def is_regular_file(path: Path) -> bool:
    """True for a regular file (following links); False for devices, FIFOs, sockets, folders."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_bounded(path: str | Path, limit: int) -> bytes:
    """The whole file, if it is a regular file of at most ``limit`` bytes; else RecordingError."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise RecordingError(f"cannot read {path.name}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RecordingError(f"{path.name} is not a regular file")
        if info.st_size > limit:
            raise RecordingError(f"{path.name} is too large ({info.st_size} bytes, limit {limit})")
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise RecordingError(f"{path.name} grew past {limit} bytes while being read")
        return b"".join(chunks)
    except OSError as exc:
        raise RecordingError(f"cannot read {path.name}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


__all__ = ["MAX_JSON_BYTES", "MAX_LOG_BYTES", "MAX_TRACK_BYTES", "is_regular_file", "read_bounded"]
