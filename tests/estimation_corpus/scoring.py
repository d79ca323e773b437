"""Score the estimation engine against the transcript corpus (used by the test and by hand:
`.venv/bin/python -m tests.estimation_corpus.scoring` prints the figures and every miss)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from estimation import EstimationSession, parse_quantity

CORPUS = Path(__file__).with_name("transcripts.yaml")


@dataclass
class Score:
    transcripts: int = 0
    expected_claims: int = 0
    extracted: int = 0
    planted_errors: int = 0
    caught: int = 0
    slips_named: int = 0
    correct_claims: int = 0
    false_alarms: int = 0
    expected_findings: int = 0
    findings_raised: int = 0
    misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float | int]:
        return {
            "transcripts": self.transcripts,
            "expected_claims": self.expected_claims,
            "extraction_rate": self.extracted / max(self.expected_claims, 1),
            "planted_errors": self.planted_errors,
            "planted_errors_caught": self.caught,
            "slips_named_correctly": self.slips_named,
            "correct_claims": self.correct_claims,
            "false_alarms": self.false_alarms,
            "expected_findings": self.expected_findings,
            "findings_raised": self.findings_raised,
        }


def load() -> list[dict]:
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["transcripts"]


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=0.005) or (a == b == 0)


def score(entries: list[dict] | None = None) -> Score:
    result = Score()
    for entry in entries if entries is not None else load():
        result.transcripts += 1
        session = EstimationSession()
        for turn in entry.get("turns") or [entry["text"]]:
            session.add(turn)
        report = session.report()
        unmatched = list(report.claims)
        for want in entry["claims"]:
            result.expected_claims += 1
            value = parse_quantity(want["stated"]).value
            match = next((c for c in unmatched if _same(c.stated.value, value)), None)
            if want["verdict"] == "incorrect":
                result.planted_errors += 1
            else:
                result.correct_claims += 1
            if match is None:
                result.misses.append(f"{entry['id']}: not extracted: {want['stated']}")
                continue
            unmatched.remove(match)
            result.extracted += 1
            if want["verdict"] == "incorrect":
                if match.verdict == "incorrect":
                    result.caught += 1
                    if match.slip == want.get("slip", match.slip):
                        result.slips_named += 1
                    else:
                        result.misses.append(
                            f"{entry['id']}: slip {match.slip} != {want.get('slip')}: "
                            f"{match.explanation}"
                        )
                else:
                    result.misses.append(
                        f"{entry['id']}: planted error judged {match.verdict}: {want['stated']}"
                        f" | {match.explanation}"
                    )
            elif match.verdict == "incorrect":
                result.false_alarms += 1
                result.misses.append(f"{entry['id']}: false alarm: {match.explanation}")
            elif match.verdict != want["verdict"]:
                result.misses.append(
                    f"{entry['id']}: {want['stated']} judged {match.verdict}: {match.explanation}"
                )
        for extra in unmatched:
            if extra.verdict == "incorrect":
                result.false_alarms += 1
                result.misses.append(
                    f"{entry['id']}: false alarm (unexpected claim): {extra.text}"
                    f" | {extra.explanation}"
                )
        codes = [f.code for f in report.findings]
        for code in entry.get("findings", []):
            result.expected_findings += 1
            if code in codes:
                result.findings_raised += 1
                codes.remove(code)
            else:
                result.misses.append(f"{entry['id']}: finding {code} not raised")
        for code in codes:
            if code in ("capacity_exceeded", "changed_assumption"):
                result.misses.append(f"{entry['id']}: unexpected finding {code}")
    return result


if __name__ == "__main__":
    outcome = score()
    for miss in outcome.misses:
        print(miss)
    print(json.dumps(outcome.figures(), indent=2))
