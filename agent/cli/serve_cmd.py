"""`hotseat serve`: the whole interview as one local web page (see agent/web)."""

from __future__ import annotations

import socket
import time
from typing import Any

import click

from agent.cli.home import hotseat_home
from agent.cli.scenario_source import scenario_library


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the browser.")
@click.option("--no-voice", is_flag=True, help="Text interviews only (skip loading speech models).")
def serve(host: str, port: int, open_browser: bool, no_voice: bool) -> None:
    """Serve the interview app: start page, interview page (board, transcript, voice), reports.

    Listens on loopback by default; on another address (--host 0.0.0.0) every page needs the
    pairing token in the printed URL.
    """
    from agent.web.guard import is_loopback
    from agent.web.server import WebServer

    _check_free(host, port)  # before the models load, and without uvicorn's own error lines
    voice = None if no_voice else _voice_backend()
    server = WebServer(hotseat_home(), scenario_library(), host=host, port=port, voice=voice)
    try:
        server.start()
    except RuntimeError as error:
        raise click.ClickException(str(error)) from None
    if not is_loopback(host):
        click.echo("listening beyond this machine: the page needs the token in this URL", err=True)
    click.echo(f"Hotseat is at {server.url}  (Ctrl-C stops it)")
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        while server.running:
            time.sleep(0.5)
    except KeyboardInterrupt:
        click.echo("stopping; unfinished interviews can be resumed from the start page", err=True)
    finally:
        server.stop()


def _check_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise click.ClickException(
                f"cannot listen on {host}:{port}: {error.strerror or error}"
            ) from None


def _voice_backend() -> Any:
    """Whisper and Piper for spoken interviews, or None (text only) with one line."""
    from agent.web.voice import VoiceBackend

    click.echo("loading Whisper and Piper for voice interviews (--no-voice skips this)", err=True)
    return VoiceBackend.load_or_none(lambda line: click.echo(line, err=True))
