"""Kinds of listening mistakes an unseen probe set found, each tested in wordings of its own:
a candidate signalling they are done, asking how long the session is, asking for a moment
before moving on, clarifying questions matched to the brief by meaning."""

from __future__ import annotations

import pytest

from agent.interviewer import policy, replies
from agent.interviewer import reading as R
from agent.interviewer.facade import Interviewer
from agent.interviewer.memory import Dialogue
from scenarios import load_scenarios


def _meta(text: str) -> list[str]:
    return R.meta_acts(text, has_claims=False, words=len(text.split()))


@pytest.mark.parametrize(
    "text",
    [
        "I think that is all.",
        "Okay, that's everything from me.",
        "The sweeper retries every minute. I'll leave it there.",
        "That's pretty much all I had, let's wrap.",
        "Yeah, I believe that's it.",
        "I've said everything I wanted to say.",
    ],
)
def test_a_candidate_signalling_they_are_done_is_a_wrap_up(text):
    assert R.WRAP_UP in _meta(text)


@pytest.mark.parametrize(
    "text",
    [
        "That's it for the write path; the read path goes through the cache.",
        "Clients call the gateway directly and that's it.",
        "Let's wrap the two writes in one transaction.",
        "That's all I have on the storage side, now the cache.",
        "Is that it?",
    ],
)
def test_design_talk_about_ending_something_is_not_a_wrap_up(text):
    assert R.WRAP_UP not in _meta(text)


@pytest.mark.parametrize(
    "text",
    [
        "Before we dive in, how long will this interview run?",
        "What's the session length?",
        "Roughly how many minutes remaining?",
        "When does the interview end?",
    ],
)
def test_questions_about_the_session_length_are_time_requests(text):
    assert R.TIME in _meta(text)


@pytest.mark.parametrize(
    "text", ["How long do we keep the raw events?", "How long is a typical ride?"]
)
def test_how_long_about_the_system_is_not_a_time_request(text):
    assert R.TIME not in _meta(text)


def test_the_time_answer_says_what_is_left_even_at_the_start():
    line = replies.time_left(40, 0.0, "requirements")
    assert "left" in line and "40 minutes" in line and "in all" not in line


@pytest.mark.parametrize(
    "text",
    [
        "Hold up, let me write these numbers down.",
        "Hang on a second, then I'll move on to the design.",
        "Give me a couple of seconds to catch up.",
    ],
)
def test_asking_for_a_moment_is_a_wait(text):
    assert R.WAIT in _meta(text)


def test_a_wait_before_moving_on_gets_time_and_no_question():
    interviewer = Interviewer(load_scenarios().get("news-feed"), seed="wait", clock=lambda: 0.0)
    interviewer.opening()
    list(interviewer.respond("How many daily users are there?"))
    phase = interviewer.phase
    reply = " ".join(interviewer.respond("Hold on, let me note that down before I move on."))
    assert "?" not in reply and interviewer.phase == phase


def test_an_acknowledgement_said_again_is_dropped_not_prefixed():
    said = "Got it — the availability cache is in the design now."
    dialogue = Dialogue().spoke([said], True)
    out = replies.fresh([said, "What happens when the cache is cold after a deploy?"], dialogue)
    assert not any("As I said" in line for line in out)
    assert out == ["What happens when the cache is cold after a deploy?"]


HOTEL = load_scenarios().get("hotel-booking")


@pytest.mark.parametrize(
    "question,expected",
    [
        # the brief's answer names what is asked, though its keywords do not
        ("How full are the hotels usually — what occupancy rate?", ["70%"]),
        ("And what's the mean length of a stay?", ["three nights"]),
        ("How quickly must a booking go through compared with browsing?", ["couple of seconds"]),
        ("Can people reserve far ahead, like years ahead?", ["two years"]),
        ("What occupancy do we see, and how many properties are there?", ["70%", "5,000"]),
    ],
)
def test_clarifying_questions_are_matched_to_the_brief_by_meaning(question, expected):
    said = " ".join(f.answer for f in policy.answer_facts(HOTEL, question))
    for fact in expected:
        assert fact in said, (question, said)


def test_a_different_question_never_gets_the_answer_just_given():
    interviewer = Interviewer(HOTEL, seed="again", clock=lambda: 0.0)
    interviewer.opening()
    first = " ".join(interviewer.respond("How many reservations come in a day?"))
    assert "70%" in first
    second = " ".join(interviewer.respond("And how many guests share one booking?"))
    assert "70%" not in second and "don't have" in second
    third = " ".join(interviewer.respond("How far out can guests reserve a room?"))
    assert "two years" in third
