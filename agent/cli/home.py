"""The user's data directory: recordings, progress, own scenarios, checkpoints."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

HOME_ENV = "HOTSEAT_HOME"


def hotseat_home() -> Path:
    """`$HOTSEAT_HOME` if set, else the platform's per-user data directory; created on first use."""
    configured = os.environ.get(HOME_ENV)
    home = (
        Path(configured).expanduser() if configured else Path(platformdirs.user_data_dir("hotseat"))
    )
    home.mkdir(parents=True, exist_ok=True)
    return home
