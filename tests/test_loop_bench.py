"""The voice benchmark's scoring: it must catch cut-ins, false barge-ins and self-triggers."""

from __future__ import annotations

import numpy as np

from bench.voice.corpus import Clip
from bench.voice.run import Planned, score
from voice.events import BargeIn, PlaybackStarted, PlaybackStopped, TurnCommitted
from voice.room import Cue

RATE = 16_000


class FakeRoomClock:
    """The room's clock only: sample index → seconds."""

    clock_origin = 100.0

    def time_of(self, sample: int) -> float:
        return self.clock_origin + sample / RATE


def planned(kind: str, at_s: float, length_s: float) -> Planned:
    audio = np.zeros(int(length_s * RATE), np.float32)
    cue = Cue(audio, label=kind)
    cue.started_at = int(at_s * RATE)
    return Planned(kind, Clip(kind, audio, 0, len(audio)), cue)


def run_score(plan, events):
    return score(
        plan, FakeRoomClock(), events, TurnCommitted, PlaybackStarted, PlaybackStopped, BargeIn
    )


def test_clean_session_scores_latencies():
    plan = [planned("statement", 1.0, 2.0), planned("interruption", 5.0, 1.5)]
    events = [
        TurnCommitted("a", speech_start=101.0, speech_end=103.0, timestamp=103.5),
        PlaybackStarted(timestamp=103.7),
        BargeIn(timestamp=105.5),
        PlaybackStopped(interrupted=True, played_text="x", timestamp=105.55),
        TurnCommitted("b", speech_start=105.0, speech_end=106.5, timestamp=107.0),
        PlaybackStarted(timestamp=107.2),
    ]
    result = run_score(plan, events)
    assert result["processing_ms"]["p50"] == 200
    assert result["turn_gap_ms"]["p50"] == 700
    assert result["barge_in_stop_ms"]["p50"] == 550
    assert result["cut_in_pause"] == result["false_barge_in"] == result["self_triggers"] == 0


def test_cut_in_pause_false_barge_in_and_self_trigger_are_counted():
    plan = [planned("thinking", 1.0, 5.0), planned("backchannel", 9.0, 0.6)]
    events = [
        TurnCommitted(
            "one billion divided by", speech_start=101.0, speech_end=102.5, timestamp=103
        ),
        BargeIn(timestamp=109.5),  # over "mm-hm"
        BargeIn(timestamp=120.0),  # nobody was talking: the reply heard itself
        TurnCommitted("echo", speech_start=130.0, speech_end=131.0, timestamp=131.5),
    ]
    result = run_score(plan, events)
    assert result["cut_in_pause"] == 1
    assert result["false_barge_in"] == 1
    assert result["self_triggers"] == 2
