"""Item 15 (first half): `--text --tablet` never silently ignores `--tablet`."""

from __future__ import annotations

from tests.faults.support import TURNS, hotseat, one_clear_line


def test_item15_text_with_tablet_says_it_is_unsupported(tmp_path):
    home = tmp_path / "home"
    args = ["interview", "--text", "--tablet", "--scenario", "url-shortener"]
    result = hotseat(args, home, (TURNS[0] + "\n").encode(), timeout=90)
    one_clear_line(result)
    assert "--tablet" in result.stderr and "--board" in result.stderr
    assert not any(home.glob("sessions/*"))  # refused before anything was recorded
