"""Requests for thinking time, and the waits the turn policy gives them."""

from __future__ import annotations

import pytest

from voice.thinking import asks_for_time
from voice.turn_policy import TurnPolicy

ASKS = [
    "Okay, give me a minute.",
    "Let me think.",
    "One sec.",
    "Hold on.",
    "Let me work this out.",
    "Hmm, let me think about it for a second.",
    "Um, just a second please.",
    "Give me a few seconds to think.",
    "So we have 300 million users. Hang on a sec...",
    "I need a moment.",
    "Bear with me.",
]
DOES_NOT_ASK = [
    "Wait, hold on, that is not right.",  # an interruption: more follows the request
    "Hold on, I want to revise the peak.",
    "The p99 latency is one second.",  # a duration, not a request
    "So that is one second",
    "Give me a minute and I will tell you.",  # a request followed by content
    "We need four Redis shards.",
    "Let me think about the storage layer first.",
    "",
]


@pytest.mark.parametrize("text", ASKS)
def test_requests_for_time_are_heard(text):
    assert asks_for_time(text)
    wait = TurnPolicy().decide(text)
    assert wait.reason == "asked" and wait.thinking and wait.seconds >= 60


@pytest.mark.parametrize("text", DOES_NOT_ASK)
def test_other_words_are_not_requests(text):
    assert not asks_for_time(text)
    assert TurnPolicy().decide(text).reason != "asked"


def test_the_thinking_limit_is_configurable_and_sums_are_never_cut_by_a_pause():
    policy = TurnPolicy(thinking_wait_s=90.0)
    assert policy.wait_for("Let me think.") == 90.0
    for pause in (2.0, 4.0, 10.0, 30.0):
        assert not policy.should_commit("So that's 86,400 seconds a day times", pause)
        assert not policy.should_commit("Okay, um", pause)
    assert policy.decide("We have 300 million daily users.").reason == "finished"
    assert policy.decide(" ").reason == "empty"


def test_an_end_of_turn_model_only_moves_the_wait_after_finished_words():
    policy = TurnPolicy()
    finished = "We have 300 million daily users."
    assert policy.wait_for(finished) == policy.short_wait_s
    assert policy.decide(finished, 0.95).seconds == policy.confident_wait_s
    assert policy.decide(finished, 0.1).seconds == policy.doubtful_wait_s
    assert policy.decide(finished, 0.5).seconds == policy.short_wait_s
    # A confident model never cuts a sum or a request for time short.
    assert policy.decide("One billion divided by", 0.99).reason == "unfinished"
    assert policy.decide("Give me a minute.", 0.99).seconds == policy.thinking_wait_s
    assert policy.reads_finished(finished) and not policy.reads_finished("so that's")
