"""A text interview with the real interviewer (LangGraph + SQLite checkpointer, estimation,
whiteboard analyzers) recorded through `on_event`, then replayed and reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.interviewer import Interviewer
from agent.whiteboard import Board
from recordings import Recorder, build_replay, load_recording
from recordings.html_report import render_report
from recordings.scores import read_scores
from scenarios import load_scenarios

TURNS = [
    "How many notifications per day, and what is the peak?",
    "So 1 billion a day is about 12,000 per second, and peak at 3x is 60,000 per second.",
    "Each is 1 KB so 35 MB per second at peak.",
    "I'd put a notification service in front of Kafka and workers sending to APNs.",
]


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    root = tmp_path_factory.mktemp("interview")
    clock = [0.0]
    scenario = load_scenarios().get("notification-system")
    recorder = Recorder(root / "sessions", meta={"scenario": scenario.id}, clock=lambda: clock[0])
    emitted: list[dict] = []

    def on_event(event: dict) -> None:
        emitted.append(dict(event))
        recorder.record(event)

    interviewer = Interviewer(
        scenario,
        minutes=10,
        checkpoint_path=root / "checkpoints.sqlite",
        clock=lambda: clock[0],
        on_event=on_event,
    )
    interviewer.opening()
    for text in TURNS:
        clock[0] += 60
        list(interviewer.respond(text))
    board = Board()
    service = board.add_component("Notification service")
    store = board.add_component("Postgres")
    board.add_edge(service.id, store.id)
    clock[0] += 10
    interviewer.update_board(board)
    recorder.snapshot_board(board.to_dict(), reason="tablet")
    clock[0] += 10
    scores = interviewer.wrap_up()
    path = recorder.finish(scores=scores)
    return Path(path), emitted


def test_every_interviewer_event_becomes_its_annotation(session):
    path, emitted = session
    replay = build_replay(load_recording(path))
    kinds = [a.kind for a in replay.annotations]
    claims = [e for e in emitted if e["type"] == "claim"]
    assert kinds.count("estimate") == len(claims) + sum(
        e["type"] == "estimate_finding" for e in emitted
    )
    assert kinds.count("probe") == sum(e["type"] == "followup" for e in emitted) > 0
    assert kinds.count("phase") == sum(e["type"] == "phase_change" for e in emitted) > 0
    findings = {
        (f["code"], tuple(f["components"]))
        for e in emitted
        if e["type"] == "board_findings"
        for f in e["findings"]
    }
    assert kinds.count("finding") == len(findings) > 0
    bad = [a for a in replay.annotations if a.kind == "estimate" and a.severity == "bad"]
    assert any("60,000" in a.label for a in bad)  # the 3x/5x slip


def test_transcript_and_scores_survive_the_round_trip(session):
    path, emitted = session
    rec = load_recording(path)
    replay = build_replay(rec)
    candidate = [line.text for line in replay.transcript if line.speaker == "candidate"]
    assert candidate == TURNS
    interviewer = [line for line in replay.transcript if line.speaker == "interviewer"]
    assert interviewer[0].t == 0.0 and "notification" in interviewer[0].text.lower()
    assert replay.phases[0] == (0.0, "Requirements")
    scores = read_scores(rec.scores)
    assert [d.name for d in scores.dimensions] == [
        "requirements",
        "estimation",
        "high_level_design",
        "deep_dive",
        "tradeoffs",
        "communication",
    ]
    assert all(1 <= d.score <= 10 for d in scores.dimensions)
    html = render_report(replay)
    assert 'class="component flagged"' in html and "dimension-chart" in html
