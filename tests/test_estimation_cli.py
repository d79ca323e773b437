"""`hotseat estimate check`: the JSON contract, the table, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from agent.cli.main import cli

SEED = "1 billion a day divided by 86,400 is about 12,000 a second, peak is 3x, so 60,000"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "notification-system.txt"


def test_json_contract(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(SEED)
    result = CliRunner().invoke(cli, ["estimate", "check", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"claims", "assumptions", "findings"}
    first, second = data["claims"]
    assert set(first) == {
        "text",
        "expression",
        "stated",
        "computed",
        "verdict",
        "explanation",
        "slip",
        "start",
        "end",
        "stated_words",
        "expected_words",
    }
    assert SEED[first["start"] : first["end"]] == "12,000 a second"
    assert first["verdict"] == "correct"
    assert first["stated"] == {"value": 12000.0, "unit": "per second"}
    assert abs(first["computed"]["value"] - 1e9 / 86400) < 1e-6
    assert second["verdict"] == "incorrect"
    assert second["stated"] == {"value": 60000.0, "unit": "per second"}
    assert second["computed"] == {"value": 36000.0, "unit": "per second"}
    assert "60,000 is 5x" in second["explanation"]


def test_stdin_and_tolerance():
    runner = CliRunner()
    loose = runner.invoke(
        cli, ["estimate", "check", "-", "--json", "--tolerance", "0.7"], input=SEED
    )
    verdicts = [c["verdict"] for c in json.loads(loose.output)["claims"]]
    assert verdicts == ["correct", "correct"]  # 60,000 is within 70% of 36,000


def test_table_output_for_the_bundled_example():
    result = CliRunner().invoke(cli, ["estimate", "check", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "incorrect" in result.output
    assert "Assumptions" in result.output


def test_unreadable_input_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(cli, ["estimate", "check", str(tmp_path / "missing.txt")])
    assert result.exit_code != 0
    assert result.output.strip().startswith("Error: cannot read")
    assert "Traceback" not in result.output


def test_binary_input_is_refused(tmp_path):
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(range(256)) * 100)
    result = CliRunner().invoke(cli, ["estimate", "check", str(path), "--json"])
    assert result.exit_code != 0
    assert "binary" in result.output


def test_absurd_input_through_the_real_command(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("9" * 5000 + " divided by 3 is " + "7" * 5000 + ". " + "so " * 400_000)
    done = subprocess.run(
        [sys.executable, "-m", "agent.cli.main", "estimate", "check", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "input_truncated" in done.stdout


def test_table_shows_per_day_amounts_per_day_and_names_the_prefixes(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("We ingest 400 TB a day, so over a year that's 146 TB.\n")
    result = CliRunner().invoke(cli, ["estimate", "check", str(path)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "400 TB a day" in result.output or "146 TB" in result.output
    assert "GB/s" not in result.output
    assert "TB vs PB" in result.output
    assert "KB vs MB" not in result.output
