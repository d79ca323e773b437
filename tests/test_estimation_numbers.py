"""Spoken numbers, units and human formatting."""

from __future__ import annotations

import pytest

from estimation import (
    BANDWIDTH,
    DATA,
    MONEY,
    RATE,
    TIME,
    Quantity,
    format_quantity,
    parse_quantity,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("86,400", 86_400),
        ("2.4", 2.4),
        ("1.16 million", 1_160_000),
        ("eighty six thousand four hundred", 86_400),
        ("one hundred twenty thousand", 120_000),
        ("one hundred and twenty thousand", 120_000),
        ("a billion", 1e9),
        ("half a million", 500_000),
        ("a couple hundred", 200),
        ("100K", 100_000),
        ("10k", 10_000),
        ("2B", 2e9),
        ("1e9", 1e9),
        ("3x", 3),
        ("three x", 3),
        ("twice", 2),
        ("double", 2),
        ("ten times", 10),
        ("20 percent", 0.2),
        ("10%", 0.1),
        ("2 to the 32", 2**32),
        ("62 to the power of 7", 62**7),
        ("10 to the 9th", 1e9),
        ("two point four", 2.4),
        ("twenty-four", 24),
    ],
)
def test_spoken_numbers(text, value):
    assert parse_quantity(text).value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value", "dimension"),
    [
        ("1 KB", 1e3, DATA),
        ("1 kilobyte", 1e3, DATA),
        ("1 KiB", 1024, DATA),
        ("4 gigs", 4e9, DATA),
        ("10 megs", 1e7, DATA),
        ("64 bits", 8, DATA),
        ("5 petabytes", 5e15, DATA),
        ("250 ms", 0.25, TIME),
        ("3 hours", 10_800, TIME),
        ("2 weeks", 14 * 86_400, TIME),
        ("1 year", 365 * 86_400, TIME),
        ("12,000 QPS", 12_000, RATE),
        ("5,000 RPS", 5_000, RATE),
        ("100K ops/sec", 100_000, RATE),
        ("1 billion a day", 1e9 / 86_400, RATE),
        ("100 million per month", 1e8 / (30 * 86_400), RATE),
        ("one request every 4 seconds", 0.25, RATE),
        ("10 Gbps", 1.25e9, BANDWIDTH),
        ("35 MB/s", 35e6, BANDWIDTH),
        ("200 megabytes per second", 2e8, BANDWIDTH),
        ("$5", 5, MONEY),
        ("20 cents", 0.2, MONEY),
    ],
)
def test_units_in_si(text, value, dimension):
    q = parse_quantity(text)
    assert q.value == pytest.approx(value)
    assert q.dimension == dimension


@pytest.mark.parametrize(
    ("quantity", "text"),
    [
        (Quantity(11_574.07, RATE), "11,600 per second"),
        (Quantity(30e12, DATA), "30 TB"),
        (Quantity(2.4e6, DATA), "2.4 MB"),
        (Quantity(35e6, BANDWIDTH), "35 MB/s"),
        (Quantity(1e9), "1 billion"),
        (Quantity(30 * 86_400, TIME), "30 days"),
        (Quantity(0.0005, TIME), "500 µs"),
        (Quantity(0.5e-9, TIME), "0.5 ns"),
        (Quantity(6000, MONEY), "$6,000"),
    ],
)
def test_format_quantity(quantity, text):
    assert format_quantity(quantity) == text


def test_bandwidth_in_bits():
    assert format_quantity(Quantity(1.5e8, BANDWIDTH), bits=True) == "1.2 Gbps"


@pytest.mark.parametrize("bad", ["", "users", "per second", "the peak"])
def test_parse_quantity_errors_are_clear(bad):
    with pytest.raises(ValueError, match="no number"):
        parse_quantity(bad)
