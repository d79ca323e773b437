"""`hotseat scenarios list/show`: JSON shapes, user scenarios, one stderr line per bad file."""

from __future__ import annotations

import json

import yaml
from click.testing import CliRunner

from agent.cli.main import cli
from scenarios import BUNDLED_DIR, load_scenarios


def run(*args: str):
    return CliRunner().invoke(cli, ["scenarios", *args])


def test_list_json_shape():
    result = run("list", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == {"scenarios"}
    rows = document["scenarios"]
    assert len(rows) == len(load_scenarios())
    for row in rows:
        assert set(row) == {"id", "title", "difficulty", "reference_estimates"}
        assert row["difficulty"] in ("easy", "medium", "hard")
        assert isinstance(row["reference_estimates"], int) and row["reference_estimates"] >= 3
    limiter = next(row for row in rows if row["id"] == "rate-limiter")
    assert limiter["reference_estimates"] == len(
        load_scenarios().get("rate-limiter").reference_estimates
    )


def test_show_json_is_the_full_brief():
    result = run("show", "notification-system", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["id"] == "notification-system"
    assert document["scale"]["daily_notifications"] == "1 billion"
    assert {"name", "expression", "expected", "tolerance"} <= set(
        document["reference_estimates"][0]
    )
    assert set(document["rubric"]) >= {"requirements", "tradeoffs", "communication"}


def test_show_text_and_unknown_id():
    assert "Reference estimates" in run("show", "rate-limiter").stdout
    result = run("show", "rate-limit")
    assert result.exit_code != 0
    assert "rate-limiter" in result.stderr and "Traceback" not in result.output


def test_user_scenarios_load_and_bad_files_warn_on_stderr(hotseat_home):
    user_dir = hotseat_home / "scenarios"
    user_dir.mkdir(parents=True)
    mine = yaml.safe_load((BUNDLED_DIR / "rate-limiter.yaml").read_text("utf-8"))
    mine |= {"id": "my-own", "title": "My own limiter"}
    (user_dir / "mine.yaml").write_text(yaml.safe_dump(mine), "utf-8")
    (user_dir / "broken.yaml").write_text("id: broken\ndifficulty: extreme\n", "utf-8")
    result = run("list", "--json")
    assert result.exit_code == 0
    ids = [row["id"] for row in json.loads(result.stdout)["scenarios"]]
    assert "my-own" in ids and "broken" not in ids
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == 1 and "broken.yaml" in warnings[0] and "field" in warnings[0]
    assert run("show", "my-own", "--json").exit_code == 0
