"""The transcript corpus: every planted error caught, no false alarm, >= 95% of results found.

Run `.venv/bin/python -m tests.estimation_corpus.scoring` to see every miss by name.
"""

from __future__ import annotations

import json

import pytest

from tests.estimation_corpus.scoring import load, score


@pytest.fixture(scope="module")
def outcome():
    return score()


def test_corpus_is_big_enough_and_has_the_seed_examples():
    entries = load()
    assert len(entries) >= 80
    ids = {e["id"] for e in entries}
    assert {"seed-notification-one-breath", "seed-rate-limiter-article"} <= ids
    assert sum(1 for e in entries for c in e["claims"] if c["verdict"] == "incorrect") >= 25


def test_corpus_figures(outcome, capsys):
    figures = outcome.figures()
    with capsys.disabled():
        print("\nestimation corpus:", json.dumps(figures))
    assert not outcome.misses or figures["extraction_rate"] >= 0.95, outcome.misses
    assert figures["extraction_rate"] >= 0.95, outcome.misses
    assert figures["planted_errors_caught"] == figures["planted_errors"], outcome.misses
    assert figures["false_alarms"] == 0, outcome.misses
    assert figures["findings_raised"] == figures["expected_findings"], outcome.misses


def test_planted_errors_name_their_slip(outcome):
    assert outcome.slips_named == outcome.planted_errors, outcome.misses
