"""`hotseat kb`: study the patterns, anti-patterns and scale limits the interviewer cites."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

from agent.knowledge import KnowledgeError, load_knowledge, search


def _knowledge():
    try:
        return load_knowledge()
    except KnowledgeError as error:
        raise click.ClickException(str(error)) from error


@click.group()
def kb() -> None:
    """The evaluation knowledge base: patterns, anti-patterns, scale limits, case studies."""


@kb.command("search")
@click.argument("term")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def kb_search(term: str, as_json: bool) -> None:
    """Find entries mentioning every word of TERM (e.g. "virtual nodes", "outbox", "redis")."""
    hits = search(_knowledge(), term)
    if as_json:
        click.echo(json.dumps({"term": term, "hits": [hit.__dict__ for hit in hits]}))
        return
    if not hits:
        raise click.ClickException(f"nothing in the knowledge base mentions {term!r}")
    table = Table("id", "kind", "name")
    for hit in hits:
        table.add_row(hit.id, hit.kind, hit.name)
    Console().print(table)


@kb.command("show")
@click.argument("entry_id")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def kb_show(entry_id: str, as_json: bool) -> None:
    """Show one entry in full: what it buys and costs, the probes, the figures and sources."""
    knowledge = _knowledge()
    try:
        kind, entry = knowledge.get(entry_id)
    except KeyError as error:
        raise click.ClickException(error.args[0]) from error
    if as_json:
        click.echo(json.dumps({"kind": kind, **entry.model_dump()}))
        return
    from agent.knowledge.display import render_text

    click.echo(render_text(entry_id, kind, entry, knowledge), nl=False)
