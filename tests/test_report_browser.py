"""The HTML report renders in headless Chromium: transcript, annotations, boards, tables, chart,
and clicking an annotation seeks the embedded audio."""

from __future__ import annotations

import copy
import json
import re

import pytest
from click.testing import CliRunner

from agent.cli.main import cli
from recordings import build_replay, load_recording
from recordings.html_report import render_report
from tests.browser import chromium
from tests.session_factory import SCORES, write_session

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


def test_report_renders_and_annotations_seek_the_audio(browser, hotseat_home, tmp_path):
    sessions = hotseat_home / "sessions"
    earlier = copy.deepcopy(SCORES)
    earlier["dimensions"]["estimation"]["score"] = 2  # a real change, so the trend is drawn
    write_session(sessions, scenario="url-shortener", scores=earlier)
    path, expected = write_session(sessions)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["replay", "latest", "--html", str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["report"] == str(out)
    html = out.read_text()
    # self-contained: no external fetches of any kind
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)

    page = browser.new_page(viewport={"width": 1100, "height": 1600})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    page.wait_for_function("document.getElementById('player').readyState >= 1", timeout=15_000)
    assert page.evaluate("document.getElementById('player').duration") == pytest.approx(24, abs=0.1)

    assert page.locator("#transcript .line").count() == 6
    assert page.locator("#transcript .line.candidate").first.is_visible()
    markers = page.locator("#transcript .annotation")
    assert markers.count() == len(expected)
    assert page.locator("#timeline .tick").count() == len(expected)
    assert page.locator(".annotation.kind-estimate.sev-bad").is_visible()
    board = page.locator("#boards svg.board").first
    assert board.is_visible()
    flagged = page.locator("#boards svg.board .component.flagged")
    assert sorted(flagged.evaluate_all("els => els.map(e => e.dataset.id)")) == ["c2", "c3"]
    assert page.locator("#component-scores").is_visible()
    assert page.locator("#component-scores tbody tr").count() == 3
    chart = page.locator("svg.dimension-chart")
    assert chart.is_visible()
    assert chart.locator(".dimension").count() == 6
    assert page.locator("#trends svg.trend").count() == 6

    for index, (t, _) in [(7, expected[7]), (4, expected[4])]:
        markers.nth(index).locator("button.seek").click()
        page.wait_for_function(
            f"Math.abs(document.getElementById('player').currentTime - {t}) < 0.5", timeout=5_000
        )
    page.locator("#timeline .tick").nth(1).click()
    page.wait_for_function(
        f"Math.abs(document.getElementById('player').currentTime - {expected[1][0]}) < 0.5"
    )
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    assert all(u.startswith(("file:", "blob:", "data:")) for u in requests), requests
    page.close()


def test_cut_short_report_says_so_and_works_without_audio_or_scores(browser, hotseat_home):
    path, _ = write_session(hotseat_home / "sessions", finish=False)
    for track in ("candidate.wav", "interviewer.wav"):
        (path / track).unlink()
    html = render_report(build_replay(load_recording(path)))
    page = browser.new_page()
    page.set_content(html)
    assert page.locator("#cut-short").is_visible()
    assert page.locator("#no-audio").is_visible()
    assert page.locator("#transcript .annotation").count() > 0
    assert page.locator("#component-scores").count() == 0
    page.close()
