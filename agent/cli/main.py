"""The `hotseat` command: the composition root that wires estimation, scenarios, the whiteboard,
voice, the interviewer and recordings together."""

from __future__ import annotations

import os

import click

from agent.cli.lazy_group import LazyGroup

# Each entry is "command name": "module:click object"; modules are imported only when run.
SUBCOMMANDS: dict[str, str] = {
    "bench": "agent.cli.bench_cmd:bench",
    "listen": "agent.cli.listen_cmd:listen",
    "estimate": "agent.cli.estimate:estimate",
    "kb": "agent.cli.kb_cmd:kb",
    "demo": "agent.cli.demo_cmd:demo",
    "scenarios": "agent.cli.scenarios_cmd:scenarios",
    "replay": "agent.cli.sessions_cmd:replay",
    "annotate": "agent.cli.sessions_cmd:annotate",
    "progress": "agent.cli.sessions_cmd:progress",
    "drill": "agent.cli.drill_cmd:drill",
    "transcribe": "agent.cli.voice_cmd:transcribe",
    "say": "agent.cli.voice_cmd:say",
    "devices": "agent.cli.voice_cmd:devices",
    "whiteboard": "agent.cli.whiteboard_cmd:whiteboard",
    "board": "agent.cli.board_cmd:board",
    "interview": "agent.cli.interview_cmd:interview",
    "serve": "agent.cli.serve_cmd:serve",
}


@click.group(
    cls=LazyGroup,
    lazy_subcommands=SUBCOMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="hotseat")
def cli() -> None:
    """Hotseat: a local, voice-first mock interviewer for system design interviews.

    It listens to you talk through a design, checks your back-of-the-envelope numbers with a
    deterministic calculator, watches the board you draw, and pushes back like a Staff engineer.
    Everything runs offline. User data lives in $HOTSEAT_HOME (default: your data directory).
    """
    # Models ship inside pip packages; never let a library reach for the network.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")


if __name__ == "__main__":
    cli()
