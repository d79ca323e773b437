"""Kinds of numbers the estimation engine must read, so that slips in them are checked and
figures already given are not asked for again. Each kind has a must-read (or must-accuse) case
and a must-stay-quiet case, in wordings unlike the probes that found them."""

from __future__ import annotations

import pytest

from estimation import parse_quantity
from estimation.lexer import tokenize
from tests.estimation_turns import claim_for, claims_after

# -- spelled-out shares of a scale and "and a half" ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a quarter of a million", 250_000),
        ("three quarters of a billion", 7.5e8),
        ("half of a million", 500_000),
        ("a half million", 500_000),
        ("a third of a billion", 1e9 / 3),
        ("two and a half million", 2.5e6),
        ("one and a half", 1.5),
        ("a million and a half", 1.5e6),
        ("eight and a quarter thousand", 8_250),
        ("one and a half terabytes", 1.5e12),
    ],
)
def test_spelled_out_shares_are_numbers(text, value):
    assert parse_quantity(text).value == pytest.approx(value)


def test_a_share_of_something_else_is_not_part_of_the_number():
    toks = [t for t in tokenize("we need 20, and a quarter of those are hot") if t.kind == "qty"]
    assert toks[0].number == 20
    assert not any(t.number == 20.25 for t in toks)


def test_a_share_of_what_follows_stays_a_share():
    toks = [t for t in tokenize("a quarter of the users upload") if t.kind == "qty"]
    assert len(toks) == 1 and toks[0].percent and toks[0].number == 0.25


def test_a_result_said_as_a_share_of_a_million_is_checked():
    text = "We run 300 servers at 2,000 requests a second each, that's a quarter of a million."
    claim = claim_for("a quarter of a million", text)
    assert claim.verdict == "incorrect"


def test_a_result_said_as_a_share_of_a_million_holds_up():
    lines = (
        "Around 230 a second on average.",
        "Peak is 1000x that, call it a quarter of a million.",
    )
    assert claim_for("a quarter of a million", *lines).verdict == "correct"


def test_an_input_said_with_and_a_half_is_read_so_the_division_is_checked():
    text = "The index is 12 terabytes and each node holds two and a half terabytes, so 8 nodes."
    claim = claim_for("8", text)
    assert claim.verdict == "incorrect"


def test_a_division_by_one_and_a_half_that_is_right_holds_up():
    text = "We have 90 terabytes and keep each shard under one and a half terabytes, so 60 shards."
    assert claim_for("60", text).verdict == "correct"


# -- a filler between the working's last figure and the result is a pause, not a join -----------


def test_a_result_after_a_filler_pause_is_read():
    text = "Fifty million users times twelve kilobytes, um, six hundred gigabytes."
    assert claim_for("six hundred gigabytes", text).verdict == "correct"


def test_a_result_after_a_filler_pause_is_checked():
    text = "So 30 million rows times 8, uh, 2.4 gigabytes."
    claims = claims_after(text)
    assert [c.verdict for c in claims if "2.4" in text[c.start : c.end]] == ["incorrect"]


def test_a_result_that_repeats_the_last_operand_after_a_filler_is_read():
    text = "So that's two billion keys times eight, uh, eight bytes is the key, sixteen gigabytes."
    claims = claims_after(text)
    assert any("sixteen gigabytes" in text[c.start : c.end] for c in claims)
    assert all(c.verdict != "incorrect" for c in claims)


def test_a_filler_after_an_operator_keeps_the_working_in_one_piece():
    text = "Five billion a day over, um, eighty six thousand four hundred, about 58,000 a second."
    assert claim_for("58,000", text).verdict == "correct"


# -- "by" between counted things is a product --------------------------------------------------


def test_rows_by_columns_by_bytes_is_a_product():
    text = (
        "A matrix of eight rows by two to the twenty columns by eight bytes is about 64 megabytes."
    )
    claim = claim_for("64 megabytes", text)
    assert claim.verdict == "correct"


def test_rows_by_columns_by_bytes_off_by_the_rows_is_accused():
    text = "Five hashes by a million counters by 4 bytes, that's, let me see, 4 megabytes."
    claim = claim_for("4 megabytes", text)
    assert claim.verdict == "incorrect"


@pytest.mark.parametrize(
    "text",
    [
        "Traffic grows by 20% a year.",
        "We will have 10 TB by 2030.",
        "Cut the 40 servers by half.",
        "Divide 86,400 by 24.",
    ],
)
def test_by_that_is_not_a_product_stays_a_word(text):
    ops = [t for t in tokenize(text) if t.kind == "op" and t.text == "by" and t.op == "*"]
    assert ops == []


# -- a data rate said again in bits names a link speed: per second though no period is said -----


def test_a_rate_restated_in_bits_with_the_bytes_number_is_a_bits_bytes_slip():
    text = "Fan-out is 3 GB a second, which is about 3 gigabits, so one NIC per broker."
    claim = claim_for("3 gigabits", text)
    assert claim.verdict == "incorrect" and claim.slip == "bits_vs_bytes"


def test_a_rate_restated_in_bits_times_eight_holds_up():
    text = "So we push 250 megabytes a second, that's 2 gigabits."
    assert claim_for("2 gigabits", text).verdict == "correct"


def test_a_daily_total_restated_in_bits_is_not_a_link_speed():
    text = "We store 5 GB a day, which is 40 gigabits."
    assert all(c.verdict != "incorrect" for c in claims_after(text))


# -- an "Nx" said as a result compares two figures of the breath ---------------------------------


def test_a_ratio_said_as_a_result_is_confirmed_by_the_two_figures():
    lines = (
        "Hot tier costs $90K a month and the archive tier $15K a month.",
        "So it's roughly six x cheaper to archive.",
    )
    claim = claim_for("six x", *lines)
    assert claim.verdict == "correct" and "6" in claim.explanation


def test_a_ratio_no_two_figures_give_is_asked_never_accused():
    text = "A shard takes 800 writes a second and we see 2,000 a second, which is about 5x over."
    claim = claim_for("5x", text)
    assert claim.verdict == "unchecked" and claim.explanation == "How did you get 5x?"


def test_a_guessed_factor_is_not_a_ratio_result():
    lines = ("Writes are 2,000 a second.", "Reads are more, maybe ten times more, so 20,000.")
    claims = claims_after(*lines)
    assert not any("ten times" in lines[-1][c.start : c.end] for c in claims)


# -- a range said as a result is judged by its ends ---------------------------------------------


def test_a_range_that_holds_the_value_holds_up():
    text = "We have 3,000 hosts at 800 megs of metrics a day, so that's between 2 and 3 TB a day."
    claim = claim_for("between 2 and 3 TB", text)
    assert claim.verdict == "correct" and "between 2 and 3 TB a day" in claim.explanation


def test_a_range_whose_middle_is_off_but_whose_end_holds_it_is_not_accused():
    text = "So 40 brokers times 110 gigs is, uh, 4 to 6 terabytes."
    claim = claim_for("4 to 6 terabytes", text)
    assert claim.verdict == "correct"


def test_a_range_well_off_at_both_ends_is_accused_in_its_own_words():
    text = "Ten thousand pods times 3 megabytes, so that's 250 to 350 gigabytes."
    claim = claim_for("250 to 350 gigabytes", text)
    assert claim.verdict == "incorrect" and "250 to 350 gigabytes" in claim.explanation


@pytest.mark.parametrize(
    "text",
    [
        "Reads scale from 2 to 8 replicas.",
        "Users send 2 to 3 messages each.",
        "So that's 2 to the 32 ids.",
        "We grow between 10 and 40 percent a year.",
    ],
)
def test_what_is_not_a_narrow_stated_range_is_no_range(text):
    assert not any(t.spread for t in tokenize(text))


# -- a result said after a verb of what the system sees or creates ------------------------------


def test_a_result_after_sees_is_read_and_confirmed():
    text = (
        "Ingest is 400 megabytes a second, and with two replicas the disks see 800 megs a second."
    )
    assert claim_for("800 megs", text).verdict == "correct"


def test_a_result_after_sees_that_no_reading_gives_is_asked_not_accused():
    text = (
        "Ingest is 400 megabytes a second, and with two replicas the disks see 1.3 gigs a second."
    )
    assert claim_for("1.3 gigs", text).verdict == "unchecked"


# -- a small factor glued to its name: "RF3", "x3" ----------------------------------------------


def test_a_replication_factor_glued_to_its_name_is_a_factor():
    text = "Hot data is 40 TB; × RF3 = 120 TB on disk."
    assert claim_for("120 TB", text).verdict == "correct"


def test_a_glued_times_factor_that_does_not_give_the_result_is_accused():
    text = "Logs: 2 TB/day x3 = 9 TB/day."
    claim = claim_for("9 TB", text)
    assert claim.verdict == "incorrect"


def test_a_glued_factor_needs_a_single_digit():
    assert [t.kind for t in tokenize("rf34 and x12")] == ["word", "word", "word"]


# -- written chains: the figure that opens a working after "→" is the last working's result -----


def test_a_figure_between_two_workings_is_the_first_ones_result():
    text = "Events: 50 MB/s × 86,400 = 4.3 TB/day → 7 days → 30 TB × 3 = 90 TB"
    claims = claims_after(text)
    said = {text[c.start : c.end]: c.verdict for c in claims}
    assert said.get("30 TB") == "correct" and said.get("90 TB") == "correct"


def test_a_wrong_figure_between_two_workings_is_checked_against_the_first():
    text = "Events: 50 MB/s × 86,400 = 4.3 TB/day × 7 days = 3 TB × 3 = 9 TB"
    claims = claims_after(text)
    said = {text[c.start : c.end]: c.verdict for c in claims}
    assert said.get("3 TB") == "incorrect"


# -- a result said first, its working below -----------------------------------------------------


def test_a_headline_figure_the_working_below_gives_is_confirmed():
    text = "Index RAM ≈ 96 GB. Working: 400M docs × 80 bytes = 32 GB; × 3 = 96 GB."
    claim = claim_for("96 GB", text)
    assert claim.start == text.index("96 GB") and claim.verdict == "correct"


def test_a_headline_figure_the_working_below_does_not_give_is_never_accused():
    text = "Index RAM ≈ 200 GB. Working: 400M docs × 80 bytes = 32 GB; × 3 = 96 GB."
    claims = claims_after(text)
    assert all(c.verdict != "incorrect" for c in claims if c.start == text.index("200 GB"))
