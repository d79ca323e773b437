"""The interviewer's deterministic parts on their own: turn classification, clarifications,
the time budget, follow-up priority, phrasing variety, lazy imports."""

from __future__ import annotations

import subprocess
import sys

import pytest

from agent.interviewer.board_notes import BoardNote
from agent.interviewer.followups import TurnContext
from agent.interviewer.phases import PHASES, PhasePlan, next_phase
from agent.interviewer.policy import answer_facts
from agent.interviewer.priorities import choose
from agent.interviewer.reference_check import references
from agent.interviewer.templates import rng_for, silence
from agent.interviewer.turn_kinds import classify, is_gibberish
from estimation import EstimationSession
from scenarios import scale_quantities
from tests.agent_harness import LIBRARY

NOTIFY = LIBRARY.get("notification-system")


@pytest.mark.parametrize(
    "text,kind",
    [
        ("How many users do we have?", "clarifying_question"),
        ("Should I assume a 1 KB payload?", "clarifying_question"),
        ("1 billion a day is about 11,600 per second", "estimate"),
        ("The API writes to a Kafka queue and workers call APNs", "design"),
        ("Can we move on to the design?", "move_on"),
        ("let's move on", "move_on"),
        ("ok, move on", "move_on"),
        ("Thanks!", "small_talk"),
        ("hmm", "small_talk"),
        ("", "silence"),
        ("   ", "silence"),
        ("asdf qwer zxcv", "gibberish"),
        ("I love pizza and football", "off_topic"),
        ("We'd add alerts.", "design"),
        ("lorem ipsum dolor sit amet", "off_topic"),
        ("what is the weather like", "off_topic"),
    ],
)
def test_classify(text, kind):
    assert classify(text, vocabulary=NOTIFY.vocabulary).kind == kind


def test_classify_answers_repeats_and_gibberish():
    answer = classify(
        "I would accept some inaccuracy", awaiting_answer=True, question_words=["inaccuracy"]
    )
    assert answer.kind == "probe_answer"
    assert classify("We use Kafka.", previous=["we use kafka"]).repeat
    assert is_gibberish("#### %%%%") and not is_gibberish("Zookeeper")


def test_clarifying_questions_are_answered_from_facts_by_meaning():
    known = answer_facts(NOTIFY, "How long do we keep the history?")
    assert [f.topic for f in known] == ["retention"] and "30 days" in known[0].answer
    # two questions in one turn get both answers, in the order asked
    both = answer_facts(NOTIFY, "How big is each notification, and how long do we keep them?")
    assert len(both) == 2 and "30 days" in both[-1].answer
    assert answer_facts(NOTIFY, "Which programming language do we use?") == []


def test_phase_plan_budgets_and_overrun():
    plan = PhasePlan(45)
    assert sum(plan.budget(p) for p in PHASES) == pytest.approx(45 * 60)
    assert plan.budget("requirements") == pytest.approx(300)
    assert not plan.overrun("requirements", 0, 299) and plan.overrun("requirements", 0, 301)
    assert plan.overrun("deep_dive", 1200, 2401)  # into the wrap-up's five minutes
    assert not plan.overrun("wrap_up", 0, 10_000) and plan.out_of_time(2700)
    assert next_phase("deep_dive") == "wrap_up" and next_phase("wrap_up") == "wrap_up"
    assert PhasePlan(90).budget("deep_dive") == pytest.approx(2 * PhasePlan(45).budget("deep_dive"))
    with pytest.raises(ValueError):
        PhasePlan(0)


def _ctx(utterance, phase="estimation", **kw):
    session = EstimationSession()
    report = session.add(utterance)
    return TurnContext(
        scenario=NOTIFY,
        phase=phase,
        kind="estimate",
        utterance=utterance,
        report=report,
        references=references(NOTIFY),
        scale_assumptions=list(scale_quantities(NOTIFY).items()),
        **kw,
    )


def test_follow_ups_never_dispute_numbers_finding_beats_probe_beats_moving_on():
    finding = BoardNote("SPOF", "high", ("c1",), question="What if c1 dies?")
    mixed = "Peak is 3x of 12,000 so 60,000, and a single MySQL node will handle 500,000 writes per second"
    # number challenges belong to the policy (engine verdicts only), never to a follow-up
    assert choose(_ctx(mixed, board_findings=[finding])).kind not in ("arithmetic", "capacity")
    assert choose(_ctx("Each payload is 20 KB.")).kind != "assumption"
    design = _ctx("The API calls the workers.", phase="high_level_design", board_findings=[finding])
    assert choose(design).kind == "finding"
    raised = frozenset({"board:SPOF:c1"})
    probe = _ctx(
        "The API calls the workers.",
        phase="deep_dive",
        board_findings=[finding],
        raised=raised,
        drawn={"Sender workers": "Workers", "APNs/FCM": "APNs"},
        drawn_ids={"Sender workers": "c5", "APNs/FCM": "c6"},
    )
    chosen = choose(probe)
    assert chosen.kind == "probe" and "Workers" in chosen.question and chosen.components
    done = {p.id for p in NOTIFY.probes} | {
        "cap:" + "-".join(op.operation.lower().split()) for op in NOTIFY.consistency
    }
    finished = _ctx("ok", phase="deep_dive", probes_asked=frozenset(done), raised=raised)
    chosen = choose(finished)
    assert chosen.kind == "move_on" and chosen.next_phase == "wrap_up"


def test_phrasing_varies_and_is_seeded():
    said = {silence("estimation", rng_for("s", turn)) for turn in range(12)}
    assert len(said) >= 4
    assert silence("estimation", rng_for("s", 3)) == silence("estimation", rng_for("s", 3))


def test_hotseat_help_does_not_import_langgraph_or_openai():
    code = (
        "import sys; from agent.cli.main import cli; import agent.cli.interview_cmd; "
        "assert 'langgraph' not in sys.modules and 'openai' not in sys.modules, 'heavy import'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
