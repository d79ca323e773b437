"""Drills: exact answers, spoken answers checked by the estimation engine, spaced repetition."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from agent.cli.main import cli
from agent.drills import (
    TOPICS,
    DrillRun,
    check_answer,
    read_answer,
    scenario_questions,
    template_questions,
)
from recordings.progress import ProgressStore
from scenarios import load_scenarios


def _question(qid: str):
    return next(q for q in template_questions() if q.id == qid)


def test_every_topic_has_questions_with_exact_answers():
    questions = template_questions()
    assert {q.topic for q in questions} == set(TOPICS)
    assert len({q.id for q in questions}) == len(questions)
    # spot-check answers against arithmetic done here, not by the calculator
    assert _question("qps:daily:1 billion").answer.value == pytest.approx(1e9 / 86_400)
    assert _question("storage:retention:1 billion,1 KB,30").answer.value == pytest.approx(30e12)
    assert _question("bandwidth:egress:35,000,1 KB").answer.value == pytest.approx(35e6)
    assert _question("latency:seeks:10 ms").answer.value == pytest.approx(100)
    assert _question("capacity:servers:35,000,1,000").answer.value == pytest.approx(35)
    assert _question("memory:cache:1 billion,1 KB").answer.value == pytest.approx(1e12)


@pytest.mark.parametrize(
    "answer",
    [
        "about twelve thousand per second",
        "11.6k",
        "I think around 12k per second",
        "roughly 11,600 requests per second",
        "twelve thousand",
    ],
)
def test_spoken_correct_answers(answer):
    result = check_answer(_question("qps:daily:1 billion"), answer, seconds=2.5)
    assert result.correct, result.feedback
    assert result.feedback.startswith("Correct: 11,600 per second")
    assert result.seconds == 2.5


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        ("about 1,200 per second", "too low"),
        ("a hundred thousand per second", "too high"),
        ("36 TB", "asks for a rate"),
        ("no idea", "didn't catch a number"),
        ("", "didn't catch a number"),
    ],
)
def test_spoken_wrong_answers(answer, why):
    result = check_answer(_question("qps:daily:1 billion"), answer)
    assert not result.correct
    assert why in result.feedback and "11,600 per second" in result.feedback


def test_storage_answers_in_terabytes():
    question = _question("storage:retention:1 billion,1 KB,30")
    assert check_answer(question, "30 TB").correct
    assert check_answer(question, "about thirty terabytes").correct
    assert check_answer(question, "30").correct  # a bare number reads in the answer's unit
    assert not check_answer(question, "36 TB").correct
    assert not check_answer(question, "3 TB").correct
    assert read_answer("um, 36 TB I guess").value == pytest.approx(36e12)


def test_scenario_reference_estimates_become_questions():
    questions = scenario_questions([load_scenarios().get("notification-system")])
    by_id = {q.id: q for q in questions}
    peak = by_id["scenario:notification-system:peak_qps"]
    assert peak.topic == "qps"
    assert "the peak factor at 3x" in peak.text
    assert "average notifications per second at 11,574" in peak.text
    assert check_answer(peak, "thirty five thousand per second").correct
    assert not check_answer(peak, "twelve thousand per second").correct
    storage = by_id["scenario:notification-system:log_storage"]
    assert check_answer(storage, "30 TB").correct
    assert by_id["scenario:notification-system:sender_workers"].topic == "capacity"


def test_missed_items_come_back_sooner(hotseat_home):
    ids = [q.id for q in template_questions(["qps"])][:6]
    with ProgressStore(hotseat_home / "progress.db") as store:
        run1 = store.start_drill_run()
        assert store.order_items(ids, run1) == ids  # nothing known yet: the caller's order
        for qid, correct in zip(ids[:3], (True, False, True), strict=True):
            _answer(store, run1, qid, correct=correct)
        run2 = store.start_drill_run()
        order = store.order_items(ids, run2)
        assert order[0] == ids[1]  # the miss is due first
        assert order[1:4] == ids[3:6]  # then items never asked
        assert set(order[4:]) == {ids[0], ids[2]}  # the hits wait
        # hit the missed one now: it moves up a box and is no longer first
        _answer(store, run2, ids[1], correct=True)
        _answer(store, run2, ids[0], correct=False)
        run3 = store.start_drill_run()
        assert store.order_items(ids, run3)[0] == ids[0]


def test_drill_run_feeds_the_voice_loop_shape():
    questions = [_question("qps:daily:1 billion"), _question("latency:seeks:10 ms")]
    seen = []
    run = DrillRun(questions, on_result=seen.append, clock=iter([0.0, 3.0, 3.0, 5.5]).__next__)
    assert run.ask() == questions[0].text
    reply = run.respond("about twelve thousand per second")
    assert reply.startswith("Correct") and reply.endswith(questions[1].text)
    reply = run.respond("a thousand per second")
    assert "Not quite" in reply and reply.endswith("1 out of 2 correct.")
    assert run.done and [r.correct for r in seen] == [True, False]
    assert [r.seconds for r in seen] == [3.0, 2.5]


def test_cli_text_drill_piped(hotseat_home):
    runner = CliRunner()
    args = ["drill", "--text", "--topic", "qps", "--count", "3", "--seed", "7", "--json"]
    first = runner.invoke(cli, args, input="about twelve thousand per second\n11.6k\n36 TB\n")
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert data["asked"] == 3 and len(data["results"]) == 3
    assert all(r["topic"] == "qps" and r["seconds"] is not None for r in data["results"])
    for r in data["results"]:  # the verdicts agree with the checker on the same answers
        question = next(
            q
            for q in template_questions(["qps"]) + scenario_questions(load_scenarios(), ["qps"])
            if q.id == r["id"]
        )
        assert r["correct"] == check_answer(question, r["your_answer"]).correct
        assert r["answer"] == question.answer_text
    # the stored history has them, and the misses lead the next run
    with ProgressStore(hotseat_home / "progress.db") as store:
        stored = store.drill_results(data["run"])
    assert [s["item_id"] for s in stored] == [r["id"] for r in data["results"]]
    missed = [r["id"] for r in data["results"] if not r["correct"]]
    second = runner.invoke(cli, args, input="1\n2\n3\n")
    again = [r["id"] for r in json.loads(second.stdout)["results"]]
    assert again[: len(missed)] == missed


def test_cli_text_drill_plain_output_and_early_end(hotseat_home):
    result = CliRunner().invoke(
        cli,
        ["drill", "--text", "--topic", "latency", "--count", "4", "--seed", "1"],
        input="5 ms\n",
    )
    assert result.exit_code == 0, result.output
    assert "Q1/4 [latency]" in result.output and "Q2/4" in result.output
    assert "1 correct" in result.output or "0/1 correct" in result.output


def test_seed_gives_a_reproducible_order(hotseat_home, tmp_path, monkeypatch):
    def order(home, seed):
        monkeypatch.setenv("HOTSEAT_HOME", str(home))
        out = CliRunner().invoke(
            cli,
            ["drill", "--text", "--count", "5", "--seed", str(seed), "--json"],
            input="0\n" * 5,
        )
        return [r["id"] for r in json.loads(out.stdout)["results"]]

    first = order(tmp_path / "a", 42)
    assert order(tmp_path / "b", 42) == first
    # all five were missed, so they lead any new order
    assert set(order(tmp_path / "b", 43)) == set(first)
    assert set(order(tmp_path / "c", 43)) != set(first)


def _answer(store, run: int, item_id: str, *, correct: bool) -> None:
    """One drill answer in the progress store (only the item and verdict matter here)."""
    store.record_drill(
        run,
        item_id=item_id,
        topic="qps",
        question="q",
        answer="a",
        expected="e",
        correct=correct,
        seconds=1.0,
    )
