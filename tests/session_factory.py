"""Synthetic but realistic sessions written with the real Recorder, for the recordings tests.

Events use the real voice event types plus the dict shapes the interviewer emits; the clock is
injected so times are exact. Audio is generated tones (the candidate at 16 kHz, the interviewer
at Piper's 22.05 kHz) so tests need no models.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np

from recordings import Recorder
from tests.fake_clock import FakeClock
from voice.events import (
    AudioChunk,
    BargeIn,
    PlaybackStopped,
    ReplySentence,
    TurnCommitted,
)

BOARD_1 = {
    "format": "hotseat-board",
    "version": 1,
    "revision": 3,
    "components": [
        {
            "id": "c1",
            "label": "Mobile client",
            "kind": "client",
            "layer": "ingestion",
            "x": 0,
            "y": 0,
            "w": 140,
            "h": 60,
        },
        {
            "id": "c2",
            "label": "Notification service",
            "kind": "service",
            "layer": "processing",
            "x": 220,
            "y": 0,
            "w": 160,
            "h": 60,
        },
        {
            "id": "c3",
            "label": "Postgres",
            "kind": "database",
            "layer": "storage",
            "x": 460,
            "y": 0,
            "w": 140,
            "h": 60,
            "shape": "cylinder",
        },
    ],
    "edges": [
        {"id": "e1", "source": "c1", "target": "c2", "label": "POST /notify"},
        {"id": "e2", "source": "c2", "target": "c3", "label": ""},
    ],
}
BOARD_2 = {
    **BOARD_1,
    "revision": 7,
    "components": [
        *BOARD_1["components"],
        {
            "id": "c4",
            "label": "Kafka",
            "kind": "queue",
            "layer": "processing",
            "x": 220,
            "y": 120,
            "w": 160,
            "h": 60,
        },
    ],
    "edges": [*BOARD_1["edges"], {"id": "e3", "source": "c2", "target": "c4", "mode": "async"}],
}

SCORES = {
    "out_of": 10,
    "dimensions": {
        "requirements": {"score": 7, "evidence": ["asked about users and latency"]},
        "estimation": {"score": 4, "evidence": ["peak multiplier slip: said 3x, used 5x"]},
        "high_level_design": {"score": 6, "evidence": ["queue between service and senders"]},
        "deep_dive": {"score": 5, "evidence": ["no retry policy"]},
        "tradeoffs": {"score": 6, "evidence": ["push vs pull discussed"]},
        "communication": {"score": 8, "evidence": ["clear structure"]},
    },
    "components": [
        {
            "component": "Notification service",
            "component_id": "c2",
            "score": 5,
            "out_of": 10,
            "status": "drawn",
            "feedback": "single instance: a SPOF",
        },
        {
            "component": "Postgres",
            "component_id": "c3",
            "score": 6,
            "out_of": 10,
            "status": "drawn",
            "feedback": "no replicas",
        },
        {
            "component": "Retry queue",
            "component_id": None,
            "score": 2,
            "out_of": 10,
            "status": "missing",
            "feedback": "expected for failed deliveries",
        },
    ],
    "practise": ["Peak multipliers: say the multiplier you use", "Replication for stores"],
}


def tone(seconds: float, rate: int, freq: float) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (0.2 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def write_session(
    root: Path,
    *,
    finish: bool = True,
    scores: dict[str, Any] | None = None,
    scenario: str = "notification-system",
) -> tuple[Path, list[tuple[float, str]]]:
    """Write one session; returns its path and the (t, kind) annotations it must replay with."""
    clock = FakeClock(1000.0)
    rec = Recorder(root, meta={"scenario": scenario, "mode": "test"}, clock=clock)
    base = clock.now
    expected: list[tuple[float, str]] = []

    class NullSpeaker:
        played_samples = 0

        def play(self, chunk): ...
        def stop(self): ...
        def is_playing(self):
            return False

        def wait(self): ...
        def close(self): ...

    speaker = rec.speaker(NullSpeaker())

    def at(t: float) -> None:
        clock.now = base + t

    def candidate_audio(start: float, seconds: float) -> None:
        samples = tone(seconds, 16_000, 220)
        for i in range(0, len(samples), 480):  # 30 ms chunks like the microphone
            at(start + i / 16_000)
            rec.record(AudioChunk.from_float(samples[i : i + 480], 16_000, timestamp=clock.now))

    def say(t: float, text: str, seconds: float = 1.0) -> None:
        at(t)
        rec.record(ReplySentence(text=text, timestamp=clock.now))
        speaker.play(AudioChunk.from_float(tone(seconds, 22_050, 440), 22_050))

    at(0.0)
    rec.record({"type": "phase_change", "from": None, "to": "requirements", "reason": "start"})
    expected.append((0.0, "phase"))
    at(0.4)  # the agent's record of a reply the voice loop then speaks: not a second line
    rec.record({"type": "interviewer_turn", "text": "Design a notification system.", "t": 0.4})
    say(0.5, "Design a notification system for a billion notifications a day.", 2.0)
    at(2.6)
    rec.record(PlaybackStopped(interrupted=False, played_text="", timestamp=clock.now))
    candidate_audio(3.0, 2.0)
    at(5.2)
    rec.record(
        TurnCommitted(
            text="How many users do we have?",
            speech_start=clock.now - 2.2,
            speech_end=clock.now - 0.2,
            timestamp=clock.now,
        )
    )
    say(5.5, "About two hundred million daily users.", 1.5)
    at(8.0)
    rec.record(
        {"type": "phase_change", "from": "requirements", "to": "estimation", "reason": "time"}
    )
    expected.append((8.0, "phase"))
    candidate_audio(9.0, 3.0)
    at(12.1)
    rec.record(
        TurnCommitted(
            text="A billion a day is about 12,000 per second, and peak at 3x is 60,000 per second.",
            speech_start=clock.now - 3.1,
            speech_end=clock.now - 0.1,
            timestamp=clock.now,
        )
    )
    at(12.3)
    rec.record(
        {
            "type": "estimate_verdict",
            "text": "about 12,000 per second",
            "expression": "1 billion / 1 day",
            "verdict": "correct",
            "explanation": "1 billion a day is 11,600 per second.",
        }
    )
    rec.record(
        {
            "type": "estimate_verdict",
            "text": "peak at 3x is 60,000 per second",
            "expression": "12,000 per second * 3",
            "verdict": "incorrect",
            "explanation": "You said 3x for peak, but 60,000 is 5x your 12,000 average.",
        }
    )
    expected += [(12.3, "estimate"), (12.3, "estimate")]
    at(12.5)
    rec.record(
        {
            "type": "probe",
            "text": "You said 3x for peak, but 60,000 is 5x your 12,000 average. Which is it?",
            "kind": "estimate",
        }
    )
    expected.append((12.5, "probe"))
    say(12.6, "You said 3x for peak, but 60,000 is 5x your 12,000 average. Which is it?", 4.0)
    candidate_audio(14.0, 1.5)
    at(14.2)
    rec.record(BargeIn(timestamp=clock.now))
    expected.append((14.2, "barge_in"))
    speaker.stop()
    rec.record(
        PlaybackStopped(interrupted=True, played_text="You said 3x for peak", timestamp=clock.now)
    )
    at(16.0)
    rec.record({"type": "phase_change", "from": "estimation", "to": "high_level_design"})
    expected.append((16.0, "phase"))
    at(17.0)
    rec.snapshot_board(BOARD_1, reason="tablet", phase="high_level_design")
    at(18.0)
    rec.record(
        {
            "type": "board_finding",
            "code": "SPOF",
            "severity": "high",
            "components": ["c2"],
            "message": "Notification service is a single instance.",
            "question": "What happens when the notification service goes down?",
        }
    )
    expected.append((18.0, "finding"))
    at(19.0)
    rec.record({"type": "note", "text": "candidate paused to think"})
    expected.append((19.0, "note"))
    at(21.0)
    rec.snapshot_board(BOARD_2, reason="tablet", phase="high_level_design")
    at(22.0)
    rec.record(
        {
            "type": "board_finding",
            "code": "NO_REPLICATION",
            "severity": "medium",
            "components": ["c3"],
            "message": "Postgres has no replicas.",
            "question": "How does Postgres survive losing its disk?",
        }
    )
    expected.append((22.0, "finding"))
    at(23.5)  # said outside the voice loop: the agent's event is its only record
    rec.record({"type": "interviewer_turn", "text": "That's it for today.", "t": 23.5})
    at(24.0)
    if finish:
        rec.finish(scores=SCORES if scores is None else scores)
    return rec.path, expected


def _killed_writer(root: str, ready: str) -> None:
    """Child process: write a session slowly and never finish; the parent SIGKILLs it."""
    import time

    rec = Recorder(Path(root), meta={"scenario": "killed"})
    for i in range(10_000):
        rec.record({"type": "probe", "text": f"question {i}"})
        pcm = (tone(0.03, 16_000, 220) * 32767).astype("<i2").tobytes()
        rec.audio("candidate", pcm, rate=16_000)
        if i == 50:
            Path(ready).write_text(str(rec.path))
        time.sleep(0.002)


if __name__ == "__main__":
    _killed_writer(sys.argv[1], sys.argv[2])
