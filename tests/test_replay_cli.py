"""`hotseat replay` of a typed session on a machine without audio: the timeline, one line saying
there is nothing to play, exit 0; the header counts events."""

from __future__ import annotations

from click.testing import CliRunner

from agent.cli.main import cli

TURNS = "How many users?\nA billion a day is about 12,000 per second.\n"


def test_replay_of_a_typed_session_says_once_there_is_no_audio_and_succeeds(hotseat_home):
    runner = CliRunner()
    interview = runner.invoke(
        cli, ["interview", "--scenario", "notification-system", "--text"], input=TURNS
    )
    assert interview.exit_code == 0, interview.output
    result = runner.invoke(cli, ["replay", "latest"])
    assert result.exit_code == 0, result.output
    assert "How many users?" in result.output
    assert result.output.count("nothing to play") == 1
    assert "no audio output" not in result.output
    header = result.output.splitlines()[0]
    assert "annotations" not in header and " events" in header
