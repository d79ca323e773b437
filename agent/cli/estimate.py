"""`hotseat estimate`: check back-of-the-envelope numbers in a transcript."""

from __future__ import annotations

import json
import re
import sys

import click

MAX_INPUT_BYTES = 2_000_000
"""Read at most this much; the checker itself looks at the first 100,000 characters."""

MAX_OPERANDS = 100
"""Operands in one arithmetic chain; nobody says more aloud, and the parser recurses per operand."""
MAX_NESTING = 16
"""Parentheses nested this deep are not a spoken estimate (the parser is quadratic in depth)."""
_STYLE = {"correct": "green", "incorrect": "bold red", "unchecked": "yellow"}
_CHAIN = re.compile(rf"(?:[\d.,]+\s*[-+*/×^]\s*\(*\s*){{{MAX_OPERANDS},}}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    if b"\x00" in raw[:8192]:
        raise click.ClickException(f"{source} looks like a binary file, not a transcript")
    return _within_bounds(raw.decode("utf-8", errors="replace"), source)


def _within_bounds(text: str, source: str) -> str:
    """Refuse, with one line, input that is no spoken estimate and would only exhaust the
    parser: a chain of more than MAX_OPERANDS operands or parentheses nested deeper than
    MAX_NESTING."""
    depth = deepest = 0
    for char in text:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == "\n":
            depth = 0
    if deepest > MAX_NESTING:
        raise click.ClickException(
            f"{source}: parentheses nested {deepest} deep; estimates nest at most {MAX_NESTING}"
        )
    if _CHAIN.search(text):
        raise click.ClickException(
            f"{source}: an expression with more than {MAX_OPERANDS} operands is not an estimate"
        )
    return text


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
    """Check every stated result in a transcript (FILE, or - for stdin).

    Each claim gets a verdict (correct within the tolerance, incorrect, or unchecked when its
    inputs cannot be found) and an explanation an interviewer would say aloud.
    """
    from estimation import check_transcript

    report = check_transcript(_read(source), tolerance=tolerance)
    if as_json:
        click.echo(json.dumps(report.to_dict()))
        return
    _print_report(report)


def _print_report(report) -> None:  # noqa: ANN001 - estimation.CheckReport, imported lazily
    from rich.console import Console
    from rich.table import Table

    from estimation import format_quantity

    console = Console()
    if not report.claims:
        console.print("No stated results found to check.")
    else:
        table = Table("verdict", "claim", "stated", "computed", "why", show_lines=True)
        for claim in report.claims:
            style = _STYLE.get(claim.verdict, "")
            # in the candidate's own units and period: "400 TB a day", not "4.63 GB/s"
            stated = claim.stated_words or format_quantity(claim.stated)
            expected = claim.expected_words or (
                format_quantity(claim.computed) if claim.computed is not None else "—"
            )
            table.add_row(
                f"[{style}]{claim.verdict}[/{style}]",
                claim.text,
                stated,
                expected,
                claim.explanation,
            )
        console.print(table)
    if report.assumptions:
        console.print("\n[bold]Assumptions[/bold]")
        for a in report.assumptions:
            console.print(f"  • {a.name}: {format_quantity(a.value)}  [dim]({a.text})[/dim]")
    if report.findings:
        console.print("\n[bold]Findings[/bold]")
        for f in report.findings:
            console.print(f"  • {f.message}")
