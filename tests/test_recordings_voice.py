"""Recording the real voice loop (webrtcvad, Whisper, Piper in a simulated room): the candidate's
speech and the interviewer's voice land in the WAV tracks at their session times, a barge-in
cuts the interviewer track, and replay shows the turns and the barge-in."""

from __future__ import annotations

import numpy as np
import pytest

from recordings import Recorder, build_replay, load_recording
from recordings.wav import read_track
from tests.voice_clips import say
from voice.loop import LoopConfig, VoiceLoop
from voice.room import RATE, Cue, RoomConfig, SimulatedRoom

pytestmark = pytest.mark.slow

REPLY = "Good. Let me restate that so we agree on the numbers before we move on to storage."


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    from voice.stt import WhisperTranscriber
    from voice.tts import PiperSynthesizer

    stt, tts = WhisperTranscriber(), PiperSynthesizer(deterministic=True)
    cues = [
        Cue(say(tts, "We have three hundred million daily users."), delay_s=0.3),
        Cue(say(tts, "Wait, hold on, that is not right."), when="playing", delay_s=1.2),
    ]
    room = SimulatedRoom(cues, RoomConfig(speed=2.0))
    # The recorder runs on the room's audio clock, as a demo with a file microphone should.
    recorder = Recorder(
        tmp_path_factory.mktemp("voice") / "sessions",
        meta={"scenario": "voice-test"},
        clock=lambda: room.position / RATE,
    )
    loop = VoiceLoop(
        room.microphone,
        recorder.speaker(room.speaker),
        stt,
        tts,
        lambda utterance: REPLY,
        on_event=recorder.record,
        config=LoopConfig(emit_audio=True),
    )
    loop.run()
    path = recorder.finish(reason="completed")
    return load_recording(path), cues


def test_candidate_audio_is_where_the_candidate_spoke(recorded):
    rec, cues = recorded
    audio, rate = read_track(rec.tracks["candidate"])
    assert rate == RATE
    first = cues[0]
    start = first.started_at / RATE
    end = start + len(first.audio) / RATE
    speech = np.abs(audio[int(start * rate) : int(end * rate)]).max()
    before = np.abs(audio[: int(max(0.0, start - 0.2) * rate)]).max(initial=0.0)
    assert speech > 0.05 and before < 0.02


def test_interviewer_track_holds_the_reply_until_the_barge_in(recorded):
    rec, cues = recorded
    replay = build_replay(rec)
    assert [a.kind for a in replay.annotations].count("barge_in") == 1
    barge = next(a for a in replay.annotations if a.kind == "barge_in")
    voice, rate = read_track(rec.tracks["interviewer"])
    assert rate == 22_050
    replies = [line.t for line in replay.transcript if line.speaker == "interviewer"]
    assert np.abs(voice[int(replies[0] * rate) : int((replies[0] + 1.0) * rate)]).max() > 0.05
    # silence from the barge-in until the reply to the interruption (what was queued is gone)
    resumed = replies[1] if len(replies) > 1 else rec.duration
    assert resumed - barge.t > 0.5
    assert np.abs(voice[int((barge.t + 0.1) * rate) : int((resumed - 0.1) * rate)]).max() == 0.0
    candidate = [line.text.lower() for line in replay.transcript if line.speaker == "candidate"]
    assert "three hundred million" in candidate[0] or "300 million" in candidate[0]
    assert any("right" in text for text in candidate[1:])
    interrupted = [line for line in replay.transcript if line.interrupted]
    assert interrupted and REPLY.startswith(interrupted[0].heard)
