"""Voice through the browser: Chromium's fake microphone plays the bundled candidate's slip
turn ("peak is three x, so sixty thousand", with a thinking pause) into the page; the page's
AudioWorklet streams it to the server's voice loop; the transcript shows the turn with an
"incorrect" chip, the interviewer's Piper audio reaches the page, the session is recorded and
the report opens."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import numpy as np
import pytest

from agent.web.server import WebServer
from agent.web.voice import VoiceBackend
from scenarios import load_scenarios
from tests.web.conftest import FAKE_MIC, boxes_apart, chromium_with, chromiums, wait_for

pytestmark = pytest.mark.slow
CLIPS = Path(__file__).parents[2] / "agent/demo/audio"
SLIP_CLIP = CLIPS / "02-estimate-slip.wav"
FIXED_CLIP = CLIPS / "03-estimate-fixed.wav"
"""Starts 3 s after the slip: while the interviewer is still answering it (a barge-in)."""


def candidate_wav(
    out: Path, clips: list[Path], gap_s: float | list[float], lead_s: float = 1.0
) -> Path:
    """The committed candidate clips with silence around them, as the fake microphone's file;
    `gap_s` is the silence after every clip, or after each."""
    gaps = gap_s if isinstance(gap_s, list) else [gap_s] * len(clips)
    parts = [np.zeros(int(lead_s * 16_000), np.int16)]
    for clip, gap in zip(clips, gaps, strict=True):
        with wave.open(str(clip)) as w:
            assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16_000, 1, 2)
            parts.append(np.frombuffer(w.readframes(w.getnframes()), np.int16))
        parts.append(np.zeros(int(gap * 16_000), np.int16))
    with wave.open(str(out), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16_000)
        w.writeframes(np.concatenate(parts).tobytes())
    return out


@pytest.fixture(scope="module")
def backend():
    from tests.audio.clips import piper, whisper

    return VoiceBackend(whisper(), piper())


def test_spoken_turn_through_the_page(backend, hotseat_home, tmp_path):
    wav = candidate_wav(tmp_path / "candidate.wav", [SLIP_CLIP, FIXED_CLIP], gap_s=[3.0, 6.0])
    flags = [*FAKE_MIC, f"--use-file-for-fake-audio-capture={wav}%noloop"]
    with (
        WebServer(hotseat_home, load_scenarios(), port=0, voice=backend) as server,
        chromium_with(flags) as browser,
    ):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(server.url)
        page.wait_for_selector("body[data-ready='1']")
        page.fill("#search", "notification")
        page.locator("#scenario-list li", has_text="Notification").first.click()
        page.check("input[name='mode'][value='voice']")
        page.click("#start-button")
        page.wait_for_url("**/interview/*")
        session = page.url.rsplit("/", 1)[1]

        # the opening is spoken to the page, then the microphone opens
        page.wait_for_function("window.hotseatAudio.received > 16000", timeout=60_000)
        page.wait_for_selector("body[data-mic='on']", timeout=60_000)

        slip = page.locator("#transcript li.candidate").filter(has_text="60,000")
        slip.first.wait_for(timeout=90_000)
        slip.locator(".chip[data-verdict='incorrect']").first.wait_for(timeout=30_000)
        # the interviewer's spoken reply reaches the page: real audio, not silence
        page.wait_for_function("window.hotseatAudio.latencies.length >= 1", timeout=60_000)
        audio = page.evaluate("window.hotseatAudio")
        assert audio["peak"] > 1000 and audio["received"] > 16_000
        assert 0 < audio["latencies"][0] < 10_000
        reply = page.locator("#transcript li.interviewer").last.inner_text()
        assert "36,000" in reply or "3x" in reply

        # the candidate talks over that answer: the page is told to stop playing it
        page.wait_for_function("window.hotseatAudio.stops >= 1", timeout=60_000)
        page.wait_for_function("window.hotseatAudio.turns.length >= 2", timeout=60_000)

        regions = ["#topbar", "#board-frame", "#transcript", "#voice-bar", "#composer"]
        assert boxes_apart(page, regions) == []
        live = server.app.app.state.interviews.live[session]
        # the "give me a minute" button, once the answer to the second turn has been played
        # (the microphone file is silent from then on): the voice loop's own thinking wait, as
        # if it had been said - "take your time" is spoken once, no turn is sent as text
        page.wait_for_function("window.hotseatAudio.latencies.length >= 2", timeout=60_000)
        assert wait_for(lambda: not live.voice.speaker.is_playing(), timeout=60)
        before = page.evaluate("window.hotseatAudio.received")
        items = page.locator("#transcript li").count()
        page.click("#minute")
        page.wait_for_selector("body[data-thinking='1']", timeout=30_000)
        page.wait_for_function(f"window.hotseatAudio.received > {before}", timeout=60_000)
        assert wait_for(lambda: live.voice.session.loop.thinking is not None, timeout=30)
        assert live.voice.session.loop.thinking.reason == "asked"
        assert page.locator("#transcript li").count() == items  # nothing typed for them
        page.click("#mute")  # the page keeps the clock going with silence; the server knows
        assert wait_for(lambda: live.voice.microphone.muted)
        assert page.inner_text("#mic-state") == "muted"

        page.once("dialog", lambda dialog: dialog.accept())
        page.click("#end")
        page.wait_for_selector("#ended:not([hidden])", timeout=60_000)
        folder = live.recorder.path
        assert (folder / "candidate.wav").stat().st_size > 16_000 * 2 * 5
        assert (folder / "interviewer.wav").stat().st_size > 16_000
        events = [json.loads(line) for line in (folder / "events.jsonl").read_text().splitlines()]
        stopped = [e for e in events if e["type"] == "playback_stopped"]
        assert any(e["interrupted"] for e in stopped), stopped
        thinking = [e for e in events if e["type"] == "thinking_started"]
        assert [e["reason"] for e in thinking][-1:] == ["asked"], thinking
        said = [e["text"] for e in events if e["type"] == "reply_sentence"]
        assert said.count("Take your time.") == 1, said
        page.click("#report-link")
        page.wait_for_load_state()
        assert "60,000" in page.content()
        page.close()


def test_one_spoken_interview_at_a_time(backend, hotseat_home):
    import httpx

    with WebServer(hotseat_home, load_scenarios(), port=0, voice=backend) as server:
        base = server.base_url

        def start(mode):
            body = {"scenario": "url-shortener", "minutes": 20, "mode": mode}
            return httpx.post(base + "/api/sessions", json=body, headers={"Origin": base})

        assert start("voice").status_code == 200
        second = start("voice")
        assert second.status_code == 400
        assert "already running" in second.json()["error"]
        assert start("text").status_code == 200  # typing is always possible


def test_a_second_tab_takes_the_microphone_and_speaker(backend, hotseat_home, tmp_path):
    """Two tabs on one spoken interview: only the tab opened last captures and plays (both
    would echo and garble the turn); the other shows the conversation, and gets the
    microphone back when that tab closes. The tabs are in two Chromium processes so that each
    has its own fake microphone: silence in the first, the slip in the second, whenever the
    second takes over."""
    quiet = candidate_wav(tmp_path / "quiet.wav", [], gap_s=[], lead_s=60.0)
    slip = candidate_wav(tmp_path / "slip.wav", [SLIP_CLIP], gap_s=[8.0], lead_s=2.0)
    with (
        WebServer(hotseat_home, load_scenarios(), port=0, voice=backend) as server,
        chromiums(
            [*FAKE_MIC, f"--use-file-for-fake-audio-capture={quiet}%noloop"],
            [*FAKE_MIC, f"--use-file-for-fake-audio-capture={slip}%noloop"],
        ) as (first_browser, second_browser),
    ):
        one = first_browser.new_page(viewport={"width": 1280, "height": 800})
        one.goto(server.url)
        one.wait_for_selector("body[data-ready='1']")
        one.locator("#scenario-list li", has_text="Notification").first.click()
        one.check("input[name='mode'][value='voice']")
        one.click("#start-button")
        one.wait_for_url("**/interview/*")
        one.wait_for_selector("body[data-mic='on']", timeout=60_000)
        heard_by_one = one.evaluate("window.hotseatAudio.received")
        assert heard_by_one > 16_000  # the opening played in the first tab
        # 5 s captured here first, so the second tab's count and the stream's differ by more
        # than the time a turn takes to commit
        one.wait_for_function("window.hotseatAudio.sent > 80000", timeout=60_000)

        two = second_browser.new_page(viewport={"width": 1280, "height": 800})
        two.goto(one.url)
        two.wait_for_selector("body[data-mic='on']", timeout=60_000)
        one.wait_for_selector("body[data-mic='off'][data-mic-here='0']", timeout=30_000)
        assert "another tab" in one.inner_text("#mic-state")
        # the slip, spoken into the second tab, is answered there only, and timed there from
        # the end of the speech that tab sent
        two.wait_for_function("window.hotseatAudio.latencies.length >= 1", timeout=90_000)
        assert 0 < two.evaluate("window.hotseatAudio.latencies[0]") < 10_000
        one.locator("#transcript li.candidate").filter(has_text="60,000").first.wait_for()
        assert one.evaluate("window.hotseatAudio.received") == heard_by_one
        two.close()
        one.wait_for_selector("body[data-mic='on'][data-mic-here='1']", timeout=30_000)
        one.close()
