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
    data = json.loads(result.output)  # one JSON object, nothing else on stdout
    assert set(data) == {"components", "edges", "findings", "scores"}
    assert data["components"]
    for comp in data["components"]:
        assert set(comp) == {"id", "label", "kind", "layer"}
    for edge in data["edges"]:
        assert set(edge) == {"source", "target", "label", "bidirectional"}
        assert isinstance(edge["bidirectional"], bool)
    for finding in data["findings"]:
        assert set(finding) == {"code", "severity", "components", "message", "question"}
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


def test_malformed_file_error_names_the_line(tmp_path):
    bad = tmp_path / "bad.mmd"
    bad.write_text("flowchart LR\n  A --> B[oops\n")
    result = run("analyze", str(bad), "--json")
    assert result.exit_code == 1
    assert "bad.mmd:2: unclosed '['" in result.output
    assert result.output.count("\n") == 1


def test_classify_command():
    result = run("classify", "Reddis", "--json")
    assert json.loads(result.output)["kind"] == "cache"
    result = run("classify", "Orders", "--shape", "cylinder")
    assert "database" in result.output
