"""Shared pieces of the fault suite: run the real `hotseat` command, mount a small tmpfs, make a
scored recording. Every subprocess has a timeout; every mount is undone."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TURNS = [
    "We need about 100 million new short URLs a month and reads are 100 times writes.",
    "100 million a month is about 40 writes per second, so around 4,000 reads per second.",
    "I'd put the mappings in a key value store sharded by the short code, with a cache in front.",
]


def hotseat(
    args: list[str],
    home: Path,
    stdin: bytes = b"",
    timeout: float = 120,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """`hotseat ARGS` in a subprocess (this checkout's code), stdout/stderr as text."""
    result = subprocess.run(
        _command(args),
        input=stdin,
        capture_output=True,
        timeout=timeout,
        cwd=ROOT,
        env=_environ(home, env),
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8", errors="replace"),
        result.stderr.decode("utf-8", errors="replace"),
    )


def start_hotseat(args: list[str], home: Path) -> subprocess.Popen:
    """`hotseat ARGS` started in the background with piped stdin/stdout/stderr (bytes)."""
    return subprocess.Popen(
        _command(args),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=_environ(home, None),
    )


def _command(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "agent.cli.main", *args]


def _environ(home: Path, env: dict[str, str] | None) -> dict[str, str]:
    return {**os.environ, "HOTSEAT_HOME": str(home), "HF_HUB_OFFLINE": "1", **(env or {})}


def one_clear_line(result: subprocess.CompletedProcess) -> None:
    """A refusal: non-zero exit, no traceback, and a short stderr."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    assert 1 <= len(result.stderr.strip().splitlines()) <= 2, result.stderr


@contextlib.contextmanager
def tmpfs(path: Path, size_kb: int, read_only: bool = False) -> Iterator[Path]:
    """A small tmpfs at `path` (skips the test where mounting is not allowed)."""
    path.mkdir(parents=True, exist_ok=True)
    options = f"size={size_kb}k" + (",ro" if read_only else "")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
        capture_output=True,
        timeout=30,
    )
    if mounted.returncode != 0:
        if read_only and os.geteuid() != 0:  # without a mount, permissions do it for non-root
            path.chmod(0o555)
            try:
                yield path
            finally:
                path.chmod(0o755)
            return
        pytest.skip("cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30)


def make_recording(root: Path, session_id: str, text: str = "100 million a month", *, scores=True):
    """A finished recording with one exchange, optionally scored."""
    from recordings import Recorder

    clock = [0.0]
    rec = Recorder(
        root, meta={"scenario": "url-shortener"}, session_id=session_id, clock=lambda: clock[0]
    )
    rec.record({"type": "interviewer_turn", "text": "What scale are we designing for?"})
    clock[0] = 5.0
    rec.record({"type": "candidate_turn", "text": text})
    clock[0] = 9.0
    rec.snapshot_board({"components": [{"id": "c1", "label": "API"}], "edges": [], "revision": 1})
    score = {"dimensions": {"requirements": {"score": 6, "out_of": 10, "evidence": []}}}
    return rec.finish(score if scores else None)
