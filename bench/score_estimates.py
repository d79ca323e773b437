"""Score the estimation engine on the labelled estimates corpus (tests/data/estimates).

    .venv/bin/python bench/score_estimates.py [CASES.jsonl] [--json] [--misses] [--case S014]

Each case's text goes through the public API in one call (`check_transcript`, what
`hotseat estimate check` runs). A labelled result is matched to the engine's claim whose stated
number span (`ClaimCheck.start`/`end`, offsets into the text) overlaps the label's span
(`start` .. `start + len(said)`); when several overlap, the first one wins (the corpus README:
when `said` holds a restatement or a range, "10 to the 3, so a thousand messages a second", the
first number is the claim), and each claim matches at most one label.

Figures, per style (spoken / written) and per slip type:
- extracted: labelled results with a matched claim (any verdict);
- caught: slip labels (`correct == false`) matched by an "incorrect" claim; `named` also needs
  the engine's slip to map to the label's slip (see SLIP_NAMES);
- false alarms: right results (`correct == true`, carried errors included) judged "incorrect";
- unchecked: matched claims judged "unchecked", as a share of extracted;
- accused clean cases: slip-free cases with any "incorrect" claim, labelled or not.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from estimation import check_transcript  # noqa: E402
from estimation.report import ClaimCheck  # noqa: E402

DEFAULT = ROOT / "tests" / "data" / "estimates" / "cases.jsonl"

SLIP_NAMES = {
    "bits_vs_bytes": "bits_bytes",
    "per_day_vs_per_second": "per_day_per_second",
    "order_of_magnitude": "power_of_ten",
}
"""Engine slip names that differ from the corpus taxonomy; the rest are spelled alike."""


@dataclass
class Tally:
    results: int = 0
    extracted: int = 0
    slips: int = 0
    caught: int = 0
    named: int = 0
    right: int = 0
    false_alarms: int = 0
    unchecked: int = 0
    cases: int = 0
    clean_cases: int = 0
    clean_accused: int = 0

    def figures(self) -> dict[str, float | int]:
        def share(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        return {
            "cases": self.cases,
            "results": self.results,
            "extracted": share(self.extracted, self.results),
            "slips": self.slips,
            "caught": share(self.caught, self.slips),
            "caught_named": share(self.named, self.slips),
            "right_results": self.right,
            "false_alarms": share(self.false_alarms, self.right),
            "false_alarm_count": self.false_alarms,
            "unchecked": share(self.unchecked, self.extracted),
            "clean_cases": self.clean_cases,
            "clean_cases_accused": share(self.clean_accused, self.clean_cases),
        }


@dataclass
class Outcome:
    by_style: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_slip: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        total = Tally()
        for t in self.by_style.values():
            for name in vars(total):
                setattr(total, name, getattr(total, name) + getattr(t, name))
        return {
            "all": total.figures(),
            "by_style": {k: v.figures() for k, v in sorted(self.by_style.items())},
            "by_slip": {
                k: {"slips": v.slips, "caught": v.caught, "named": v.named}
                for k, v in sorted(self.by_slip.items())
            },
        }


def slip_name(claim: ClaimCheck) -> str:
    return SLIP_NAMES.get(claim.slip, claim.slip)


def match(labels: list[dict], claims: tuple[ClaimCheck, ...]) -> list[ClaimCheck | None]:
    """The claim matched to each label (None: not extracted)."""
    taken: set[int] = set()
    out: list[ClaimCheck | None] = []
    for label in labels:
        lo, hi = label["start"], label["start"] + len(label["said"])
        best = None
        for i, c in enumerate(claims):
            if i in taken or c.start < 0 or c.end <= lo or c.start >= hi:
                continue
            if best is None or c.start < claims[best].start:
                best = i
        if best is not None:
            taken.add(best)
        out.append(claims[best] if best is not None else None)
    return out


def score_case(case: dict, outcome: Outcome) -> None:
    report = check_transcript(case["text"])
    style = outcome.by_style[case["style"]]
    style.cases += 1
    labels = case["claims"]
    matched = match(labels, report.claims)
    cid = case["id"]
    for label, claim in zip(labels, matched, strict=True):
        style.results += 1
        wrong = not label["correct"]
        slip = outcome.by_slip[label["slip"]] if wrong else None
        if wrong:
            style.slips += 1
            assert slip is not None
            slip.slips += 1
        else:
            style.right += 1
        if claim is None:
            outcome.misses.append(f"{cid} not extracted: {label['said']!r}")
            continue
        style.extracted += 1
        if claim.verdict == "unchecked":
            style.unchecked += 1
        if wrong:
            assert slip is not None
            if claim.verdict == "incorrect":
                style.caught += 1
                slip.caught += 1
                if slip_name(claim) == label["slip"]:
                    style.named += 1
                    slip.named += 1
                else:
                    outcome.misses.append(
                        f"{cid} slip named {claim.slip or '-'} not {label['slip']}: "
                        f"{label['said']!r} | {claim.explanation}"
                    )
            else:
                outcome.misses.append(
                    f"{cid} missed {label['slip']}: {label['said']!r} judged {claim.verdict}"
                    f" | {claim.explanation}"
                )
        elif claim.verdict == "incorrect":
            style.false_alarms += 1
            outcome.misses.append(f"{cid} FALSE ALARM: {label['said']!r} | {claim.explanation}")
    if not case["has_slip"]:
        style.clean_cases += 1
        accused = [c for c in report.claims if c.verdict == "incorrect"]
        if accused:
            style.clean_accused += 1
            unlabelled = [c for c in accused if all(c is not m for m in matched)]
            for c in unlabelled:
                outcome.misses.append(
                    f"{cid} ACCUSED unlabelled {case['text'][c.start : c.end]!r} | {c.explanation}"
                )


def score(path: Path, only: set[str] | None = None) -> Outcome:
    outcome = Outcome()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            case = json.loads(line)
            if only and case["id"] not in only:
                continue
            score_case(case, outcome)
    return outcome


def _print(figures: dict) -> None:
    cols = ("extracted", "caught", "caught_named", "false_alarms", "unchecked")
    print(f"{'set':8} {'cases':>5} {'results':>7} " + " ".join(f"{c:>12}" for c in cols), end="")
    print(f" {'clean accused':>14}")
    rows = [("all", figures["all"])] + list(figures["by_style"].items())
    for name, f in rows:
        print(f"{name:8} {f['cases']:>5} {f['results']:>7} ", end="")
        print(" ".join(f"{f[c] * 100:>11.1f}%" for c in cols), end="")
        print(f" {f['clean_cases_accused'] * 100:>13.1f}%")
    print("\nslip                 slips caught named")
    for name, s in figures["by_slip"].items():
        print(f"{name:20} {s['slips']:>5} {s['caught']:>6} {s['named']:>5}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases", nargs="?", default=str(DEFAULT))
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--case", action="append", help="score only this case id")
    args = parser.parse_args(argv)
    path = Path(args.cases)
    if not path.is_file():
        print(f"no such corpus file: {path}", file=sys.stderr)
        return 2
    outcome = score(path, set(args.case) if args.case else None)
    figures = outcome.to_dict()
    if args.json:
        print(json.dumps(figures))
        return 0
    if args.misses:
        for miss in outcome.misses:
            print(miss)
        print()
    _print(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
