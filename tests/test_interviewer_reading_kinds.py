"""Dialogue acts read in the many ways people say them, each beside sentences that look alike
but are not that request (probe3/probe4 listening findings R1-R10: fix the kind, not one wording)."""

from __future__ import annotations

import pytest

from agent.interviewer import reading as R
from agent.interviewer.turn_kinds import classify


def _acts(text: str, answering: bool = False) -> tuple[str, ...]:
    kind = classify(text, awaiting_answer=answering).kind
    return R.read_turn(
        text,
        kind=kind,
        claims=[],
        components=[],
        awaiting_answer=answering,
        question=text.rstrip().endswith("?"),
    ).acts


# -- R5: the candidate has said all they have ------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Done.",
        "Monitoring: heartbeat rate, TTL-expiry rate, pub/sub lag. Done.",
        "I think that's the main design.",
        "So that's pretty much my whole architecture.",
        "I think that's it, I don't really know what else to add.",
        "I think that's all I have for this one.",
        "i think uh yeah that's that's about it for me",
        "Nothing more to add, really.",
        "Okay, I'm all done.",
        "I can't think of anything else.",
        "Honestly I don't have anything else to add.",
        "That's everything I wanted to cover.",
        "That's the end of my design.",
        "Let's leave it there.",
        "That's all from my side.",
        "And that's the whole thing.",
    ],
)
def test_a_closing_sentence_asks_to_wrap_up(text):
    assert R.WRAP_UP in _acts(text)


@pytest.mark.parametrize(
    "text",
    [
        "Wrap the writes in a transaction.",
        "We wrap up each batch in a transaction before acking.",
        "Once the job is done, the worker acks.",
        "Done, the write is acknowledged after the quorum.",
        "That's it for storage, now the cache.",
        "That's it, now the cache.",
        "I think that's the main bottleneck.",
        "That's the main design constraint.",
        "Nothing else reads from that table.",
        "I don't know what else to add to the cache key.",
        "That's all the writes do.",
        "Is that it?",
        "I'm done with the requirements, let's go to the design.",
        "I'm done with estimation.",
        "That's the end of the log.",
    ],
)
def test_a_sentence_that_only_looks_like_an_ending_is_no_wrap_up(text):
    assert R.WRAP_UP not in _acts(text)


def test_done_with_a_phase_is_moving_on_not_ending():
    text = "I'm done with the requirements, let's go to the design."
    assert classify(text).kind == "move_on"


# -- R2: the clock ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Quick check on the clock: how far into our slot are we?",
        "Quick check before I dive in: is this a 45-minute slot or shorter?",
        "Where am I on the clock, should I speed up?",
        "How far in are we?",
        "Is this an hour-long interview?",
        "How long is the slot?",
        "Am I taking too long on this?",
        "Should I hurry up?",
        "How much longer do we have?",
        "What time do we finish?",
        "Am I going too slowly?",
        "Before we start, how much time do we have for this?",
        "Do we still have time for the deep dive?",
        "Are we running over?",
        "How long have I been talking?",
    ],
)
def test_a_question_about_the_clock_is_a_time_request(text):
    acts = _acts(text)
    assert R.TIME in acts
    assert R.CLARIFY not in acts


@pytest.mark.parametrize(
    "text",
    [
        "What's the timeline for writes?",
        "How long do we keep messages?",
        "What happens when the clock goes backwards?",
        "How do we handle clock skew between machines?",
        "How much time does a cache lookup take?",
        "How far ahead can people book a slot?",
        "How long is a booking slot?",
        "Is a 30-minute TTL ok?",
        "How far into the log does a consumer replay?",
        "Should I speed up the writes with a cache?",
        "Are we going over the API next?",
        "Do we have time-to-live on keys?",
        "How many minutes of video are uploaded each minute?",
    ],
)
def test_time_in_the_system_is_not_the_interview_clock(text):
    assert R.TIME not in _acts(text)


# -- R4: a pause ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Mind if I go quiet for a moment and write the bit layout down?",
        "Let me quickly sketch this out.",
        "I'll write the numbers down first.",
        "Can I pause for a second?",
        "I need a minute.",
        "Let me be quiet for a moment and think.",
        "Okay, let me work the math out.",
        "Mind if I take a minute?",
        "Can I think about it for a minute?",
    ],
)
def test_asking_for_quiet_time_is_a_wait(text):
    assert R.WAIT in _acts(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mind if I assume 1 KB per message?",
        "We write the events down to Kafka.",
        "Let me lay out the API.",
        "The writer goes quiet for a second when the lease expires.",
        "I'll think out loud as I go.",
    ],
)
def test_writing_or_quiet_in_the_system_is_no_wait(text):
    assert R.WAIT not in _acts(text)


# -- R3: interim feedback ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Be honest, any weak spots so far?",
        "Any red flags you see?",
        "What am I missing?",
        "What would I improve here?",
        "Where am I weakest?",
        "How would you rate this so far?",
        "Would this pass?",
        "What's my weakest area?",
        "Honestly, how am I doing?",
        "Anything I should do differently?",
        "Is this on the right track?",
        "Am I going in the right direction?",
        "Is this what you had in mind?",
        "Does this look reasonable so far?",
        "Is this level of detail OK?",
        "Any comments so far?",
    ],
)
def test_asking_how_it_is_going_is_a_feedback_request(text):
    assert R.FEEDBACK in _acts(text)


@pytest.mark.parametrize(
    "text",
    [
        "What are the weak spots of consistent hashing?",
        "Are there any gaps in the data?",
        "What problems does a hot key cause?",
        "Would this pass through the load balancer?",
        "What could I cache here to improve reads?",
        "What am I missing in the requirements, scale-wise?",
        "Does this sound reasonable: 1 KB per message?",
        "Any thoughts on the partition key?",
        "The leader is going in the right direction.",
    ],
)
def test_weak_spots_of_the_system_are_no_feedback_request(text):
    assert R.FEEDBACK not in _acts(text)


# -- R1: a question about the board, not one that says when the drawing starts ------------------
@pytest.mark.parametrize(
    "text",
    [
        "Okay, so before I start drawing anything I'd like to understand the shape of the load. "
        "Roughly how many orders come in over a day, and how long is the trading session?",
        "Before I start drawing, how many users are there?",
        "Once I've sketched the components, should we go over the numbers?",
        "Before I get to the board, is there a limit on message size?",
        "After drawing the write path, how do reads find the shard?",
        "Does the notification come through the queue?",
        "Is the cache visible to all regions?",
    ],
)
def test_a_clarifying_question_that_mentions_drawing_is_no_board_request(text):
    acts = _acts(text)
    assert R.BOARD not in acts
    assert R.CLARIFY in acts


@pytest.mark.parametrize(
    "text",
    [
        "Can you see my diagram?",
        "I've updated the diagram. Can you see it?",
        "Did the drawing come through?",
        "Is the whiteboard visible on your side?",
        "I drew the gateway on the board. Take a look.",
        "Did my boxes and arrows come through?",
        "Can you see my screen?",
        "Can you see what I drew?",
    ],
)
def test_a_question_about_the_board_is_a_board_request(text):
    assert R.BOARD in _acts(text)


# -- R6: speech without punctuation still asks -------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "um okay so so first thing uh how many users are we talking about and like how much mail "
        "does each one get",
        "so what latency do we need for reads",
        "how often does each driver send its position",
        "uh is there a limit on message size",
        "do we need to support edits",
        "right so and how big is a message on average",
        "what's the peak write rate",
    ],
)
def test_a_spoken_question_without_a_question_mark_is_a_question(text):
    assert classify(text).question
    assert R.CLARIFY in _acts(text)


# -- R7: a statement that opens with a question word ------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "What I'm deliberately leaving out is a general-purpose database or a broker like Kafka "
        "on the critical path; we don't need either, because the journal is the source of truth.",
        "When the upload is done we notify the user through the queue.",
        "How we shard matters less than how we replicate.",
        "We store how many users there are in a counter.",
        "That's how much storage we need.",
        "Design: the client gets a pre-signed URL and does a resumable upload into a blob store.",
        "If a couple of shards are slow we return partial results, which is better than an error.",
        "What's important here is latency, so reads come from the cache.",
        "What is critical is that writes are durable.",
    ],
)
def test_a_statement_that_opens_like_a_question_is_no_question(text):
    assert not classify(text).question
    assert R.CLARIFY not in _acts(text)


# -- R7/R8: what a negation rejects -------------------------------------------------------------
COMPONENTS = [("Op log", ("op log", "operation log")), ("Journal", ("journal",))]


def _polarity(text: str) -> dict[str, bool]:
    return {m.name: m.positive for m in R.mentions(text, COMPONENTS)}


def test_leaving_out_and_not_needing_either_rejects_both():
    said = _polarity(
        "What I'm deliberately leaving out is a general-purpose database or a broker like Kafka "
        "on the critical path; we don't need either, because the journal is the source of truth."
    )
    assert said["queue"] is False
    assert said["database"] is False
    assert said["journal"] is True
    assert _polarity("A database or a broker like Kafka, we don't need either of them.") == {
        "queue": False,
        "database": False,
    }
    assert _polarity("We're leaving out the CDN.") == {"cdn": False}


def test_rather_than_into_a_component_negates_only_the_placement():
    said = _polarity(
        "Cursors are throwaway state, so presence goes into Redis with a short TTL rather than "
        "into the op log."
    )
    assert said.get("op log") is not False
    assert said["cache"] is True
    assert "database" not in _polarity("We keep sessions in memory rather than in a database.")
    # without a placement the same words still reject the component
    assert _polarity("Instead of a database we append to the op log.")["database"] is False
    assert _polarity("No CDN for now, and instead of Redis we keep counters in process.") == {
        "cache": False,
        "cdn": False,
    }


def test_a_rejection_of_something_else_or_with_a_scope_rejects_nothing_before_it():
    said = _polarity(
        "We use Kafka between the API and the workers; we don't need either of the caches."
    )
    assert said["queue"] is True
    said = _polarity(
        "We put a cache in front of the database; we don't need them in the batch path."
    )
    assert said == {"cache": True, "database": True}
    assert _polarity("Redis or Memcached; we don't need both, Redis is enough.") == {"cache": True}


# -- R9: accepting the interviewer's point ------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Oh, OK, yeah, sure, I'll go with whatever you said.",
        "Hmm, OK, you're probably right about that.",
        "Fair enough.",
        "Good catch, my mistake.",
        "OK, I'll use your number then.",
        "If you say so.",
    ],
)
def test_accepting_the_interviewers_point_is_an_answer_not_small_talk(text):
    assert classify(text).kind == "probe_answer"
    acts = _acts(text)
    assert R.ACCEPT in acts
    assert R.ANSWER in acts


@pytest.mark.parametrize(
    "text",
    [
        "Right, so the cache sits in front.",
        "Is that right?",
        "I don't think that's right, the queue orders them.",
        "Sure.",
    ],
)
def test_agreement_words_that_accept_nothing(text):
    assert R.ACCEPT not in _acts(text, answering=True)


def test_accepting_with_content_keeps_the_content():
    acts = _acts("You're right, so we add a cache in front of the database.")
    assert R.DESIGN in acts
    assert R.ACCEPT in acts


# -- R10: a question about the work itself is a clarifying question ---------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Is there an existing in-house geo library I should reuse, or am I choosing the cell "
        "system from scratch?",
        "Can I use an off-the-shelf geo index?",
        "Do we have a platform team that runs the clusters?",
        "Am I allowed to pick the language?",
    ],
)
def test_a_question_about_the_work_is_a_clarifying_question(text):
    assert R.CLARIFY in _acts(text)


@pytest.mark.parametrize(
    "text",
    ["What's your favourite movie?", "Do you like working here?", "Where are you based?"],
)
def test_a_personal_question_stays_off_topic(text):
    assert R.CLARIFY not in _acts(text)


@pytest.mark.parametrize(
    "text", ["I don't think that's right.", "I'm not sure you're right.", "I don't agree."]
)
def test_negated_agreement_accepts_nothing(text):
    assert R.ACCEPT not in _acts(text, answering=True)
    assert classify(text).kind != "probe_answer"
