"""`hotseat listen` and `hotseat bench` from the command line (no sound card needed)."""

from __future__ import annotations

from click.testing import CliRunner

from agent.cli.main import cli


def test_listen_text_mode_prints_turns_and_verdicts():
    text = "One billion divided by 86,400 is about 50,000 per second.\n\nWe have 300 servers.\n"
    result = CliRunner().invoke(cli, ["listen", "--text"], input=text)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "you: One billion divided by 86,400 is about 50,000 per second."
    assert "incorrect" in lines[1] and "11,600" in lines[1]
    assert "you: We have 300 servers." in lines


def test_listen_with_a_missing_device_is_one_clear_error():
    result = CliRunner().invoke(cli, ["listen", "--device", "99"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "--text" in result.output


def test_bench_is_a_group_with_voice():
    result = CliRunner().invoke(cli, ["bench", "--help"])
    assert result.exit_code == 0 and "voice" in result.output
    bad = CliRunner().invoke(cli, ["bench", "voice", "--turns", "0", "--json"])
    assert bad.exit_code != 0 and "--turns" in bad.output
