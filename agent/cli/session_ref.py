"""Session references on the command line, resolved one way for every command.

A reference is a session id, a unique prefix of one, ``latest`` (the most recently started
session), or, for commands that only read, the path of a recording folder. Everything is checked
before anything is written: ``--resume latest`` never creates a folder called ``latest``, and an
id with ``..``, a separator or an absolute path is refused, so no command creates a folder
outside ``$HOTSEAT_HOME``.
"""

from __future__ import annotations

from pathlib import Path

import click

from agent.cli.home import hotseat_home
from recordings.format import SCORES_FILE, RecordingError
from recordings.reader import LATEST, resolve_session, valid_session_id

SESSIONS_DIR = "sessions"


def sessions_root() -> Path:
    return hotseat_home() / SESSIONS_DIR


def _is_path(ref: str) -> bool:
    return "/" in ref or "\\" in ref or ref.startswith((".", "~"))


def recorded_session(ref: str) -> Path:
    """The recording folder ``ref`` names (replay, annotate, reports); one clear line if none."""
    if not ref or "\0" in ref:
        raise click.ClickException("give a session id, `latest` or the path of a recording")
    if not _is_path(ref) and ref not in LATEST and not valid_session_id(ref):
        raise click.ClickException(_bad_id(ref))
    try:
        return resolve_session(sessions_root(), ref)
    except RecordingError as exc:
        raise click.ClickException(str(exc)) from None


def resume_target(ref: str) -> str:
    """The id of the existing, unfinished session that ``--resume ref`` continues.

    Only sessions under ``$HOTSEAT_HOME/sessions`` can be continued (never a path), and a
    session that already has its scores is finished: resuming it would score it twice.
    """
    if ref not in LATEST and not valid_session_id(ref):
        raise click.ClickException(_bad_id(ref))
    root = sessions_root()
    try:
        path = resolve_session(root, ref)
    except RecordingError:
        raise click.ClickException(
            f"no interview session {ref!r} to resume in {root} (see `hotseat replay latest`)"
        ) from None
    if path.parent.resolve() != root.resolve() or not valid_session_id(path.name):
        raise click.ClickException(f"no interview session {ref!r} to resume in {root}")
    if (path / SCORES_FILE).exists():
        raise click.ClickException(
            f"session {path.name} is finished and scored; `hotseat replay {path.name}` shows it"
        )
    return path.name


def _bad_id(ref: str) -> str:
    return (
        f"{ref[:60]!r} is not a session id (letters, digits, '-', '_' and '.'; "
        "no '..' or '/'); try `latest`"
    )


__all__ = ["SESSIONS_DIR", "recorded_session", "resume_target", "sessions_root"]
