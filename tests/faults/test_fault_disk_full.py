"""Item 1: the disk fills mid-interview. The candidate is told once, the interview and its scores
go on, and everything recorded before the disk filled replays."""

from __future__ import annotations

import errno
import json
import re
import time
from pathlib import Path

from recordings import Recorder, load_recording
from recordings.replay import build_replay
from tests.faults.support import TURNS, hotseat, start_hotseat, tmpfs

NOTICE = re.compile(r"disk full — the recording stopped at \d\d:\d\d; the interview continues")


class FillingFile:
    """A log file object whose disk fills after `budget` bytes (ENOSPC, as a full disk says)."""

    def __init__(self, inner, budget: int) -> None:
        self.inner = inner
        self.budget = budget

    def write(self, text: str) -> int:
        if len(text) > self.budget:
            self.inner.write(text[: self.budget])  # a torn last line, as on a real disk
            self.budget = 0
            raise OSError(errno.ENOSPC, "No space left on device")
        self.budget -= len(text)
        return self.inner.write(text)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_item01_recorder_survives_a_full_disk_and_says_so_once(tmp_path, monkeypatch):
    told: list[str] = []
    clock = [0.0]
    rec = Recorder(tmp_path, session_id="s1", clock=lambda: clock[0], on_problem=told.append)
    rec._log = FillingFile(rec._log, budget=600)
    said = [f"turn number {n}: about {n * 1000} writes a second" for n in range(40)]
    for n, text in enumerate(said):
        clock[0] = float(n)
        rec.record({"type": "candidate_turn", "text": text})  # must never raise
    rec.audio("candidate", b"\x00\x01" * 1600, rate=16000)

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("recordings.recorder.write_json_atomic", full)
    rec.snapshot_board({"components": [], "edges": [], "revision": 2})
    path = rec.finish({"dimensions": {}})
    assert len(told) == 1 and NOTICE.fullmatch(told[0]), told
    replayed = [line.text for line in build_replay(load_recording(path)).transcript]
    assert replayed and replayed == said[: len(replayed)]  # what was written replays, in order


def test_item01_interview_on_a_disk_that_fills_goes_on_and_scores(tmp_path):
    home = tmp_path / "home"
    with tmpfs(home, 4096):
        proc = start_hotseat(["interview", "--text", "--scenario", "url-shortener"], home)
        try:
            events = None
            proc.stdin.write((TURNS[0] + "\n").encode())
            proc.stdin.flush()
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:  # wait until the first turn is on disk
                events = next(home.glob("sessions/*/events.jsonl"), None)
                if events and "candidate_turn" in events.read_text(errors="replace"):
                    break
                time.sleep(0.2)
            filler = home / "filler"
            with open(filler, "wb") as out:  # fill the disk to the last byte
                try:
                    while True:
                        out.write(b"\0" * 65536)
                        out.flush()
                except OSError:
                    pass
            later = "\n".join(TURNS[1:] * 3) + "\n"
            out, err = proc.communicate(later.encode(), timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
        out, err = out.decode(errors="replace"), err.decode(errors="replace")
        assert proc.returncode == 0, err
        assert "Traceback" not in err, err
        assert len(NOTICE.findall(err)) == 1, err
        assert "lost my train of thought" not in out
        assert "Scores" in out and "/10" in out
        filler.unlink()
        replay = hotseat(["replay", "latest", "--json"], home)
        assert replay.returncode == 0, replay.stderr
        said = [
            t["text"]
            for t in json.loads(replay.stdout)["transcript"]
            if t["speaker"] == "candidate"
        ]
        assert said[:1] == TURNS[:1]


def test_item01_base_recorder_path_is_unchanged_when_nothing_fails(tmp_path):
    rec = Recorder(tmp_path, session_id="ok")
    rec.record({"type": "candidate_turn", "text": "fine"})
    path = rec.finish({"dimensions": {}})
    assert rec.write_error is None
    assert Path(path, "scores.json").is_file()
