"""The estimation engine alone on the listening corpus, turn by turn as the interviewer feeds it.

    .venv/bin/python bench/bench_estimation_context.py [DIR] [-v] [--all]

DIR holds the scripted interviews (`*.json`, default: the in-repo copy tests/data/interviews/dev).
One `EstimationSession` per script gets each candidate line in order. A labelled slip (`claims`
with `correct: false`) counts as caught when a claim the engine calls "incorrect" covers its
`said` text; any "incorrect" claim over a labelled right result, or over no labelled result at
all, counts as an accusation of something right. `-v` lists every claim that is not "correct"
(`--all`: every claim), marking labelled slips; the figures come last.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from estimation import EstimationSession  # noqa: E402
from estimation.report import ClaimCheck  # noqa: E402

DEFAULT = ROOT / "tests" / "data" / "interviews" / "dev"


@dataclass
class Figures:
    slips: int = 0
    caught: int = 0
    accused_right: int = 0
    unchecked: int = 0
    claims: int = 0


def _covers(text: str, claim: ClaimCheck, said: str) -> bool:
    """The claim's stated number lies inside the label's `said` span of the line."""
    at = text.find(said)
    return at >= 0 and at <= claim.start < at + len(said)


def score(folder: Path, verbose: bool, show_all: bool) -> Figures:
    figures = Figures()
    for path in sorted(folder.glob("*.json")):
        script = json.loads(path.read_text())
        session = EstimationSession()
        for number, turn in enumerate(script.get("turns", []), 1):
            text = turn["text"]
            labels = turn.get("claims", [])
            claims = session.add(text).claims
            figures.claims += len(claims)
            for label in labels:
                if label.get("correct"):
                    continue
                figures.slips += 1
                if any(
                    c.verdict == "incorrect" and _covers(text, c, label["said"]) for c in claims
                ):
                    figures.caught += 1
                elif verbose:
                    print(f"{script['id']} L{number} MISSED {label['said']!r} ({label['slip']})")
            for claim in claims:
                slip = [
                    lb
                    for lb in labels
                    if not lb.get("correct") and _covers(text, claim, lb["said"])
                ]
                if claim.verdict == "unchecked":
                    figures.unchecked += 1
                if claim.verdict == "incorrect" and not slip:
                    figures.accused_right += 1
                if verbose and (show_all or claim.verdict != "correct" or slip):
                    mark = " <<SLIP" if slip else ""
                    print(
                        f"{script['id']} L{number} {claim.verdict} {claim.text!r} {claim.slip}"
                        f" | {claim.explanation}{mark}"
                    )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT))
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--all", action="store_true", help="with -v, list correct claims too")
    args = parser.parse_args()
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"not a folder of scripts: {folder}", file=sys.stderr)
        return 2
    f = score(folder, args.verbose, args.all)
    print(
        f"slips caught {f.caught}/{f.slips}, right results or non-results accused "
        f"{f.accused_right}, unchecked {f.unchecked} of {f.claims} claims"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
