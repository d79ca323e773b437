"""The component score table against a scenario's expected components."""

from __future__ import annotations

import pytest

from agent.whiteboard import Board, analyze, score_components
from scenarios import load_scenarios


@pytest.fixture(scope="module")
def rate_limiter():
    return load_scenarios().get("rate-limiter")


def _board(good: bool) -> Board:
    board = Board()
    clients = board.add_component("API clients")
    lb = board.add_component("Edge load balancer (ALB)")
    limiter = board.add_component("Local rate limiter (Caffeine)")
    redis = board.add_component("Redis cluster", notes=["TTL 60s"] if good else [])
    api = board.add_component("API servers x20")
    board.add_edge(clients.id, lb.id)
    board.add_edge(lb.id, limiter.id)
    board.add_edge(limiter.id, api.id)
    board.add_edge(
        limiter.id,
        redis.id,
        bidirectional=True,
        mode="async",
        label="async sync, local counts win during a partition" if good else "async sync",
    )
    if good:
        board.add_component("Prometheus")
        board.add_component("Quota config store (DynamoDB)")
    return board


def rows(scores):
    return {s.component: s for s in scores}


def test_missing_components_mentioned_or_not(rate_limiter):
    scores = rows(score_components(_board(False), rate_limiter, mentioned={"Monitoring"}))
    assert scores["Monitoring"].status == "mentioned"
    assert scores["Monitoring"].score == 3
    assert scores["Monitoring"].feedback.startswith("Mentioned but not drawn.")
    assert scores["Quota config store"].status == "missing"
    assert scores["Quota config store"].feedback.startswith("Not drawn.")
    assert scores["Quota config store"].score == 2
    assert "API clients" not in scores  # clients are not graded


def test_mentioned_by_kind_also_counts(rate_limiter):
    scores = rows(score_components(_board(False), rate_limiter, mentioned={"monitoring"}))
    assert scores["Monitoring"].status == "mentioned"
    scores = rows(score_components(_board(False), rate_limiter))
    assert scores["Monitoring"].status == "missing" and scores["Monitoring"].score == 1  # critical


def test_findings_cost_points_and_good_facts_earn_them(rate_limiter):
    weak = rows(score_components(_board(False), rate_limiter))
    strong = rows(score_components(_board(True), rate_limiter))
    assert weak["Redis cluster"].score < strong["Redis cluster"].score
    assert "TTL 60s" in strong["Redis cluster"].feedback
    assert "TTL" in weak["Redis cluster"].feedback  # the CACHE_NO_TTL message
    assert (
        strong["Local rate limiter (Caffeine)"].score > weak["Local rate limiter (Caffeine)"].score
    )
    assert strong["Local rate limiter (Caffeine)"].expected == "Local rate limiter"
    assert all(0 <= s.score <= 10 for s in strong.values())
    assert {s.status for s in strong.values()} == {"drawn"}


def test_scores_without_a_scenario_cover_drawn_components_only():
    board = _board(False)
    scores = score_components(board)
    assert {s.component for s in scores} == {
        c.name for c in board.components.values() if c.kind.value != "client"
    }
    assert all(s.expected is None for s in scores)


def test_precomputed_findings_give_the_same_table(rate_limiter):
    board = _board(False)
    once = score_components(board, rate_limiter, findings=analyze(board, rate_limiter))
    assert once == score_components(board, rate_limiter)
