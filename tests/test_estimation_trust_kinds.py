"""Trust kinds: right results the engine used to accuse and wrong ones it called right, each
with must-stay-quiet and must-accuse cases in wordings unlike the probes that found them."""

from __future__ import annotations

from estimation import EstimationSession, evaluate
from tests.estimation_turns import claim_for, claims_after

# -- a percentage added to a figure grows it ("plus 20% headroom") -------------------------------


def test_a_percentage_added_grows_the_figure():
    assert evaluate("38 plus 20%").value == 38 * 1.2
    assert round(evaluate("200 - 5%").value, 6) == 190
    assert round(evaluate("5% + 10%").value, 6) == 0.15  # two shares still add


def test_a_margin_added_as_a_percentage_holds_up():
    line = "The fleet needs 60 servers, plus 25 percent headroom, so 75."
    assert claim_for("75", line).verdict == "correct"


def test_a_margin_added_as_a_percentage_and_got_wrong_is_accused():
    line = "The fleet needs 60 servers, plus 25 percent headroom, so 100."
    claim = claim_for("100", line)
    assert claim.verdict == "incorrect"
    assert "75" in claim.explanation


# -- a result said without a data unit is not a prefix slip -------------------------------------


def test_a_price_times_gigabytes_said_bare_is_not_a_prefix_slip():
    line = "Egress is 5 million gigs times 0.09, about 450 grand a month."
    assert claim_for("450 grand", line).verdict != "incorrect"


def test_a_bare_result_off_by_a_whole_prefix_is_asked_not_accused():
    line = "We hold 3 million gigabytes times 2, so 6 thousand."
    assert claim_for("6 thousand", line).verdict != "incorrect"


def test_a_result_with_its_own_data_unit_off_by_a_prefix_is_still_accused():
    line = "We hold 3 million gigabytes times 2, so 6 terabytes."
    claim = claim_for("6 terabytes", line)
    assert claim.verdict == "incorrect" and claim.slip == "unit_prefix"


# -- the count of copies said last in the breath is the factor ----------------------------------


def test_copies_named_after_the_first_factor_hold_up():
    line = "Two copies in each of four data centers, so eight copies of the 10 TB index, 80 TB."
    assert claim_for("80 TB", line).verdict == "correct"


def test_copies_named_after_the_first_factor_are_not_blamed_on_it():
    line = "Two copies in each of four data centers, so eight copies of the 10 TB index, 20 TB."
    claim = claim_for("20 TB", line)
    assert claim.verdict != "correct"
    assert "4x" not in claim.explanation


def test_a_factor_said_last_before_the_result_is_still_checked():
    line = "We keep 10 TB of data, with a replication factor of 3 that's 20 TB."
    assert claim_for("20 TB", line).verdict == "incorrect"


def test_a_zone_count_said_before_the_factor_does_not_excuse_it():
    lines = (
        "For chat, 10 million users online. A box holds 25K connections, so 10 million over "
        "25K, 400 boxes.",
        "We must survive losing one of three zones, which means 1.5x, so 1,200 boxes.",
    )
    claim = claim_for("1,200", *lines)
    assert claim.verdict == "incorrect" and claim.slip == "multiplier"


# -- a raw daily volume is not blamed for copies the total leaves out ---------------------------


def test_a_daily_ingest_before_its_copies_is_not_accused():
    text = "Logs: 200M events/day × 1 KB, 3 replicas, kept 1 yr\n= 200 GB/day → ×365 days = 73 TB"
    assert claim_for("200 GB/day", text).verdict != "incorrect"


def test_an_earlier_result_said_again_without_its_copies_is_still_accused():
    lines = ("We transcode 20 TB a day.", "We make 4 renditions, so 20 TB a day stored.")
    claim = claim_for("20 TB a day", *lines)
    assert claim.verdict == "incorrect" and claim.slip == "dropped_factor"


# -- a miss share named beside the hit rate is the misses ---------------------------------------


def test_the_miss_share_named_after_the_hit_rate_holds_up():
    line = "Origin load at a 90% hit rate: 10% of 200K is 20,000 requests a second to the backend."
    assert claim_for("20,000", line).verdict == "correct"


def test_the_hit_share_taken_for_the_backend_is_still_accused():
    line = "Origin load at a 90% hit rate: 90% of 200K is 180,000 requests a second to the backend."
    claim = claim_for("180,000", line)
    assert claim.verdict == "incorrect" and claim.slip == "percent_base"


# -- a count said again bare is the count, not the rate it was said with ------------------------


def test_a_count_said_again_times_a_size_is_not_read_as_its_rate():
    lines = (
        "Three million sensors report every ten seconds, so 300,000 readings a second.",
        "Keeping the last reading per sensor is 3 million times 200 bytes, 600 MB.",
    )
    assert claim_for("600 MB", *lines).verdict == "correct"


def test_a_count_said_again_times_a_size_and_got_wrong_is_still_accused():
    lines = (
        "Three million sensors report every ten seconds, so 300,000 readings a second.",
        "Keeping the last reading per sensor is 3 million times 200 bytes, 6 GB.",
    )
    assert claim_for("6 GB", *lines).verdict == "incorrect"


def test_a_daily_count_said_bare_in_a_rate_keeps_its_period():
    lines = (
        "We expect 100 million uploads a day.",
        "So 100 million divided by 3,600 is about 28,000 uploads a second.",
    )
    assert claim_for("28,000", *lines).verdict == "incorrect"


# -- a guessed base is not confirmed past a more recent count that disagrees --------------------


def test_a_rate_per_member_on_the_latest_count_holds_up():
    lines = (
        "We have 500,000 chat rooms with four members each, so 2 million members online.",
        "Every member sends one message a second, so that's 2 million messages a second.",
    )
    assert claim_for("2 million messages", *lines).verdict == "correct"


# -- a result said again in another period is that result converted -----------------------------


def test_a_restated_rate_is_not_confirmed_by_reapplying_a_spent_share():
    first = "We get 200,000 posts a second."
    line = (
        "Videos are one in five posts at 2 MB, so 40,000 a second times 2 MB is 80 GB a "
        "second which is like 1.4 petabytes a day."
    )
    assert claim_for("1.4 petabytes", first, line).verdict != "correct"  # 80 GB/s: 6.9 PB


def test_a_restated_rate_converted_right_holds_up():
    first = "We get 200,000 posts a second."
    line = (
        "Videos are one in five posts at 2 MB, so 40,000 a second times 2 MB is 80 GB a "
        "second which is like 7 petabytes a day."
    )
    assert claim_for("7 petabytes", first, line).verdict == "correct"


def test_a_factor_named_before_and_not_yet_used_still_reads():
    line = "With 3 replicas: 1 TB a day times 365 is 365 TB a year, which is about 1.1 PB on disk."
    assert claim_for("1.1 PB", line).verdict == "correct"


# -- a doubling named in words and left out of a total ------------------------------------------


def test_a_total_for_both_copies_that_leaves_one_out_is_accused():
    line = (
        "We mirror the catalog in both regions, so 40 million items times 5 KB comes to "
        "200 GB altogether."
    )
    claim = claim_for("200 GB", line)
    assert claim.verdict == "incorrect" and claim.slip == "dropped_factor"
    assert "400 GB" in claim.explanation


def test_a_total_for_both_copies_with_the_two_in_holds_up():
    line = (
        "We mirror the catalog in both regions, so 40 million items times 5 KB times 2 comes "
        "to 400 GB altogether."
    )
    assert claim_for("400 GB", line).verdict == "correct"


def test_one_copy_sized_after_naming_both_is_not_accused():
    line = "We mirror the catalog in both regions, so 40 million items times 5 KB is 200 GB."
    assert claim_for("200 GB", line).verdict == "correct"
    line = (
        "We mirror the catalog in both regions, so 40 million items times 5 KB is 200 GB per "
        "region in total."
    )
    assert claim_for("200 GB", line).verdict == "correct"


# -- a figure taken back ("no wait, no.") is not a claim; its replacement is ---------------------


def test_a_figure_taken_back_across_a_full_stop_is_not_judged():
    line = (
        "Each request is 20 bytes, so 500,000 times 20 is, uh, one hundred gigabytes a sec- "
        "no wait, no. Ten megabytes a second."
    )
    claims = EstimationSession().add(line).claims
    assert [c.verdict for c in claims if c.verdict == "incorrect"] == []
    assert claim_for("Ten megabytes", line).verdict == "correct"


def test_a_wrong_replacement_after_taking_a_figure_back_is_still_accused():
    line = (
        "Each request is 20 bytes, so 500,000 times 20 is, uh, ten megabytes a sec- "
        "no wait, no. A hundred megabytes a second."
    )
    assert claim_for("A hundred megabytes", line).verdict == "incorrect"


# -- the same name said per one of many is another quantity, not a change of mind --------------


def test_a_per_machine_figure_under_the_same_name_is_not_a_contradiction():
    lines = (
        "For writes, 50 million changes a day divided by 3,600 is about 14,000 writes a second.",
        "Reads are 400,000 a second, and if one node serves 20,000 reads a second then I need "
        "20 nodes.",
    )
    session = EstimationSession()
    claims = [c for line in lines for c in session.add(line).claims]
    assert [c.slip for c in claims if c.verdict == "incorrect"] == ["per_day_vs_per_second"]
    assert claims[-1].verdict == "correct" and claims[-1].stated.value == 20


def test_the_same_name_said_again_with_another_total_is_still_a_contradiction():
    lines = ("Writes are 200,000 a second.", "So writes are 20,000 a second.")
    assert claim_for("20,000", *lines).verdict != "correct"


# -- the hit rate written again as a fraction is still the hit rate ------------------------------


def test_the_hit_rate_as_a_fraction_for_the_database_is_a_percent_base_slip():
    lines = ("Feed reads 50K/s, hit rate 90%", "→ DB reads = 50K × 0.9 = 45K/s")
    claim = claim_for("45K/s", *lines)
    assert claim.verdict == "incorrect" and claim.slip == "percent_base"
    assert "5,000" in claim.explanation


def test_the_miss_share_as_a_fraction_for_the_database_holds_up():
    lines = ("Feed reads 50K/s, hit rate 90%", "→ DB reads = 50K × 0.1 = 5K/s")
    assert claim_for("5K/s", *lines).verdict == "correct"


def test_the_hit_rate_as_a_fraction_for_the_cache_holds_up():
    lines = ("Feed reads 50K/s, hit rate 90%", "→ served from cache = 50K × 0.9 = 45K/s")
    assert claim_for("45K/s", *lines).verdict == "correct"


def test_the_cache_share_said_before_the_database_is_not_the_database_load():
    lines = (
        "We expect 50K reads a second and a 90% hit rate.",
        "Replicas: 50K times 0.9 is 45K a second from cache, so the database gets 5K.",
    )
    assert claim_for("45K", *lines).verdict == "correct"


# -- a ratio "N to 1": the smaller side divides, the bigger side multiplies ----------------------


def test_the_smaller_side_of_a_ratio_worked_by_multiplying_is_a_multiplier_slip():
    lines = ("Read to write is 20 to 1.", "We serve 80K reads a second, so writes are 1.6 million.")
    claim = claim_for("1.6 million", *lines)
    assert claim.verdict == "incorrect" and claim.slip == "multiplier"
    assert "4,000" in claim.explanation


def test_the_smaller_side_of_a_ratio_worked_by_dividing_holds_up():
    lines = ("Read to write is 20 to 1.", "We serve 80K reads a second, so writes are 4K.")
    assert claim_for("4K", *lines).verdict == "correct"


def test_the_bigger_side_of_a_ratio_worked_by_multiplying_holds_up():
    line = "Read to write is 20 to 1. Writes are 4K a second, so reads are 4K times 20, 80K."
    assert claim_for("80K", line).verdict == "correct"


# -- a total per one period spread over the seconds of another -----------------------------------


def test_a_months_total_spread_over_a_days_seconds_is_a_period_slip():
    line = (
        "Archive copies are 30 terabytes a month. Spread out, that's 30 terabytes over "
        "86,400 seconds, about 350 megabytes a second."
    )
    claim = claim_for("350 megabytes", line)
    assert claim.verdict == "incorrect" and claim.slip == "per_day_vs_per_second"


def test_a_days_total_over_a_days_seconds_holds_up():
    line = (
        "Archive copies are 30 terabytes a day. Spread out, that's 30 terabytes over "
        "86,400 seconds, about 350 megabytes a second."
    )
    assert claim_for("350 megabytes", line).verdict == "correct"


def test_a_months_total_moved_within_one_day_is_not_accused():
    line = (
        "Archive copies are 30 terabytes a month, copied in one day, so 30 terabytes over "
        "86,400 seconds, about 350 megabytes a second."
    )
    assert claim_for("350 megabytes", line).verdict == "correct"


# -- a compression ratio divides what is stored -------------------------------------------------


def test_a_compression_ratio_applied_by_multiplying_is_a_multiplier_slip():
    line = "Events are 2 TB a day and compress 8 to 1, so we keep 16 TB a day."
    claim = claim_for("16 TB", line)
    assert claim.verdict == "incorrect" and claim.slip == "multiplier"


def test_a_compression_ratio_applied_by_dividing_holds_up():
    line = "Events are 2 TB a day and compress 8 to 1, so we keep 250 GB a day."
    assert claim_for("250 GB", line).verdict == "correct"


def test_the_raw_size_worked_back_from_a_compression_ratio_holds_up():
    line = "Stored events are 2 TB a day, compressed 8:1, so raw that is 2 TB times 8, 16 TB a day."
    assert claim_for("16 TB", line).verdict == "correct"


# -- a factor "left out" that a figure said earlier in the turn already took in ------------------


def test_copies_applied_to_the_figure_said_just_before_hold_up():
    line = (
        "We need about 96 GB of RAM for the index. 400 million docs at 80 bytes is 32 GB, "
        "and with 3 replicas that is 96 GB."
    )
    verdicts = [c.verdict for c in claims_after(line)]
    assert "incorrect" not in verdicts, verdicts
    headline_first = (
        "Index RAM ≈ 96 GB. Working: 400M docs × 80 bytes = 32 GB; × 3 replicas = 96 GB."
    )
    assert "incorrect" not in [c.verdict for c in claims_after(headline_first)]


def test_copies_named_and_not_applied_are_still_a_dropped_factor():
    line = "400 million docs at 80 bytes is 32 GB, and with 3 replicas that is 32 GB of RAM."
    (_, total) = claims_after(line)
    assert total.verdict == "incorrect" and total.slip == "dropped_factor"
