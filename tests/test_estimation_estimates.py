"""The shared estimates corpus (tests/data/estimates, written by people who never saw the
engine) and the probe set written the same way (tests/data/estimates/probe): never a right result
accused, and catches no lower than reached (shared corpus after issue 11 and 12, probe after the
fixes it prompted: 53% of its slips caught cold, 72% now). Run
`.venv/bin/python bench/score_estimates.py --misses` to see every miss by case."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from score_estimates import DEFAULT, score  # noqa: E402


@pytest.fixture(scope="module")
def figures():
    return score(DEFAULT).to_dict()


def test_corpus_is_the_full_shared_set():
    lines = [json.loads(x) for x in DEFAULT.read_text(encoding="utf-8").splitlines() if x]
    assert len(lines) == 250
    assert sum(len(case["claims"]) for case in lines) == 699


def test_precision_first(figures, capsys):
    with capsys.disabled():
        print("\nestimates corpus:", json.dumps(figures["all"]))
    for style in ("spoken", "written"):
        f = figures["by_style"][style]
        assert f["false_alarms"] <= 0.01, (style, f)
        assert f["clean_cases_accused"] <= 0.02, (style, f)


def test_extraction_and_catches_do_not_regress(figures):
    for style, (extracted, caught) in {"spoken": (0.95, 0.88), "written": (0.95, 0.95)}.items():
        f = figures["by_style"][style]
        assert f["extracted"] >= extracted, (style, f)
        assert f["caught"] >= caught, (style, f)


def test_probe_set_never_accuses_a_right_result_and_keeps_its_catches():
    f = score(DEFAULT.parent / "probe" / "cases.jsonl").to_dict()["all"]
    assert (f["cases"], f["results"]) == (80, 174), f
    assert f["false_alarms"] == 0.0 and f["clean_cases_accused"] == 0.0, f
    assert f["extracted"] >= 0.97 and f["caught"] >= 0.70, f
