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


@pytest.mark.parametrize(
    "scenario,setup,rejection,avoid",
    [
        (
            "webhook-delivery",
            "The dispatcher reads events from Kafka and POSTs them to each subscribed endpoint.",
            "Honestly a retry queue is overkill here, failed sends just get dropped.",
            "no retry queue then",
        ),
        (
            "food-delivery",
            "Customers order through the order service, which writes to Postgres.",
            "We can skip the dispatch service entirely; couriers just pick orders off a list.",
            "no dispatch service then",
        ),
    ],
)
def test_ruling_out_a_component_the_brief_needs_is_questioned_not_accepted(
    scenario, setup, rejection, avoid
):
    interviewer = Interviewer(load_scenarios().get(scenario), seed="needed", clock=lambda: 0.0)
    interviewer.opening()
    list(interviewer.respond(setup))
    reply = " ".join(interviewer.respond(rejection))
    assert avoid not in reply.lower() and reply.rstrip().endswith("?"), reply
    assert "without" in reply.lower()


def test_a_topic_the_brief_lists_is_probed_not_redirected():
    interviewer = Interviewer(
        load_scenarios().get("webhook-delivery"), seed="topic", clock=lambda: 0.0
    )
    interviewer.opening()
    list(interviewer.respond("The dispatcher reads events from Kafka and POSTs to endpoints."))
    reply = " ".join(interviewer.respond("On spoofing: TLS alone should do it."))
    assert "keep to the design" not in reply.lower() and "?" in reply


def test_a_follow_up_does_not_ask_for_what_the_turn_just_said():
    interviewer = Interviewer(load_scenarios().get("file-sync"), seed="said", clock=lambda: 0.0)
    interviewer.opening()
    reply = " ".join(
        interviewer.respond(
            "Total storage: 200M users at 4 GB each is 800 PB, and with three replicas "
            "that is 2.4 EB raw."
        )
    )
    assert "copies" not in reply.lower() and "replica" not in reply.lower(), reply


def test_a_knowledge_pattern_is_heard_as_a_word_not_inside_another_word():
    from agent.knowledge.knowledge_base import load_knowledge
    from agent.knowledge.speech_patterns import recognise_in_speech

    kb = load_knowledge()
    assert not recognise_in_speech(kb, "A cron job releases every hold that was never paid.")
    hits = recognise_in_speech(kb, "The scheduler keeps a lease so only one runs.")
    assert [h.entry_id for h in hits] == ["leader-election"]


def test_a_fits_in_ram_probe_is_about_the_total_not_a_per_entry_size():
    from agent.knowledge.knowledge_base import load_knowledge
    from agent.knowledge.thresholds import threshold_probes
    from estimation import check_transcript

    turn = (
        "A session row is a user id plus a token at 16 bytes each, so 32 bytes; 50 million "
        "of those is 1.6 GB, small enough to hold in memory."
    )
    report = check_transcript(turn)
    hits = [
        h
        for h in threshold_probes(load_knowledge(), report.claims, turn)
        if h.entry_id == "per-node-memory-fits-in-ram"
    ]
    assert hits and all("32 bytes" not in h.question for h in hits), [h.question for h in hits]
    assert any("1.6 GB" in h.question for h in hits)


@pytest.mark.parametrize(
    "text,name",
    [
        ("We match riders in batches rather than pinging the closest driver.", "driver app"),
        ("Reads never go through the cache instead of querying the database.", "database"),
    ],
)
def test_a_negated_action_does_not_reject_the_component_it_acts_on(text, name):
    components = [("Driver app", ("driver", "driver app")), ("Database", ("db",))]
    rejected = [m.name for m in R.mentions(text, components) if not m.positive]
    assert name not in rejected


def test_a_negated_component_is_still_rejected():
    components = [("Retry queue", ("delay queue",))]
    for text in ("We can do without a delay queue.", "Rather than adding a retry queue, drop it."):
        assert [m.name for m in R.mentions(text, components) if not m.positive] == ["retry queue"]


def test_a_name_inside_a_longer_component_name_credits_only_the_longer_one():
    components = [
        ("Merchant tablet", ("merchant",)),
        ("Merchant search", ("search",)),
    ]
    found = {m.name for m in R.mentions("Merchant search runs on Elasticsearch.", components)}
    assert "merchant search" in found and "merchant tablet" not in found
    found = {m.name for m in R.mentions("The merchant confirms on the tablet.", components)}
    assert "merchant tablet" in found


def test_a_quality_the_brief_lists_gets_its_own_probe():
    interviewer = Interviewer(
        load_scenarios().get("webhook-delivery"), seed="quality", clock=lambda: 0.0
    )
    interviewer.opening()
    list(interviewer.respond("The dispatcher reads events from Kafka and POSTs to endpoints."))
    reply = " ".join(interviewer.respond("On spoofing: TLS alone should do it."))
    assert "came from you" in reply, reply


@pytest.mark.parametrize(
    "text",
    ["Let's end here.", "Okay, let's call it.", "That's where I'd leave it.", "I'm good to stop."],
)
def test_more_ways_of_finishing_are_wrap_ups(text):
    assert R.WRAP_UP in _meta(text)


@pytest.mark.parametrize(
    "text", ["Let's finish the write path first, then reads.", "We call it twice per request."]
)
def test_finishing_a_part_of_the_design_is_not_a_wrap_up(text):
    assert R.WRAP_UP not in _meta(text)
