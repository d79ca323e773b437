"""The turn policy: long waits mid-calculation, short ones after a finished statement."""

from __future__ import annotations

import pytest

from voice.barge_in import BargeInPolicy, content_words, is_echo_of
from voice.turn_policy import TurnPolicy, is_unfinished

UNFINISHED = [
    "1 billion divided by",
    "One billion divided by 86,400",
    "So 300 million times",
    "300 million users times 10 messages, so that's",
    "which is",
    "Let me think.",
    "Let me think...",
    "Um",
    "We have about 50 plus",
    "10,000 over",
    "and the peak is 3x the average, so 12,000 minus",
    "Storage per day is 300 million times 1 KB, which is, um",
    "and then we multiply by",
    "3TB of Daytimes 365.",  # Whisper garbled "a day times": the hanging number still counts
    "before I start.",  # an opener; the question comes after the comma pause
    "Okay, so first of all,",
    "Quick question.",
]
FINISHED = [
    "1 billion divided by 86,400 is about 12,000.",
    "We have 300 million daily users.",
    "So we need about 50 servers.",
    "What's the read to write ratio?",
    "I'd put a cache in front of the database.",
    "That's 3 petabytes a year.",
    "300 million times 10 is 3 billion messages a day.",
    "Reads outnumber writes 10 to 1.",
    "Before I start, how many users do we have?",
    "Okay.",
    "First, a load balancer in front of the API servers.",
]


@pytest.mark.parametrize("text", UNFINISHED)
def test_mid_calculation_words_get_the_long_wait(text):
    policy = TurnPolicy()
    assert is_unfinished(text)
    assert policy.wait_for(text) == policy.long_wait_s
    assert not policy.should_commit(text, silence_s=2.5)  # a 2.5 s thinking pause survives
    assert policy.should_commit(text, silence_s=policy.long_wait_s)


@pytest.mark.parametrize("text", FINISHED)
def test_finished_statements_get_the_short_wait(text):
    policy = TurnPolicy()
    assert not is_unfinished(text)
    assert 0.3 <= policy.wait_for(text) <= 0.5
    assert policy.should_commit(text, silence_s=0.5)


def test_empty_transcript_is_dropped_quickly():
    assert TurnPolicy().wait_for("  ") <= 0.5


def test_backchannels_and_sound_labels_have_no_content_words():
    for text in ("Mm-hmm.", "MMMM.", "Okay.", "Uh-huh.", "Right?", "Yeah", "Got it.", "[coughing]"):
        assert content_words(text) == [], text
    assert content_words("Wait, hold on.") == ["wait", "hold"]


def test_barge_in_needs_words_not_noises():
    policy = BargeInPolicy()
    assert policy.decide("Wait, hold on.", voiced_s=0.4)
    assert policy.decide("Wait", voiced_s=0.35)  # an interrupt word on its own is enough
    # Several plain words count once they persist from one check to the next.
    assert not policy.decide("Redis cluster", voiced_s=0.4)
    assert policy.decide("Redis cluster", voiced_s=0.6, previous="Redis")
    assert not policy.decide("Mm-hmm.", voiced_s=0.8)
    assert not policy.decide("Okay, yeah.", voiced_s=0.9)
    assert not policy.decide("", voiced_s=1.0)
    assert not policy.decide("shards", voiced_s=0.3)  # one plain word: not yet sure


def test_a_hum_whisper_hears_as_shifting_words_is_not_an_interruption():
    # What Whisper made of "Mmm hmm." over the reply's echo, check after check (bench run).
    policy = BargeInPolicy()
    checks = ["And then...", "And the land.", "in the mind god."]
    previous = None
    for text in checks:
        assert not policy.decide(text, voiced_s=0.6, previous=previous), text
        previous = text
    assert policy.decide("Can we go back to storage", 0.8, previous="Can we go back")


def test_echo_of_the_reply_is_recognised():
    reply = "Let me restate that so we agree on the numbers before storage."
    assert is_echo_of("agree on the numbers", reply)
    assert not is_echo_of("wait that is wrong", reply)
