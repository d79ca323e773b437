"""Scripted-candidate harness for the interviewer: a fake clock, a candidate script, a transcript
with the follow-ups the interviewer chose. Real LangGraph, real SQLite checkpointer, real
estimation engine and scenarios; only time is simulated."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent.interviewer import Interviewer
from agent.whiteboard import Board
from scenarios import load_scenarios
from tests.fake_clock import FakeClock

LIBRARY = load_scenarios()


@dataclass
class Run:
    """What a scripted interview produced."""

    interviewer: Interviewer
    clock: FakeClock
    replies: list[str] = field(default_factory=list)
    phases: list[str] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)

    def say(self, utterance: str, seconds: float = 30.0) -> str:
        self.clock.advance(seconds)
        reply = " ".join(self.interviewer.respond(utterance))
        self.replies.append(reply)
        self.phases.append(self.interviewer.phase)
        return reply

    def script(self, turns: list[str], seconds: float = 30.0) -> list[str]:
        return [self.say(turn, seconds) for turn in turns]

    def followups(self, kind: str | None = None) -> list[dict[str, Any]]:
        return [e for e in self.events if e["type"] == "followup" and kind in (None, e.get("kind"))]


def start(
    scenario_id: str,
    tmp_path: Path,
    *,
    minutes: float = 45,
    llm: Any = None,
    session_id: str | None = None,
) -> Run:
    clock = FakeClock()
    events: list[dict[str, Any]] = []
    interviewer = Interviewer(
        LIBRARY.get(scenario_id),
        minutes=minutes,
        checkpoint_path=tmp_path / "checkpoints.sqlite",
        clock=clock,
        on_event=events.append,
        llm=llm,
        session_id=session_id,
        seed="test-seed",
    )
    run = Run(interviewer, clock, events=events)
    run.replies.append(interviewer.opening())
    return run


def notification_board(*, monitoring: bool = False) -> Board:
    """The seed's kind of board: one MySQL box for a billion notifications a day."""
    board = Board()
    app = board.add_component("Mobile app")
    api = board.add_component("Notification API")
    db = board.add_component("MySQL")
    queue = board.add_component("Kafka")
    workers = board.add_component("Sender workers")
    apns = board.add_component("APNs")
    board.add_edge(app.id, api.id)
    board.add_edge(api.id, db.id)
    board.add_edge(api.id, queue.id)
    board.add_edge(queue.id, workers.id)
    board.add_edge(workers.id, apns.id)
    if monitoring:
        mon = board.add_component("Monitoring")
        board.add_edge(workers.id, mon.id)
    return board


STRONG_NOTIFICATIONS = [
    "Before I start: which channels do we support, push, SMS or email?",
    "How many notifications a day, and what peak should I plan for?",
    "What payload size should I assume?",
    "How long do we keep the notification history?",
    "Okay, let's estimate. 1 billion a day divided by 86,400 is about 11,600 a second.",
    "Peak is 3x, so about 35,000 per second.",
    "At 1 KB each, 35,000 per second times 1 KB is 35 MB per second.",
    "Storage: 1 billion times 1 KB times 30 days is 30 TB.",
    "For the design, a notification API writes to a Kafka message queue, sender workers "
    "consume it and call APNs and FCM, and a device token store maps users to devices.",
    "If the provider is down, the queue buffers the backlog, workers retry with exponential "
    "backoff and jitter, and after a few attempts messages go to a dead letter queue; stale "
    "marketing pushes expire.",
    "Each message carries an idempotency key and a dedupe store with a TTL drops duplicates, "
    "so at-least-once delivery is fine.",
    "Opt-out is CP: we invalidate the preferences cache on write, keep a short TTL and read "
    "through to the database.",
    "We monitor delivery rate per platform, provider error codes and queue lag, with alerts "
    "and canary devices.",
    "For the campaign, one billion in ten minutes is about 1.7 million per second, so provider "
    "rate limits break first; we spread the campaign and use priority queues.",
    "With 4 KB payloads peak throughput is 140 MB per second, so I would put the image URL in "
    "the payload, not the image, and serve media from a CDN.",
    "Thirty days of history is a trade-off between storage cost and audit needs; a TTL-based "
    "compaction and cold storage keep it cheap.",
]
