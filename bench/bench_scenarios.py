"""Benchmark: importing `scenarios`, loading the whole library cold and warm, and recomputing
every reference estimate.

    .venv/bin/python bench/bench_scenarios.py [--runs 7]

Each cold measurement runs in a fresh interpreter (`python -c ...`) so in-process caches are
empty, once without and once with the on-disk parse cache (`load_scenarios(cache_dir=...)`, as
the CLI uses it); warm loads reuse the process's cache. Prints one JSON object with medians
in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time

COLD = """
import sys, time
t0 = time.perf_counter()
import scenarios
t1 = time.perf_counter()
library = scenarios.load_scenarios(cache_dir=sys.argv[1] if len(sys.argv) > 1 else None)
t2 = time.perf_counter()
assert not library.errors, library.errors
bad = [r for s in library for r in scenarios.compute_estimates(s) if not r.ok]
t3 = time.perf_counter()
assert not bad, bad
print((t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t2) * 1e3, len(library),
      sum(len(s.reference_estimates) for s in library))
"""


def cold_run(*args: str) -> list[float]:
    command = [sys.executable, "-c", COLD, *args]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    return [float(x) for x in out.stdout.split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    cold = [cold_run() for _ in range(args.runs)]
    with tempfile.TemporaryDirectory() as cache_dir:
        cold_run(cache_dir)  # fills the parse cache
        cached = [cold_run(cache_dir) for _ in range(args.runs)]

    from scenarios import load_scenarios

    load_scenarios()
    warm = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        load_scenarios()
        warm.append((time.perf_counter() - t0) * 1e3)

    def median(index: int) -> float:
        return round(statistics.median(run[index] for run in cold), 1)

    print(
        json.dumps(
            {
                "benchmark": "scenarios",
                "runs": args.runs,
                "scenarios": int(cold[0][3]),
                "reference_estimates": int(cold[0][4]),
                "import_ms": median(0),
                "cold_load_ms": median(1),
                "cold_load_with_parse_cache_ms": round(statistics.median(r[1] for r in cached), 1),
                "warm_load_ms": round(statistics.median(warm), 2),
                "recompute_all_estimates_ms": median(2),
                "python": platform.python_version(),
                "machine": platform.machine(),
                "cpus": __import__("os").cpu_count(),
            }
        )
    )


if __name__ == "__main__":
    main()
