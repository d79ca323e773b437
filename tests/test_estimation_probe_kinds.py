"""Kinds found by the second probe of the listening loop, fed turn by turn as the interviewer
feeds them. Each kind has must-accuse and must-stay-quiet cases in wordings unlike the probe."""

from __future__ import annotations

from tests.estimation_turns import claim_for

# -- a multiplier "Nx" is N times, and N + 1 only where more/on top/replicas is said ------------


def test_a_peak_factor_applied_as_one_more_than_said_is_a_multiplier_slip():
    lines = (
        "Writes come to 40,000 a second.",
        "The spike at launch is 5x, so about 240,000 a second.",
    )
    claim = claim_for("240,000", *lines)
    assert claim.verdict == "incorrect" and claim.slip == "multiplier"
    assert "6x" not in claim.explanation.split("—")[0]


def test_a_peak_factor_is_not_confirmed_as_one_more_than_said():
    lines = ("We get 2 billion requests a day, about 23,000 per second.", "Peak is 3x, so 90,000.")
    assert claim_for("90,000", *lines).verdict != "correct"


def test_a_peak_factor_applied_as_said_holds_up():
    lines = (
        "Writes come to 40,000 a second.",
        "The spike at launch is 5x, so about 200,000 a second.",
    )
    assert claim_for("200,000", *lines).verdict == "correct"


def test_a_factor_said_with_replicas_may_mean_one_more_copy():
    lines = (
        "Writes come to 40,000 a second.",
        "With 2 replicas on top, that's 120,000 writes a second.",
    )
    assert claim_for("120,000", *lines).verdict == "correct"


def test_a_factor_said_as_more_is_never_accused_as_one_more():
    lines = (
        "We get 2 billion requests a day, about 23,000 per second.",
        "Peak is 3x more than that, so 90,000 per second.",
    )
    assert claim_for("90,000", *lines).verdict != "incorrect"


# -- a result said through "more like", "actually", "closer" is still the working's result -------


def test_a_self_correction_whose_own_working_gives_ten_times_it_is_accused():
    lines = (
        "Checkout sees 4 million buyers times 3 clicks over 60 seconds, about 200,000 a second.",
        "Hmm, I overcounted: 4 million times 3 over 60 is really more like 20,000 a second.",
    )
    claim = claim_for("20,000", *lines)
    assert claim.verdict == "incorrect" and claim.slip == "order_of_magnitude"


def test_a_result_said_as_actually_is_checked_against_its_working():
    claim = claim_for("8 TB", "So 2 billion rows times 400 bytes is actually 8 TB.")
    assert claim.verdict == "incorrect"


def test_a_self_correction_its_own_working_gives_holds_up():
    lines = (
        "Checkout sees 4 million buyers times 3 clicks over 60 seconds, about 20,000 a second.",
        "Wait, 4 million times 3 over 60 is more like 200,000 a second.",
    )
    assert claim_for("200,000", *lines).verdict == "correct"


def test_a_bound_after_a_working_is_never_accused():
    # 3,000 is more than 2,000: a bound, not a result said again with another value
    claim = claim_for("2,000", "Ten hosts times 300 connections is more than 2,000 sockets.")
    assert claim.verdict != "incorrect"
    claim = claim_for("4", "Our 3 regions times 2 zones is at least 4 zones in total.")
    assert claim.verdict != "incorrect"


# -- machines sized by a capacity each one has, of the figure just said -------------------------

_SPIKE = (
    "We run 50 million builds a day, about 580 a second, and in the morning rush five times that, so 2,900.",
    "Each build takes 60 seconds, so roughly 35,000 builds in flight at once.",
)


def test_machines_sized_by_a_capacity_each_has_off_by_a_power_of_ten_are_accused():
    claim = claim_for("350", *_SPIKE, "If each runner can handle ten builds, we need 350 runners.")
    assert claim.verdict == "incorrect" and claim.slip == "order_of_magnitude"
    assert "ten" in claim.explanation or "10" in claim.explanation


def test_machines_sized_by_a_capacity_each_has_hold_up():
    claim = claim_for(
        "3,500", *_SPIKE, "If each runner can handle ten builds, we need 3,500 runners."
    )
    assert claim.verdict == "correct"


def test_a_count_of_other_things_after_a_capacity_is_not_judged_as_machines():
    lines = (*_SPIKE, "Each runner has ten slots, and there are 350 teams.")
    assert claim_for("350", *lines).verdict != "incorrect"


# -- a rate per one period times a span said in another: the periods convert, never drop --------


def test_a_rate_per_second_times_days_with_the_seconds_left_out_is_accused():
    claim = claim_for(
        "35 megabytes",
        "Audit rows: 1,160 a second times 1 KB times 30 days, so about 35 megabytes.",
    )
    assert claim.verdict == "incorrect"
    assert claim.computed is not None and abs(claim.computed.value - 3.0e12) < 0.1e12


def test_a_rate_per_minute_times_hours_with_the_minutes_left_out_is_never_confirmed():
    # 200 x 500 B x 24 is 2.4 MB only if hours were minutes: a 60x gap is asked, not named
    claim = claim_for(
        "2.4 MB", "200 events a minute times 500 bytes times 24 hours is about 2.4 MB."
    )
    assert claim.verdict != "correct"


def test_a_rate_times_a_span_converted_holds_up():
    claim = claim_for(
        "3 terabytes", "1,160 a second times 1 KB times 30 days is about 3 terabytes."
    )
    assert claim.verdict == "correct"
    claim = claim_for(
        "144 MB", "200 events a minute times 500 bytes times 24 hours is about 144 MB."
    )
    assert claim.verdict == "correct"


def test_a_rate_times_a_bare_conversion_factor_holds_up():
    assert (
        claim_for("1 TB", "12 MB a second times 86,400 is about 1 TB a day.").verdict == "correct"
    )
    claim = claim_for("30 TB", "1 billion a day times 1 KB times 30 days is about 30 TB.")
    assert claim.verdict == "correct"


# -- a window kept, and a per-second rate turned into one day of it -----------------------------

_UPLOADS = "Uploads are 2 GB a second, and we retain 30 days of raw video, so"


def test_one_day_of_a_rate_said_for_a_window_of_a_month_is_a_dropped_factor():
    claim = claim_for("173 terabytes", f"{_UPLOADS} 2 times 86,400 is about 173 terabytes.")
    assert claim.verdict == "incorrect" and claim.slip == "dropped_factor"
    assert claim.computed is not None and abs(claim.computed.value - 5.18e15) < 0.1e15


def test_one_day_of_a_rate_said_per_day_holds_up():
    line = f"{_UPLOADS} 2 times 86,400 is about 173 terabytes a day."
    assert claim_for("173 terabytes", line).verdict == "correct"


def test_the_whole_window_of_a_rate_holds_up():
    line = f"{_UPLOADS} 2 times 86,400 times 30 is about 5.2 petabytes."
    assert claim_for("5.2 petabytes", line).verdict == "correct"


def test_a_rate_over_an_hour_with_a_window_named_is_not_accused():
    line = f"{_UPLOADS} 2 times 3,600 is about 7.2 terabytes an hour."
    assert claim_for("7.2 terabytes", line).verdict != "incorrect"


# -- a bare number that is a figure just said with its unit is read with that unit -------------


def test_a_bare_figure_said_with_its_unit_before_is_not_a_prefix_slip():
    lines = ("Ingest runs at 3 GB a second.", "So 3 times 86,400 is about 260 terabytes a day.")
    assert claim_for("260 terabytes", *lines).verdict == "correct"


def test_a_bare_figure_said_with_its_unit_before_with_the_prefix_wrong_is_accused():
    lines = ("Ingest runs at 3 GB a second.", "So 3 times 86,400 is about 260 gigabytes a day.")
    assert claim_for("260 gigabytes", *lines).verdict == "incorrect"


# -- a replication factor named with a storage sizing and left out of the working --------------


def test_copies_named_and_left_out_of_a_storage_node_count_are_a_dropped_factor():
    line = "We keep three copies of everything. 40 TB of photos over 8 TB per box is 5 boxes."
    claim = claim_for("5", line)
    assert claim.verdict == "incorrect" and claim.slip == "dropped_factor"
    assert claim.computed is not None and abs(claim.computed.value - 15) < 0.5


def test_a_replication_factor_left_out_in_the_same_sentence_is_a_dropped_factor():
    line = "With 3-way replication, 90 TB over 12 TB of disk per server is about 8 servers."
    claim = claim_for("8", line)
    assert claim.verdict == "incorrect" and claim.slip == "dropped_factor"


def test_a_replication_factor_in_the_working_holds_up():
    line = "RF is 3. 40 TB times 3 over 8 TB per box is 15 boxes."
    assert claim_for("15", line).verdict == "correct"


def test_a_node_count_said_raw_or_carried_on_is_not_accused():
    assert claim_for("5", "RF=3. 40 TB over 8 TB is 5 boxes of raw data.").verdict == "correct"
    line = "RF=3. 40 TB over 8 TB is 5 boxes, and times 3 that's 15 boxes."
    assert claim_for("5", line).verdict == "correct"


def test_a_node_count_for_throughput_with_a_replication_factor_is_not_accused():
    line = "RF=3. 300,000 writes a second over 20,000 per node is 15 nodes."
    assert claim_for("15", line).verdict != "incorrect"


def test_a_node_count_worked_out_then_times_the_replication_factor_is_not_a_factor_twice():
    line = "RF=3. Each node has 4 TB, so 12 TB over 4 TB is 3 nodes, times 3 is 9."
    assert claim_for("9", line).verdict == "correct"


def test_a_named_factor_applied_twice_down_the_lineage_is_still_a_multiplier_slip():
    line = "Two replicas: 300 GB times 2 is 600 GB, then 600 GB times 12 times 2 is 14.4 TB."
    claim = claim_for("14.4 TB", line)
    assert claim.verdict == "incorrect" and claim.slip == "multiplier"


def test_a_node_count_from_a_total_already_replicated_is_not_accused():
    line = "Raw is 10 TB, so with RF=3 that's 30 TB. 30 TB / 2 TB = 15 nodes."
    assert claim_for("15", line).verdict != "incorrect"
    lines = (
        "10 TB times 3 for replication is 30 TB.",
        "RF=3, 2 TB per node. 30 TB / 2 TB = 15 nodes.",
    )
    assert claim_for("15", *lines).verdict != "incorrect"
    line = "With RF=3 we store 30 TB. At 2 TB per node, 30 TB / 2 TB = 15 nodes."
    assert claim_for("15", line).verdict != "incorrect"


def test_one_day_of_a_rate_said_per_day_before_its_working_holds_up():
    line = "We retain 30 days of raw video. Per day, 2 GB a second times 86,400 is about 173 TB."
    assert claim_for("173 TB", line).verdict != "incorrect"


def test_a_factor_with_unquantified_headroom_on_top_is_never_accused():
    lines = ("We average 23,000 a second.", "Peak is 3x, plus some headroom, so 100,000 a second.")
    assert claim_for("100,000", *lines).verdict != "incorrect"
