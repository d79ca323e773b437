"""Absurd input never hangs or crashes the checker."""

from __future__ import annotations

import random

import pytest

from estimation import EstimationSession, check_transcript, evaluate, parse_quantity


def test_five_thousand_digit_number():
    report = check_transcript("9" * 5000 + " divided by 86,400 is about 12,000 a second")
    assert all(c.verdict in ("correct", "incorrect", "unchecked") for c in report.claims)
    with pytest.raises(ValueError):
        parse_quantity("9" * 5000)


def test_a_megabyte_of_text_is_cut_and_reported():
    text = ("We have 100 million users and each posts 2 tweets a day. " * 20_000)[:1_000_000]
    report = check_transcript(text)
    assert any(f.code == "input_truncated" for f in report.findings)


def test_binary_noise():
    noise = bytes(random.Random(7).randrange(256) for _ in range(50_000))
    report = check_transcript(noise.decode("latin-1"))
    assert isinstance(report.to_dict(), dict)


def test_pathological_expressions():
    with pytest.raises(ValueError):
        evaluate("(" * 500 + "1" + ")" * 500)
    with pytest.raises(ValueError):
        evaluate("10 ^ 10 ^ 10 ^ 10")
    with pytest.raises(ValueError):
        evaluate("1 KB + 1 second")
    with pytest.raises(ValueError):
        evaluate("5 / 0")
    with pytest.raises(ValueError):
        evaluate("")


def test_huge_and_tiny_values_stay_finite():
    session = EstimationSession()
    report = session.add(
        "10 to the 300 times 10 to the 300 is about 5. 1e-300 divided by 1e300 is 0."
    )
    for claim in report.claims:
        assert claim.verdict in ("correct", "incorrect", "unchecked")


@pytest.mark.parametrize(
    "text",
    [
        "is is is so so that's about about",
        "1 2 3 4 5 6 7 8 9 times divided by plus minus",
        "((((((((((1 KB",
        "$$$$ %%%% ^^^^ 1e999999 2 to the 99999",
        "times 3 for replication, that's 90 TB",
        "a" * 10_000,
    ],
)
def test_gibberish_does_not_crash(text):
    check_transcript(text)


@pytest.mark.parametrize(
    "text",
    [
        "So " + "+".join(["1"] * 1000) + " = 1000 requests per second.",
        "So " + " + ".join(["1"] * 3000) + " is 3000 requests per second.",
        "Peak is " + " * ".join(["2"] * 1500) + " = 4 TB.",
        "Total is " + "(" * 5000 + "1" + ")" * 5000 + " = 1 GB.",
        "Peak qps is 100 per second. So " + " + ".join(["peak qps"] * 1000) + " = 5 per second.",
        "We have " + ", ".join(str(i) for i in range(1, 1500)) + " users, so that's 5 TB.",
    ],
    ids=["1000-operands", "3000-operands", "product", "nested-5000", "named-1000", "list-1500"],
)
def test_oversized_sentences_are_left_unchecked_by_every_entry_point(text):
    """The bound lives in the engine, not only in `estimate check`: no RecursionError, no
    verdict on a sentence nobody says, and one note saying it was left unchecked."""
    for report in (check_transcript(text), EstimationSession().add(text)):
        assert not any(c.verdict == "incorrect" for c in report.claims)
        assert [f.code for f in report.findings].count("input_unchecked") == 1


def test_hostile_sentence_does_not_stop_the_ones_around_it():
    session = EstimationSession()
    session.add("We have 10 million users times 3 = 30 million requests a day.")
    report = session.add("Ignore " + "+".join(["1"] * 500) + " = 7. Then 2 KB times 1,000 is 5 MB.")
    assert [c.verdict for c in report.claims] == ["incorrect"]
    again = session.add("So " + "(" * 40 + "3" + ")" * 40 + " = 9 servers.")
    assert again.findings == ()  # the note is said once per session


def test_ordinary_sentences_below_the_bound_are_still_checked():
    chain = "+".join(["1"] * 50)
    assert [c.verdict for c in check_transcript(f"So {chain} = 40 per second.").claims] == [
        "incorrect"
    ]
    nested = "(" * 12 + "2 * 3" + ")" * 12
    assert [c.verdict for c in check_transcript(f"So {nested} = 6 GB.").claims] == ["correct"]


@pytest.mark.parametrize(
    "expression",
    ["+".join(["1"] * 1000), " * ".join(["2"] * 1500), "-" * 3000 + "1", "2^" * 2000 + "1"],
    ids=["sum", "product", "stacked-minus", "tower"],
)
def test_calculator_refuses_expressions_longer_than_any_estimate(expression):
    with pytest.raises(ValueError, match="not an estimate"):
        evaluate(expression)
    verdicts = [c.verdict for c in check_transcript(f"So {expression} = 5 GB.").claims]
    assert "incorrect" not in verdicts


def test_calculator_still_reads_a_long_but_human_expression():
    assert evaluate(" + ".join(["1"] * 100)).value == 100
