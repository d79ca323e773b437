"""`hotseat demo` end to end: the bundled candidate through real webrtcvad, Whisper, the
interviewer and Piper; the recording replays with the same annotations and the report renders."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from recordings import annotations_for, build_replay, load_recording
from tests.browser import chromium


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    home = tmp_path_factory.mktemp("demo-home")
    out = tmp_path_factory.mktemp("demo-out")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "agent.cli.main",
            "demo",
            "--speed",
            "3",
            "--json",
            "--out",
            str(out),
        ],
        env={**__import__("os").environ, "HOTSEAT_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout), home, out


def test_demo_catches_the_planted_slip(demo_run):
    summary, _, _ = demo_run
    interviewer = [t["text"] for t in summary["turns"] if t["speaker"] == "interviewer"]
    candidate = [t["text"] for t in summary["turns"] if t["speaker"] == "candidate"]
    assert len(candidate) == 5, candidate
    assert any("36,000" in text and "5x" in text for text in interviewer), interviewer
    assert set(summary["scores"]["dimensions"]) == {
        "requirements", "estimation", "high_level_design", "deep_dive", "tradeoffs", "communication",
    }  # fmt: skip


def test_demo_recording_replays_with_its_annotations(demo_run):
    summary, home, _ = demo_run
    recording = load_recording(Path(summary["recording"]))
    assert not recording.cut_short
    assert {"candidate", "interviewer"} <= set(recording.tracks)
    first = [(a.t, a.kind, a.label) for a in annotations_for(recording)]
    again = [
        (a.t, a.kind, a.label) for a in build_replay(load_recording(recording.path)).annotations
    ]
    assert first == again
    kinds = {kind for _, kind, _ in first}
    assert "estimate" in kinds or any("36,000" in label for *_, label in first), kinds
    assert recording.path.parent == home / "sessions"


def test_demo_report_is_self_contained(demo_run):
    summary, _, out = demo_run
    report = Path(summary["report"])
    assert report.parent == out
    html = report.read_text()
    assert 'id="audio-data"' in html and "<svg" in html
    assert "http://" not in html.replace("http://www.w3.org", "")


def test_demo_report_renders_in_chromium(demo_run, tmp_path):
    summary, _, _ = demo_run
    with chromium() as browser:
        page = browser.new_page()
        page.goto(Path(summary["report"]).as_uri())
        assert page.locator("svg").count() >= 2
        assert "60,000" in page.inner_text("body")
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert (tmp_path / "report.png").stat().st_size > 10_000
