"""Kinds of answering mistakes the third and fourth listening probes found, each tested in
wordings of its own: every part of a clarifying question answered in one reply, a fact given
only when it really answers what was asked, "your call" when the brief has no answer."""

from __future__ import annotations

import pytest

from agent.interviewer import policy, topics
from agent.interviewer.facade import Interviewer
from scenarios import load_scenarios

SCENARIOS = load_scenarios()


def _said(scenario_id: str, question: str) -> str:
    return " ".join(f.answer for f in policy.answer_facts(SCENARIOS.get(scenario_id), question))


# -- A1: a question in two or three parts gets every part the brief answers --------------------
@pytest.mark.parametrize(
    "scenario_id,question,expected",
    [
        # a list of short questions
        (
            "presence-service",
            "Three quick ones: user count, peak concurrent online, how often clients ping?",
            ["500 million users", "100 million are online", "30 seconds"],
        ),
        # "X versus Y" asks X and Y
        (
            "social-graph",
            "What's the load for follow writes versus lookups?",
            ["100 million follows", "one million"],
        ),
        # the second part asks by meaning: "visible" is searchable, "how soon" a bound in time
        (
            "full-text-search",
            "What's the daily post volume, and how soon is a fresh post visible in results?",
            ["500 million", "ten seconds"],
        ),
        # "people in a call" are the participants
        (
            "video-conferencing",
            "What's the peak number of meetings, and how many people join each one?",
            ["one million concurrent", "Five participants"],
        ),
        # a whispered question without punctuation, fillers between its parts
        (
            "email-service",
            "so uh how many users do we have and um like how much mail does a person get",
            ["one billion users", "20 emails"],
        ),
    ],
)
def test_every_part_of_a_question_gets_its_fact(scenario_id, question, expected):
    said = _said(scenario_id, question)
    for fact in expected:
        assert fact in said, (question, said)


def test_a_statement_before_the_question_is_not_asked():
    # the context sentence mentions bursts; only the questions are answered
    said = _said(
        "stock-exchange",
        "Bursts matter more than totals for an exchange, I think. How many symbols do we list?",
    )
    assert "100 symbols" in said and "five times" not in said


def test_a_part_already_answered_adds_no_unasked_fact():
    # "what share shows up" is answered by the user fact's 40%; the staleness fact is not asked
    said = _said("news-feed", "How many users, and what fraction of them come by each day?")
    assert "500 million" in said and "few seconds" not in said


# -- A2: a fact is given only when it answers what was asked ----------------------------------
@pytest.mark.parametrize(
    "scenario_id,question,expected,unrelated",
    [
        # who navigates at once, and how often the phones report: not daily users, not routes
        (
            "maps-navigation",
            "During turn-by-turn guidance, how many drivers are on the road at the same time, "
            "and how often does each handset report its position?",
            "ten million people navigate",
            "500 million daily",
        ),
        (
            "maps-navigation",
            "How often does a navigating phone report its position?",
            "five seconds",
            "route requests",
        ),
        # where the people of one call are, not how many calls there are
        (
            "video-conferencing",
            "Is everyone in a meeting normally in one region?",
            "different continents",
            "one million concurrent",
        ),
        # how often a driver reports, not how many trips a day
        (
            "ride-sharing",
            "How frequently does a driver's phone send its coordinates?",
            "four seconds",
            "20 million trips",
        ),
    ],
)
def test_the_fact_that_answers_wins_over_one_that_shares_words(
    scenario_id, question, expected, unrelated
):
    said = _said(scenario_id, question)
    assert expected in said and unrelated not in said, (question, said)


@pytest.mark.parametrize(
    "scenario_id,question",
    [
        # "how many guests" counts guests; the booking fact never names them
        ("hotel-booking", "How many guests stay in one room?"),
        # a duration is asked; a rule about double assignment is no duration
        ("ride-sharing", "How long may a driver stay offline before we stop matching them?"),
        # one shared word in a long question is not an answer
        ("ride-sharing", "What memory budget does the mobile platform team allow us?"),
    ],
)
def test_no_fact_is_given_when_none_answers(scenario_id, question):
    assert policy.answer_facts(SCENARIOS.get(scenario_id), question) == []


def test_a_question_the_brief_answers_still_gets_its_fact():
    assert "two million drivers" in _said("ride-sharing", "How many drivers are online?")
    assert "a day" in _said("ride-sharing", "How long do we keep the location trail?")
    assert "10,000 units" in _said("flash-sale", "How many phones are in the sale?")


# -- A3: the brief has no answer: the candidate's call ------------------------------------------
def _interviewer(scenario_id: str) -> Interviewer:
    interviewer = Interviewer(SCENARIOS.get(scenario_id), seed="answers", clock=lambda: 0.0)
    interviewer.opening()
    return interviewer


def test_a_question_the_brief_cannot_answer_is_the_candidates_call():
    interviewer = _interviewer("ride-sharing")
    first = " ".join(interviewer.respond("Which map vendor do we license street data from?"))
    assert "your call" in first.lower() and "drivers" not in first
    # a second one is said in other words, never "As I said, …"
    second = " ".join(interviewer.respond("What is the budget for the cloud bill each month?"))
    assert "your call" in second.lower() and "as i said" not in second.lower()
    assert second != first


def test_the_part_the_brief_cannot_answer_is_named_next_to_the_facts():
    interviewer = _interviewer("ride-sharing")
    reply = " ".join(
        interviewer.respond(
            "How many drivers are online, and what memory budget does the mobile platform team "
            "give us?"
        )
    )
    assert "two million drivers" in reply and "your call" in reply.lower()
    # a question answered in full gets no "your call"
    interviewer = _interviewer("ride-sharing")
    full = " ".join(
        interviewer.respond("How many drivers are online, and how often do they send location?")
    )
    assert "four seconds" in full and "your call" not in full.lower()


def test_a_fact_asked_for_again_is_said_again():
    interviewer = _interviewer("maps-navigation")
    first = " ".join(
        interviewer.respond("How many people navigate at once, and how often do they send GPS?")
    )
    assert "five seconds" in first
    again = " ".join(interviewer.respond("Sorry, how often did the GPS come in, you said?"))
    assert "five seconds" in again and "brief" not in again


# -- A4: what the turn itself settles is not asked for ------------------------------------------
@pytest.mark.parametrize(
    "text,settled,not_settled",
    [
        # the rate's own clause decides: an average, though a later clause names a multiple
        (
            "Across 300 regions that averages 20k requests a second each, with hot regions "
            "running a few times that.",
            topics.AVERAGE_RATE,
            topics.STORAGE,
        ),
        # the clause before the rate ("peak is 3x") makes it the peak
        ("Peak is 3x, so 36,000 a second.", topics.PEAK_RATE, topics.AVERAGE_RATE),
        # a size said in words, as a transcript of speech writes it
        (
            "so per day that comes to uh three hundred terabytes a day",
            topics.STORAGE,
            topics.MEMORY,
        ),
        # naming the key is the partitioning
        ("the orders table is keyed by merchant id", topics.SHARDING, topics.STORAGE),
    ],
)
def test_a_turn_settles_what_it_says_in_its_own_words(text, settled, not_settled):
    said = topics.settled_by_words(text, component_count=1)
    assert settled in said and not_settled not in said, said


def test_an_idiom_with_second_is_no_rate():
    assert topics.settled_by_words("wait a second, let me think", component_count=1) == set()


# -- A5: a probe whose point the candidate already made is not asked ---------------------------
def test_a_probe_the_candidate_already_answered_earlier_is_not_asked():
    turns = [
        "About ten million requests a second worldwide at 100 KB each is a terabyte a second.",
        "Edge servers in every PoP cache objects; misses go through a regional shield to origin.",
        "When every PoP wants the same new segment at once, the shield merges those misses into "
        "a single origin request: request coalescing, so the origin sees one fetch.",
        "Purges fan out over a message bus to every PoP and each PoP acknowledges.",
        "Anycast spreads attacks across PoPs and each customer gets its own rate limits.",
        "Eviction is LRU per edge server, with an admission filter for one-hit wonders.",
        # a turn about a quality of the brief (freshness) and no component picks that
        # quality's probe: the segment one, whose point was made two turns ago
        "Trading freshness for hit ratio: long TTLs keep hits high, and anyone who needs an "
        "instant change should purge instead of shortening TTLs.",
    ]

    def replies(said: list[str]) -> str:
        interviewer = _interviewer("cdn")
        return " ".join(" ".join(interviewer.respond(t)) for t in said)

    assert "hit the origin" not in replies(turns)
    # the probe is still asked of a candidate who never made the point
    without = [t for t in turns if "coalescing" not in t]
    assert "hit the origin" in replies(without)


# -- A6: words continued mid-sentence keep their capitals ----------------------------------------
def test_a_sentence_said_again_keeps_i_and_acronyms():
    from agent.interviewer import probes, replies

    assert replies.uncapital("I don't have that in the brief.") == "I don't have that in the brief."
    assert replies.uncapital("API keys are hashed.") == "API keys are hashed."
    assert replies.uncapital("Objects average 1 MB.") == "objects average 1 MB."
    assert probes._spoken_label("API gateway") == "the API gateway"
    assert probes._spoken_label("Pricing cache") == "the pricing cache"


def test_an_average_is_not_echoed_as_the_peak():
    for text in (
        "Routes: a billion a day is about 11,600 a second on average and 35,000 at the 3x peak.",
        "Routes: a billion a day is 11,600 a second; at peak, three times that, 35,000 a second.",
    ):
        reply = " ".join(_interviewer("maps-navigation").respond(text))
        assert "11,600 a second" in reply and "11,600 a second at peak" not in reply, reply


def test_a_filler_between_the_peak_and_its_figure_keeps_the_figure_about_the_peak():
    from agent.interviewer.topics import clauses_around

    said = "That's 116,000 a second. And peak's twice that so, uh, call it a quarter of a million."
    at = said.index("a quarter")
    assert "peak's twice" in clauses_around(said, at, at + 9)
    plain = "Peak is 3x, so 36,000 a second, and storage is 2 TB."
    at = plain.index("2 TB")
    assert "Peak" not in clauses_around(plain, at, at + 4)
