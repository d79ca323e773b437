"""Benchmark: the interviewer's time per candidate turn, without an LLM.

    .venv/bin/python bench/bench_agent.py [--runs 3] [--memory]

Plays scripted candidates (strong, weak with the seed's slips, and unhelpful ones) through the
real interviewer: LangGraph, the SQLite checkpointer in a temp dir (one durable checkpoint per
turn), the estimation engine, the scenario's follow-ups and the whiteboard analyzers (a board
is pushed mid-interview). Each `respond()` call is timed end to end. Prints one JSON object;
the target is a median of ≤ 30 ms per turn. CPU time (`time.thread_time`) is reported too: on a
shared machine it shows what the code costs when other processes steal the cores.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent.interviewer import Interviewer  # noqa: E402
from scenarios import load_scenarios  # noqa: E402
from tests.agent_harness import STRONG_NOTIFICATIONS, FakeClock, notification_board  # noqa: E402

WEAK = [
    "Let's say we get 1 billion notifications a day.",
    "1 billion a day divided by 86,400 is about 12,000 a second, peak is 3x, so 60,000",
    "Right, peak is 36,000 per second.",
    "Storage is 1 billion times 1 KB times 30 days which is 300 TB",
    "A single MySQL node will handle 500,000 writes per second.",
    "I'll put everything in MySQL behind the API.",
]
UNHELPFUL = ["", "asdf qwer", "I love pizza and football", "ok", "", "what is the weather like"]


def _session(path: Path, script: list[str], board_at: int, memory: bool) -> list[tuple]:
    clock = FakeClock()
    iv = Interviewer(
        load_scenarios().get("notification-system"),
        checkpoint_path=None if memory else path,
        clock=clock,
        seed="bench",
    )
    iv.opening()
    out = []
    for i, turn in enumerate(script):
        if i == board_at:
            iv.update_board(notification_board())
        clock.advance(90)
        wall, cpu = time.perf_counter(), time.thread_time()
        list(iv.respond(turn))
        out.append(((time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000))
    iv.wrap_up()
    iv.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory", action="store_true", help="in-memory checkpointer")
    args = parser.parse_args()
    script = STRONG_NOTIFICATIONS + WEAK + UNHELPFUL
    samples: list[tuple] = []
    with tempfile.TemporaryDirectory() as tmp:
        _session(Path(tmp) / "warm.sqlite", script[:3], 1, args.memory)  # imports, caches
        for run in range(args.runs):
            samples += _session(Path(tmp) / f"run{run}.sqlite", script, 8, args.memory)
    wall = sorted(s[0] for s in samples)
    cpu = sorted(s[1] for s in samples)
    result = {
        "benchmark": "agent_turn",
        "checkpointer": "memory" if args.memory else "sqlite",
        "turns": len(samples),
        "median_ms": round(statistics.median(wall), 2),
        "p90_ms": round(wall[int(0.9 * (len(wall) - 1))], 2),
        "max_ms": round(wall[-1], 2),
        "median_cpu_ms": round(statistics.median(cpu), 2),
        "target_median_ms": 30,
        "ok": statistics.median(wall) <= 30,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
