"""Drills as an interviewer runs them: answers in any unit of the right dimension and period,
slips named the way the interview names them, questions that read like speech."""

from __future__ import annotations

import re

import pytest

from agent.cli.scenario_source import scenario_library
from agent.drills import check_answer, scenario_questions, template_questions


@pytest.fixture(scope="module")
def questions():
    pool = template_questions() + scenario_questions(scenario_library())
    return {q.id: q for q in pool}


@pytest.mark.parametrize(
    "answer",
    [
        "about five terabytes a day",
        "5 TB",
        "five thousand gigabytes per day",
        "roughly 58 MB/s",
        "40 terabits a day",
    ],
)
def test_per_day_amounts_are_accepted_in_any_unit_and_as_a_rate(questions, answer):
    media = questions["scenario:news-feed:media_per_day"]
    assert media.answer_text == "5 TB a day"
    result = check_answer(media, answer)
    assert result.correct, result.feedback
    assert "wrong kind" not in result.feedback


def test_a_per_year_template_accepts_a_yearly_rate(questions):
    media = questions["storage:media:10 million,2 MB"]
    assert media.period == "year" and media.answer_text == "7.3 PB a year"
    assert check_answer(media, "about 7.3 petabytes a year").correct
    assert check_answer(media, "7,300 TB").correct


@pytest.mark.parametrize(
    ("qid", "answer", "named"),
    [
        ("storage:retention:1 billion,1 KB,30", "30 terabits", "bits and bytes"),
        ("bandwidth:egress:35,000,1 KB", "35 megabits per second", "bits and bytes"),
        ("scenario:news-feed:media_per_day", "5 TB a year", "per year vs per day"),
        ("scenario:news-feed:media_per_day", "5 TB per second", "per day vs per second"),
        ("storage:retention:1 billion,1 KB,30", "30 GB", "GB vs TB"),
        ("qps:daily:1 billion", "1,200 per second", "dropped or extra zero"),
    ],
)
def test_slips_are_named(questions, qid, answer, named):
    result = check_answer(questions[qid], answer)
    assert not result.correct
    assert named in result.feedback, result.feedback
    assert re.search(r"\d[\d.,]*x too|off by", result.feedback)


def test_bits_answer_says_what_the_bits_come_to(questions):
    feedback = check_answer(
        questions["storage:retention:1 billion,1 KB,30"], "30 terabits"
    ).feedback
    assert "30 terabits is 3.75 TB" in feedback and "The answer is 30 TB" in feedback


def test_a_rate_for_a_total_and_a_total_for_a_rate_say_which_is_which(questions):
    total = check_answer(questions["storage:retention:1 billion,1 KB,30"], "30 TB a day")
    assert not total.correct and "asks for a total" in total.feedback
    rate = check_answer(questions["bandwidth:egress:35,000,1 KB"], "35 MB")
    assert not rate.correct and "asks for a rate" in rate.feedback


def test_feedback_shows_the_working_with_values_not_variable_names(questions):
    feedback = check_answer(questions["scenario:news-feed:media_per_day"], "5 TB").feedback
    assert "1,160 per second × 10% × 500 KB × 1 day" in feedback
    assert "_" not in feedback


def test_questions_read_like_an_interviewer_speaking(questions):
    for question in questions.values():
        text = question.text
        assert text.endswith("?"), text
        assert "_" not in text and ", given " not in text, text
        assert not re.search(r"\b(qps|tps)\b", text, re.I), text
        assert text[0].isupper() or text[0].isdigit(), text
    media = questions["scenario:news-feed:media_per_day"].text
    assert "photo share at 10%" in media and "500 KB" in media and "1,160" in media
    assert "1,160 per second" not in media  # "posts per second at 1,160", not twice
    assert "what do you get for the new photo bytes per day?" in media


def test_spoken_feedback_says_times_not_the_symbol(questions):
    from agent.drills import DrillRun

    run = DrillRun([questions["scenario:news-feed:media_per_day"]])
    run.ask()
    reply = run.respond("about five terabytes a day")
    assert "×" not in reply and "1,160 per second times 10% times 500 KB" in reply


def test_feedback_quotes_the_corrected_figure_not_the_words_around_it(questions):
    result = check_answer(
        questions["scenario:news-feed:media_per_day"], "5 terabytes. No wait, 50 terabytes"
    )
    assert not result.correct
    assert result.feedback.startswith("Not quite: 50 terabytes is 50 TB a day")


def test_only_judged_answers_reach_the_progress_history(questions, hotseat_home):
    from agent.drills import DrillRun, save_to
    from recordings.progress import ProgressStore

    asked = [questions["qps:daily:1 billion"], questions["bandwidth:egress:35,000,1 KB"]]
    with ProgressStore(hotseat_home / "progress.db") as store:
        run = store.start_drill_run()
        drill = DrillRun(asked, on_result=save_to(store, run))
        drill.ask()
        drill.answer("and then up")  # mis-heard: no number, no verdict
        drill.ask()
        drill.answer("35 MB/s")
        stored = store.drill_results(run)
        accuracy = store.summary().drill_accuracy
    assert [r["item_id"] for r in stored] == [asked[1].id]
    assert accuracy == {"bandwidth": (1, 1)}
