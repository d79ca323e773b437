"""The hands-free drill through the real voice loop: Piper asks, webrtcvad + Whisper hear spoken
answers in a simulated room (the only fake: the sound card), the estimation engine checks them,
and the progress history stores them."""

from __future__ import annotations

import pytest

from agent.cli.drill_cmd import run_voice_drill
from agent.drills import DrillRun, save_to, template_questions
from recordings.progress import ProgressStore
from tests.voice_clips import say
from voice.room import Cue, RoomConfig, SimulatedRoom

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def models():
    from voice.stt import WhisperTranscriber
    from voice.tts import PiperSynthesizer

    return WhisperTranscriber(), PiperSynthesizer(deterministic=True)


def test_spoken_drill_scores_spoken_answers(models, hotseat_home):
    stt, tts = models
    questions = {q.id: q for q in template_questions()}
    picked = [questions["qps:daily:1 billion"], questions["latency:seeks:10 ms"]]
    cues = [
        Cue(
            say(tts, "About twelve thousand per second."),
            reply_timeout_s=30,
            delay_s=2.5,
            label="right",
        ),
        Cue(say(tts, "Five thousand per second."), reply_timeout_s=30, delay_s=2.5, label="wrong"),
    ]
    # paced near real time (Piper keeps ahead of playback, so a reply has no gaps), and a
    # 2.5 s pause, so each answer waits for the whole spoken feedback
    room = SimulatedRoom(cues, RoomConfig(speed=1.5, tail_s=1.0))
    with ProgressStore(hotseat_home / "progress.db") as store:
        run = store.start_drill_run()

        session = DrillRun(picked, on_result=save_to(store, run))
        run_voice_drill(session, room.microphone, room.speaker, stt, tts, settle=False)
        stored = store.drill_results(run)
    assert [r.correct for r in session.results] == [True, False], [
        (r.answer, r.feedback) for r in session.results
    ]
    assert "12" in session.results[0].answer or "twelve" in session.results[0].answer.lower()
    assert "100 per second" in session.results[1].feedback
    assert all(r.seconds is not None and r.seconds >= 0 for r in session.results)
    assert [s["correct"] for s in stored] == [True, False]
    assert room.speaker.stops == 0 or room.playback_starts  # the replies were spoken
    assert len(room.playback_starts) >= 3  # question 1, feedback + question 2, feedback + score
