"""Slips that are right by their own arithmetic and wrong by what the candidate said they meant:
a working that carries a misstated period, a factor the candidate named and then left out. Each
rule accuses only when the candidate's own words give the evidence; the near misses stay quiet."""

from __future__ import annotations

from estimation import check_transcript
from estimation.report import ClaimCheck


def verdict_of(text: str, figure: str) -> ClaimCheck:
    found = [c for c in check_transcript(text).claims if figure in text[c.start : c.end]]
    assert found, f"no claim for {figure!r}"
    return found[0]


def accused(text: str) -> list[str]:
    return [
        text[c.start : c.end] for c in check_transcript(text).claims if c.verdict == "incorrect"
    ]


# -- a working that carries a misstated period --------------------------------------------------


def test_a_rate_divided_by_a_misstated_day_is_a_power_of_ten_slip():
    text = (
        "Uploads are 2 billion a day. A day is about 10 to the 4 seconds, "
        "so 2 times 10 to the 9 over 10 to the 4 gives 200K a second."
    )
    claim = verdict_of(text, "200K")
    assert claim.verdict == "incorrect" and claim.slip == "order_of_magnitude"
    assert claim.computed is not None and abs(claim.computed.value - 2e9 / 86_400) < 500


def test_a_rate_times_seconds_in_a_day_said_in_passing_is_a_power_of_ten_slip():
    text = (
        "The fleet writes 20 megabytes a second, times 10,000 seconds in a day, "
        "that's 200 gigabytes a day."
    )
    claim = verdict_of(text, "200 gigabytes")
    assert claim.verdict == "incorrect" and claim.slip == "order_of_magnitude"
    assert "86,400" in claim.explanation


def test_the_right_day_in_passing_is_not_a_slip():
    text = (
        "The fleet writes 20 megabytes a second, times 86,400 seconds in a day, "
        "that's about 1.7 terabytes a day."
    )
    assert accused(text) == []


def test_a_figure_carried_from_the_misstated_one_is_not_accused_again():
    text = (
        "Uploads are 2 billion a day. A day is about 10 to the 4 seconds, "
        "so 2 times 10 to the 9 over 10 to the 4 gives 200K a second. "
        "Peak is 2x, so 400K a second."
    )
    assert verdict_of(text, "400K").verdict == "correct"


# -- a span in other units multiplied by its bare count ------------------------------------------


def test_a_daily_figure_times_the_number_of_years_drops_the_days():
    text = (
        "Logs come to 3 terabytes a day. We retain them for 2 years, "
        "so 3 terabytes times 2, about 6 terabytes in total."
    )
    claim = verdict_of(text, "6 terabytes")
    assert claim.verdict == "incorrect" and claim.slip == "dropped_factor"
    assert claim.computed is not None and abs(claim.computed.value - 3e12 * 730) < 1e12
    assert "365" in claim.explanation


def test_a_daily_figure_times_the_days_in_the_span_is_correct():
    text = (
        "Logs come to 3 terabytes a day. We retain them for 2 years, "
        "so 3 terabytes times 365 times 2, about 2.2 petabytes in total."
    )
    assert accused(text) == []


def test_the_same_count_named_as_copies_is_not_a_span():
    text = (
        "Logs come to 3 terabytes a day, kept for 2 years, with 2 replicas. "
        "So 3 terabytes times 2, 6 terabytes a day on disk."
    )
    assert accused(text) == []


# -- a link said in bits, sized or filled as if it were bytes ------------------------------------

DAILY = "Replication is 3.5 TB a day, which over 86,400 seconds is about 40 megabytes a second"
STREAMS = "Video is 1,000 streams at 3 megabytes a second each, so 3 gigabytes a second."
AGENTS = "Each of 200 agents ships 3 megabytes a second, so 600 megabytes a second"


def test_a_link_sized_in_bits_for_a_rate_in_bytes_is_a_bits_slip():
    text = f"{DAILY}, so we need at least a 40 megabit link."
    claim = verdict_of(text, "40 megabit")
    assert claim.verdict == "incorrect" and claim.slip == "bits_vs_bytes"
    assert "320 megabits" in claim.explanation


def test_one_link_that_fits_only_as_bytes_is_a_bits_slip():
    claim = verdict_of(f"{STREAMS} So we need one 20 gigabit link, plenty.", "one")
    assert claim.verdict == "incorrect" and claim.slip == "bits_vs_bytes"


def test_a_link_share_computed_as_bytes_is_a_bits_slip():
    text = f"{AGENTS} on a 10 gigabit NIC, so we are at 6% utilisation."
    claim = verdict_of(text, "6%")
    assert claim.verdict == "incorrect" and claim.slip == "bits_vs_bytes"
    assert "48%" in claim.explanation


def test_links_sized_in_bits_correctly_hold_up():
    for text, figure in (
        (f"{DAILY}, so we need at least a 400 megabit link.", "400 megabit"),
        (f"{STREAMS} So we need one 40 gigabit link, plenty.", "one"),
        (f"{AGENTS} on a 10 gigabit NIC, so we are at 48% utilisation.", "48%"),
    ):
        assert accused(text) == [], text
        assert verdict_of(text, figure).verdict == "correct", text


# -- a factor applied more often than it was named -----------------------------------------------


def test_a_named_factor_applied_again_down_the_lineage_is_a_multiplier_slip():
    text = (
        "We keep 2 copies of everything. Raw is 50 GB a day, so 50 GB × 2 = 100 GB a day. "
        "For a year, 100 GB × 365 × 2 = 73 TB."
    )
    claim = verdict_of(text, "73 TB")
    assert claim.verdict == "incorrect" and claim.slip == "multiplier"
    assert claim.computed is not None and abs(claim.computed.value - 36.5e12) < 1e12
    assert "once" in claim.explanation and "twice" in claim.explanation


def test_a_factor_named_as_often_as_applied_holds_up():
    text = (
        "We keep 2 copies in each of 2 regions. Raw is 50 GB a day, so 50 GB × 2 = 100 GB a day. "
        "Across regions, 100 GB × 2 = 200 GB a day."
    )
    assert accused(text) == []


def test_a_factor_never_named_says_nothing_about_intent():
    text = "Raw is 50 GB a day, so 50 GB × 2 = 100 GB a day. Then 100 GB × 2 = 200 GB a day."
    assert accused(text) == []


# -- a price quoted per batch ---------------------------------------------------------------------


def test_a_price_per_thousand_times_single_requests_drops_the_batch():
    text = (
        "Lookups are priced at $0.02 per 1,000 calls. We make 5 million calls a month, "
        "so 5 million × $0.02 = $100,000 a month."
    )
    claim = verdict_of(text, "$100,000")
    assert claim.verdict == "incorrect" and claim.slip == "dropped_factor"
    assert "$100" in claim.explanation and "per 1,000" in claim.explanation


def test_a_price_per_thousand_divided_out_or_counted_in_batches_holds_up():
    for text in (
        "Lookups are priced at $0.02 per 1,000 calls. We make 5 million calls a month, "
        "so 5 million × $0.02 / 1,000 = $100 a month.",
        "Lookups are priced at $0.02 per 1,000 calls. That is 5,000 batches of calls a month, "
        "so 5,000 × $0.02 = $100 a month.",
        "Lookups cost $0.02 per call. We make 5,000 calls a month, so 5,000 × $0.02 = $100.",
    ):
        assert accused(text) == [], text


# -- a utilisation target applied as a margin -----------------------------------------------------


def test_a_utilisation_target_added_as_a_margin_is_a_percent_base_slip():
    text = (
        "Each worker handles 2,000 jobs a second and we have 16,000 jobs a second, so 8 workers. "
        "We want every worker at most 40% busy, so add 40%: 8 times 1.4, 11 workers."
    )
    claim = verdict_of(text, "11")
    assert claim.verdict == "incorrect" and claim.slip == "percent_base"
    assert claim.computed is not None and abs(claim.computed.value - 20) < 0.1


def test_a_utilisation_drop_taken_off_the_fleet_is_a_percent_base_slip():
    text = (
        "Today 40 hosts are running at 80% CPU and we want to run at 40%, "
        "so we take 40% off: 40 minus 40% of 40, 24 hosts."
    )
    claim = verdict_of(text, "24")
    assert claim.verdict == "incorrect" and claim.slip == "percent_base"
    assert claim.computed is not None and abs(claim.computed.value - 80) < 0.5


def test_a_utilisation_target_divided_out_holds_up():
    for text in (
        "Each worker handles 2,000 jobs a second and we have 16,000 jobs a second, so 8 workers. "
        "We want every worker at most 50% busy, so 8 times 2, 16 workers.",
        "Each worker handles 2,000 jobs a second and we have 16,000 jobs a second, so 8 workers. "
        "We want every worker at most 60% busy, so 8 over 0.6, 14 workers.",
        "We have 8 workers and traffic grows 50% next year, so 8 times 1.5, 12 workers.",
    ):
        assert accused(text) == [], text


# -- a hit ratio worked out from what reaches the backend -----------------------------------------


def test_a_hit_ratio_computed_from_the_database_share_is_the_miss_ratio():
    text = (
        "The database can take 6K queries a second and we serve 120K at peak. "
        "So the cache has to soak up the rest, a hit ratio of 6K over 120K, 5%."
    )
    claim = verdict_of(text, "5%")
    assert claim.verdict == "incorrect" and claim.slip == "percent_base"
    assert "95%" in claim.explanation


def test_a_miss_ratio_or_a_hit_ratio_of_the_hits_holds_up():
    for text in (
        "The database can take 6K queries a second and we serve 120K at peak. "
        "So the miss ratio is 6K over 120K, 5%.",
        "The cache answers 114K of the 120K queries a second at peak, "
        "so a hit ratio of 114K over 120K, 95%.",
    ):
        assert accused(text) == [], text


# -- a count said "on each" of the things it multiplied by -----------------------------------------

MISSES = "Reads are 240K a second and 5% miss, so misses are 12K a second."


def test_a_load_multiplied_by_the_replicas_it_is_spread_over_is_a_multiplier_slip():
    text = f"{MISSES} The DB sees the 12K reads times the 4 replicas, so 48K reads on each replica."
    claim = verdict_of(text, "48K")
    assert claim.verdict == "incorrect" and claim.slip == "multiplier"
    assert claim.computed is not None and abs(claim.computed.value - 3_000) < 100


def test_a_load_spread_over_its_replicas_or_multiplied_for_a_total_holds_up():
    for text in (
        f"{MISSES} The DB sees the 12K reads over the 4 replicas, so 3K reads on each replica.",
        f"{MISSES} The DB sees the 12K reads times the 4 replicas, so 48K reads in total.",
    ):
        assert accused(text) == [], text


# -- a per-second rate said again as a longer period's total ---------------------------------------


def test_a_rate_said_again_as_a_days_total_is_a_time_base_slip():
    text = (
        "Each event is 4 KB and we get 500 a second, so 2 megabytes a second, "
        "so a day is about 2 megabytes, nothing."
    )
    claim = [c for c in check_transcript(text).claims if c.start > text.index("a day")][0]
    assert claim.verdict == "incorrect" and claim.slip == "per_day_vs_per_second"
    assert claim.computed is not None and abs(claim.computed.value - 2e6 * 86_400) < 1e9


def test_a_rate_multiplied_out_to_a_days_total_holds_up():
    text = (
        "Each event is 4 KB and we get 500 a second, so 2 megabytes a second, "
        "so a day is about 170 gigabytes."
    )
    assert accused(text) == []


# -- a total of things said as the count that has them ---------------------------------------------


def test_a_total_that_leaves_out_the_each_is_a_dropped_factor():
    text = "Users: 30M, 3 sessions each.\nTotal sessions = 30M."
    claim = [c for c in check_transcript(text).claims if c.start > text.index("Total")][0]
    assert claim.verdict == "incorrect" and claim.slip == "dropped_factor"
    assert claim.computed is not None and abs(claim.computed.value - 90e6) < 1e6


def test_a_total_with_the_each_multiplied_in_holds_up():
    for text in (
        "Users: 30M, 3 sessions each.\nTotal sessions = 90M.",
        "Users: 30M, 3 sessions each.\nTotal users = 30M.",
    ):
        assert accused(text) == [], text


# -- a span of a per-day figure with the prefix slipped --------------------------------------------


def test_a_year_of_a_daily_figure_with_the_prefix_slipped_is_a_unit_prefix_slip():
    text = (
        "Sensors send 4 billion readings a day at 500 bytes each, so 2 terabytes a day. "
        "For a year of history, 730 gigabytes, which fits on one disk."
    )
    claim = verdict_of(text, "730 gigabytes")
    assert claim.verdict == "incorrect" and claim.slip == "unit_prefix"
    assert claim.computed is not None and abs(claim.computed.value - 730e12) < 1e12


def test_a_year_of_a_daily_figure_with_the_right_prefix_is_not_accused():
    text = (
        "Sensors send 4 billion readings a day at 500 bytes each, so 2 terabytes a day. "
        "For a year of history, 730 terabytes, which needs a cluster."
    )
    assert accused(text) == []


# -- one machine's figure said for the whole fleet -------------------------------------------------


def test_one_machines_figure_said_for_the_whole_fleet_is_a_dropped_factor():
    text = (
        "Each of our 500 servers writes 40 kilobytes a second of traces, so 3.5 gigabytes a day. "
        "So a year for the whole fleet is about 1.3 terabytes."
    )
    claim = verdict_of(text, "1.3 terabytes")
    assert claim.verdict == "incorrect" and claim.slip == "dropped_factor"
    assert claim.computed is not None and abs(claim.computed.value - 1.3e12 * 500) < 1e13


def test_a_fleet_total_scaled_by_the_count_is_not_accused():
    text = (
        "Each of our 500 servers writes 40 kilobytes a second of traces, so 3.5 gigabytes a day. "
        "So a year for the whole fleet is about 640 terabytes."
    )
    assert accused(text) == []


# -- a total of listed parts that leaves one out ---------------------------------------------------


def test_a_total_that_leaves_out_one_listed_part_is_a_dropped_factor():
    text = (
        "Page load budget is 1 second. Say 200 for DNS and TLS, 120 for the API, "
        "and 250 for rendering. So that's 370 milliseconds gone."
    )
    claim = verdict_of(text, "370 milliseconds")
    assert claim.verdict == "incorrect" and claim.slip == "dropped_factor"
    assert "570 ms" in claim.explanation and "mss" not in claim.explanation


def test_a_total_of_all_parts_or_of_a_part_said_with_its_count_holds_up():
    for text in (
        "Page load budget is 1 second. Say 200 for DNS and TLS, 120 for the API, "
        "and 250 for rendering. So that's 570 milliseconds gone.",
        "Page load budget is 1 second. Say 300 for DNS and TLS, two API calls at 100 each, "
        "so 200 for the API. That's 500 milliseconds total.",
    ):
        assert accused(text) == [], text


# -- a result said after a working that trailed off ------------------------------------------------


def test_a_result_after_a_trailing_working_is_checked_against_it():
    text = (
        "We ingest 50K events a second, with two replicas and a 2x peak factor, "
        "so 50K times 2 times 2 times 2... about 400K writes a second."
    )
    claim = verdict_of(text, "400K")
    assert claim.verdict == "incorrect" and claim.slip == "multiplier"
    assert claim.computed is not None and abs(claim.computed.value - 200_000) < 1_000


def test_a_result_after_a_trailing_working_that_matches_holds_up():
    text = (
        "We ingest 50K events a second, with two replicas and a 2x peak factor, "
        "so 50K times 2 times 2... about 200K writes a second."
    )
    assert verdict_of(text, "200K").verdict == "correct"


# -- a share of one span that gives the share of another -------------------------------------------


def test_a_share_of_a_year_said_as_the_share_of_a_month_is_a_percent_base_slip():
    text = "A year is 8,760 hours, and 1% of that is about 7.2 hours of maintenance a year."
    claim = verdict_of(text, "7.2 hours")
    assert claim.verdict == "incorrect" and claim.slip == "percent_base"
    assert claim.computed is not None and abs(claim.computed.value - 87.6 * 3600) < 3600
    assert "of a month" in claim.explanation


def test_a_share_of_a_year_worked_out_right_holds_up():
    text = "A year is 8,760 hours, and 1% of that is about 88 hours of maintenance a year."
    assert accused(text) == []


# -- "730 hours in a month": the period qualifies the span -----------------------------------------


def test_hours_in_a_month_is_one_operand_of_the_working():
    text = "Each GPU box is $3 an hour, so times 730 hours in a month is about $1,500 a month."
    claim = verdict_of(text, "$1,500")
    assert claim.verdict == "incorrect" and claim.slip == "arithmetic"
    assert claim.expected_words == "$2,190 a month"


def test_hours_in_a_month_worked_out_right_holds_up():
    text = "Each GPU box is $3 an hour, so times 730 hours in a month is about $2,200 a month."
    assert verdict_of(text, "$2,200").verdict == "correct"


# -- a plain two-operand working said in one breath ------------------------------------------------


def test_an_explicit_division_off_by_a_few_times_is_an_arithmetic_slip():
    text = "Two billion divided by 86,400 is about 80,000 per second."
    claim = verdict_of(text, "80,000")
    assert claim.verdict == "incorrect" and claim.slip == "arithmetic"
    assert "23,100 per second" in claim.explanation


def test_an_explicit_working_off_by_a_wild_ratio_is_still_only_a_question():
    text = "Two billion divided by 86,400 is about 900,000 per second."
    assert accused(text) == []


# -- a count matched to an earlier result by name alone -----------------------------------------


def test_a_figure_a_thousand_times_off_an_earlier_result_of_its_name_is_asked_not_accused():
    text = (
        "Peak is 12K writes a second per shard. There are 4 shards, so 12K times the 4 shards, 48K."
    )
    assert accused(text) == []
    assert any(c.verdict == "unchecked" for c in check_transcript(text).claims)


# -- a correction is not a factor applied twice -------------------------------------------------


def test_a_multiplier_redone_on_the_base_after_a_slip_is_the_fix_not_a_second_application():
    text = (
        "We expect 2 billion events a day, about 23,000 per second. "
        "Peak is 4x, so 150,000 per second. "
        "Sorry, 4x of 23,000 is 92,000 per second at peak."
    )
    assert verdict_of(text, "150,000").verdict == "incorrect"
    assert verdict_of(text, "92,000").verdict == "correct"


def test_a_factor_applied_again_to_a_result_said_in_the_same_sentence_is_still_caught():
    text = (
        "Average load is 5K a second and peak is 4x, so 20K. "
        "For failover one region takes both, so 20K times 2 times 4, 160K."
    )
    assert verdict_of(text, "160K").verdict == "incorrect"
