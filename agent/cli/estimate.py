"""`hotseat estimate`: check back-of-the-envelope numbers in a transcript."""

from __future__ import annotations

import json
import sys

import click

MAX_INPUT_BYTES = 2_000_000
"""Read at most this much; the checker itself only looks at the first 100,000 characters."""


@click.group()
def estimate() -> None:
    """Back-of-the-envelope estimation: recompute every number you state."""


def _read(source: str) -> str:
    try:
        if source == "-":
            raw = sys.stdin.buffer.read(MAX_INPUT_BYTES)
        else:
            with open(source, "rb") as handle:
                raw = handle.read(MAX_INPUT_BYTES)
    except OSError as error:
        raise click.ClickException(f"cannot read {source}: {error.strerror or error}") from error
    if b"\x00" in raw[:4096]:
        raise click.ClickException(f"{source} looks like a binary file, not a transcript")
    return raw.decode("utf-8", errors="replace")


@estimate.command("check")
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option(
    "--tolerance",
    type=click.FloatRange(0.001, 5.0),
    default=0.15,
    show_default=True,
    help="Relative error still counted as correct (interview rounding).",
)
def check(source: str, as_json: bool, tolerance: float) -> None:
    """Check every stated result in a transcript (FILE, or - for stdin)."""
    from estimation import check_transcript

    report = check_transcript(_read(source), tolerance=tolerance)
    if as_json:
        click.echo(json.dumps(report.to_dict()))
        return
    from agent.cli.estimate_view import print_report

    print_report(report)
