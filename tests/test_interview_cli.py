"""`hotseat interview` as a user runs it: piped text mode, --json, errors, and a session killed
with SIGKILL mid-interview that resumes with --resume in exactly the same state."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from agent.interviewer import Interviewer
from tests.agent_harness import LIBRARY, notification_board

HOTSEAT = str(Path(sys.executable).with_name("hotseat"))
SLIP = "1 billion a day divided by 86,400 is about 12,000 a second, peak is 3x, so 60,000"
TURNS = [
    "Which channels do we support?",
    SLIP,
    "Right, peak is 36,000 per second.",
]


def _run(args, stdin: str, home: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOTSEAT_HOME": str(home)}
    return subprocess.run(
        [HOTSEAT, *args], input=stdin, capture_output=True, text=True, env=env, timeout=timeout
    )


def test_text_mode_piped_prints_opening_replies_and_wrap_up(hotseat_home):
    stdin = "\n".join([*TURNS, "", "Kafka between the API and the workers."]) + "\n"
    result = _run(["interview", "--scenario", "notification-system", "--text"], stdin, hotseat_home)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "notification system" in lines[0]
    assert "Mobile push only" in lines[1]
    assert "36,000" in lines[2] and "5x" in lines[2]
    assert re.search(r"Requirements .*\d+/10", result.stdout)
    assert "Practise next" in result.stdout
    assert "session " in result.stderr and "Traceback" not in result.stderr


def test_json_output_is_one_object_with_the_contract(hotseat_home):
    stdin = "\n".join(TURNS) + "\n"
    result = _run(
        ["interview", "--scenario", "notification-system", "--text", "--json"], stdin, hotseat_home
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == {"session", "turns", "scores"}
    assert [t["speaker"] for t in payload["turns"]][:3] == [
        "interviewer",
        "candidate",
        "interviewer",
    ]
    from agent.interviewer.policy import MOVE_KINDS

    assert all({"speaker", "text", "t"} <= set(t) for t in payload["turns"])
    for turn in payload["turns"]:
        if turn["speaker"] == "interviewer":  # every reply says what kind of move it was
            assert turn["move"]["kind"] in MOVE_KINDS and "about" in turn["move"]
        else:  # every candidate turn shows how it was read
            assert set(turn["reading"]) == {"acts", "mentioned", "settles", "claims"}
    slip = next(
        t for t in payload["turns"] if t["speaker"] == "candidate" and "60,000" in t["text"]
    )
    assert "estimate" in slip["reading"]["acts"]
    assert "incorrect" in {c["verdict"] for c in slip["reading"]["claims"]}
    dims = payload["scores"]["dimensions"]
    assert list(dims) == [
        "requirements",
        "estimation",
        "high_level_design",
        "deep_dive",
        "tradeoffs",
        "communication",
    ]
    assert all(1 <= d["score"] <= 10 and d["evidence"] for d in dims.values())
    assert payload["scores"]["components"] and len(payload["scores"]["practise"]) == 3


def test_without_text_or_microphone_falls_back_with_one_line(hotseat_home):
    result = _run(["interview", "--scenario", "rate-limiter"], "hello\n", hotseat_home)
    assert result.returncode == 0
    notes = [line for line in result.stderr.splitlines() if "text mode" in line]
    assert len(notes) == 1


def test_board_file_is_read_and_asked_about(hotseat_home, tmp_path):
    board = tmp_path / "board.json"
    board.write_text(json.dumps(notification_board().to_dict()))
    stdin = "let's move on\nlet's move on\nThe API writes to MySQL and to Kafka.\n"
    result = _run(
        ["interview", "--scenario", "notification-system", "--text", "--board", str(board)],
        stdin,
        hotseat_home,
    )
    assert result.returncode == 0, result.stderr
    assert "MySQL" in result.stdout.splitlines()[3]


@pytest.mark.parametrize(
    "args,message",
    [
        (["interview", "--text"], "--scenario"),
        (["interview", "--scenario", "notificaton-system", "--text"], "did you mean"),
        (["interview", "--resume", "no-such-session", "--text"], "no interview session"),
        (["interview", "--scenario", "rate-limiter", "--minutes", "0", "--text"], "minutes"),
        (
            ["interview", "--scenario", "rate-limiter", "--llm-base-url", "http://x", "--text"],
            "--llm-model",
        ),
    ],
)
def test_user_errors_are_one_clear_line(hotseat_home, args, message):
    result = _run(args, "", hotseat_home)
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _reader(stream) -> queue.Queue:
    lines: queue.Queue = queue.Queue()

    def pump() -> None:
        for line in iter(stream.readline, ""):
            lines.put(line.rstrip("\n"))

    threading.Thread(target=pump, daemon=True).start()
    return lines


def test_killed_session_resumes_with_the_same_state(hotseat_home):
    env = {**os.environ, "HOTSEAT_HOME": str(hotseat_home)}
    proc = subprocess.Popen(
        [HOTSEAT, "interview", "--scenario", "notification-system", "--text"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    out, err = _reader(proc.stdout), _reader(proc.stderr)
    try:
        session = re.search(r"session (\S+)", err.get(timeout=60)).group(1)
        assert "notification system" in out.get(timeout=60)
        for turn in TURNS:
            proc.stdin.write(turn + "\n")
            proc.stdin.flush()
            out.get(timeout=30)  # its reply is printed, so the turn is checkpointed
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL

    # The same turns in-process, uninterrupted, are the reference state.
    reference = Interviewer(LIBRARY.get("notification-system"), seed="reference")
    reference.opening()
    for turn in TURNS:
        list(reference.respond(turn))
    expected = reference.state

    checkpoints = hotseat_home / "checkpoints.sqlite"
    with Interviewer.resume(session, checkpoint_path=checkpoints) as resumed:
        state = resumed.state
        assert [t["text"] for t in state["turns"] if t["speaker"] == "candidate"] == TURNS
        assert len(state["turns"]) == 1 + 2 * len(TURNS)
        assert state["phase"] == expected["phase"]
        keep = ("text", "verdict", "explanation", "stated", "computed")
        assert [{k: c[k] for k in keep} for c in state["claims"]] == [
            {k: c[k] for k in keep} for c in expected["claims"]
        ]
        assert state["raised"] == expected["raised"]
        assert state["topics"] == expected["topics"]
        # the estimation session was rebuilt from the stored turns
        rebuilt = resumed._deps.estimator.report()
        assert [c.text for c in rebuilt.claims] == [c["text"] for c in state["claims"]]
        again = " ".join(resumed.respond(SLIP))
        assert re.search(r"same|repeated|already|a moment ago", again, re.I)

    # ...and the CLI continues the session where it stopped.
    result = _run(
        ["interview", "--resume", session, "--text", "--json"],
        "Storage is 1 billion times 1 KB times 30 days which is 300 TB\n",
        hotseat_home,
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["session"] == session
    said = [t["text"] for t in payload["turns"] if t["speaker"] == "candidate"]
    assert said[: len(TURNS)] == TURNS and said[-1].endswith("300 TB")
    assert "30 TB" in payload["turns"][-2]["text"]
    assert "resuming in" in result.stderr
