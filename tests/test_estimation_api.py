"""The public value API other packages build on: Quantity, parse_quantity, evaluate, format."""

from __future__ import annotations

import pytest

from estimation import (
    BANDWIDTH,
    COUNT,
    DATA,
    RATE,
    TIME,
    EstimationSession,
    Quantity,
    check_transcript,
    evaluate,
    format_quantity,
    parse_quantity,
)


@pytest.mark.parametrize(
    ("text", "value", "dimension"),
    [
        ("1 KB", 1000, DATA),
        ("1 billion", 1e9, COUNT),
        ("86,400 s", 86400, TIME),
        ("3x", 3, COUNT),
        ("12,000 per second", 12000, RATE),
        ("10 Gbps", 1.25e9, BANDWIDTH),
        ("30 days", 30 * 86400, TIME),
        ("100K", 1e5, COUNT),
        ("2^32", 2**32, COUNT),
    ],
)
def test_parse_quantity(text, value, dimension):
    q = parse_quantity(text)
    assert q.value == pytest.approx(value)
    assert q.dimension == dimension


def test_parse_quantity_rejects_text_without_numbers():
    with pytest.raises(ValueError, match="no number"):
        parse_quantity("lots of users")


def test_quantity_arithmetic_checks_dimensions():
    rate = Quantity(1000, DATA) / Quantity(1, TIME)
    assert rate.dimension == BANDWIDTH
    assert (Quantity(10, COUNT) / Quantity(1, TIME)).dimension == RATE
    with pytest.raises(ValueError, match="cannot add"):
        Quantity(1, DATA) + Quantity(1, TIME)


def test_evaluate_with_string_variables():
    q = evaluate("daily_notifications / (1 day)", {"daily_notifications": "1 billion"})
    assert q.dimension == RATE
    assert format_quantity(q) == "11,600 per second"
    assert (
        format_quantity(
            evaluate("peak_qps * payload", {"peak_qps": "35,000 per second", "payload": "1 KB"})
        )
        == "35 MB/s"
    )


def test_evaluate_refuses_unknown_names_and_python():
    with pytest.raises(ValueError):
        evaluate("__import__('os')")
    with pytest.raises(ValueError):
        evaluate("users * 2")


def test_seed_peak_multiplier_slip():
    report = check_transcript(
        "1 billion a day divided by 86,400 is about 12,000 a second, peak is 3x, so 60,000"
    )
    verdicts = [c.verdict for c in report.claims]
    assert verdicts == ["correct", "incorrect"]
    assert "3x of 12,000 is 36,000" in report.claims[1].explanation
    assert "60,000 is 5x" in report.claims[1].explanation


def test_session_accumulates_across_turns():
    session = EstimationSession()
    first = session.add("1 billion a day divided by 86,400 is about 12,000 a second.")
    second = session.add("Peak is 3x, so 60,000.")
    assert [c.verdict for c in first.claims] == ["correct"]
    assert [c.verdict for c in second.claims] == ["incorrect"]
    assert len(session.report().claims) == 2
