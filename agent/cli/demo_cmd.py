"""`hotseat demo`: a complete short interview with no microphone, speakers or network."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from agent.cli.home import hotseat_home
from agent.cli.live_view import LiveView


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write report.html (default: the session's own directory).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object at the end.")
@click.option(
    "--speed",
    type=click.FloatRange(0.5, 4.0),
    default=1.0,
    show_default=True,
    help="Play the candidate and the interviewer faster than real time.",
)
def demo(out: Path | None, as_json: bool, speed: float) -> None:
    """Run a short mock interview with a bundled candidate, end to end.

    The candidate's recorded answers (including an estimation slip) go through the real voice
    activity detector, Whisper, the interviewer and Piper, exactly as a live session would. The
    session is recorded in $HOTSEAT_HOME/sessions and an HTML report is written.
    """
    from agent.demo import run_demo

    home = hotseat_home()
    console = Console(stderr=as_json)
    view = LiveView(console)
    try:
        result = run_demo(
            home,
            out,
            display=None if as_json else view.show,
            loading=view.loading,
            speed=speed,
        )
    except KeyboardInterrupt:
        raise click.ClickException(
            "demo interrupted; the partial session was still recorded"
        ) from None
    if as_json:
        click.echo(json.dumps(_summary(result)))
        return
    view.scores(result.scores)
    console.print(f"\nRecording: [bold]{result.session_dir}[/]")
    console.print(f"Report:    [bold]{result.report.resolve()}[/]")
    console.print(f"Replay it: hotseat replay {result.session_dir.name}")
    console.print(f"Finished in {result.seconds:.0f} s.")


def _summary(result: Any) -> dict[str, Any]:
    return {
        "session": result.session_dir.name,
        "recording": str(result.session_dir),
        "report": str(result.report.resolve()),
        "turns": result.transcript,
        "scores": result.scores,
        "seconds": round(result.seconds, 1),
    }
