"""Items 2, 3, 5 and 6: bad bytes on stdin, hostile session ids, resume bookkeeping and a
read-only data folder, through the real `hotseat` command."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest

from recordings import Recorder, load_recording
from recordings.reader import resolve_session
from recordings.replay import build_replay
from tests.faults.support import (
    TURNS,
    hotseat,
    make_recording,
    one_clear_line,
    start_hotseat,
    tmpfs,
)


def _candidate_turns(home: Path) -> list[dict]:
    found = []
    for log in sorted(home.glob("sessions/*/events.jsonl")):
        for line in log.read_text(errors="replace").splitlines():
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if event.get("type") == "candidate_turn":
                found.append(event)
    return found


# -- item 2: bytes that are not UTF-8 -------------------------------------------------------------
@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
def test_item02_undecodable_stdin_never_crashes_or_drops_a_turn(tmp_path, locale):
    home = tmp_path / "home"
    lines = [
        b"We need \xff\xfe about 100 million URLs a month\n",
        b"caf\xe9 reads are 100x writes\n",
        TURNS[2].encode() + b"\n",
    ]
    env = {"LC_ALL": locale, "LANG": locale, "PYTHONIOENCODING": "utf-8:strict"}
    result = hotseat(
        ["interview", "--text", "--scenario", "url-shortener"], home, b"".join(lines), env=env
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    said = [e["text"] for e in _candidate_turns(home)]
    assert len(said) == len(lines), said
    assert "\ufffd" in said[0] and said[2] == TURNS[2]


def test_item02_recorder_keeps_a_turn_with_lone_surrogates(tmp_path):
    told: list[str] = []
    rec = Recorder(tmp_path, session_id="s", on_problem=told.append)
    rec.record({"type": "candidate_turn", "text": "caf\udce9 at 3x peak"})
    rec.record({"type": "candidate_turn", "text": "next turn"})
    path = rec.finish()
    texts = [line.text for line in build_replay(load_recording(path)).transcript]
    assert len(texts) == 2 and texts[0].endswith("at 3x peak") and not told


# -- item 3: hostile and unknown ids --------------------------------------------------------------
@pytest.mark.parametrize("ref", ["latest", "../../escaped", "ABSOLUTE", "a/b", "..", "x\\..\\y"])
def test_item03_resume_checks_the_id_before_writing_anything(tmp_path, ref):
    home = tmp_path / "data" / "home"
    outside = tmp_path / "outside"
    if ref == "ABSOLUTE":
        ref = str(outside)
    result = hotseat(["interview", "--text", "--resume", ref], home, b"hello\n", timeout=60)
    one_clear_line(result)
    assert not (home / "sessions" / "latest").exists()
    assert not outside.exists() and not (tmp_path / "escaped").exists()
    assert not (tmp_path / "data" / "escaped").exists()
    assert not any(home.glob("sessions/*")), list(home.glob("sessions/*"))


def test_item03_latest_means_the_latest_session(tmp_path):
    home = tmp_path / "home"
    root = home / "sessions"
    make_recording(root, "20261130-090000-old")
    newest = make_recording(root, "20261201-090000-new")
    stray = make_recording(root, "latest")  # what the old `--resume latest` left behind
    assert stray.name == "latest"
    assert resolve_session(root, "latest") == newest
    replay = hotseat(["replay", "latest", "--json"], home)
    assert replay.returncode == 0, replay.stderr
    assert json.loads(replay.stdout)["session"] == newest.name


@pytest.mark.parametrize("ref", ["../../etc", "/etc", "x/../../y"])
def test_item03_replay_and_annotate_refuse_hostile_ids(tmp_path, ref):
    home = tmp_path / "home"
    make_recording(home / "sessions", "20261201-090000-a")
    for args in (["replay", ref, "--json"], ["annotate", ref, "--at", "00:01", "note"]):
        result = hotseat(args, home, timeout=60)
        one_clear_line(result)
    assert not any(p.name == "notes.jsonl" for p in Path("/etc").glob("notes.jsonl"))


# -- item 5: resume bookkeeping -------------------------------------------------------------------
def _start_and_kill(home: Path) -> str:
    proc = start_hotseat(["interview", "--text", "--scenario", "url-shortener"], home)
    try:
        proc.stdin.write(("\n".join(TURNS[:2]) + "\n").encode())
        proc.stdin.flush()
        deadline = time.monotonic() + 90
        while len(_candidate_turns(home)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    folders = list(home.glob("sessions/*"))
    assert len(folders) == 1
    return folders[0].name


def test_item05_resume_continues_the_same_folder_and_clock_and_scores_once(tmp_path):
    home = tmp_path / "home"
    session = _start_and_kill(home)
    before = max(e["t"] for e in _candidate_turns(home))
    resumed = hotseat(
        ["interview", "--text", "--resume", "latest"], home, (TURNS[2] + "\n").encode()
    )
    assert resumed.returncode == 0, resumed.stderr
    assert [p.name for p in home.glob("sessions/*")] == [session]  # no `<id>-2`
    turns = _candidate_turns(home)
    assert [e["text"] for e in turns] == TURNS and turns[-1]["t"] >= before
    recording = load_recording(home / "sessions" / session)
    assert not recording.cut_short and recording.scores
    again = hotseat(["interview", "--text", "--resume", session], home, b"more\n", timeout=60)
    one_clear_line(again)
    assert "finished" in again.stderr
    progress = hotseat(["progress", "--json"], home)
    assert progress.returncode == 0, progress.stderr
    assert json.loads(progress.stdout)["sessions"] == 1


def test_item05_two_resumes_at_once_are_refused_with_a_lock(tmp_path):
    home = tmp_path / "home"
    session = _start_and_kill(home)
    first = start_hotseat(["interview", "--text", "--resume", session], home)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:  # the first one has the session once it resumed
            log = (home / "sessions" / session / "events.jsonl").read_text(errors="replace")
            if "session_resumed" in log:
                break
            time.sleep(0.1)
        second = hotseat(["interview", "--text", "--resume", session], home, b"mine\n", timeout=60)
        one_clear_line(second)
        assert "already open" in second.stderr
        out, err = first.communicate((TURNS[2] + "\n").encode(), timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, err
    said = [e["text"] for e in _candidate_turns(home)]
    assert said == TURNS and "mine" not in said


# -- item 6: read-only data folder ----------------------------------------------------------------
def test_item06_read_only_home_is_one_clear_line(tmp_path):
    home = tmp_path / "home"
    with tmpfs(home, 1024, read_only=True):
        for args in (
            ["interview", "--text", "--scenario", "url-shortener"],
            ["progress"],
            ["replay", "latest"],
            ["drill", "--text"],
        ):
            result = hotseat(args, home, b"hello\n", timeout=90)
            assert "Traceback" not in result.stderr, (args, result.stderr)
            assert result.returncode != 0 or not result.stderr.strip(), (args, result.stderr)
            assert len(result.stderr.strip().splitlines()) <= 2, (args, result.stderr)
