"""The user's data directory: recordings, progress, own scenarios, checkpoints."""

from __future__ import annotations

import os
from pathlib import Path

import click
import platformdirs

HOME_ENV = "HOTSEAT_HOME"


def hotseat_home() -> Path:
    """`$HOTSEAT_HOME` if set, else the platform's per-user data directory; created on first use.

    A home that cannot be created is one clear line (ClickException), never a traceback."""
    configured = os.environ.get(HOME_ENV)
    home = (
        Path(configured).expanduser() if configured else Path(platformdirs.user_data_dir("hotseat"))
    )
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise click.ClickException(
            f"cannot use {home} as the Hotseat data folder ({error.strerror or error}); "
            f"set {HOME_ENV} to a writable folder"
        ) from None
    return home


def writable_hotseat_home() -> Path:
    """`hotseat_home()`, refusing with one line when nothing can be written there (a read-only
    disk or folder): a command that records must say so before it starts, not mid-way."""
    home = hotseat_home()
    if not os.access(home, os.W_OK | os.X_OK):
        raise click.ClickException(
            f"the Hotseat data folder {home} is read-only: recordings and checkpoints cannot be "
            f"written; set {HOME_ENV} to a writable folder"
        )
    return home
