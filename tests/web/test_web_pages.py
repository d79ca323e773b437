"""The web app in real Chromium: start page, a typed interview with a planted slip, drawing on
the board, reload, end, report; and every page checked at 1280x800 for overlapping regions.

Set HOTSEAT_SCREENSHOT_DIR=docs/screenshots to refresh the committed screenshots.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.web.conftest import boxes_apart, wait_for

pytestmark = pytest.mark.slow
VIEWPORT = {"width": 1280, "height": 800}
ESTIMATE = "We have 1 billion notifications a day, which is about 12,000 per second."
SLIP = "Peak is 3x, so 60,000 per second."
FIX = "Right, 3x of 12,000 is 36,000 per second at peak."


def shot(page, tmp_path: Path, name: str) -> Path:
    out = tmp_path / f"{name}.png"
    page.screenshot(path=str(out))
    assert out.stat().st_size > 10_000  # a rendered page, not a blank one
    keep = os.environ.get("HOTSEAT_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(keep) / f"{name}.png"))
    return out


def draw(page, canvas, points):
    """Press, move through `points` (canvas coordinates), release: real pointer events."""
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + points[0][0], box["y"] + points[0][1])
    page.mouse.down()
    for x, y in points[1:]:
        page.mouse.move(box["x"] + x, box["y"] + y)
    page.mouse.up()


def rectangle(x, y, w, h):
    corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y + 2)]
    pts = []
    for (x0, y0), (x1, y1) in zip(corners, corners[1:], strict=False):
        for i in range(12):
            s, jitter = i / 12, 2.0 * ((i * 7) % 3 - 1)
            pts.append((x0 + (x1 - x0) * s + jitter, y0 + (y1 - y0) * s - jitter))
    return [*pts, corners[-1]]


def arrow(x0, y0, x1, y1):
    pts = [(x0 + (x1 - x0) * i / 30, y0 + (y1 - y0) * i / 30 + (i % 2)) for i in range(31)]
    return [*pts, (x1 - 14, y1 - 9), (x1, y1), (x1 - 14, y1 + 9)]


def name_box(page, board, canvas, x, y, text):
    box = canvas.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    field = board.locator("#label-input")
    field.wait_for(state="visible")
    field.fill(text)
    field.press("Enter")


def say(page, text):
    before = page.locator("#transcript li.interviewer").count()
    page.fill("#say", text)
    page.press("#say", "Enter")
    page.wait_for_function(
        f"document.querySelectorAll('#transcript li.interviewer').length > {before}",
        timeout=60_000,
    )


def test_start_page_lists_scenarios_seed_first_and_searches(server, browser, tmp_path):
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(server.url)
    page.wait_for_selector("body[data-ready='1']")
    items = page.locator("#scenario-list li")
    assert items.count() >= 40
    seeds = page.locator("#scenario-list li:has(.badge.seed)").count()
    assert seeds >= 3
    firsts = [items.nth(i).locator(".badge.seed").count() for i in range(seeds + 1)]
    assert firsts == [1] * seeds + [0]  # every seed scenario comes before the rest
    shot(page, tmp_path, "start")
    page.fill("#search", "url shortener")
    assert items.count() == 1 and "URL" in items.first.inner_text()
    page.fill("#search", "")
    assert page.locator("#sessions").inner_text().strip() == "No sessions yet."
    assert boxes_apart(page, ["#topbar", "#new-interview", "#past"]) == []
    assert boxes_apart(page, ["#search", "#scenario-list", "#options"]) == []
    page.close()


def test_typed_interview_chip_board_reload_end_and_report(server, browser, tmp_path):
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(server.url)
    page.wait_for_selector("body[data-ready='1']")
    page.fill("#search", "notification")
    page.locator("#scenario-list li", has_text="Notification").first.click()
    page.fill("#minutes", "30")
    page.click("#start-button")
    page.wait_for_url("**/interview/*")
    session = page.url.rsplit("/", 1)[1]
    page.wait_for_selector("#conn[data-state='live']")
    page.wait_for_selector("#transcript li.interviewer")  # the opening
    assert "30 minutes" in page.inner_text("#transcript")

    say(page, ESTIMATE)
    say(page, SLIP)
    slip_turn = page.locator("#transcript li.candidate", has_text="Peak is 3x")
    chip = slip_turn.locator(".chip[data-verdict='incorrect']")
    chip.wait_for(timeout=30_000)
    assert "60,000" in chip.inner_text()
    estimate_turn = page.locator("#transcript li.candidate", has_text="1 billion")
    assert estimate_turn.locator(".chip[data-verdict='correct']").count() == 1
    assert "36,000" in page.locator("#transcript li.interviewer").last.inner_text()
    say(page, FIX)
    fix_turn = page.locator("#transcript li.candidate", has_text="Right, 3x of 12,000")
    fix_turn.locator(".chip[data-verdict='correct']").wait_for(timeout=30_000)
    assert fix_turn.locator(".chip[data-verdict='incorrect']").count() == 0  # the fix is right
    say(page, "Let me move on to the high-level design.")
    page.wait_for_function("document.getElementById('phase').textContent.includes('design')")

    # draw two boxes and an arrow on the page's board; the interviewer gets the board
    board = page.frame_locator("#board-frame")
    canvas = board.locator("#board")
    board.locator("#status[data-state='live']").wait_for()
    draw(page, canvas, rectangle(40, 80, 160, 90))
    draw(page, canvas, rectangle(330, 90, 160, 90))
    draw(page, canvas, arrow(170, 125, 335, 135))
    name_box(page, board, canvas, 120, 125, "API server")
    name_box(page, board, canvas, 410, 135, "Postgres")
    live = server.app.app.state.interviews.live[session]
    assert wait_for(
        lambda: (
            {c.label for c in live.board.board().components.values()} == {"API server", "Postgres"}
        )
    )
    drawn = wait_for(lambda: _interviewer_board(live))
    assert {c["label"] for c in drawn["components"]} == {"API server", "Postgres"}
    assert len(drawn["edges"]) == 1
    # the interviewer analysed that board: its findings name the drawn database
    assert wait_for(lambda: _interviewer_findings_name(live, "Postgres"))
    # the next question is about what was drawn: it names a drawn component, and the
    # transcript marks which one
    say(page, "The API server writes to Postgres.")
    question = page.locator("#transcript li.interviewer").last
    about = question.locator(".about")
    about.wait_for(timeout=30_000)
    named = [label for label in ("API server", "Postgres") if label in about.inner_text()]
    assert named, about.inner_text()
    assert any(label in question.locator(".text").inner_text() for label in named)
    shot(page, tmp_path, "interview")
    regions = ["#topbar", "#board-frame", "#transcript", "#composer"]
    assert boxes_apart(page, regions) == []

    # reload: the same session, the same transcript and chips
    count = page.locator("#transcript li").count()
    chips = page.locator(".chip").all_inner_texts()
    page.reload()
    page.wait_for_selector("#conn[data-state='live']")
    page.wait_for_function(f"document.querySelectorAll('#transcript li').length === {count}")
    assert page.evaluate("document.body.dataset.session") == session
    assert page.locator(".chip").all_inner_texts() == chips
    slip_turn = page.locator("#transcript li.candidate", has_text="Peak is 3x")
    assert slip_turn.locator(".chip[data-verdict='incorrect']").count() == 1, chips
    board.locator("#components li").nth(1).wait_for()

    # end: scores and the report
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#end")
    page.wait_for_selector("#ended:not([hidden])", timeout=60_000)
    assert "Score" in page.inner_text("#final-score")
    page.click("#report-link")
    page.wait_for_load_state()
    assert "60,000" in page.content()
    shot(page, tmp_path, "report")
    assert boxes_apart(page, ["header", "#transcript"]) == []
    # your own note, from the report page: saved with the recording and shown in the report
    page.fill("#note-at", "0:01")
    page.fill("#note-text", "said 3x, meant 5x")
    page.click("#note-form button")
    page.wait_for_function("document.body.innerText.split('said 3x, meant 5x').length > 1")
    assert "said 3x, meant 5x" in (live.recorder.path / "notes.jsonl").read_text()

    page.goto(server.url)
    page.wait_for_selector("body[data-ready='1']")
    row = page.locator(f"#sessions tr[data-id='{session}']")
    assert "/ 60" in row.inner_text()
    page.close()


def _interviewer_board(live):
    """The board as the interviewer last received it (the recording's last board snapshot)."""
    from recordings.reader import load_recording

    boards = load_recording(live.recorder.path).boards
    data = boards[-1].load() if boards else None
    if not data:
        return None
    labels = {c.get("label") for c in data.get("components", [])}
    return data if labels == {"API server", "Postgres"} and data.get("edges") else None


def _interviewer_findings_name(live, label):
    from recordings.reader import load_recording

    events = load_recording(live.recorder.path).events
    findings = [e for e in events if e.type == "board_findings"]
    return findings and label in json.dumps(findings[-1].get("findings"))


def test_two_tabs_share_a_session_and_a_restart_resumes_it(browser, hotseat_home):
    from agent.web.server import WebServer
    from scenarios import load_scenarios

    with WebServer(hotseat_home, load_scenarios(), port=0) as first:
        one = browser.new_page(viewport=VIEWPORT)
        one.goto(first.url)
        one.wait_for_selector("body[data-ready='1']")
        one.fill("#search", "notification")
        one.locator("#scenario-list li", has_text="Notification").first.click()
        one.click("#start-button")
        one.wait_for_url("**/interview/*")
        url, session = one.url, one.url.rsplit("/", 1)[1]
        one.wait_for_selector("#transcript li.interviewer")
        say(one, ESTIMATE)
        two = browser.new_page(viewport=VIEWPORT)
        two.goto(url)
        two.wait_for_selector("#conn[data-state='live']")
        two.wait_for_selector("#transcript li.candidate")
        board = one.frame_locator("#board-frame")
        board.locator("#status[data-state='live']").wait_for()
        draw(one, board.locator("#board"), rectangle(40, 80, 160, 90))
        say(one, SLIP)
        # the second tab sees the turn typed in the first, with its chip, and the drawn box
        two.locator(".chip[data-verdict='incorrect']").wait_for(timeout=30_000)
        two.frame_locator("#board-frame").locator("#components li").first.wait_for()
        count = one.locator("#transcript li").count()
        one.close()  # closing the tab leaves the session running and recorded
        two.close()

    with WebServer(hotseat_home, load_scenarios(), port=0) as second:
        # the recording left by the stopped server replays
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(second.base_url + f"/report/{session}")
        assert "60,000" in page.content()
        # and the interview resumes from its checkpoint: same transcript, chips, board
        page.goto(second.base_url + "/")
        page.wait_for_selector("body[data-ready='1']")
        page.locator(f"#sessions tr[data-id='{session}'] a.resume").click()
        page.wait_for_url(f"**/interview/{session}")
        page.wait_for_selector("#conn[data-state='live']")
        page.wait_for_function(
            f"document.querySelectorAll('#transcript li').length === {count}", timeout=30_000
        )
        assert page.locator(".chip[data-verdict='incorrect']").count() == 1
        page.frame_locator("#board-frame").locator("#components li").first.wait_for()
        say(page, "Right, 3x of 12,000 is 36,000 per second at peak.")
        assert page.locator("#transcript li").count() > count
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("#end")
        page.wait_for_selector("#ended:not([hidden])", timeout=60_000)
        page.close()
    folders = sorted(p.name for p in (hotseat_home / "sessions").iterdir())
    assert folders == [
        session
    ]  # the part after the restart continues the same recording, as the CLI does

    with WebServer(hotseat_home, load_scenarios(), port=0) as third:
        # a finished interview opens as finished, with its report, and records nothing new
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(third.base_url + f"/interview/{session}")
        page.wait_for_selector("#ended:not([hidden])", timeout=30_000)
        assert "Score" in page.inner_text("#final-score")
        page.click("#report-link")
        page.wait_for_load_state()
        assert "36,000" in page.content()
        page.close()
    assert sorted(p.name for p in (hotseat_home / "sessions").iterdir()) == folders


def test_start_page_charts_each_dimension_across_scored_sessions(server, browser, hotseat_home):
    from recordings import Recorder

    dims = ["requirements", "estimation", "high_level_design", "deep_dive", "tradeoffs"]
    for n, base in enumerate((3, 6)):
        recorder = Recorder(
            hotseat_home / "sessions",
            meta={"scenario": "url-shortener", "mode": "text"},
            session_id=f"20261130-10000{n}-test",
        )
        scores = {
            "dimensions": {d: {"score": base + i % 2, "evidence": []} for i, d in enumerate(dims)}
        }
        recorder.finish(scores)
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(server.url)
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator("#trends figure").count() == len(dims)
    assert page.locator("#trends figure polyline").count() == len(dims)
    rows = page.locator("#sessions tr")
    assert rows.count() == 2
    # newest first: 6+7+6+7+6 = 32, then 3+4+3+4+3 = 17
    assert "32 / 50" in rows.first.inner_text() and "17 / 50" in rows.nth(1).inner_text()
    assert page.locator("#sessions a.resume").count() == 0  # scored: nothing to resume
    page.close()


def test_pen_touch_and_mouse_draw_on_the_interview_page(server, browser):
    """The interview page's board takes pointer input of every kind: a box drawn with a pen,
    one with a finger and the arrow between them with the mouse all reach the board."""
    context = browser.new_context(viewport=VIEWPORT, has_touch=True)
    page = context.new_page()
    page.goto(server.url)
    page.wait_for_selector("body[data-ready='1']")
    page.locator("#scenario-list li", has_text="URL").first.click()
    page.click("#start-button")
    page.wait_for_url("**/interview/*")
    session = page.url.rsplit("/", 1)[1]
    board = page.frame_locator("#board-frame")
    board.locator("#status[data-state='live']").wait_for()
    canvas = board.locator("#board")
    canvas.evaluate(
        "c => { window.kinds = []; c.addEventListener('pointerdown', e => kinds.push(e.pointerType)); }"
    )
    box = canvas.bounding_box()
    cdp = context.new_cdp_session(page)

    def pen(points):
        for kind, (x, y) in zip(_phases(points), points, strict=True):
            cdp.send(
                "Input.dispatchMouseEvent",
                {
                    "type": kind,
                    "x": box["x"] + x,
                    "y": box["y"] + y,
                    "button": "left",
                    "buttons": 0 if kind == "mouseReleased" else 1,
                    "clickCount": 1,
                    "pointerType": "pen",
                    "force": 0.5,
                },
            )

    def finger(points):
        touch = {"mousePressed": "touchStart", "mouseMoved": "touchMove"}
        for kind, (x, y) in zip(_phases(points), points, strict=True):
            if kind == "mouseReleased":
                cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
                continue
            point = {"x": box["x"] + x, "y": box["y"] + y, "id": 1, "radiusX": 2, "radiusY": 2}
            cdp.send("Input.dispatchTouchEvent", {"type": touch[kind], "touchPoints": [point]})

    pen(rectangle(40, 80, 160, 90))
    finger(rectangle(330, 90, 160, 90))
    draw(page, canvas, arrow(170, 125, 335, 135))
    live = server.app.app.state.interviews.live[session]

    def drawn():
        current = live.board.board()
        return len(current.components) == 2 and len(current.edges) == 1

    assert wait_for(drawn), live.board.board().to_dict()
    kinds = canvas.evaluate("() => window.kinds")
    assert {"pen", "touch", "mouse"} <= set(kinds), kinds
    board.locator("#components li").nth(1).wait_for()
    context.close()


def _phases(points):
    """The press, the moves and the release of a stroke through `points`."""
    return ["mousePressed"] + ["mouseMoved"] * (len(points) - 2) + ["mouseReleased"]
