"""What a spoken session shows in the terminal as it happens: who said what, the phase, each
estimate verdict, board findings and errors, then the scores."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.table import Table

PHASE_REASONS = {
    "overrun": "(the phase ran over its time budget)",
    "time_up": "(time is up)",
    "asked": "(you asked to move on)",
}
VERDICT_STYLE = {"correct": "green", "incorrect": "bold red", "unchecked": "yellow"}


class LiveView:
    """Turns session events into rich lines; `show` is the session's display callback."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console()
        self.phase = ""

    @contextmanager
    def loading(self, name: str) -> Iterator[None]:
        with self.console.status(f"Loading {name}…"):
            yield
        self.console.print(f"[dim]Loaded {name}[/]")

    def show(self, event: dict[str, Any]) -> None:
        kind = event.get("type")
        print_ = self.console.print
        phase = event.get("phase")
        if phase and phase != self.phase and kind in ("interviewer_turn", "candidate_turn"):
            self.phase = phase
            print_(f"\n[bold magenta]── {phase.replace('_', ' ')} ──[/]")
        if kind == "interviewer_turn":
            print_(f"[bold cyan]Interviewer:[/] {event.get('text', '')}", highlight=False)
        elif kind == "candidate_turn":
            print_(f"[bold]You:[/] {event.get('text', '')}", highlight=False)
        elif kind == "claim":
            verdict = event.get("verdict", "unchecked")
            style = VERDICT_STYLE.get(verdict, "")
            print_(f"   [{style}]{verdict}[/] {event.get('explanation', '')}", highlight=False)
        elif kind == "board_findings":
            for finding in event.get("findings", [])[:3]:
                print_(f"   [yellow]board[/] {finding.get('code')}: {finding.get('message', '')}")
        elif kind == "phase_change" and event.get("reason") in PHASE_REASONS:
            print_(f"   [magenta]{PHASE_REASONS[event['reason']]}[/]")
        elif kind == "playback_stopped" and event.get("interrupted"):
            print_("   [dim](interviewer cut off)[/]")
        elif kind == "voice_error":
            print_(f"[red]audio:[/] {event.get('message', '')}")
        elif kind == "error":
            print_(f"[red]interviewer:[/] {event.get('message', '')}")

    def scores(self, scores: dict[str, Any]) -> None:
        table = Table("dimension", "score", "evidence", title="Scores")
        for name, dimension in (scores.get("dimensions") or {}).items():
            evidence = dimension.get("evidence") or []
            first = evidence[0] if evidence else ""
            text = first if isinstance(first, str) else str(first.get("text", first))
            table.add_row(name.replace("_", " "), f"{dimension.get('score')}/10", text[:90])
        self.console.print(table)
        for item in scores.get("practise") or []:
            self.console.print(f"  • practise: {item}", highlight=False)
