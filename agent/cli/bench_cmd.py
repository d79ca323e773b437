"""`hotseat bench ...`: benchmarks that measure the targets in the issues (speed, memory).

A group, so each area adds its own subcommand. Benchmarks live in the source tree's `bench/`
folder (not in the installed package), so they need a source checkout.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from agent.cli.home import hotseat_home

_REPO = Path(__file__).resolve().parents[2]


def _import_bench() -> None:
    if not (_REPO / "bench").is_dir():
        raise click.ClickException("benchmarks need a source checkout (the bench/ folder)")
    if str(_REPO) not in sys.path:
        sys.path.insert(0, str(_REPO))


@click.group()
def bench() -> None:
    """Measure Hotseat's speed and memory on this machine."""


@bench.command("voice")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option(
    "--turns", default=24, show_default=True, help="Candidate turns (at least 20 for the targets)."
)
@click.option(
    "--echo-gain", default=0.3, show_default=True, help="Speaker-to-mic leak (0 = headphones)."
)
@click.option(
    "--events",
    "events_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the session's event timeline here (JSON lines).",
)
def voice(as_json: bool, turns: int, echo_gain: float, events_path: Path | None) -> None:
    """Turn-taking in real time: real VAD, Whisper and Piper against a scripted candidate.

    Reports processing time (turn commit to first reply sample), turn gap (true end of speech
    to first reply sample), barge-in stop time, thinking-pause cut-ins, false barge-ins,
    self-triggers from echo, and peak memory. Takes a few minutes: it runs in real time.
    """
    if turns < 1:
        raise click.ClickException("--turns must be at least 1")
    _import_bench()
    from bench.voice.run import run_bench

    cache = hotseat_home() / "cache" / "bench-voice"
    quiet = as_json
    progress = None if quiet else (lambda message: click.echo(f"  {message}", err=True))
    result = run_bench(
        cache, turns=turns, echo_gain=echo_gain, progress=progress, events_path=events_path
    )
    if as_json:
        click.echo(json.dumps(result))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="hotseat bench voice")
    table.add_column("metric")
    table.add_column("p50 / value", justify="right")
    table.add_column("p95", justify="right")
    for key in ("processing_ms", "turn_gap_ms", "barge_in_stop_ms"):
        table.add_row(key, str(result[key]["p50"]), str(result[key]["p95"]))
    for key in (
        "cut_in_pause",
        "false_barge_in",
        "self_triggers",
        "missed_barge_in",
        "rss_mb",
        "utterances",
    ):
        table.add_row(key, str(result[key]), "")
    Console().print(table)
    for line in result.get("details", []):
        click.echo(f"  {line}")
