"""Rich rendering of an estimation CheckReport for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from estimation import CheckReport, format_quantity

_STYLE = {"correct": "green", "incorrect": "bold red", "unchecked": "yellow"}


def print_report(report: CheckReport, console: Console | None = None) -> None:
    console = console or Console()
    if not report.claims:
        console.print("No stated results found to check.")
    else:
        table = Table("verdict", "claim", "stated", "computed", "why", show_lines=True)
        for claim in report.claims:
            style = _STYLE.get(claim.verdict, "")
            table.add_row(
                f"[{style}]{claim.verdict}[/{style}]",
                claim.text,
                format_quantity(claim.stated),
                format_quantity(claim.computed) if claim.computed is not None else "—",
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
            console.print(f"  • [{f.severity}] {f.message}")
