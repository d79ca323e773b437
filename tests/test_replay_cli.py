"""`hotseat replay` of a typed session on a machine without audio: the timeline, one line saying
there is nothing to play, exit 0; the header counts events."""

from __future__ import annotations

from pathlib import Path

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


def test_a_typed_interview_with_a_board_file_draws_the_board_in_the_report(hotseat_home, tmp_path):
    board = Path(__file__).parent / "fixtures" / "boards" / "news-feed.mmd"
    runner = CliRunner()
    interview = runner.invoke(
        cli,
        ["interview", "--scenario", "news-feed", "--text", "--board", str(board)],
        input="How many users?\nWe fan out posts to followers through a queue.\n",
    )
    assert interview.exit_code == 0, interview.output
    out = tmp_path / "report.html"
    result = runner.invoke(cli, ["replay", "latest", "--html", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert 'id="boards"' in html and '<svg class="board"' in html
    assert "judged from what was said" not in html
