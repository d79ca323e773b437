"""Every test runs with its own empty data directory and no network model hubs."""

from __future__ import annotations

import os

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"


@pytest.fixture(autouse=True)
def hotseat_home(tmp_path, monkeypatch):
    """Point HOTSEAT_HOME at a fresh temp dir so no test touches the user's data."""
    home = tmp_path / "hotseat-home"
    monkeypatch.setenv("HOTSEAT_HOME", str(home))
    return home
