"""`hotseat whiteboard`: analyze a diagram file the way the interviewer reads the board."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from agent.cli.scenario_source import scenario_or_fail
from agent.whiteboard import (
    Board,
    BoardError,
    BoardFinding,
    ComponentScore,
    analyze,
    meaning_of,
    score_components,
)
from agent.whiteboard.importers import load_board

_SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}


@click.group()
def whiteboard() -> None:
    """The whiteboard: import diagrams, classify components, find what an interviewer would ask."""


@whiteboard.command("analyze")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option(
    "--scenario", "scenario_id", help="Score against this scenario (`hotseat scenarios list`)."
)
@click.option(
    "--mentioned",
    multiple=True,
    metavar="NAME",
    help="A component you talked about but may not have drawn (repeatable), e.g. --mentioned CDN.",
)
def analyze_cmd(
    file: Path, as_json: bool, scenario_id: str | None, mentioned: tuple[str, ...]
) -> None:
    """Read FILE (Excalidraw, Obsidian Excalidraw .md, Mermaid .mmd/.md, or Hotseat board JSON),
    then list its components, the findings with the interviewer's questions, and the scores."""
    try:
        board = load_board(file)
    except BoardError as error:
        raise click.ClickException(str(error)) from None
    if board.warnings:
        more = f" (and {len(board.warnings) - 1} more)" if len(board.warnings) > 1 else ""
        click.echo(f"warning: {board.warnings[0]}{more}", err=True)
    scenario = scenario_or_fail(scenario_id) if scenario_id else None
    findings = analyze(board, scenario)
    scores = score_components(board, scenario, mentioned=mentioned, findings=findings)
    if as_json:
        click.echo(json.dumps(report(board, findings, scores)))
        return
    _print(board, findings, scores, file.name, scenario)


@whiteboard.command("classify")
@click.argument("label")
@click.option("--shape", help="How the box is drawn: rectangle, cylinder, ellipse...")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def classify_cmd(label: str, shape: str | None, as_json: bool) -> None:
    """Show what a box LABEL reads as (misspellings welcome: "Reddis", "load balancr")."""
    found = meaning_of(label, shape)
    data = {
        "label": label,
        "kind": found.kind.value,
        "layer": found.layer.value,
        "matched": found.term,
        "technology": found.technology,
    }
    if as_json:
        click.echo(json.dumps(data))
        return
    matched = f" (matched {found.term!r})" if found.term else " (no vocabulary match)"
    click.echo(f"{label}: {found.kind.value}, {found.layer.value} layer{matched}")


def report(
    board: Board, findings: list[BoardFinding], scores: list[ComponentScore]
) -> dict[str, Any]:
    """The DESIGN.md contract for `hotseat whiteboard analyze --json`."""
    return {
        "components": [
            {
                "id": c.id,
                "label": c.label,
                "kind": c.kind.value,
                "layer": c.layer.value,
                "notes": list(c.notes),
                "instances": c.instances,
                "group": c.group,
            }
            for c in board.components.values()
        ],
        "edges": [
            {
                "source": e.source,
                "target": e.target,
                "label": e.label,
                "bidirectional": e.bidirectional,
            }
            for e in board.edges.values()
        ],
        "findings": [f.to_dict() for f in findings],
        "scores": [s.to_dict() for s in scores],
        "annotations": list(board.annotations),
        "warnings": list(board.warnings),
    }


def _print(
    board: Board, findings: list[BoardFinding], scores: list[ComponentScore], name: str, scenario
) -> None:
    console = Console()
    title = f"{name}: {_count(len(board.components), 'component')}, "
    title += _count(len(board.edges), "edge")
    if scenario is not None:
        title += f" — scored against {scenario.title}"
    with_notes = any(c.notes or c.instances > 1 for c in board.components.values())
    columns = ["component", "kind", "layer", *(["notes"] if with_notes else [])]
    table = Table(*columns, title=escape(title), title_justify="left")
    for comp in board.components.values():
        row = [escape(comp.name), comp.kind.value, comp.layer.value]
        if with_notes:
            copies = [_copies(comp.instances)] if comp.instances > 1 else []
            row.append(escape("; ".join([*copies, *comp.notes])))
        table.add_row(*row)
    console.print(table)
    if findings:
        console.print("\n[bold]What the interviewer would ask[/bold]")
        for finding in findings:
            style = _SEVERITY_STYLE.get(finding.severity.value, "")
            console.print(
                f"[{style}]{finding.severity.value:>6} {finding.code}[/{style}]  {escape(finding.question)}"
            )
    else:
        console.print("\n[green]No findings: nothing an interviewer would point at yet.[/green]")
    if scores:
        table = Table(
            "component", "score", "feedback", title="Component scores", title_justify="left"
        )
        for row in scores:
            colour = "green" if row.score >= 8 else "yellow" if row.score >= 5 else "red"
            table.add_row(
                escape(row.component), f"[{colour}]{row.score}/10[/{colour}]", escape(row.feedback)
            )
        console.print()
        console.print(table)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _copies(n: int) -> str:
    return f"×{n}" if n > 2 else "several copies"
