"""Hand freed heap memory back to the OS between turns.

Whisper's and Piper's buffers are freed after each call, but glibc keeps the pages in its
per-thread arenas, so a session's resident size creeps up to its worst moment and stays there.
Trimming once a reply has finished (the loop is idle then) keeps a long session near its
working size. A no-op where glibc is not the allocator.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools


@functools.cache
def _libc():
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name)
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def release_free_memory() -> bool:
    """Return free heap pages to the OS; True when the allocator supports it."""
    libc = _libc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True


__all__ = ["release_free_memory"]
