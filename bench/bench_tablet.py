"""Tablet board WebSocket round trip on loopback: a stroke or an edit sent → ack and the new
snapshot received, on a board of N components (default 200). Prints one JSON object.

    .venv/bin/python bench/bench_tablet.py [--components 200] [--rounds 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agent.whiteboard import Board  # noqa: E402
from agent.whiteboard.tablet import TabletBoard  # noqa: E402
from tests import stroke_shapes as draw  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--components", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=100)
    args = parser.parse_args()
    from websockets.sync.client import connect

    board = Board()
    labels = ["API server", "Postgres", "Redis cache", "Kafka", "worker", "S3", "Nginx"]
    for i in range(args.components):
        board.add_component(
            f"{labels[i % len(labels)]} {i}", x=(i % 20) * 200, y=(i // 20) * 150, w=150, h=90
        )
    for i in range(1, args.components):  # a tree: every box wired to an earlier one
        board.add_edge(f"c{i + 1}", f"c{i // 2 + 1}")
    rng = np.random.default_rng(0)
    timings: dict[str, list[float]] = {"move": [], "stroke_box": []}
    with (
        TabletBoard("127.0.0.1", 0, board=board) as tablet,
        connect(f"ws://127.0.0.1:{tablet.port}/ws?token={tablet.token}", max_size=2**24) as ws,
    ):
        ws.recv()
        for n in range(args.rounds):
            kind = "move" if n % 2 else "stroke_box"
            if kind == "move":
                msg = {"type": "move", "id": "c1", "x": n, "y": 10}
            else:
                msg = {"type": "stroke", "points": draw.box(5000 + n, 5000, 120, 80, rng)}
            time.sleep(0.025)  # stay under the 50 messages/s rate limit
            start = time.perf_counter()
            ws.send(json.dumps(msg))
            ws.recv()  # ack
            ws.recv()  # snapshot with findings
            timings[kind].append((time.perf_counter() - start) * 1000)
    result = {"components": args.components, "rounds": args.rounds}
    for kind, values in timings.items():
        values.sort()
        result[kind] = {
            "p50_ms": round(statistics.median(values), 2),
            "p95_ms": round(values[int(0.95 * (len(values) - 1))], 2),
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
