"""The estimation score comes from verified claims only: a result the engine confirmed helps,
one it calls incorrect costs clearly, a slip fixed later (or later in the same breath) costs
less, and an unchecked result neither helps nor hurts."""

from __future__ import annotations

from agent.interviewer.checked_claim import Amount, ClaimRecord
from agent.interviewer.scorecard import _estimation

GB = 1e9


def _claim(verdict: str, stated: float, right: float, turn: int = 0, start: int = 0):
    return ClaimRecord(
        f"{stated / GB:g} GB",
        Amount(stated, "bytes"),
        verdict,
        Amount(right, "bytes") if verdict != "unchecked" else None,
        start=start,
        end=start + 6,
        turn=turn,
    )


def _score(*claims: ClaimRecord) -> int:
    return _estimation({"claims": list(claims), "assumptions": []}, []).score


def test_verdicts_move_the_estimation_score_and_unchecked_ones_do_not():
    right = _claim("correct", 2.5 * GB, 2.5 * GB)
    other = _claim("correct", 30 * GB, 30 * GB, turn=1)
    slip = _claim("incorrect", 25 * GB, 2.5 * GB, turn=2)
    unchecked = _claim("unchecked", 7 * GB, 0, turn=3)
    base = _score(right, other)
    assert _score(right, other, unchecked) == base
    assert _score(right, other, slip) <= base - 2
    fixed_later = _claim("correct", 2.5 * GB, 2.5 * GB, turn=3)
    assert _score(right, other, slip) < _score(right, other, slip, fixed_later)


def test_a_slip_taken_back_in_the_same_breath_costs_less_than_one_left_standing():
    slip = _claim("incorrect", 25 * GB, 2.5 * GB, turn=1, start=10)
    fix = _claim("correct", 2.5 * GB, 2.5 * GB, turn=1, start=40)
    assert _score(slip) < _score(slip, fix) < _score(fix)


def test_two_sides_weighed_in_one_breath_count_as_an_argued_trade_off():
    from agent.interviewer.scorecard import _tradeoffs
    from agent.interviewer.turn_log import Turn
    from scenarios import load_scenarios

    scenario = next(s for s in load_scenarios() if s.id == "chat-system")

    def score(*texts: str) -> int:
        said = [Turn("candidate", text, kind="design") for text in texts]
        return _tradeoffs({"answers": [], "board_findings": []}, said, scenario).score

    plain = "Messages go to a log and a worker fans them out to the recipients."
    weighed = "Writing to one replica would be faster but we could lose the last second of chat."
    won = "So fan-out on read wins, not fan-out on write, for the big groups."
    assert score(plain, weighed, won) > score(plain)


def test_a_point_made_in_other_words_is_heard_and_a_word_inside_another_is_not():
    from agent.interviewer.followup_log import heard

    points = ["latency vs durability", "min in-sync replicas", "lost messages with acks=1"]
    answer = (
        "acks=all with min in-sync replicas of two, so an acked write survives one broker dying; "
        "acks=1 would be faster but could lose the tail."
    )
    assert heard(answer, points) == points
    assert heard("Producers send to the leader and it writes to disk.", points) == []
    assert heard("The hotel page is popular with families.", ["hot keys on one shard"]) == []
    assert heard("Hotter keys get their own shard.", ["hot keys on one shard"]) != []


def test_the_scenarios_own_trade_off_argued_unasked_counts():
    from agent.interviewer.scorecard import _tradeoffs
    from agent.interviewer.turn_log import Turn
    from scenarios import load_scenarios

    scenario = next(s for s in load_scenarios() if s.id == "message-queue")

    def score(text: str) -> int:
        said = [Turn("candidate", text, kind="design")]
        return _tradeoffs({"answers": [], "board_findings": []}, said, scenario).score

    argued = (
        "For durability, acks=all with min in-sync replicas of two; acks=1 would be quicker "
        "but a dead leader loses the messages it had not copied."
    )
    # the same trade-off words and one side weighed, but not a point the scenario listens for
    generic = "We keep a replica of every log; a second cluster would be faster but costs more."
    assert score(argued) > score(generic)


def test_monitoring_described_by_what_it_does_counts_as_mentioned():
    from agent.interviewer.record import mentions
    from scenarios import load_scenarios

    scenario = next(s for s in load_scenarios() if s.id == "api-gateway")
    said = "Canary to 1% of gateways, and I'd alert on p99 added latency per route."
    assert "Monitoring" in mentions(scenario, said, [])
    assert "Monitoring" not in mentions(scenario, "The gateway checks the token locally.", [])
