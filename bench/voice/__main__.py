"""``python -m bench.voice [--turns N]``: run the voice benchmark and print its JSON object."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=24)
    parser.add_argument(
        "--no-thinking-time", action="store_true", help="Leave out the 5-30 s thinking answers."
    )
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "hotseat-bench")
    parser.add_argument("--echo-canceller", default="gate", choices=["gate", "aec3", "gate+aec3"])
    parser.add_argument(
        "--smart-turn", type=Path, help="A Smart Turn v3 .onnx: use it as an end-of-turn signal."
    )
    args = parser.parse_args()
    from bench.voice.run import run_bench

    result = run_bench(
        args.cache / "voice",
        turns=args.turns,
        thinking_time=not args.no_thinking_time,
        echo_canceller=args.echo_canceller,
        smart_turn=args.smart_turn,
        progress=lambda m: print(m, file=sys.stderr),
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
