"""Your own notes from the report page: the served report carries a form that writes the note
where `hotseat annotate` does, and the report shows it; bad input is one line, not a crash."""

from __future__ import annotations

import itertools

import httpx
import pytest

from agent.web.server import WebServer
from recordings import Recorder
from scenarios import load_scenarios

SESSION = "20261201-090000-abcd"


@pytest.fixture
def recorded(hotseat_home):
    now = itertools.chain([0.0], itertools.repeat(80.0)).__next__  # a session 80 s long
    recorder = Recorder(
        hotseat_home / "sessions",
        meta={"scenario": "url-shortener", "mode": "text"},
        session_id=SESSION,
        clock=now,
    )
    recorder.record({"type": "candidate_turn", "text": "Peak is 3x, so 60,000 per second."}, t=5.0)
    recorder.record({"type": "interviewer_turn", "text": "3x of 12,000 is 36,000."}, t=70.0)
    recorder.finish(reason="completed")
    with WebServer(hotseat_home, load_scenarios(), port=0) as server:
        yield server


def note(server, body, session=SESSION):
    return httpx.post(
        f"{server.base_url}/api/sessions/{session}/notes",
        json=body,
        headers={"Origin": server.base_url},
    )


def test_a_note_from_the_page_is_in_the_report(recorded, hotseat_home):
    page = httpx.get(f"{recorded.base_url}/report/{SESSION}").text
    assert 'id="note-form"' in page and "said 3x, meant 5x" not in page
    saved = note(recorded, {"at": "0:05", "text": "said 3x, meant 5x"})
    assert saved.status_code == 200, saved.text
    assert saved.json() == {"t": 5.0, "text": "said 3x, meant 5x"}
    assert "said 3x, meant 5x" in httpx.get(f"{recorded.base_url}/report/{SESSION}").text
    notes = (hotseat_home / "sessions" / SESSION / "notes.jsonl").read_text()
    assert '"t": 5.0' in notes  # where `hotseat annotate` writes, so replay shows it too


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"at": "0:05", "text": "   "}, "needs some text"),
        ({"at": "soon", "text": "x"}, "cannot read time"),
        ({"at": "59:00", "text": "x"}, "outside the session"),
        ({"at": "0:05", "text": "x" * 1001}, "at most 1000"),
        ([1, 2], "send JSON"),
    ],
)
def test_bad_notes_are_one_line(recorded, body, says):
    answer = note(recorded, body)
    assert answer.status_code == 400
    assert says in answer.json()["error"] and "\n" not in answer.json()["error"]


def test_notes_only_for_recordings_and_only_from_this_origin(recorded):
    assert note(recorded, {"at": 1, "text": "x"}, session="../../etc").status_code == 404
    assert note(recorded, {"at": 1, "text": "x"}, session="20991231-000000-ffff").status_code == 404
    foreign = httpx.post(
        f"{recorded.base_url}/api/sessions/{SESSION}/notes",
        json={"at": 1, "text": "x"},
        headers={"Origin": "http://evil.example"},
    )
    assert foreign.status_code == 403
