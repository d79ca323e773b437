"""Kinds found by the second probe of the listening loop, fed turn by turn as the interviewer
feeds them. Each kind has must-accuse and must-stay-quiet cases in wordings unlike the probe."""

from __future__ import annotations

from estimation import EstimationSession
from estimation.report import ClaimCheck


def claim_for(figure: str, *lines: str) -> ClaimCheck:
    """The claim on `figure` in the last turn after feeding every turn in order."""
    session = EstimationSession()
    claims: list[ClaimCheck] = []
    for line in lines:
        claims = list(session.add(line).claims)
    text = lines[-1]
    found = [c for c in claims if figure in text[c.start : c.end]]
    assert found, f"no claim for {figure!r}"
    return found[0]


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
