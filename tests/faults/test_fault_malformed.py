"""Item 4: one malformed recording never breaks `progress` or `replay --html` for the others,
and nothing in a recording folder can make a reader read forever or block.
Item 10: `replay` never prints a terminal escape sequence from the transcript."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.faults.support import hotseat, make_recording


@pytest.fixture
def home(tmp_path):
    home = tmp_path / "home"
    make_recording(home / "sessions", "20261201-080000-good")
    return home


def _progress_sessions(home: Path) -> int:
    result = hotseat(["progress", "--json"], home, timeout=90)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)["sessions"]


def _html_of_good(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = hotseat(["replay", "20261201-080000-good", "--html", str(out)], home, timeout=90)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert out.stat().st_size > 0


def test_item04_meta_json_that_is_a_list_is_skipped(home, tmp_path):
    bad = make_recording(home / "sessions", "20261201-090000-bad")
    (bad / "meta.json").write_text("[1, 2, 3]")
    assert _progress_sessions(home) >= 1
    _html_of_good(home, tmp_path)
    replay = hotseat(["replay", bad.name, "--json"], home, timeout=90)
    assert "Traceback" not in replay.stderr, replay.stderr


def test_item04_a_truncated_wav_does_not_crash_the_report(home, tmp_path):
    from recordings import Recorder

    rec = Recorder(home / "sessions", session_id="20261201-100000-audio")
    rec.audio("candidate", b"\x01\x00" * 16000, rate=16000)
    rec.record({"type": "candidate_turn", "text": "40 writes a second"})
    path = rec.finish({"dimensions": {"requirements": {"score": 5, "out_of": 10}}})
    (path / "candidate.wav").write_bytes((path / "candidate.wav").read_bytes()[:30])
    out = tmp_path / "audio.html"
    result = hotseat(["replay", path.name, "--html", str(out)], home, timeout=90)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0 or len(result.stderr.strip().splitlines()) == 1
    _html_of_good(home, tmp_path)


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_item04_board_snapshot_pointing_at_a_device_or_fifo(home, tmp_path, target):
    bad = make_recording(home / "sessions", "20261201-110000-board")
    snapshot = bad / "board" / "0001.json"
    snapshot.unlink()
    if target == "fifo":
        os.mkfifo(snapshot)
    else:
        snapshot.symlink_to(target)
    out = tmp_path / "board.html"
    result = hotseat(["replay", bad.name, "--html", str(out)], home, timeout=60)  # never hangs
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert _progress_sessions(home) >= 1
    _html_of_good(home, tmp_path)


def test_item10_replay_strips_terminal_escapes_from_candidate_text(tmp_path):
    home = tmp_path / "home"
    hostile = "\x1b]0;owned\x07\x1b[2J\x1b[31mpeak is 3x\x1b[0m\x9b2J so 60,000\x1bP+q\x1b\\"
    make_recording(home / "sessions", "20261201-120000-esc", text=hostile)
    result = hotseat(["replay", "latest", "--no-audio"], home, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "peak is 3x" in result.stdout and "so 60,000" in result.stdout
    for bad in ("\x1b", "\x07", "\x9b"):
        assert bad not in result.stdout, repr(result.stdout)
