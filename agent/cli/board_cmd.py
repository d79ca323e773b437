"""`hotseat board`: run the live tablet board on its own and print the findings as they change."""

from __future__ import annotations

import json
import sys
import threading

import click
from rich.console import Console
from rich.markup import escape

from agent.cli.scenario_source import scenario_or_fail

_SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}


@click.command()
@click.option("--host", help="Address to listen on (default: this machine's LAN address).")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option("--scenario", "scenario_id", help="Analyze against this scenario's scale.")
@click.option(
    "--json-events",
    is_flag=True,
    help="Print one JSON object per board change on stdout (URL and QR go to stderr).",
)
def board(host: str | None, port: int, scenario_id: str | None, json_events: bool) -> None:
    """Serve the tablet board: open the printed URL (or scan the QR code) on a tablet on the same
    network, draw boxes and arrows, and watch what the interviewer would ask. Ctrl-C stops it."""
    from agent.whiteboard.tablet import TabletBoard

    scenario = scenario_or_fail(scenario_id) if scenario_id else None
    out = Console(stderr=json_events, highlight=False)
    previous: dict[str, dict] = {}

    def on_change(current, findings) -> None:
        if json_events:
            record = {
                "revision": current.revision,
                "components": len(current.components),
                "edges": len(current.edges),
                "board": current.to_dict(),
                "findings": [f.to_dict() for f in findings],
            }
            sys.stdout.write(json.dumps(record) + "\n")
            sys.stdout.flush()
            return
        now = {f"{f.code}:{','.join(f.components)}": f for f in findings}
        out.print(
            f"[bold]rev {current.revision}[/bold]: {len(current.components)} components, "
            f"{len(current.edges)} edges, {len(findings)} findings"
        )
        for key, f in now.items():
            if key not in previous:
                style = _SEVERITY_STYLE.get(f.severity.value, "")
                out.print(f"  [{style}]+ {f.code}[/{style}] {escape(f.question)}")
        for key, f in previous.items():
            if key not in now:
                out.print(f"  [green]- {f.code}[/green] resolved")
        previous.clear()
        previous.update(now)

    tablet = TabletBoard(host, port, scenario=scenario, on_change=on_change)
    try:
        tablet.start()
    except (RuntimeError, OSError) as error:
        raise click.ClickException(str(error)) from None
    out.print(tablet.qr(), markup=False)
    out.print(f"Open on your tablet: [bold]{escape(tablet.url)}[/bold]")
    out.print("Draw boxes and arrows; tap a box to name it. Ctrl-C to stop.")
    try:
        while True:  # a timed wait keeps Ctrl-C responsive
            threading.Event().wait(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        tablet.stop()
        out.print("board stopped.")
