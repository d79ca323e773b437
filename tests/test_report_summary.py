"""The HTML report opens with a summary: six scores, what to practise first, key moments that
link into the transcript. Play buttons only where there is audio, whole card titles said once,
no internal values, the board drawn per phase, a trend only when there is one."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from recordings import Recorder, build_replay, load_recording
from recordings.html_report import render_report
from tests.browser import chromium
from tests.session_factory import BOARD_1, BOARD_2, SCORES, FakeClock, write_session

LONG_PROBE = (
    "What happens when the link between the sender workers and APNs goes down for ten minutes, "
    "and where do 35,000 notifications a second go while it is down?"
)


def typed_session(root: Path, *, board: bool = True) -> Path:
    """A text-mode session as the interviewer records it: agent events only, no audio."""
    clock = FakeClock()
    rec = Recorder(root, meta={"scenario": "notification-system", "mode": "text"}, clock=clock)
    base = clock.now

    def at(t: float, event: dict) -> None:
        clock.now = base + t
        rec.record(event)

    at(0.1, {"type": "interviewer_turn", "text": "Let's design a notification system."})
    at(2.0, {"type": "candidate_turn", "text": "A billion a day is 12,000 a second, peak 60,000."})
    at(
        2.1,
        {"type": "phase_change", "from": "requirements", "to": "estimation", "reason": "content"},
    )
    at(
        2.2,
        {
            "type": "claim",
            "text": "peak at 3x is 60,000 per second, which is the number we size the fleet for",
            "verdict": "incorrect",
            "explanation": "You said 3x for peak, but 60,000 is 5x your 12,000 average.",
        },
    )
    at(3.0, {"type": "followup", "kind": "probe", "text": LONG_PROBE})
    at(3.1, {"type": "interviewer_turn", "text": LONG_PROBE})
    at(5.0, {"type": "phase_change", "from": "estimation", "to": "high_level_design"})
    if board:
        clock.now = base + 6.0
        rec.snapshot_board(BOARD_1, reason="board file", phase="high_level_design")
        at(
            7.0,
            {
                "type": "board_finding",
                "code": "SPOF",
                "severity": "high",
                "components": ["c2"],
                "message": "Notification service is a single instance.",
                "question": "What happens when the notification service goes down?",
            },
        )
        at(8.0, {"type": "phase_change", "from": "high_level_design", "to": "deep_dive"})
        clock.now = base + 9.0
        rec.snapshot_board(BOARD_2, reason="board file", phase="deep_dive")
    clock.now = base + 10.0
    rec.finish(scores=SCORES)
    return rec.path


class _Text(HTMLParser):
    """Visible text per element class, for checks that must not depend on markup details."""

    def __init__(self) -> None:
        super().__init__()
        self.buttons = 0
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "button":
            self.buttons += 1
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and (attributes.get("href") or "").startswith("#"):
            self.links.append(attributes["href"][1:])


def _parse(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def test_a_typed_session_has_no_play_buttons_and_says_why(hotseat_home):
    html = render_report(load_recording(typed_session(hotseat_home / "sessions")))
    assert _parse(html).buttons == 0
    assert "▶" not in html
    assert "nothing to play" in html


def test_a_voice_session_keeps_its_play_buttons(hotseat_home):
    path, _ = write_session(hotseat_home / "sessions")
    html = render_report(load_recording(path), embed_audio=True)
    assert _parse(html).buttons > 5


def test_card_titles_are_whole_and_said_once(hotseat_home):
    html = render_report(load_recording(typed_session(hotseat_home / "sessions")))
    assert "…" not in html
    transcript = html[html.index('id="transcript"') :]
    cards = re.findall(r'<div class="annotation.*?</div>', transcript, re.S)
    assert cards
    for card in cards:
        text = " ".join(re.sub(r"<[^>]+>", " ", card).split())
        words = text.split()
        # no sentence of eight words or more appears twice in one card
        for i in range(len(words) - 8):
            phrase = " ".join(words[i : i + 8])
            assert text.count(phrase) == 1, (phrase, text)
    assert LONG_PROBE in transcript
    assert "which is the number we size the fleet for" in transcript


def test_no_internal_values_on_phase_cards(hotseat_home):
    html = render_report(load_recording(typed_session(hotseat_home / "sessions")))
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Phase: Estimation" in text
    assert "content" not in re.findall(r"Phase: Estimation\W+(\w+)", text)
    assert "high_level_design" not in text and "deep_dive" not in text


def test_summary_links_key_moments_into_the_transcript(hotseat_home):
    html = render_report(load_recording(typed_session(hotseat_home / "sessions")))
    parsed = _parse(html)
    summary = html[html.index('id="summary"') : html.index('id="transcript"')]
    assert summary.count('class="tile') == 6
    assert "Peak multipliers: say the multiplier you use" in summary
    moments = re.findall(r'href="#(m-\d+)"', summary)
    assert len(moments) >= 3
    assert all(anchor in parsed.ids for anchor in moments)
    first = html.index('id="summary"')
    assert first < html.index('id="transcript"') and first < html.index('id="dimensions"')
    assert "Incorrect: peak at 3x" in summary
    assert "Notification service is a single instance." in summary
    assert "SPOF:" not in html  # analyzer codes are the terminal timeline's shorthand


def test_the_board_is_drawn_as_it_stood_at_each_phase(hotseat_home):
    replay = build_replay(load_recording(typed_session(hotseat_home / "sessions")))
    html = render_report(replay)
    boards = html[html.index('id="boards"') :]
    figures = re.findall(r'<figure data-phase="([^"]+)"', boards)
    assert figures == ["High level design", "Deep dive"]
    assert boards.count('<svg class="board"') == 2
    assert 'data-id="c4"' in boards  # Kafka was added in the deep dive


def test_without_a_board_the_report_says_the_design_was_judged_from_speech(hotseat_home):
    html = render_report(load_recording(typed_session(hotseat_home / "sessions", board=False)))
    assert 'id="boards"' not in html
    assert "judged from what was said" in html


@pytest.mark.parametrize(
    ("history", "shown"),
    [
        (None, False),
        ({d: [5.0] for d in SCORES["dimensions"]}, False),  # one session: nothing to compare
        ({d: [5.0, 5.0, 5.0] for d in SCORES["dimensions"]}, False),  # flat: noise
        ({d: [5.0, 5.0, 5.4] for d in SCORES["dimensions"]}, False),  # under a point: noise
        ({**{d: [5.0, 5.0] for d in SCORES["dimensions"]}, "estimation": [3.0, 6.0]}, True),
    ],
)
def test_across_sessions_only_when_there_is_a_trend(hotseat_home, history, shown):
    html = render_report(load_recording(typed_session(hotseat_home / "sessions")), history=history)
    assert ('id="trends"' in html) is shown


@pytest.mark.slow
def test_scores_are_on_the_first_screen_at_1280x800(hotseat_home, tmp_path):
    """Headless Chromium at a laptop's 1280x800: the six scores and the key moments are visible
    without scrolling, and a key moment scrolls its card into view."""
    path, _ = write_session(hotseat_home / "sessions")  # a voice session: the tallest header
    out = tmp_path / "report.html"
    out.write_text(render_report(load_recording(path)), encoding="utf-8")
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(out.as_uri())
        tiles = page.locator("#scores .tile")
        assert tiles.count() == 6
        for i in range(6):
            box = tiles.nth(i).bounding_box()
            assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 800, box
        moment = page.locator("#key-moments a").first
        assert moment.bounding_box()["y"] + 20 <= 800
        target = moment.get_attribute("href")
        moment.click()
        card = page.locator(target)
        page.wait_for_function(
            f"document.querySelector('{target}').getBoundingClientRect().top < 800"
        )
        assert card.is_visible()
        page.screenshot(path=str(tmp_path / "first-screen.png"))
        page.close()


def test_a_board_read_once_at_the_start_is_drawn_once_for_the_phases_it_stood(hotseat_home):
    clock = FakeClock()
    rec = Recorder(hotseat_home / "sessions", meta={"mode": "text"}, clock=clock)
    base = clock.now
    rec.snapshot_board(BOARD_1, reason="board file", phase="requirements")
    for t, old, new in ((2.0, "requirements", "estimation"), (4.0, "estimation", "deep_dive")):
        clock.now = base + t
        rec.record({"type": "phase_change", "from": old, "to": new})
    clock.now = base + 6.0
    html = render_report(load_recording(rec.finish(scores=SCORES)))
    figures = re.findall(r'<figure data-phase="([^"]+)"', html)
    assert figures == ["Requirements to deep dive"]


def test_interviewer_moves_and_candidate_acts_are_shown_when_recorded(hotseat_home):
    clock = FakeClock()
    rec = Recorder(hotseat_home / "sessions", meta={"mode": "text"}, clock=clock)
    rec.record({"type": "interviewer_turn", "text": "Where to start?", "move": {"kind": "ask"}})
    clock.now += 1
    rec.record(
        {
            "type": "candidate_turn",
            "text": "How many users?",
            "reading": {"acts": ["clarify"], "mentioned": []},
        }
    )
    clock.now += 1
    replay = build_replay(load_recording(rec.finish(scores=SCORES)))
    assert [line.tags for line in replay.transcript] == [("ask",), ("clarify",)]
    html = render_report(replay)
    assert '<span class="tag">clarify</span>' in html and '<span class="tag">ask</span>' in html
