"""Kinds of listening mistakes a second unseen probe set found, each tested in wordings and
scenarios of its own: a peak said as a multiple of the rate before it, a knowledge probe's
lead-in built from a word that is no component, clarifying questions answered with the fact
they ask for (a retention "how long" is no clock question, a run time is no retention, every
part of a two-part question, a fact the brief states in words), pushback engaged, and the time
left said honestly in text mode."""

from __future__ import annotations

import pytest

from agent.interviewer import policy, topics
from agent.interviewer import reading as R
from agent.interviewer.facade import Interviewer
from agent.interviewer.kb_followups import _with_noun
from scenarios import load_scenarios

SCENARIOS = load_scenarios()


def _interviewer(scenario: str, seed: str = "probe2") -> Interviewer:
    interviewer = Interviewer(SCENARIOS.get(scenario), seed=seed, clock=lambda: 0.0)
    interviewer.opening()
    return interviewer


# -- P2-I1: a peak said as a multiple settles the peak ------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "That's 12,000 reads a second, and in the evening five times that, so 60,000.",
        "Roughly 3,000 a second on a normal day; at the busiest hour 9,000 a second.",
        "About 800 a second, and 4 times the average gives 3,200 a second.",
    ],
)
def test_a_rate_said_as_a_multiple_of_the_one_before_settles_the_peak(text):
    assert topics.PEAK_RATE in topics.settled_by_numbers(text)


def test_a_stated_peak_is_not_asked_for_again():
    interviewer = _interviewer("ad-click-aggregation")
    reply = " ".join(
        interviewer.respond(
            "A billion clicks over 86,400 seconds is about 11,600 a second, and with bursts "
            "five times that we get about 58,000 a second."
        )
    )
    assert "peak" not in reply.lower(), reply


# -- P2-I4: a lead-in quotes a thing, never a participle and a preposition ------------------------
@pytest.mark.parametrize(
    "word,utterance",
    [
        ("partitioned", "The table is partitioned on tenant id and replicated twice."),
        ("sharded", "Everything is sharded across twelve boxes."),
        ("replicated", "Writes are replicated to two followers."),
    ],
)
def test_a_quoted_participle_never_takes_a_preposition_as_its_noun(word, utterance):
    quoted = _with_noun(word, utterance)
    assert not quoted.startswith("the "), quoted
    assert word in quoted


def test_a_quoted_participle_keeps_a_real_noun():
    assert _with_noun("sharded", "A sharded database behind the API.") == "the sharded database"


# -- P2-I5: the right fact for a clarifying question ------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "How long do we have to hold the raw clicks?",
        "So how long do I have to retain the events?",
    ],
)
def test_how_long_we_have_to_do_something_is_a_fact_not_the_clock(text):
    assert R.TIME not in R.meta_acts(text, has_claims=False, words=len(text.split()))


@pytest.mark.parametrize(
    "text", ["How long do we have?", "How long have we got to finish?", "how long do I have left"]
)
def test_the_clock_question_is_still_a_time_request(text):
    assert R.TIME in R.meta_acts(text, has_claims=False, words=len(text.split()))


def test_holding_on_to_data_is_no_request_to_wait():
    text = "How long must we hold on to the raw events?"
    assert R.WAIT not in R.meta_acts(text, has_claims=False, words=len(text.split()))
    assert R.WAIT in R.meta_acts("Hold on, let me check.", has_claims=False, words=4)


def test_a_retention_question_phrased_as_having_to_keep_gets_the_retention():
    interviewer = _interviewer("ad-click-aggregation")
    reply = " ".join(interviewer.respond("Hmm, how long do we have to hold on to the raw events?"))
    assert "a month" in reply and "minutes left" not in reply, reply


def test_how_long_a_thing_runs_is_its_duration_not_its_retention():
    facts = policy.answer_facts(SCENARIOS.get("job-scheduler"), "How long does each job take?")
    assert facts and "30 seconds" in facts[0].answer


def test_a_fact_said_in_words_of_the_brief_answers_a_how_long_question():
    facts = policy.answer_facts(
        SCENARIOS.get("ticketing"),
        "Once a fan grabs a seat, how long does the fan get to pay for it?",
    )
    assert facts and "ten minutes" in facts[0].answer


def test_every_part_of_a_two_part_question_is_answered():
    facts = policy.answer_facts(
        SCENARIOS.get("flash-sale"),
        "How many units do we have for sale, and how many people turn up in the first minute?",
    )
    answers = " ".join(f.answer for f in facts)
    assert "10,000" in answers and "ten million" in answers


def test_the_prompts_number_for_the_counted_thing_answers_how_many():
    facts = policy.answer_facts(SCENARIOS.get("flash-sale"), "How many phones go on sale?")
    assert facts and "10,000" in facts[0].answer


def test_on_a_tie_the_fact_not_yet_given_answers():
    ticketing = SCENARIOS.get("ticketing")
    seats = next(f for f in ticketing.facts if "50,000" in f.answer)
    facts = policy.answer_facts(ticketing, "Seats latency?", given=[seats.answer])
    assert facts and "within a second" in facts[0].answer


# -- P2-I2 / P2-I3: pushback engaged, conceded only on an accepted trade-off ----------------------
def test_pushback_matching_a_trade_off_the_brief_accepts_is_conceded():
    backing = policy.accepted_by_brief(
        SCENARIOS.get("log-aggregation"),
        "I don't think we need a durable buffer: losing a few log lines when a shipper dies "
        "is acceptable here.",
    )
    assert "acceptable" in backing


def test_a_figure_of_the_brief_said_with_its_unit_backs_the_argument():
    backing = policy.accepted_by_brief(
        SCENARIOS.get("ticketing"),
        "I disagree that holds need a sweeper job: each hold is written with a ten-minute TTL "
        "and simply vanishes.",
    )
    assert "ten minutes" in backing


def test_a_requirement_the_argument_waves_away_is_held_not_conceded():
    email = SCENARIOS.get("email-service")
    text = (
        "I don't think we need replicas of the mail store; if a disk dies we just lose some mail."
    )
    assert policy.accepted_by_brief(email, text) == ""
    assert "never lose accepted mail" in policy.contradicted_by_brief(email, text).lower()
    interviewer = _interviewer("email-service")
    list(interviewer.respond("Mail lands on SMTP gateways, goes to a queue, then the mail store."))
    reply = " ".join(interviewer.respond(text))
    assert "never lose accepted mail" in reply.lower() and reply.rstrip().endswith("?"), reply
    assert "fair point" not in reply.lower()


def test_a_bare_count_of_the_brief_backs_no_argument():
    backing = policy.accepted_by_brief(
        SCENARIOS.get("ticketing"),
        "I'd push back on a strict queue: fans arrive in the first minutes anyway, order is jitter.",
    )
    assert "ten million fans arrive" not in backing


def test_pushback_the_brief_does_not_settle_is_engaged_in_new_words_each_time():
    interviewer = _interviewer("ticketing")
    list(interviewer.respond("Fans go through a waiting room, then the seat service and Postgres."))
    replies = [
        " ".join(interviewer.respond(text))
        for text in (
            "I disagree that we need a CDN for the seat map; the origin can serve it.",
            "And I don't buy that the waiting room needs its own database.",
            "I'd push back on a separate audit log as well, the ticket table is the record.",
        )
    ]
    assert len(set(replies)) == 3, replies
    for reply in replies:
        assert len(reply.split()) >= 5 and reply.lower() not in ("go on.", "carry on."), reply


# -- P2-I6: the time left is honest when the wall clock barely moves (text mode) -----------------
def test_time_left_in_text_mode_moves_with_the_exchanges():
    interviewer = _interviewer("log-aggregation", seed="clock")
    first = " ".join(interviewer.respond("Before we start, how much time do we have?"))
    assert "45 minutes" in first
    for text in (
        "How many servers are there, and how many lines does each write a second?",
        "50,000 servers at 100 lines a second is 5 million lines a second, about 1 GB a second.",
        "Over 14 days that is about 1.2 PB searchable, before any compression.",
        "Agents on each host ship to Kafka, indexers consume into a search cluster, and old "
        "indices roll to object storage for the year of archive.",
        "I'd partition the index by time and by team, so a search over an hour hits few shards.",
        "If an indexer dies, Kafka keeps the lines until a replacement catches up.",
        "For personal data, I'd mask it at the agent and check team access at query time.",
    ):
        list(interviewer.respond(text))
    later = " ".join(interviewer.respond("How many minutes do we have left?"))
    assert "just started" not in later and "all 45" not in later, later
    assert "minutes left of 45" in later


def test_spoken_time_counts_words_and_a_pause_per_answer():
    from agent.interviewer import replies

    assert replies.spoken_seconds([], 0) == 0.0
    ten_exchanges = replies.spoken_seconds(["word " * 30] * 20, 10)
    assert 5 * 60 < ten_exchanges < 15 * 60


def test_a_follow_up_never_starts_with_the_conjunction_of_a_dropped_part():
    interviewer = _interviewer("job-scheduler", seed="shard")
    list(interviewer.respond("About 1,160 job runs a second, and ten times that at the peak."))
    reply = " ".join(
        interviewer.respond(
            "Design: an API writes jobs into a job store sharded by next-run time; schedulers "
            "each own some shards, push due runs onto a task queue, and workers pull them."
        )
    )
    assert ". and " not in reply and not reply.lower().startswith("and "), reply
    assert "sharded by" not in reply.lower(), reply
