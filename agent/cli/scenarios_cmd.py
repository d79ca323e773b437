"""`hotseat scenarios`: browse the interview scenarios, bundled and your own."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from agent.cli.scenario_source import scenario_library
from scenarios import Scenario, UnknownScenarioError


@click.group()
def scenarios() -> None:
    """Interview scenarios. Add your own as YAML files in $HOTSEAT_HOME/scenarios/."""


@scenarios.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def scenarios_list(as_json: bool) -> None:
    """Every scenario with its difficulty and number of reference estimates."""
    library = scenario_library()
    rows = [
        {
            "id": s.id,
            "title": s.title,
            "difficulty": s.difficulty,
            "reference_estimates": len(s.reference_estimates),
        }
        for s in library
    ]
    if as_json:
        click.echo(json.dumps({"scenarios": rows}))
        return
    table = Table("id", "title", "difficulty", "estimates")
    for row in rows:
        table.add_row(row["id"], row["title"], row["difficulty"], str(row["reference_estimates"]))
    Console().print(table)


@scenarios.command("show")
@click.argument("scenario_id")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def scenarios_show(scenario_id: str, as_json: bool) -> None:
    """The full interviewer's brief for one scenario."""
    try:
        scenario = scenario_library().get(scenario_id)
    except UnknownScenarioError as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(scenario.model_dump(mode="json")))
        return
    _print(scenario)


def _print(scenario: Scenario) -> None:
    console = Console(highlight=False)
    out = console.print
    out(f"[bold]{escape(scenario.title)}[/bold]  ({scenario.id}, {scenario.difficulty})")
    out("\n[bold cyan]Prompt[/bold cyan]")
    out(f"  {scenario.prompt}", markup=False)
    out("\n[bold cyan]Clarifying facts[/bold cyan]")
    for fact in scenario.facts:
        out(f"  [{fact.topic}] {fact.answer}", markup=False)
    out(f"  (otherwise) {scenario.unknown_answer}", markup=False)
    out("\n[bold cyan]Scale[/bold cyan]")
    for name, value in scenario.scale.items():
        out(f"  {name} = {value}", markup=False)
    table = Table("estimate", "expression", "expected", title="Reference estimates")
    for estimate in scenario.reference_estimates:
        table.add_row(
            escape(estimate.description), escape(estimate.expression), escape(estimate.expected)
        )
    console.print(table)
    out("[bold cyan]Expected components[/bold cyan]")
    for component in scenario.components:
        mark = "*" if component.critical else " "
        out(f"  {mark} {component.label} ({component.kind})", markup=False)
    out("  (* critical)")
    out("\n[bold cyan]Consistency[/bold cyan]")
    for need in scenario.consistency:
        out(f"  {need.model}  {need.operation}: {need.reason}", markup=False)
    out("\n[bold cyan]Probes[/bold cyan]")
    for probe in scenario.probes:
        out(f"  [{probe.kind}] {scenario.render_probe(probe)}", markup=False)
    out("\n[bold cyan]Rubric hints[/bold cyan]")
    for dimension, hints in scenario.rubric.items():
        out(f"  {dimension}: " + "; ".join(hints), markup=False)
    out("\n[bold cyan]Vocabulary[/bold cyan]")
    out("  " + ", ".join(scenario.vocabulary), markup=False)
    out("\n[bold cyan]Source[/bold cyan]")
    out(f"  {scenario.source}", markup=False)
