"""The web app's pieces without a browser: how interviewer events become the page's transcript
(chips on the right turn, questions highlighting their components), and the browser standing in
for the sound card (a microphone fed by frames, a speaker that tracks what was heard)."""

from __future__ import annotations

import struct
import time

from agent.web.guard import Guard, is_loopback
from agent.web.interviewer_api import About, ClaimVerdict, PhaseChanged, TurnSaid, read_event
from agent.web.transcript import TranscriptView
from agent.web.voice import BrowserMicrophone, BrowserSpeaker
from voice.events import AudioChunk


def test_events_fold_into_turns_with_chips_and_highlights():
    view = TranscriptView(label_of={"c2": "Postgres"}.get)
    events = [
        {"type": "interviewer_turn", "text": "Where would you like to start?", "t": 0.1},
        {"type": "candidate_turn", "text": "Peak is 3x, so 60,000 per second.", "t": 5.0},
        {
            "type": "claim",
            "text": "Peak is 3x, so 60,000 per second",
            "stated": {"value": 60000.0, "unit": "per second"},
            "verdict": "incorrect",
            "explanation": "3x of 12,000 is 36,000",
        },
        {"type": "phase_change", "from": "requirements", "to": "estimation"},
        {"type": "followup", "components": ["c2"], "text": "What if Postgres dies?"},
        {"type": "interviewer_turn", "text": "What if Postgres dies?", "t": 5.1},
        {"type": "session_start"},
    ]
    messages = []
    for event in events:
        change = read_event(event)
        if change is not None:
            messages.extend(view.apply(change))
    items = view.to_list()
    assert [i["speaker"] for i in items] == ["interviewer", "candidate", "interviewer"]
    (chip,) = items[1]["chips"]
    assert chip["verdict"] == "incorrect" and chip["stated"] == "60,000 per second"
    assert items[2]["component_ids"] == ["c2"]
    assert items[2]["component_labels"] == ["Postgres"]
    assert items[0]["component_ids"] == []
    assert view.phase == "estimation"
    assert {"type": "phase", "phase": "estimation"} in messages


def test_read_event_ignores_what_the_page_does_not_show():
    assert read_event({"type": "board_findings", "findings": []}) is None
    assert read_event({"type": "claim", "text": "x"}) is None  # no verdict yet
    assert isinstance(read_event({"type": "followup"}), About)
    assert isinstance(read_event({"type": "phase_change", "to": "deep_dive"}), PhaseChanged)
    said = read_event({"type": "candidate_turn", "text": "hi"})
    assert isinstance(said, TurnSaid) and said.t == 0.0
    verdict = read_event({"type": "claim", "verdict": "correct", "stated": {"value": 0.25}})
    assert isinstance(verdict, ClaimVerdict) and verdict.stated == "0.25"


def test_a_verdict_before_any_candidate_turn_is_dropped():
    view = TranscriptView()
    assert view.apply(ClaimVerdict("q", "1", "correct", "")) == []


def test_microphone_yields_fed_frames_then_ends_on_close():
    mic = BrowserMicrophone()
    mic.feed(b"\x01\x00" * 320)
    mic.muted = True
    mic.feed(b"\x01\x00" * 320)
    mic.close()
    chunks = list(mic.chunks())
    assert [len(c.audio) for c in chunks] == [640, 640]
    assert chunks[0].rate == 16_000 and chunks[0].audio != bytes(640)
    assert chunks[1].audio == bytes(640)  # muted: silence, so the audio clock stays in step


def test_a_new_microphone_page_counts_its_samples_from_zero():
    """The page times the interviewer's answer from the turn's last speech sample on its own
    count; after another tab takes the microphone, the stream's count runs ahead of it."""
    mic = BrowserMicrophone()
    mic.feed(b"\x00\x00" * 48_000)  # 3 s from the first tab
    assert mic.page_sample(50_000) == 50_000
    mic.new_page()
    mic.feed(b"\x00\x00" * 32_000)
    assert mic.page_sample(50_000) == 2_000
    assert mic.page_sample(40_000) == 0  # spoken before this page took over


def test_speaker_streams_frames_and_tracks_what_was_heard():
    sent, stops = [], []
    speaker = BrowserSpeaker(sent.append, lambda: stops.append(1))
    chunk = AudioChunk(audio=b"\x10\x00" * 2205, rate=22_050)  # 0.1 s
    speaker.play(chunk)
    speaker.play(chunk)
    assert speaker.is_playing()
    (rate,) = struct.unpack("<I", sent[0][:4])
    assert rate == 22_050 and sent[0][4:] == chunk.audio
    speaker.wait()
    assert not speaker.is_playing()
    assert speaker.played_samples == 2 * 2205
    speaker.play(AudioChunk(audio=b"\x10\x00" * 22_050, rate=22_050))  # 1 s
    time.sleep(0.05)
    speaker.stop()  # barge-in: the page is told, and only what was heard counts
    assert stops == [1]
    heard = speaker.played_samples - 2 * 2205
    assert 0 < heard < 22_050
    assert not speaker.is_playing()


def test_guard_hosts_and_origins():
    guard = Guard("t", require_token=False, loopback_only=True)
    assert guard.host_ok("127.0.0.1:8765") and guard.host_ok("localhost:1")
    assert guard.host_ok("[::1]:8765")
    assert not guard.host_ok("evil.test:8765") and not guard.host_ok("127.0.0.1.evil.test")
    assert guard.origin_ok("http://127.0.0.1:8765", "127.0.0.1:8765")
    assert not guard.origin_ok("http://127.0.0.1:9999", "127.0.0.1:8765")
    assert not guard.origin_ok(None, "127.0.0.1:8765")
    assert not guard.token_ok(None) and not guard.token_ok("T") and guard.token_ok("t")
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
