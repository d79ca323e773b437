"""Recording costs: fsync'd event writes, audio appends, loading and the HTML report.

    .venv/bin/python bench/bench_recordings.py [--minutes 10]

Prints one JSON object. The session is synthetic (tones, a fake clock) so only the recorder,
reader and report are measured.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from recordings import Recorder, build_replay, load_recording  # noqa: E402
from recordings.html_report import render_report  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--events", type=int, default=2000)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="hotseat-bench-"))
    clock = [0.0]
    rec = Recorder(root, meta={"scenario": "bench"}, clock=lambda: clock[0])

    per_event = []
    for i in range(args.events):
        start = time.perf_counter()
        rec.record(
            {"type": "claim", "text": f"claim {i}", "verdict": "correct", "explanation": "x"}
        )
        per_event.append(time.perf_counter() - start)

    seconds = args.minutes * 60
    chunk = (np.sin(np.arange(480) / 3) * 8000).astype("<i2").tobytes()  # 30 ms at 16 kHz
    start = time.perf_counter()
    for i in range(int(seconds / 0.03)):
        clock[0] = i * 0.03
        rec.audio("candidate", chunk, rate=16_000)
        if i % 100 == 0:
            rec.audio("interviewer", chunk * 20, rate=16_000)
    audio_s = time.perf_counter() - start
    clock[0] = seconds
    rec.finish(scores={"dimensions": {"estimation": {"score": 5, "evidence": []}}})

    start = time.perf_counter()
    replay = build_replay(load_recording(rec.path))
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    html = render_report(replay)
    report_s = time.perf_counter() - start
    print(
        json.dumps(
            {
                "event_write_median_ms": round(statistics.median(per_event) * 1000, 3),
                "event_write_p95_ms": round(
                    sorted(per_event)[int(0.95 * len(per_event))] * 1000, 3
                ),
                "audio_minutes": args.minutes,
                "audio_write_realtime_factor": round(audio_s / seconds, 5),
                "load_and_replay_s": round(load_s, 3),
                "report_render_s": round(report_s, 3),
                "report_mb": round(len(html) / 1e6, 2),
                "annotations": len(replay.annotations),
            }
        )
    )


if __name__ == "__main__":
    main()
