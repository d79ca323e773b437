"""Precision first: an accusation needs the candidate's own operands and no reasonable reading
that gives the stated value; speech and notes as people produce them.

Every reply quoted in issue 11 is here, plus one test per grammar rule and kind of reading.
"""

from __future__ import annotations

import pytest

from estimation import EstimationSession, check_transcript
from estimation.report import ClaimCheck


def claims(text: str) -> list[ClaimCheck]:
    return list(check_transcript(text).claims)


def said(text: str, claim: ClaimCheck) -> str:
    return text[claim.start : claim.end]


def verdict_of(text: str, figure: str) -> ClaimCheck:
    """The claim whose stated number is `figure` (its first occurrence as a claim)."""
    found = [c for c in claims(text) if figure in said(text, c)]
    assert found, f"no claim for {figure!r} in {[said(text, c) for c in claims(text)]}"
    return found[0]


def accused(text: str) -> list[str]:
    return [said(text, c) for c in claims(text) if c.verdict == "incorrect"]


# -- the replies quoted in issue 11 -------------------------------------------------------------


def test_url_shortener_scenario_answer_is_correct():
    text = "100 million new URLs a day at 500 bytes each for ten years is about 180 TB."
    claim = verdict_of(text, "180 TB")
    assert claim.verdict == "correct"
    assert "million" not in claim.explanation.split("is about")[1]  # no "300 million x"


def test_replication_factor_said_after_the_result():
    text = (
        "100 million new URLs a day at 500 bytes each for ten years is about 180 TB, "
        "so about 550 TB with three replicas."
    )
    assert accused(text) == []
    assert verdict_of(text, "550 TB").verdict == "correct"


def test_a_timeline_length_is_not_storage():
    for text in (
        "One more number first because it sizes the cache: 800.",
        "We keep the last 800 post ids per user, so the timeline length is 800.",
    ):
        assert accused(text) == []
        assert all("540" not in c.explanation for c in claims(text))


def test_a_restart_is_not_a_claim():
    text = "Average is twelve thousand a second. So three times twelve thousand is, um, thirty... thirty-six thousand."
    assert [said(text, c) for c in claims(text)] == ["thirty-six thousand"]
    assert claims(text)[0].verdict == "correct"


def test_a_self_correction_replaces_the_abandoned_figure():
    text = "Each user has 10 MB and we have 250 users so that's 25 GB... no wait, that's 2.5 GB."
    assert accused(text) == []
    assert verdict_of(text, "2.5 GB").verdict == "correct"


def test_divided_by_a_times_b_times_c_divides_by_the_product():
    text = (
        "500 million new URLs per month, divided by 30 days times 24 hours times 3600 "
        "seconds, is about 200 per second."
    )
    claim = verdict_of(text, "200 per second")
    assert claim.verdict == "correct"
    assert "trillion" not in claim.explanation


def test_each_distributes_over_the_list_and_the_slip_is_flagged():
    text = (
        "10 million daily users uploading 2 photos of 200 kilobytes each, "
        "we store 400 gigabytes per day."
    )
    claim = verdict_of(text, "400 gigabytes per day")
    assert claim.verdict == "incorrect"
    assert claim.slip == "order_of_magnitude"
    assert "4 TB a day" in claim.explanation  # in the candidate's own units and period


def test_a_gigabit_card_is_not_gigabytes():
    text = "A 10 gigabit network card gives us 10 gigabytes per second."
    claim = verdict_of(text, "10 gigabytes per second")
    assert claim.verdict == "incorrect"
    assert claim.slip == "bits_vs_bytes"
    assert "bits and bytes" in claim.explanation


def test_no_ratio_beyond_a_thousand_is_spoken():
    texts = [
        "We have 1 billion messages a day at 1 KB each, so that's 1 KB a day.",
        "Each doc is 50 KB, so 50 TB.",
        "We store 2 KB per user for 50 million users, so 100 GB... that's 5 PB.",
    ]
    for text in texts:
        for c in claims(text):
            assert "millionx" not in c.explanation and "billionx" not in c.explanation
            assert "trillionx" not in c.explanation


# -- precision: guessed operands never accuse ---------------------------------------------------


def test_inferred_operands_may_confirm_but_never_accuse():
    session = EstimationSession()
    session.add("We have 40 million users.")
    session.add("Each sends 25 messages a day.")
    session.add("Let me think about the servers now.")
    report = session.add("So that's about 3 billion.")
    assert all(c.verdict != "incorrect" for c in report.claims)


def test_explicit_operands_still_accuse():
    text = "1 billion a day divided by 86,400 is about 12,000 a second, peak is 3x, so 60,000"
    verdicts = [c.verdict for c in claims(text)]
    assert verdicts == ["correct", "incorrect"]
    assert "5x" in claims(text)[1].explanation


def test_a_multiplier_applied_to_the_value_it_names():
    text = (
        "Average write QPS is about 3,500. Peak, I'd say 2x for a normal day, so 7,000, "
        "but on New Year's Eve it's more like 5x average, 17,500."
    )
    assert accused(text) == []


def test_a_misparse_off_by_a_wild_ratio_is_not_an_accusation():
    text = "Docs. 1 billion documents, average 50 KB, that's 50 terabytes for the current versions."
    assert accused(text) == []


# -- readings -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, figure",
    [
        ("We get 100 million requests a day, over 100K seconds that's 1,000 a second.", "1,000"),
        ("We have 1,024 shards times 1 GB each, so about 1 TB.", "1 TB"),
        ("Storage is 30 GB a day, so over a month that's 900 GB.", "900 GB"),
        ("We need 2.5 million QPS and a box does 30,000, so 84 boxes.", "84"),
        ("10 TB a day, which is about 116 MB a second.", "116 MB"),
        ("50 percent of 300 million users is 150 million.", "150 million"),
    ],
)
def test_accepted_readings_and_roundings(text, figure):
    assert verdict_of(text, figure).verdict == "correct"


def test_per_day_divided_by_seconds_in_an_hour_is_a_time_base_slip():
    text = (
        "We're creating 100 million short links a day. So per second, that's 100 million "
        "divided by 3,600, which is about 28,000 writes a second."
    )
    claim = verdict_of(text, "28,000")
    assert claim.verdict == "incorrect"
    assert claim.slip == "per_day_vs_per_second"
    assert "1,160 per second" in claim.explanation


def test_every_link_of_a_chain_is_checked():
    text = "10^9 / 10^5 = 10^3 = 1K requests per second"
    assert any(c.slip == "order_of_magnitude" for c in claims(text) if c.verdict == "incorrect")


def test_a_day_of_ten_thousand_seconds_is_a_power_of_ten_slip():
    text = "A day is 10 to the 4 seconds, so 1 billion a day is 100,000 a second."
    wrong = [c for c in claims(text) if c.verdict == "incorrect"]
    assert wrong and wrong[0].slip == "order_of_magnitude"


def test_a_carried_error_is_not_a_new_slip():
    text = "We store 10 TB a day; over a year that's 365 TB, and with 3x replication about 1.1 PB."
    assert verdict_of(text, "365 TB").verdict == "incorrect"
    assert verdict_of(text, "1.1 PB").verdict == "correct"


def test_prefix_slip_names_the_right_prefixes():
    text = "We store 400 TB a day, so over a year that's 146 TB."
    claim = verdict_of(text, "146 TB")
    assert claim.verdict == "incorrect"
    assert claim.slip == "unit_prefix"
    assert "TB vs PB" in claim.explanation


# -- speech as Whisper writes it ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, figure",
    [
        ("We have three sixty five days times 10 GB a day, so 3.65 TB a year.", "3.65 TB"),
        (
            "Peak is seven fifty K a second and at a hundred and twenty bytes each that's "
            "90 MB a second.",
            "90 MB",
        ),
        (
            "Ten to the ninth requests a day over 86.4K seconds is about 11,600 a second.",
            "11,600",
        ),
        ("We run twenty-odd servers at 500 QPS each, so 10,000 QPS.", "10,000 QPS"),
        ("We have 60-ish nodes at 64 GB each, so about 3.8 TB.", "3.8 TB"),
        ("Average is 36K QPS. Writes are a tenth of that, so 3.6K writes a second.", "3.6K"),
        (
            "A billion users and one in a thousand uploads each day, so a million uploads a day.",
            "a million",
        ),
        ("So it's 4.5 PB, I mean 4.5 TB, for 45 million users at 100 KB each.", "4.5 TB"),
        (
            "It's about 4K, actually 10,000 a second, because 864 million a day over 86,400.",
            "10,000",
        ),
    ],
)
def test_spoken_forms(text, figure):
    assert accused(text) == []
    assert verdict_of(text, figure).verdict == "correct"


def test_abandoned_figures_leave_no_claim():
    text = "So it's 4.5 PB, I mean 4.5 TB, for 45 million users at 100 KB each."
    assert not any("PB" in said(text, c) for c in claims(text))
    text = "That's eleven... 11,500 a second from 1 billion a day over 86,400."
    assert [said(text, c) for c in claims(text) if "eleven" in said(text, c)] == []


# -- written notes ------------------------------------------------------------------------------


def test_list_dashes_are_not_minus_signs_and_grouped_digits_are_one_number():
    text = "- users: 1 000 000\n- each 2 KB\n- total ≈ 2 GB"
    assert verdict_of(text, "2 GB").verdict == "correct"


def test_result_first_lines_and_arrows():
    text = (
        "Bandwidth\n"
        "Ingress ≈ ~460 MB/s (40M uploads/day × 1 MB ÷ 86,400)\n"
        "- writes: 100M/day => ~1.2K/s\n"
        "- peak ×3 → ~3.5K/s"
    )
    for figure in ("460 MB/s", "1.2K/s", "3.5K/s"):
        assert verdict_of(text, figure).verdict == "correct"


def test_markdown_table_cells_take_their_column_units():
    text = (
        "| topic | msgs/s (peak) | avg size | MB/s | partitions (@10 MB/s) |\n"
        "|---|---|---|---|---|\n"
        "| orders | 20K | 2 KB | 40 | 4 |\n"
        "| logs | 1M | 300 B | 300 | 30 |"
    )
    found = {said(text, c): c.verdict for c in claims(text)}
    assert found.get("40") == "correct" and found.get("300") == "correct"
    assert "incorrect" not in found.values()


def test_latex():
    text = r"$$\frac{10^{9}}{10^{5}} = 10^{4}$$ requests per second"
    assert [c.verdict for c in claims(text)] == ["correct"]


def test_offsets_point_into_the_callers_text():
    text = "- reads: 5B/day\n- => 5B / 86,400 ≈ 58K/s"
    claim = verdict_of(text, "58K/s")
    assert text[claim.start : claim.end] == "58K/s"


# -- slips found with explicit evidence beyond the literal arithmetic ---------------------------


@pytest.mark.parametrize(
    "text, figure, slip, expected",
    [
        (
            "So with an 80% cache hit rate, out of the 50K reads a second at peak, the database "
            "would see 80% of that, so 40K a second.",
            "40K",
            "percent_base",
            "10,000",
        ),
        (
            "Last year peak was 500K orders a second, and we expect 40% growth, so this year "
            "it's 40% of 500K, 200K.",
            "200K",
            "percent_base",
            "700,000",
        ),
        (
            "A normal evening is about 200K QPS, and for the final we've seen about 8x, so 1.6 "
            "million QPS. Add a 50% margin, so 1.6 million times 1.5 times 8, about 19 million.",
            "19 million",
            "multiplier",
            "2.4 million",
        ),
        (
            "Peak-to-average is around 4x. The average is about 14K a second, and peak would be "
            "14K divided by 4, 3,500 a second.",
            "3,500",
            "multiplier",
            "56,000",
        ),
        (
            "1 million events a second at 500 bytes, so a day is about 43 TB. We keep 7 "
            "days, so 43 terabytes on the cluster.",
            "43 terabytes",
            "dropped_factor",
            "301 TB",
        ),
        (
            "So 10 million times 320 kilobits, that's 3.2 terabits a second. Um, in bytes "
            "that's, uh, about 3.2 terabytes a second out of the CDN.",
            "3.2 terabytes",
            "bits_vs_bytes",
            "400 GB",
        ),
        (
            "Screenshots: 50K uploads a day at 500 KB, that's 25 gigabytes a day, so... about "
            "290 megabytes a second of ingress.",
            "290 megabytes",
            "unit_prefix",
            "289 KB",
        ),
        (
            "40M concurrent users, 1.5 devices each, so 60M sockets. 3 regions, traffic split "
            "evenly, so per region 60M times 3 = 180M.",
            "180M",
            "multiplier",
            "20 million",
        ),
        (
            "About 30% of our 100 million DAU are online, so 30 million. With 2 devices per "
            "user on average, that's 30 million divided by 2, 15 million connections.",
            "15 million",
            "multiplier",
            "60 million",
        ),
    ],
)
def test_slips_named_from_the_candidates_own_words(text, figure, slip, expected):
    claim = verdict_of(text, figure)
    assert claim.verdict == "incorrect", claim.explanation
    assert claim.slip == slip
    assert expected in claim.explanation


@pytest.mark.parametrize(
    "text",
    [
        "Average is 40K QPS and we expect 30% growth, so next year it's 52K QPS.",
        "With a 90% hit rate the database sees 10% of 50K, so 5K a second.",
        "40,000 QPS doubled for headroom is 80,000 QPS. Double that again is 160,000.",
        "300 megabytes times 86,400 times 3 is about 78 terabytes, and with RF 3, about 230 "
        "terabytes.",
        "Peak is 3x, so the average is 36K divided by 3, 12K a second.",
        "We keep 7 days, so 43 terabytes a day times 7 is about 300 terabytes.",
    ],
)
def test_the_same_words_used_rightly_are_not_accused(text):
    assert accused(text) == []
