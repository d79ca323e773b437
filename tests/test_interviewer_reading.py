"""The typed reading of a candidate turn: meta requests, pushback and polarity in wordings the
listening corpus does not use (the held-out set words things differently)."""

from __future__ import annotations

import pytest

from agent.interviewer import reading as R
from agent.interviewer import topics
from agent.interviewer.turn_kinds import classify


def _read(text: str, answering: bool = False) -> R.Reading:
    kind = classify(text).kind
    return R.read_turn(
        text, kind=kind, claims=[], components=[], awaiting_answer=answering, question=False
    )


@pytest.mark.parametrize(
    "text,act",
    [
        ("Sorry, what was the question?", R.REPEAT),
        ("Come again?", R.REPEAT),
        ("I missed that, could you rephrase?", R.REPEAT),
        ("One sec.", R.WAIT),
        ("Can I have a minute?", R.WAIT),
        ("Hmm, let me think.", R.WAIT),
        ("How long have we got?", R.TIME),
        ("Are we OK on time?", R.TIME),
        ("Any thoughts on my approach so far?", R.FEEDBACK),
        ("How am I doing so far?", R.FEEDBACK),
        ("Can you see my diagram?", R.BOARD),
        ("I think we can finish here.", R.WRAP_UP),
        ("Let's call it a day.", R.WRAP_UP),
        ("That's all I have.", R.WRAP_UP),
        ("Would it be okay if we finish now?", R.WRAP_UP),
        ("Shall I stop there?", R.WRAP_UP),
        ("Can you run that past me again?", R.REPEAT),
        ("What did you just say?", R.REPEAT),
        ("Pardon me?", R.REPEAT),
        ("What do you think of my approach?", R.FEEDBACK),
        ("Was that the right level of detail?", R.FEEDBACK),
    ],
)
def test_meta_requests_in_other_words(text, act):
    assert act in _read(text).acts


def test_not_every_mention_of_an_ending_is_a_wrap_up():
    assert R.WRAP_UP not in _read("That's all I have on the storage side, now the cache.").acts
    assert R.WRAP_UP not in _read("We could stop the consumers while the index rebuilds.").acts
    assert R.WRAP_UP not in _read("Let's stop retries after the third attempt.").acts
    assert R.WRAP_UP not in _read("Should we stop retrying after three attempts?").acts
    assert R.REPEAT not in _read("Repeated reads are served from the cache.").acts
    assert (
        R.WAIT
        not in _read(
            "Let me think about storage: 100 million a day at 1 KB is 100 GB a day, so 36 TB a year."
        ).acts
    )


def test_pushback_is_disagreement_or_resisting_the_question():
    assert R.PUSHBACK in _read("I disagree that we need strong consistency for reads.").acts
    assert R.PUSHBACK in _read("That's overkill at this scale.", answering=True).acts
    assert R.PUSHBACK not in _read("We use Kafka between the API and the workers.").acts
    assert R.PUSHBACK in _read("That isn't correct, the queue orders them.", answering=True).acts
    assert R.PUSHBACK in _read("I don't see why we would shard that table.", answering=True).acts


def test_polarity_of_choices():
    said = _read("No CDN for now, and instead of Redis we keep counters in process.")
    rejected = set(said.rejected)
    assert {"cdn", "cache"} <= rejected
    taken = _read("Photos come from object storage behind a CDN.")
    assert "cdn" not in taken.rejected


def test_numbers_said_aloud_settle_their_topics():
    assert topics.PEAK_RATE in topics.settled_by_numbers("So 5x is, uh, 5,800 a second at peak.")
    assert topics.STORAGE in topics.settled_by_numbers("So 100 GB a day, 36 TB a year.")
    assert topics.BANDWIDTH in topics.settled_by_numbers("That's 195 MB a second of ingest.")
    assert not topics.settled_by_numbers("Each payload is 1 KB.")
    # "peak bandwidth" asks for bandwidth, not for the peak rate again
    assert topics.asked_topics("What do you get for peak outbound bandwidth?") == {topics.BANDWIDTH}


def test_how_many_people_is_answered_with_the_user_count():
    from agent.interviewer import policy
    from scenarios import load_scenarios

    library = load_scenarios()
    for scenario_id, question in (
        ("music-streaming", "How many listeners are there each day?"),
        ("chat-system", "How many people chat each day?"),
    ):
        facts = policy.answer_facts(library.get(scenario_id), question)
        assert facts and facts[0].topic == "users", (scenario_id, facts)
    # the thing counted decides: orders are traffic, not users
    orders = policy.answer_facts(library.get("food-delivery"), "How many orders a day?")
    assert orders[0].topic == "traffic"


def test_components_are_heard_as_people_say_them():
    from scenarios import load_scenarios

    scenario = load_scenarios().get("video-streaming")
    components = [(c.label, c.names()) for c in scenario.components]
    said = R.mentions(
        "Uploads land in object storage, a transcoding pipeline reads from a queue, and the "
        "metadata sits in a sharded database.",
        components,
    )
    labels = {m.label for m in said if m.positive}
    assert {"Video storage", "Transcoding queue", "Metadata database"} <= labels
    # words of a name in different clauses are not that component
    apart = R.mentions("The metadata is small, so any database will do.", components)
    assert "Metadata database" not in {m.label for m in apart}
    rejected = R.mentions("No metadata cache in front of the database.", components)
    assert any(m.label == "Metadata cache" and not m.positive for m in rejected)


def test_each_part_of_a_question_gets_its_fact_by_meaning():
    from agent.interviewer import policy
    from scenarios import load_scenarios

    scenario = load_scenarios().get("video-streaming")
    question = "Before numbers: how many daily viewers, and what video qualities do we serve?"
    topics_given = [f.topic for f in policy.answer_facts(scenario, question)]
    assert topics_given == ["users", "data"]
