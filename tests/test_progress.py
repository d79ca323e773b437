"""Progress: trends over several recorded sessions, the weakest area, what to practise next."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from agent.cli.main import cli
from recordings.progress import ProgressStore
from recordings.svg import sparkline
from tests.session_factory import write_session


def _scores(estimation: float, deep_dive: float, out_of: float = 10, practise=()):
    dims = {
        "requirements": 7,
        "estimation": estimation,
        "high_level_design": 6,
        "deep_dive": deep_dive,
        "tradeoffs": 6,
        "communication": 8,
    }
    return {
        "out_of": out_of,
        "dimensions": {
            k: {"score": v * out_of / 10, "evidence": [f"{k} evidence"]} for k, v in dims.items()
        },
        "components": [],
        "practise": list(practise),
    }


@pytest.fixture
def three_sessions(hotseat_home):
    root = hotseat_home / "sessions"
    write_session(root, scores=_scores(3, 5))
    write_session(root, scores=_scores(5, 4, out_of=5))  # a 1-5 scale is scaled to 10
    write_session(root, scores=_scores(7, 3, practise=["Failure modes of the queue"]))
    write_session(root, finish=False)  # cut short, no scores: not in the history
    broken = root / "20990101-000000-broken"
    broken.mkdir()
    (broken / "events.jsonl").write_text("garbage\n")
    return root


def test_trends_weakest_and_practise(three_sessions, hotseat_home):
    with ProgressStore(hotseat_home / "progress.db") as store:
        assert store.sync(three_sessions) == 3
        assert store.sync(three_sessions) == 0  # already there
        trends = store.trends()
        summary = store.summary()
    assert trends["estimation"] == pytest.approx([3, 5, 7])
    assert trends["deep_dive"] == pytest.approx([5, 4, 3])
    assert trends["communication"] == pytest.approx([8, 8, 8])
    assert summary.sessions == 3
    assert summary.weakest == "deep_dive"
    by_name = {t.dimension: t for t in summary.trends}
    assert by_name["estimation"].change == pytest.approx(4)
    assert by_name["deep_dive"].change == pytest.approx(-2)
    assert summary.practise[0].startswith("deep dive:")
    assert "Failure modes of the queue" in summary.practise


def test_drill_accuracy_and_due_items_shape_the_advice(hotseat_home):
    with ProgressStore(hotseat_home / "progress.db") as store:
        run = store.start_drill_run()
        for i, correct in enumerate([False, False, True, False]):
            store.record_drill(
                run,
                item_id=f"storage:{i}",
                topic="storage",
                question="q",
                answer="a",
                expected="e",
                correct=correct,
                seconds=3.0,
            )
        summary = store.summary()
    assert summary.drill_accuracy == {"storage": (1, 4)}
    assert summary.drills_due == 3
    assert any("hotseat drill --topic storage" in p for p in summary.practise)
    assert summary.weakest is None  # no interview sessions yet


def test_progress_cli(three_sessions):
    runner = CliRunner()
    result = runner.invoke(cli, ["progress", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["sessions"] == 3 and data["weakest"] == "deep_dive"
    assert data["dimensions"]["estimation"]["values"] == [3, 5, 7]
    assert data["dimensions"]["estimation"]["change"] == 4
    text = runner.invoke(cli, ["progress"]).output
    assert "deep dive (weakest)" in text
    assert sparkline([3, 5, 7], 0, 10) in text
    assert "Practise next" in text


def test_progress_cli_with_nothing_yet(hotseat_home):
    result = CliRunner().invoke(cli, ["progress"])
    assert result.exit_code == 0 and "No scored sessions" in result.output
    assert json.loads(CliRunner().invoke(cli, ["progress", "--json"]).output)["sessions"] == 0


def test_a_corrupt_progress_db_is_one_clear_error(hotseat_home):
    hotseat_home.mkdir(parents=True, exist_ok=True)
    (hotseat_home / "progress.db").write_text("not sqlite at all, just text" * 100)
    result = CliRunner().invoke(cli, ["progress"])
    assert result.exit_code == 1 and "not a Hotseat progress database" in result.output


def test_sparkline_scales_between_bounds():
    assert sparkline([0, 5, 10], 0, 10) == "▁▅█"
    assert sparkline([]) == ""


def _drill(store, run, topic: str, outcomes: list[bool]) -> None:
    for i, correct in enumerate(outcomes):
        store.record_drill(
            run,
            item_id=f"{topic}:{i}",
            topic=topic,
            question="q",
            answer="a",
            expected="e",
            correct=correct,
            seconds=2.0,
        )


def test_the_strongest_drill_topic_is_never_recommended(three_sessions, hotseat_home):
    with ProgressStore(hotseat_home / "progress.db") as store:
        store.sync(three_sessions)
        run = store.start_drill_run()
        _drill(store, run, "qps", [True, True, False])  # 67%, but the best of the two
        _drill(store, run, "storage", [False, False])  # 0%, too few answers to name
        summary = store.summary()
    advice = " ".join(summary.practise)
    assert "--topic qps" not in advice


def test_estimation_advice_names_the_weakest_drill_topic_not_a_fixed_one(hotseat_home):
    root = hotseat_home / "sessions"
    write_session(root, scores=_scores(2, 6))  # estimation is the weakest dimension
    with ProgressStore(hotseat_home / "progress.db") as store:
        store.sync(root)
        run = store.start_drill_run()
        _drill(store, run, "qps", [True, True, True, True])
        _drill(store, run, "memory", [True, False, False, False])
        summary = store.summary()
    assert summary.weakest == "estimation"
    advice = " ".join(summary.practise)
    assert "--topic qps" not in advice
    assert "--topic memory" in summary.practise[0]
    assert advice.count("--topic memory") == 1


def test_the_wrap_up_advice_on_the_weakest_area_is_not_repeated_generically(hotseat_home):
    root = hotseat_home / "sessions"
    own = "Deep dive (3/10): Take one component end to end: data model, partitioning."
    write_session(root, scores=_scores(7, 3, practise=[own]))
    with ProgressStore(hotseat_home / "progress.db") as store:
        store.sync(root)
        summary = store.summary()
    assert summary.weakest == "deep_dive"
    assert summary.practise == (own,)


def test_one_session_shows_scores_without_a_trend(hotseat_home):
    write_session(hotseat_home / "sessions", scores=_scores(4, 6))
    text = CliRunner().invoke(cli, ["progress"]).output
    assert "1 scored session\n" in text
    assert "change" not in text and "+0.0" not in text
    assert "estimation (weakest)" in text
