"""Checkpoint database size of one long text interview (issue 15 item 11).

    .venv/bin/python bench/bench_checkpoints.py [TURNS]   # default 2000; about 2 minutes

Drives the real interviewer (real LangGraph, real SQLite store) with a fake clock and prints the
database size (with its WAL) every few hundred turns and the time per turn.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.agent_harness import start  # noqa: E402

SAID = (
    "We need to store short URLs, about 100 million a month, so around 40 writes a second.",
    "I would put a cache in front of the database and shard by the hash of the code.",
    "Reads are 100x writes, so 4,000 reads a second, maybe 12,000 at peak.",
)


def main(turns: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        run = start("url-shortener", Path(folder), minutes=240)
        began = time.perf_counter()
        for n in range(turns):
            run.say(f"{SAID[n % 3]} (turn {n})", 1.0)
            if (n + 1) % 250 == 0 or n + 1 == turns:
                size = sum(p.stat().st_size for p in Path(folder).rglob("*.sqlite*"))
                per_turn = (time.perf_counter() - began) / (n + 1) * 1000
                print(f"{n + 1:5d} turns  {size / 1e6:7.1f} MB  {per_turn:6.1f} ms/turn")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
