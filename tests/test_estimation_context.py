"""Verdicts in interview context: the engine fed one candidate turn at a time, as the
interviewer feeds it. Earlier turns leave numbers in play; they may explain a result said without
its working, but they must not excuse a slip the candidate's own working in the same breath makes
certain, nor turn a new quantity into a restatement of an old one. Each kind has a must-accuse
case and must-stay-quiet cases, worded unlike the listening corpus."""

from __future__ import annotations

from estimation import check_transcript
from tests.estimation_turns import claim_for
from tests.estimation_turns import claims_after as turns


def last(lines: tuple[str, ...], figure: str):
    return claim_for(figure, *lines)


def accused_in_last(*lines: str) -> list[str]:
    return [lines[-1][c.start : c.end] for c in turns(*lines) if c.verdict == "incorrect"]


# -- a per-period amount over a duration accumulates; dividing it by the duration means nothing --


def test_a_daily_amount_over_a_month_said_with_the_wrong_prefix_is_accused():
    lines = (
        "Audit events are 500 million a day.",
        "At 2 KB each that's 1 TB a day, and across 30 days we keep about 30 GB.",
    )
    claim = last(lines, "30 GB")
    assert claim.verdict == "incorrect" and claim.slip == "unit_prefix"
    assert claim.computed is not None and abs(claim.computed.value - 30e12) < 1e12


def test_a_daily_amount_over_a_month_accumulated_holds_up():
    lines = (
        "Audit events are 500 million a day.",
        "At 2 KB each that's 1 TB a day, and across 30 days we keep about 30 TB.",
    )
    assert last(lines, "30 TB").verdict == "correct"


def test_an_amount_over_a_duration_is_never_confirmed_as_an_amount():
    # "1 TB over 30 days is 33 GB" means 33 GB a day, said loosely: not wrong, not confirmed
    claim = last(("The backlog is 1 TB, spread over 30 days that's about 33 GB.",), "33 GB")
    assert claim.verdict != "incorrect"
    assert "divided by 30 days" not in claim.explanation


def test_a_monthly_count_over_the_seconds_in_a_month_is_a_rate():
    claim = last(("Two billion a month over 2.6 million seconds is about 770 a second.",), "770")
    assert claim.verdict == "correct"


def test_a_rate_times_the_seconds_in_a_day_is_that_days_amount():
    claim = last(("12 MB a second times 86,400 seconds is about 1 TB a day.",), "1 TB")
    assert claim.verdict == "correct"


# -- a working said in this breath is not excused by earlier turns' numbers ----------------------


def test_a_split_across_servers_said_in_one_breath_is_judged_on_its_own_figures():
    lines = (
        "We expect 30 billion events a day, which is about 350,000 a second.",
        "With a 2x peak that's 700,000 a second.",
        "Each gateway holds 50,000 connections, so for 40 million devices we need 800 gateways.",
        "So 700,000 a second spread across 800 gateways is about 90 per gateway per second.",
    )
    claim = last(lines, "90")
    assert claim.verdict == "incorrect" and claim.slip == "order_of_magnitude"
    assert claim.computed is not None and abs(claim.computed.value - 875) < 20


def test_a_split_across_servers_worked_right_holds_up_in_context():
    lines = (
        "We expect 30 billion events a day, which is about 350,000 a second.",
        "With a 2x peak that's 700,000 a second.",
        "Each gateway holds 50,000 connections, so for 40 million devices we need 800 gateways.",
        "So 700,000 a second spread across 800 gateways is about 875 per gateway per second.",
    )
    assert accused_in_last(*lines) == []


def test_a_total_times_a_size_each_is_not_excused_by_a_reading_on_older_figures():
    lines = (
        "Sign-ups are about 2 million a day.",
        "Each profile blob is 5 KB, so 2 million times 5 KB is 10 GB a day.",
        "After five years that's 3.65 billion accounts, and at 300 bytes of index each "
        "it's about 110 GB.",
    )
    claim = last(lines, "110 GB")
    assert claim.verdict == "incorrect" and claim.slip == "order_of_magnitude"
    assert claim.computed is not None and abs(claim.computed.value - 1.095e12) < 5e10


def test_a_total_times_a_size_each_worked_right_holds_up():
    lines = (
        "Sign-ups are about 2 million a day.",
        "Each profile blob is 5 KB, so 2 million times 5 KB is 10 GB a day.",
        "After five years that's 3.65 billion accounts, and at 300 bytes of index each "
        "it's about 1.1 TB.",
    )
    assert accused_in_last(*lines) == []


def test_a_sum_of_listed_parts_is_not_read_as_the_last_two_figures():
    text = "Budget: gateway 30 ms, service 120 ms, database 50 ms, total about 200 ms."
    assert [c for c in check_transcript(text).claims if c.verdict == "incorrect"] == []


# -- the miss share goes to the backend -----------------------------------------------------------


def test_the_backend_said_to_serve_the_complement_of_the_miss_rate_is_a_percent_base_slip():
    lines = (
        "Video egress at peak is about 800 gigabits a second.",
        "The edge misses 10% of requests, so the origin has to push 90% of that, 720 Gbps.",
    )
    claim = last(lines, "720")
    assert claim.verdict == "incorrect" and claim.slip == "percent_base"
    assert claim.computed is not None and abs(claim.computed.value * 8 - 80e9) < 2e9
    assert "misses" in claim.explanation


def test_the_miss_share_sent_to_the_backend_holds_up():
    lines = (
        "Video egress at peak is about 800 gigabits a second.",
        "The edge misses 10% of requests, so the origin has to push 10% of that, 80 Gbps.",
    )
    assert accused_in_last(*lines) == []


def test_the_edge_serving_the_hit_share_holds_up():
    lines = (
        "Video egress at peak is about 800 gigabits a second.",
        "The edge misses 10% of requests, so the edge itself serves 90% of that, 720 Gbps.",
    )
    assert accused_in_last(*lines) == []


def test_a_cache_that_misses_a_share_is_not_a_hit_rate():
    text = (
        "Lookups run at 80,000 a second and the cache misses 25% of them, "
        "so the database takes 25% of 80,000, 20,000 lookups a second."
    )
    assert [c for c in check_transcript(text).claims if c.verdict == "incorrect"] == []


# -- a retention named in the same breath and left out of the working ------------------------------


def test_one_years_worth_said_for_a_retention_of_several_years_is_a_dropped_factor():
    text = (
        "Each record is 200 bytes and we retain them for 5 years, "
        "so 50 million times 200 bytes times 365 is about 3.65 TB."
    )
    claim = check_transcript(text).claims[-1]
    assert claim.verdict == "incorrect" and claim.slip == "dropped_factor"
    assert claim.computed is not None and abs(claim.computed.value - 18.25e12) < 1e11
    assert "5 years" in claim.explanation


def test_one_years_worth_said_per_year_holds_up():
    text = (
        "Each record is 200 bytes and we retain them for 5 years, "
        "so 50 million times 200 bytes times 365 is about 3.65 TB a year."
    )
    assert [c for c in check_transcript(text).claims if c.verdict == "incorrect"] == []


def test_one_years_worth_then_multiplied_by_the_years_holds_up():
    text = (
        "Each record is 200 bytes and we retain them for 5 years, "
        "so 50 million times 200 bytes times 365 is about 3.65 TB, times 5 is about 18 TB."
    )
    assert [c for c in check_transcript(text).claims if c.verdict == "incorrect"] == []


def test_one_year_named_as_such_before_the_working_holds_up():
    text = (
        "We retain them for 5 years; a single year is 50 million times 200 bytes times 365, "
        "about 3.65 TB."
    )
    assert [c for c in check_transcript(text).claims if c.verdict == "incorrect"] == []


def test_the_years_multiplied_into_the_working_hold_up():
    text = "We retain 5 years: 50 million times 200 bytes times 365 times 5 is about 18 TB."
    assert [c for c in check_transcript(text).claims if c.verdict == "incorrect"] == []


# -- a one-figure conversion has one reading --------------------------------------------------------


def test_a_daily_count_said_per_second_with_the_wrong_divisor_is_accused():
    lines = ("How many orders a day?", "Four million a day comes to about 4,000 a second.")
    claim = last(lines, "4,000")
    assert claim.verdict == "incorrect" and claim.slip == "per_day_vs_per_second"
    assert claim.computed is not None and abs(claim.computed.value - 46.3) < 1
    assert "86,400" in claim.explanation


def test_a_daily_count_said_per_second_at_peak_is_not_a_plain_conversion():
    lines = ("How many orders a day?", "Four million a day, at peak about 4,000 a second.")
    assert accused_in_last(*lines) == []


def test_a_daily_count_with_a_capacity_provisioned_per_second_is_not_a_conversion():
    lines = ("How many orders a day?", "Four million a day, so we provision for 4,000 a second.")
    assert accused_in_last(*lines) == []


def test_a_daily_count_converted_right_holds_up():
    lines = ("How many orders a day?", "Four million a day comes to about 46 a second.")
    assert accused_in_last(*lines) == []


def test_a_multi_operand_working_off_by_a_wild_ratio_stays_a_question():
    claim = last(("Four million times 3 divided by 86,400 is about 9,000 a second.",), "9,000")
    assert claim.verdict == "unchecked"


# -- a new quantity with its own derivation is not an earlier rate restated --------------------------


def test_a_new_daily_figure_derived_from_a_per_user_rate_is_not_an_earlier_rate_restated():
    lines = (
        "Sizing: 300 million daily users opening the app about 7 times is 2 billion sessions "
        "a day, which over 86,400 seconds is about 23,000 a second, and 3x at peak is about "
        "70,000 a second.",
        "Uploads: one photo every three days means 100 million photos a day, "
        "roughly 1,200 a second.",
    )
    assert accused_in_last(*lines) == []


# -- inputs are not results --------------------------------------------------------------------------


def test_a_guessed_input_of_a_later_result_is_not_asked_about():
    text = "Each session record is maybe 40 bytes, so 50 million times 40 bytes is 2 GB."
    claims = check_transcript(text).claims
    assert [text[c.start : c.end] for c in claims] == ["2 GB"]
    assert claims[0].verdict == "correct"


def test_inputs_listed_before_their_result_are_not_asked_about():
    text = "Okay, 30 million riders, four trips each, that's 120 million trips a day."
    claims = check_transcript(text).claims
    assert [c.verdict for c in claims if c.verdict == "unchecked"] == []
    assert any("120 million" in text[c.start : c.end] for c in claims)


def test_a_result_that_feeds_the_next_one_is_still_a_result():
    lines = (
        "We have 20 million users asking 5 questions a day of 1,000 tokens each.",
        "So 100 billion tokens a day, which over 86,400 is about 1.2 million tokens a second.",
    )
    texts = [lines[-1][c.start : c.end] for c in turns(*lines)]
    assert any("100 billion" in t for t in texts)


# -- more wordings of the same kinds ------------------------------------------------------------------


def test_a_load_spread_over_servers_said_as_so_much_each_is_judged():
    lines = (
        "Peak is 300,000 requests a second.",
        "Across 600 servers, 300,000 a second is 5,000 each.",
    )
    claim = last(lines, "5,000")
    assert claim.verdict == "incorrect" and claim.slip == "order_of_magnitude"


def test_a_hit_rate_applied_to_an_earlier_load_for_the_database_is_a_percent_base_slip():
    lines = (
        "The API takes 60,000 reads a second.",
        "With an 80% hit rate the database sees 80% of them, about 48,000 reads a second.",
    )
    claim = last(lines, "48,000")
    assert claim.verdict == "incorrect" and claim.slip == "percent_base"
    assert claim.computed is not None and abs(claim.computed.value - 12_000) < 100


def test_the_database_share_said_as_a_share_is_not_accused():
    lines = (
        "The API takes 60,000 reads a second.",
        "With an 80% hit rate the database sees 20% of them, about 12,000 reads a second.",
    )
    assert accused_in_last(*lines) == []


def test_misses_named_then_the_other_share_sent_to_the_database_is_a_percent_base_slip():
    lines = (
        "The API takes 60,000 reads a second.",
        "Misses are about 10%, so the DB handles the other 90%, 54,000 a second.",
    )
    claim = last(lines, "54,000")
    assert claim.verdict == "incorrect" and claim.slip == "percent_base"


def test_a_monthly_count_said_per_second_with_a_days_seconds_is_accused():
    claim = last(("Three billion a month is about 30,000 a second.",), "30,000")
    assert claim.verdict == "incorrect" and claim.slip == "per_day_vs_per_second"


def test_busy_hours_with_a_word_between_are_a_span_not_a_factor():
    lines = ("Orders: two million a day, so over the 10 busy hours that's about 55 a second.",)
    assert accused_in_last(*lines) == []


# -- a fix of a slip is not another slip ----------------------------------------------------------------


def test_the_right_value_said_for_a_result_judged_wrong_is_the_fix():
    lines = (
        "Ingest: 40,000 events a second times 2 KB is 80 Mbps.",
        "Let me correct that: 80 megabytes a second, so about 640 megabits a second.",
    )
    claims = turns(*lines)
    assert claims and all(c.verdict == "correct" for c in claims)


def test_a_fix_that_is_still_wrong_is_not_accepted():
    lines = (
        "Ingest: 40,000 events a second times 2 KB is 80 Mbps.",
        "Let me correct that: 8 megabytes a second.",
    )
    assert all(c.verdict != "correct" for c in turns(*lines))


def test_the_database_share_said_beside_a_hit_count_is_not_read_as_the_hit_rate():
    text = "With 99% cache hits the database sees 1% of 1 million QPS, so 10,000 QPS."
    assert [c for c in check_transcript(text).claims if c.verdict == "incorrect"] == []


def test_a_name_from_an_earlier_turn_said_as_the_noun_of_a_number_keeps_the_working():
    lines = (
        "Peak is 400,000 a second.",
        "We need 2,000 workers.",
        "So 400,000 a second over 2,000 workers is 2,000 a second each.",
    )
    claim = last(lines, "2,000 a second")
    assert claim.verdict == "incorrect" and claim.slip == "order_of_magnitude"
    lines = lines[:2] + ("So 400,000 a second over 2,000 workers is 200 a second each.",)
    assert accused_in_last(*lines) == []


def test_a_hyphenated_retention_is_a_span_kept():
    text = "We want a 3-year retention. 2 million rows a day times 1 KB times 365 is 730 GB."
    claim = check_transcript(text).claims[-1]
    assert claim.verdict == "incorrect" and claim.slip == "dropped_factor"
    assert "3 years" in claim.explanation


def test_things_each_multiply_and_are_never_divided_out():
    text = "With 80 million users and 3 devices each, that's 24 million devices."
    claim = check_transcript(text).claims[-1]
    assert claim.verdict == "incorrect" and claim.computed is not None
    assert abs(claim.computed.value - 240e6) < 1e6
    right = "With 80 million users and 3 devices each, that's 240 million devices."
    assert [c for c in check_transcript(right).claims if c.verdict == "incorrect"] == []


# -- each thing sent on to N others multiplies; dividing by the fan-out is the wrong way round --


def test_each_one_sent_on_to_n_divided_by_n_is_a_multiplier_slip():
    lines = ("Orders come in at 600 a second. Every order is copied to 4 queues, so 150 a second.",)
    claim = last(lines, "150")
    assert claim.verdict == "incorrect" and claim.slip == "multiplier"
    assert claim.computed is not None and abs(claim.computed.value - 2400) < 1
    # the correction names the operands it multiplies, not a bare ratio
    assert "600" in claim.explanation and "4" in claim.explanation


def test_each_one_hitting_n_without_a_preposition_is_the_same_fan_out():
    text = "Notifications run 2,000 a second; each one hits 2 channels, so that is 1,000 a second."
    assert [c.verdict for c in turns(text) if c.verdict == "incorrect"] == ["incorrect"]


def test_a_fan_out_multiplied_holds_up():
    text = "We get 900 writes a second, and each write fans out to 5 followers, giving 4,500."
    assert accused_in_last(text) == []


def test_a_capacity_each_divides_and_is_not_a_fan_out():
    assert (
        accused_in_last("We get 900 writes a second. Each server handles 300, so 3 servers.") == []
    )
    text = "1,200 requests a second; every request goes to one of 3 shards, so each sees 400."
    assert accused_in_last(text) == []


def test_a_fan_out_on_a_rate_from_an_earlier_turn_is_never_confirmed_divided():
    lines = (
        "We get 1,200 events a second.",
        "Most of them are small.",
        "Each one goes to three endpoints, so 400 a second.",
    )
    assert last(lines, "400").verdict == "unchecked"


# -- once every k seconds is the count over k seconds; multiplying by k is the wrong operation --


def test_a_count_every_k_seconds_multiplied_by_k_is_a_multiplier_slip_named_as_such():
    text = "Each of 3,000 servers sends a heartbeat every 5 minutes, so 3,000 times 5 is 15,000 a minute."
    claim = last((text,), "15,000")
    assert claim.verdict == "incorrect" and claim.slip == "multiplier"
    assert claim.computed is not None and abs(claim.computed.value - 10.0) < 0.01  # 600 a minute
    # the correction never contradicts the spoken arithmetic (3,000 x 5 is 15,000): it names
    # the concept and the operands
    assert "every 5 minutes" in claim.explanation.lower() and "divide" in claim.explanation
    assert "3,000" in claim.explanation


def test_the_count_said_with_its_period_is_the_count_in_the_spoken_working():
    text = "Scooters: 80,000 scooters every 4 seconds is 80,000 times 4, so 320,000 pings a second."
    claim = last((text,), "320,000")
    assert claim.verdict == "incorrect" and claim.computed is not None
    assert abs(claim.computed.value - 20_000) < 1
    assert "80,000 times 4 is about" not in claim.explanation


def test_a_count_every_k_seconds_divided_by_k_holds_up():
    text = "Each of 40,000 drivers sends a ping every 4 seconds, so 40,000 divided by 4 is 10,000 a second."
    assert accused_in_last(text) == []


def test_a_rate_times_a_flush_interval_is_a_batch_not_a_slip():
    text = "We ingest 10,000 events a second and flush every 5 seconds, so 10,000 times 5 is 50,000 a flush."
    assert accused_in_last(text) == []


# -- a window kept named in the breath and left out of the total kept ------------------------


def test_a_daily_total_said_as_what_a_window_of_weeks_keeps_is_a_dropped_factor():
    text = "We keep logs for 2 weeks, and 50 million lines a day times 200 bytes is 10 GB."
    claim = last((text,), "10 GB")
    assert claim.verdict == "incorrect" and claim.slip == "dropped_factor"
    assert claim.computed is not None and abs(claim.computed.value - 140e9) < 1e9
    assert "2 weeks" in claim.explanation and "200 bytes" in claim.explanation


def test_a_bare_daily_count_from_an_earlier_turn_kept_for_months_is_a_dropped_factor():
    lines = (
        "Uploads are 20 million a day.",
        "We retain them for 6 months, so 20 million times 1 MB is 20 TB.",
    )
    claim = last(lines, "20 TB")
    assert claim.verdict == "incorrect" and claim.computed is not None
    assert abs(claim.computed.value - 3.6e15) < 1e13


def test_a_window_multiplied_in_or_carried_on_or_said_per_day_holds_up():
    for text in (
        "We keep logs for 2 weeks, and 50 million lines a day times 200 bytes times 14 is 140 GB.",
        "We keep logs for 2 weeks; 50 million lines a day times 200 bytes is 10 GB a day.",
        "We keep logs for 2 weeks; 50 million lines a day times 200 bytes is 10 GB, so 140 GB.",
        "Messages are held for 7 days; at 1,000 a second and 1 KB, that's 1 MB a second.",
    ):
        assert accused_in_last(text) == [], text


def test_a_window_two_sentences_back_is_not_this_breath():
    lines = ("We retry for three days. Fine. So we keep 100 million a day times 2 KB, 200 GB.",)
    assert accused_in_last(*lines) == []


# -- things times a span counted in periods times a size: a product with one reading ---------


def test_things_times_hours_in_a_year_at_a_size_off_by_ten_is_a_power_of_ten():
    text = "So 2 million meters times 8,760 hours in a year at 50 bytes is about 88 GB."
    claim = last((text,), "88 GB")
    assert claim.verdict == "incorrect" and claim.slip == "order_of_magnitude"
    assert claim.computed is not None and abs(claim.computed.value - 876e9) < 1e9
    # the explanation names the operands it multiplied, not the words that led to them
    assert claim.explanation.startswith("2 million times 8,760 hours times 50 bytes")


def test_the_same_product_with_a_name_from_an_earlier_turn_is_judged_on_this_breath():
    lines = (
        "20,000 stores times 300 products is 6 million price series.",
        "Storage per year: 6 million series times 8,760 hours in a year at 20 bytes is 105 GB.",
    )
    claim = last(lines, "105 GB")
    assert claim.verdict == "incorrect" and claim.computed is not None
    assert abs(claim.computed.value - 1.05e12) < 1e10


def test_things_times_a_span_at_a_size_worked_right_holds_up():
    text = "So 2 million meters times 8,760 hours in a year at 50 bytes is about 876 GB."
    assert last((text,), "876 GB").verdict == "correct"


def test_an_amount_spread_over_a_span_stays_loose():
    assert accused_in_last("The backlog is 1 TB, spread over 30 days that's about 33 GB.") == []


# -- a small count said as a word, with no working, is never a checked result -----------------


def test_a_small_word_count_in_passing_is_not_a_result():
    lines = (
        "Writes are 4,000 a second and the table is 2 GB.",
        "Each order is one transaction, so a retry can't create two charges.",
    )
    assert turns(*lines) == []


def test_a_word_count_after_so_with_no_working_is_never_checked():
    for lines in (
        ("Writes are 4,000 a second.", "Every write is idempotent, so two."),
        ("Writes are 4,000 a second and rows are 1 KB.", "Retries are rare, so call it three."),
    ):
        assert all(c.verdict != "correct" for c in turns(*lines)), lines


def test_a_small_count_of_machines_is_still_judged():
    text = "Origin serves 2 gigabytes a second, so we need one 10 gigabit link at the origin."
    assert accused_in_last(text) == ["one"]
    text = "That's 170 gigs, which fits on like three 64 gig boxes."
    assert [c.verdict for c in turns(text)] != []


# -- N copies named with what each one takes, then left out of the working --------------------


def test_copies_named_with_a_cost_each_and_left_out_of_the_working_are_a_dropped_factor():
    text = (
        "We generate four thumbnails and each thumbnail is 20 KB, "
        "so 5 million uploads a day times 20 KB is 100 GB a day."
    )
    claim = last((text,), "100 GB")
    assert claim.verdict == "incorrect" and claim.slip == "dropped_factor"
    assert claim.computed is not None and abs(claim.computed.value - 400e9 / 86400) < 1e4
    assert "four thumbnails" in claim.explanation and "20 KB" in claim.explanation


def test_copies_multiplied_in_said_per_copy_carried_on_or_never_costed_hold_up():
    head = "We generate four thumbnails and each thumbnail is 20 KB, so 5 million uploads a day"
    for text in (
        f"{head} times 20 KB times 4 is 400 GB a day.",
        f"{head} times 20 KB is 100 GB a day per thumbnail.",
        f"{head} times 20 KB is 100 GB a day, so 400 GB a day for all four.",
        "We generate four thumbnails. Uploads are 5 million a day times 20 KB, 100 GB a day.",
    ):
        assert accused_in_last(text) == [], text


# -- what is said back names the operands and the candidate's own conventions -----------------


def test_a_count_of_machines_is_never_confirmed_as_a_data_total_with_the_prefix_dropped():
    lines = (
        "Peak is about 17,400 and the catalogue comes to 200 gigabytes.",
        "At 5,000 lookups a second per node, 17,400 at peak needs about 3.5 nodes.",
    )
    claim = last(lines, "3.5")
    # 17,400 x 200 GB is 3.48 PB, not 3.5 nodes: never the evidence for it
    assert "gigabytes" not in claim.explanation and claim.verdict != "incorrect"


def test_a_day_the_candidate_rounded_is_their_day_when_said_back():
    lines = (
        "Half a billion uploads a day, and I'll call a day 100,000 seconds.",
        "At 400 bytes each that's 200 gigabytes a day.",
    )
    claim = last(lines, "200 gigabytes")
    assert claim.verdict == "correct"
    assert "200 GB a day" in claim.explanation and "172.8" not in claim.explanation


def test_windows_said_as_a_ttl_a_week_or_retained_n_days_are_the_same_kind():
    for text, total in (
        ("Logs have a 90 day TTL. At 2 TB a day that's 2 TB of storage.", 180e12),
        ("We get 40 million messages a day at 1 KB, and we hold them for a week, so 40 GB.", 280e9),
        (
            "We retain 7 days of events; 500 million events a day times 500 bytes is 250 GB.",
            1.75e12,
        ),
    ):
        claim = turns(text)[-1]
        assert claim.verdict == "incorrect" and claim.slip == "dropped_factor", text
        assert claim.computed is not None and abs(claim.computed.value - total) < total / 100


def test_a_window_applied_without_saying_it_holds_up():
    text = "We keep events for four days, so 100 million a day times 2 KB, which is 800 GB."
    assert accused_in_last(text) == []


def test_each_of_the_things_counted_having_n_multiplies_them():
    text = "We have 3 million drivers, every driver does 8 trips a day, so 3 million over 8 is 375,000."
    claim = last((text,), "375,000")
    assert claim.verdict == "incorrect" and claim.computed is not None
    assert abs(claim.computed.value - 24e6) < 1e5
    assert "for each driver" in claim.explanation


def test_a_container_of_other_things_divides_and_is_not_a_fan_out():
    text = "We ingest 10,000 events a second and each batch holds 100 events, so 10,000 over 100 is 100."
    assert accused_in_last(text) == []


def test_a_fan_out_in_the_hundreds_said_before_the_rate_is_the_same_kind():
    text = "Every post is delivered to 300 followers, and we get 6,000 posts a second, so 20 writes a second."
    claim = last((text,), "20 writes")
    assert claim.verdict == "incorrect" and claim.slip == "multiplier"


def test_a_period_said_once_every_k_seconds_then_multiplied_by_k_is_named():
    text = "A million sensors report once every 30 seconds, which is a million times 30, so 30 million a second."
    claim = last((text,), "30 million a second")
    assert claim.verdict == "incorrect" and "Every 30 seconds" in claim.explanation


def test_copies_with_an_irregular_plural_are_the_same_kind_and_the_count_is_an_input():
    text = "We keep 3 copies of every object and each copy is 2 MB, so 50 million objects times 2 MB is 100 TB."
    claims = turns(text)
    assert [text[c.start : c.end] for c in claims if c.verdict == "incorrect"] == ["100 TB"]
    assert not any(text[c.start : c.end] == "50 million" for c in claims)  # an operand
