"""`hotseat whiteboard analyze` and `classify`: the DESIGN.md JSON contract and clean errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from agent.cli.main import cli

BOARDS = Path(__file__).parent / "fixtures" / "boards"


def run(*args: str):
    return CliRunner().invoke(cli, ["whiteboard", *args])


@pytest.mark.parametrize(
    "fixture",
    [
        "rate-limiter.excalidraw",
        "surge-pricing.md",
        "surge-pricing-compressed.md",
        "news-feed.mmd",
        "design-notes.md",
        "board.json",
    ],
)
def test_analyze_json_contract(fixture):
    result = run("analyze", str(BOARDS / fixture), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # one JSON object, nothing else on stdout
    assert set(data) == {"components", "edges", "findings", "scores", "annotations", "warnings"}
    assert data["components"]
    assert isinstance(data["warnings"], list) and isinstance(data["annotations"], list)
    for comp in data["components"]:
        assert set(comp) == {"id", "label", "kind", "layer", "notes", "instances", "group"}
    for edge in data["edges"]:
        assert set(edge) == {"source", "target", "label", "bidirectional"}
        assert isinstance(edge["bidirectional"], bool)
    for finding in data["findings"]:
        assert set(finding) == {"code", "severity", "components", "count", "message", "question"}
        assert finding["severity"] in ("high", "medium", "low")
    ids = {c["id"] for c in data["components"]}
    assert all(set(f["components"]) <= ids for f in data["findings"])
    for score in data["scores"]:
        assert 0 <= score["score"] <= 10 and score["feedback"]


def test_analyze_with_scenario_and_mentioned():
    result = run(
        "analyze",
        str(BOARDS / "rate-limiter.excalidraw"),
        "--json",
        "--scenario",
        "rate-limiter",
        "--mentioned",
        "monitoring",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    codes = {f["code"] for f in data["findings"]}
    assert {"BIDIRECTIONAL_SYNC", "NO_MONITORING"} <= codes
    scores = {s["component"]: s for s in data["scores"]}
    assert scores["Monitoring"]["status"] == "mentioned"
    assert scores["Monitoring"]["feedback"].startswith("Mentioned but not drawn")


def test_analyze_readable_output():
    result = run("analyze", str(BOARDS / "surge-pricing.md"))
    assert result.exit_code == 0, result.output
    assert "What the interviewer would ask" in result.output
    assert "Flink aggregator" in result.output
    assert "Component scores" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", "missing.mmd"], "missing.mmd: no such file"),
        (["analyze", str(BOARDS / "board.json"), "--scenario", "nope"], "no scenario 'nope'"),
    ],
)
def test_errors_are_one_line_without_traceback(args, message):
    result = run(*args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_bad_line_is_skipped_with_a_warning_and_the_rest_is_read(tmp_path):
    bad = tmp_path / "bad.mmd"
    bad.write_text("flowchart LR\n  A[API] --> B[oops\n  A --> C[(Orders DB)]\n")
    result = run("analyze", str(bad), "--json")
    assert result.exit_code == 0
    assert result.stderr.count("\n") == 1 and "bad.mmd:2: unclosed '['" in result.stderr
    data = json.loads(result.stdout)
    assert any("bad.mmd:2" in w for w in data["warnings"])
    assert {c["label"] for c in data["components"]} == {"API", "Orders DB"}


def test_one_line_mermaid_graph_is_read_and_counted_in_the_singular(tmp_path):
    board = tmp_path / "one.mmd"
    board.write_text("graph TD; A[Client]-->B[API server]; B-->C[(Postgres)]\n")
    result = run("analyze", str(board))
    assert result.exit_code == 0, result.output
    assert "3 components, 2 edges" in result.stdout
    board.write_text("graph LR; A[Client]-->B[API server]\n")
    result = run("analyze", str(board))
    assert "2 components, 1 edge" in result.stdout and "1 edges" not in result.stdout
    assert "notes" not in result.stdout.split("\n")[1]  # no empty notes column


def test_unreadable_file_is_one_line_error(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    result = run("analyze", str(deep))
    assert result.exit_code == 1
    assert "Traceback" not in result.output and result.output.count("\n") == 1


def test_classify_command():
    result = run("classify", "Reddis", "--json")
    assert json.loads(result.output)["kind"] == "cache"
    result = run("classify", "Orders", "--shape", "cylinder")
    assert "database" in result.output
