"""``hotseat bench voice``: the real turn loop, in real time, against a scripted candidate.

One continuous session in a simulated room (``voice.room``): finished statements, sums with
1.5–4 s thinking pauses, answers where the candidate asks for time ("give me a minute") and is
silent 5, 10 and 30 s, backchannels and a cough over the interviewer's replies, real
interruptions, and every reply leaking back into the microphone (attenuated and delayed).
Real webrtcvad, Whisper and Piper; the responder answers instantly, so the figures are the
voice stack's own.

Run: .venv/bin/hotseat bench voice --json   (or .venv/bin/python -m bench.voice)
"""

from __future__ import annotations

import itertools
import json
import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.voice.corpus import (
    ASKED,
    BACKCHANNELS,
    INTERRUPTIONS,
    LONG_THINKING,
    REPLIES,
    STATEMENTS,
    THINKING,
    Clip,
    CorpusBuilder,
)

RATE = 16_000


@dataclass
class Planned:
    """A cue plus what the benchmark expects of it."""

    kind: str
    """"statement" | "thinking" (a pause mid-sum) | "asked" (asked for time, then silent) |
    "interruption" | "backchannel" | "cough"."""
    clip: Clip
    cue: object


def build_script(builder: CorpusBuilder, turns: int, thinking_time: bool = True) -> list[Planned]:
    """A session with at least ``turns`` committed candidate turns (interruptions included),
    then (``thinking_time``) the asked-for waits and the longer mid-sum pauses."""
    from voice.room import Cue

    statements = itertools.cycle(STATEMENTS)
    thinking = itertools.cycle(THINKING)
    backchannels = itertools.cycle(BACKCHANNELS)
    interruptions = itertools.cycle(INTERRUPTIONS)
    plan: list[Planned] = []

    def add(kind: str, clip: Clip, when: str = "idle", delay: float = 0.6) -> None:
        plan.append(Planned(kind, clip, Cue(clip.audio, when=when, delay_s=delay, label=kind)))

    count, i, cough_seed = 0, 0, 0
    while count < turns:
        slot = i % 6
        if slot in (1, 4):
            add("thinking", builder.thinking(*next(thinking)))
        else:
            add("statement", builder.clip(next(statements)))
        count += 1
        if slot == 0:  # a backchannel, then a cough, over the reply
            add("backchannel", builder.clip(next(backchannels)), "playing", 1.2)
            cough_seed += 1
            add("cough", builder.cough(cough_seed), "playing", 3.0)
        elif slot == 2:
            add("backchannel", builder.clip(next(backchannels)), "playing", 1.5)
        elif slot in (3, 5) and count < turns:  # a real interruption becomes the next turn
            add("interruption", builder.clip(next(interruptions)), "playing", 1.6)
            count += 1
        i += 1
    if thinking_time:
        for first, pause, rest in ASKED:
            add("asked", builder.thinking(first, pause, rest))
        for first, pause, rest in LONG_THINKING:
            add("thinking", builder.thinking(first, pause, rest))
    return plan


def run_bench(
    cache_dir: Path,
    turns: int = 24,
    thinking_time: bool = True,
    echo_canceller: str = "gate",
    smart_turn: Path | None = None,
    echo_gain: float = 0.3,
    echo_delay_ms: float = 60.0,
    progress: Callable[[str], None] | None = None,
    events_path: Path | None = None,
) -> dict:
    """Run the session and return the benchmark's JSON object."""
    from voice.events import BargeIn, PlaybackStarted, PlaybackStopped, TurnCommitted
    from voice.loop import LoopConfig, VoiceLoop
    from voice.room import RoomConfig, SimulatedRoom
    from voice.stt import WhisperTranscriber
    from voice.tts import PiperSynthesizer

    say = progress or (lambda message: None)
    say("loading Whisper and Piper")
    stt = WhisperTranscriber(cpu_threads=2)
    # One voice for the candidate's clips and the interviewer: two would double Piper's memory.
    tts = PiperSynthesizer(deterministic=True, threads=1)
    builder = CorpusBuilder(cache_dir, tts)
    say("building the corpus")
    plan = build_script(builder, turns, thinking_time)
    room = SimulatedRoom(
        [p.cue for p in plan], RoomConfig(echo_gain=echo_gain, echo_delay_ms=echo_delay_ms)
    )
    replies = itertools.cycle(REPLIES)
    events: list = []

    def record(event) -> None:
        if type(event).__name__ != "AudioChunk":
            events.append(event)
            if isinstance(event, TurnCommitted):
                say(f"turn: {event.text}")

    end_of_turn = None
    if smart_turn is not None:
        from voice.smart_turn import SmartTurn

        end_of_turn = SmartTurn(smart_turn)
    config = LoopConfig(echo_canceller=echo_canceller, end_of_turn=end_of_turn)
    loop = VoiceLoop(
        room.microphone, room.speaker, stt, tts, lambda u: next(replies), record, config
    )
    room.reply_active = lambda: loop.speaking
    say(f"running {len(plan)} cues in real time")
    started = time.monotonic()
    loop.run()
    wall = time.monotonic() - started
    if events_path is not None:
        _write_timeline(events_path, plan, room, events)
    result = score(plan, room, events, TurnCommitted, PlaybackStarted, PlaybackStopped, BargeIn)
    rss, peak = _rss_mb()
    result.update(
        smart_turn=smart_turn is not None,
        rss_mb=round(rss, 1),
        peak_rss_mb=round(peak, 1),
        wall_s=round(wall, 1),
        echo={
            "canceller": type(loop.echo).__name__,
            "gain": echo_gain,
            "delay_ms": echo_delay_ms,
            "estimated_delay_ms": loop.echo.delay_ms,
            "frames_suppressed": loop.echo.stats.suppressed,
        },
    )
    return result


def score(plan, room, events, TurnCommitted, PlaybackStarted, PlaybackStopped, BargeIn) -> dict:
    """Match the loop's events to the script's ground truth."""
    spans = []  # (planned, start time, true speech start, true speech end)
    for p in plan:
        if p.cue.started_at is None:
            continue
        t0 = room.time_of(p.cue.started_at)
        spans.append((p, t0, t0 + p.clip.start / RATE, t0 + p.clip.end / RATE))
    starts = [e for e in events if isinstance(e, PlaybackStarted)]
    processing, gaps, cuts = [], [], 0
    matched_turns = 0
    details: list[str] = []
    self_triggers = 0
    for turn in (e for e in events if isinstance(e, TurnCommitted)):
        owner = _owner(spans, turn.speech_start, turn.speech_end)
        if owner is None or owner[0].kind in ("backchannel", "cough"):
            self_triggers += owner is None
            continue
        planned, _, _, true_end = owner
        if turn.speech_end < true_end - 0.35:
            cuts += planned.kind in ("thinking", "asked")
            details.append(f"cut early ({planned.kind}): {turn.text!r}")
            continue
        matched_turns += 1
        first = next((s for s in starts if s.timestamp >= turn.timestamp), None)
        if first is None:
            continue
        processing.append(1000 * (first.timestamp - turn.timestamp))
        gaps.append(1000 * (first.timestamp - true_end))
    stops, false_barge, barge_ms = [], 0, []
    stopped = [e for e in events if isinstance(e, PlaybackStopped) and e.interrupted]
    for barge in (e for e in events if isinstance(e, BargeIn)):
        window = [s for s in spans if s[2] - 0.2 <= barge.timestamp <= s[3] + 1.0]
        real = [
            s for s in window if s[0].kind in ("interruption", "statement", "thinking", "asked")
        ]
        if not real:
            if window:
                false_barge += 1
                details.append(f"false barge-in over {window[0][0].clip.text!r}")
            else:
                self_triggers += 1
                details.append("barge-in with nobody speaking")
            continue
        stop = next((s for s in stopped if s.timestamp >= barge.timestamp - 0.01), None)
        if stop is not None and real[0][0].kind == "interruption":
            barge_ms.append(1000 * (stop.timestamp - real[0][2]))
        stops.append(stop)
    interruptions = [s for s in spans if s[0].kind == "interruption"]
    return {
        "processing_ms": _pcts(processing),
        "turn_gap_ms": _pcts(gaps),
        "barge_in_stop_ms": _pcts(barge_ms),
        "cut_in_pause": cuts,
        "false_barge_in": false_barge,
        "self_triggers": self_triggers,
        "missed_barge_in": len(interruptions) - len(barge_ms),
        "utterances": len(processing),
        "turns_expected": sum(
            p.kind in ("statement", "thinking", "asked", "interruption") for p in plan
        ),
        "turns_matched": matched_turns,
        "thinking_turns": _thinking_turns(spans, events, TurnCommitted),
        "backchannels_and_coughs_played": sum(s[0].kind in ("backchannel", "cough") for s in spans),
        "details": details,
    }


def _thinking_turns(spans, events, TurnCommitted) -> dict:
    """Answers with a thinking pause (asked-for or mid-sum): how many came out as one turn."""
    thinking = [s for s in spans if s[0].kind in ("thinking", "asked")]
    turns = [e for e in events if isinstance(e, TurnCommitted)]
    whole = 0
    for _, _, start, end in thinking:
        inside = [t for t in turns if t.speech_end > start - 0.4 and t.speech_start < end + 0.3]
        whole += len(inside) == 1 and inside[0].speech_end >= end - 0.35
    pauses = sorted({round(p.clip.pause_s, 1) for p, *_ in thinking})
    return {"expected": len(thinking), "one_turn": whole, "pauses_s": pauses}


def _write_timeline(path: Path, plan, room, events) -> None:
    """Cues and events as JSON lines, times in seconds from the start of the session."""
    origin = room.clock_origin or 0.0
    with open(path, "w", encoding="utf-8") as out:
        for p in plan:
            if p.cue.started_at is not None:
                t = room.time_of(p.cue.started_at) - origin
                row = {"type": "cue", "kind": p.kind, "text": p.clip.text, "t": round(t, 3)}
                out.write(json.dumps(row) + "\n")
        for event in events:
            row = event.to_dict()
            for key in ("timestamp", "speech_start", "speech_end"):
                if key in row:
                    row[key] = round(row[key] - origin, 3)
            out.write(json.dumps(row) + "\n")


def _owner(spans, start: float, end: float):
    best, overlap = None, 0.0
    for span in spans:
        o = min(end, span[3] + 0.3) - max(start, span[2] - 0.4)
        if o > overlap:
            best, overlap = span, o
    return best


def _pcts(values: list[float]) -> dict:
    if not values:
        return {"p50": None, "p95": None, "n": 0}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered)), "p95": round(p95), "n": len(ordered)}


def _rss_mb() -> tuple[float, float]:
    """(resident memory now, peak) of this process in MB, with both models loaded."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        import psutil

        now = psutil.Process().memory_info().rss / 1e6
    except ImportError:  # pragma: no cover
        now = peak
    return now, max(peak, now)


__all__ = ["build_script", "run_bench", "score"]
