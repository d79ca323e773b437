"""`hotseat replay`, `annotate` and `progress`: everything after (and between) sessions.

Recordings live in $HOTSEAT_HOME/sessions, the progress history in $HOTSEAT_HOME/progress.db.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from agent.cli.home import hotseat_home
from recordings import (
    RecordingError,
    add_note,
    build_replay,
    format_time,
    load_recording,
    parse_time,
)

SESSIONS_DIR = "sessions"
PROGRESS_DB = "progress.db"
_COLOURS = {"good": "green", "bad": "red", "warning": "yellow", "info": "cyan"}


def sessions_root() -> Path:
    return hotseat_home() / SESSIONS_DIR


def _load(session: str):
    from agent.cli.session_ref import recorded_session

    try:
        return load_recording(recorded_session(session))
    except RecordingError as exc:
        raise click.ClickException(str(exc)) from None


def _seconds(text: str | None) -> float:
    if text is None:
        return 0.0
    try:
        return parse_time(text)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None


def progress_store():
    from recordings.progress import ProgressStore

    try:
        return ProgressStore(hotseat_home() / PROGRESS_DB)
    except RecordingError as exc:
        raise click.ClickException(str(exc)) from None


# -- replay -------------------------------------------------------------------------------------
@click.command()
@click.argument("session", default="latest")
@click.option("--from", "start", metavar="MM:SS", help="Start the timeline and audio here.")
@click.option(
    "--html",
    "html_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a self-contained HTML report here (no audio is played).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (no audio).")
@click.option("--no-audio", is_flag=True, help="Print the annotated timeline only.")
def replay(session: str, start: str | None, html_out: Path | None, as_json: bool, no_audio: bool):
    """Replay SESSION (an id, a path or `latest`) with its annotations, and play its audio."""
    recording = _load(session)
    begin = _seconds(start)
    result = build_replay(recording)
    report_path = None
    if html_out is not None:
        from recordings.html_report import write_report
        from recordings.progress import scores_history

        with progress_store() as store:
            store.sync(sessions_root())
            history = scores_history(store)
        report_path = write_report(result, html_out, history=history if history else None)
    if as_json:
        data = result.to_dict()
        data["report"] = str(report_path) if report_path else None
        click.echo(json.dumps(data))
        return
    console = Console()
    _print_timeline(console, result, begin)
    if report_path is not None:
        console.print(f"Report written to [bold]{escape(str(report_path))}[/]")
        return
    if no_audio:
        return
    if not recording.tracks:
        console.print("No audio was recorded in this session (typed), so there is nothing to play.")
        return
    from recordings.replay import check_output_device, play_audio

    try:
        check_output_device()
        console.print(f"Playing from {format_time(begin)} (Ctrl-C stops)…")
        play_audio(recording, begin)
    except RecordingError as exc:
        raise click.ClickException(str(exc)) from None


def _print_timeline(console: Console, result, begin: float) -> None:
    rec = result.recording
    console.print(
        f"[bold]{escape(rec.session_id)}[/]"
        + (f"  scenario {escape(rec.scenario)}" if rec.scenario else "")
        + f"  {format_time(rec.duration)}  {_count(len(result.annotations), 'event')}"
    )
    if rec.cut_short:
        console.print(
            f"[yellow]This session was cut short: the recording stops at "
            f"{format_time(rec.duration)} with no proper ending.[/]"
        )
    for warning in rec.warnings:
        console.print(f"[yellow]note: {escape(warning)}[/]")
    items = [(line.t, 0, line) for line in result.transcript]
    items += [(a.t, 1, a) for a in result.annotations]
    for t, kind, item in sorted(items, key=lambda x: (x[0], x[1])):
        if t + 0.001 < begin:
            continue
        if kind == 0:
            who = "[magenta]Interviewer[/]" if item.speaker == "interviewer" else "[blue]You[/]"
            cut = " [dim](cut off)[/]" if item.interrupted else ""
            console.print(f"{format_time(t)}  {who}  {escape(item.text)}{cut}")
        else:
            colour = _COLOURS.get(item.severity, "cyan")
            console.print(
                f"{format_time(t)}    [{colour}]▶ {item.kind.replace('_', ' ')}[/] "
                f"{escape(item.label)}"
            )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


# -- annotate -----------------------------------------------------------------------------------
@click.command()
@click.argument("session")
@click.argument("text", nargs=-1, required=True)
@click.option("--at", "at", required=True, metavar="MM:SS", help="When in the session.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def annotate(session: str, text: tuple[str, ...], at: str, as_json: bool) -> None:
    """Add your own note to SESSION at a time: hotseat annotate latest --at 03:12 "said 3x"."""
    seconds = _seconds(at)
    path = resolve_session_or_fail(session)
    try:
        note = add_note(path, seconds, " ".join(text))
    except RecordingError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps({"session": path.name, **note.to_dict()}))
    else:
        click.echo(f"Noted at {format_time(note.t)} in {path.name}: {note.label}")


def resolve_session_or_fail(session: str) -> Path:
    from agent.cli.session_ref import recorded_session

    return recorded_session(session)


# -- progress -----------------------------------------------------------------------------------
@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def progress(as_json: bool) -> None:
    """Your scores across sessions: per-dimension trends, the weakest area, what to practise."""
    from recordings.svg import sparkline

    with progress_store() as store:
        store.sync(sessions_root())
        summary = store.summary()
    if as_json:
        click.echo(json.dumps(summary.to_dict()))
        return
    console = Console()
    if not summary.sessions and not summary.drill_accuracy:
        console.print("No scored sessions or drills yet: try `hotseat drill --text`.")
        return
    console.print(f"[bold]{_count(summary.sessions, 'scored session')}[/]")
    if summary.trends and summary.sessions < 2:  # one session: no trend to show yet
        table = Table("dimension", "score")
        for trend in summary.trends:
            name = trend.dimension.replace("_", " ")
            if trend.dimension == summary.weakest:
                name = f"[bold red]{name} (weakest)[/]"
            table.add_row(name, f"{trend.latest:.1f}/10")
        console.print(table)
    elif summary.trends:
        table = Table("dimension", "trend", "latest", "change", "recent avg")
        for trend in summary.trends:
            change = trend.change
            colour = "green" if change > 0 else "red" if change < 0 else "white"
            name = trend.dimension.replace("_", " ")
            if trend.dimension == summary.weakest:
                name = f"[bold red]{name} (weakest)[/]"
            table.add_row(
                name,
                sparkline(trend.values, 0, 10),
                f"{trend.latest:.1f}/10",
                f"[{colour}]{change:+.1f}[/]",
                f"{trend.recent:.1f}",
            )
        console.print(table)
    if summary.drill_accuracy:
        drills = ", ".join(f"{topic} {c}/{n}" for topic, (c, n) in summary.drill_accuracy.items())
        console.print(f"Drills: {drills}")
    if summary.weakest:
        console.print(f"Weakest area: [bold]{summary.weakest.replace('_', ' ')}[/]")
    if summary.practise:
        console.print("Practise next:")
        for item in summary.practise:
            console.print(f"  • {escape(item)}")
