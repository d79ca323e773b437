"""The turn loop end to end: real webrtcvad, Whisper and Piper; a simulated room at the
sound-card boundary (scripted candidate, clocked speaker, optional echo)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.voice_clips import cough, say, silence
from voice.events import (
    BargeIn,
    PlaybackStarted,
    PlaybackStopped,
    SpeechStarted,
    TranscriptPartial,
    TurnCommitted,
    VoiceError,
)
from voice.loop import LoopConfig, VoiceLoop
from voice.room import Cue, RoomConfig, SimulatedRoom, speech_bounds

REPLY = "Good. Let me restate that so we agree on the numbers before we move on to storage."


@pytest.fixture(scope="module")
def stt():
    from voice.stt import WhisperTranscriber

    return WhisperTranscriber()


@pytest.fixture(scope="module")
def tts():
    from voice.tts import PiperSynthesizer

    return PiperSynthesizer(deterministic=True)


def run_room(stt, tts, cues, respond=lambda u: REPLY, config=None, **room):
    events = []
    sim = SimulatedRoom(cues, RoomConfig(**room))
    loop = VoiceLoop(
        sim.microphone, sim.speaker, stt, tts, respond, on_event=events.append, config=config
    )
    loop.run()
    return events, loop, sim


def of(events, kind):
    return [e for e in events if isinstance(e, kind)]


def test_thinking_pause_mid_calculation_is_one_turn(stt, tts):
    clip = np.concatenate(
        [
            say(tts, "One billion divided by"),
            silence(2.0),
            say(tts, "eighty six thousand four hundred is about twelve thousand."),
        ]
    )
    events, loop, _ = run_room(stt, tts, [Cue(clip, delay_s=0.3)], respond=lambda u: "Right.")
    turns = of(events, TurnCommitted)
    assert len(turns) == 1
    assert "divided by" in turns[0].text and "86,400" in turns[0].text.replace(" ", "")
    # The pause was really seen and transcribed speculatively, and the policy waited it out.
    pause_partial = [p for p in of(events, TranscriptPartial) if p.text.rstrip(".").endswith("by")]
    assert pause_partial, [p.text for p in of(events, TranscriptPartial)]
    assert len(of(events, SpeechStarted)) >= 2
    assert loop.history[0] == ("candidate", turns[0].text)


def test_finished_statement_commits_after_a_short_wait(stt, tts):
    events, _, _ = run_room(
        stt,
        tts,
        [Cue(say(tts, "We have three hundred million daily users."))],
        respond=lambda u: "",
    )
    (turn,) = of(events, TurnCommitted)
    assert "300 million" in turn.text
    assert turn.timestamp - turn.speech_end < LoopConfig().policy.long_wait_s - 1.0


def test_backchannel_and_cough_do_not_barge_in_but_speech_does(stt, tts):
    cues = [
        Cue(say(tts, "Three hundred million users."), delay_s=0.3),
        Cue(say(tts, "Mmm hmm."), when="playing", delay_s=1.0),
        Cue(cough(), when="playing", delay_s=2.6),
        Cue(say(tts, "Okay."), when="playing", delay_s=3.6),
        Cue(say(tts, "Ten messages a day each."), delay_s=0.5),
        Cue(say(tts, "Wait, hold on, that is not right."), when="playing", delay_s=1.2),
    ]
    events, loop, _ = run_room(stt, tts, cues, echo_gain=0.2)
    stops = of(events, PlaybackStopped)
    assert [s.interrupted for s in stops][:2] == [False, True], stops
    assert stops[0].played_text == REPLY
    assert len(of(events, BargeIn)) == 1
    cut = stops[1].played_text
    assert cut and REPLY.startswith(cut) and len(cut) < len(REPLY)
    # The record keeps the reply only as far as it was heard, and the interruption is a turn.
    assert ("interviewer", cut) in loop.history
    texts = [t.text for t in of(events, TurnCommitted)]
    assert len(texts) == 3 and "right" in texts[2].lower(), texts


def test_echo_of_the_reply_does_not_trigger_a_turn(stt, tts):
    cues = [Cue(say(tts, "We need about fifty servers."), delay_s=0.3)]
    events, loop, _ = run_room(stt, tts, cues, echo_gain=0.5, echo_delay_ms=80)
    assert len(of(events, TurnCommitted)) == 1
    assert of(events, BargeIn) == []
    (stop,) = of(events, PlaybackStopped)
    assert not stop.interrupted
    assert loop.echo.stats.suppressed > 50


def test_silence_and_noise_produce_no_turns(stt, tts):
    rng = np.random.default_rng(7)
    noise = rng.normal(0, 0.05, 4 * 16_000).astype(np.float32)
    cues = [Cue(silence(2.0), delay_s=0.0), Cue(noise, delay_s=0.0, reply_timeout_s=0.0)]
    events, _, _ = run_room(stt, tts, cues, speed=4.0, no_reply_tail_s=1.5)
    assert of(events, TurnCommitted) == []
    assert of(events, PlaybackStarted) == []


def test_microphone_failure_mid_reply_ends_cleanly_with_an_error(stt, tts):
    cues = [Cue(say(tts, "We have three hundred million daily users."), delay_s=0.2)]
    events, loop, sim = run_room(stt, tts, cues, fail_after_s=5.0)
    errors = of(events, VoiceError)
    assert len(errors) == 1 and errors[0].fatal and "microphone" in errors[0].message
    assert not sim.speaker.is_playing()
    assert len(of(events, TurnCommitted)) == 1


def test_push_to_talk_turns_follow_the_key(stt, tts):
    clip = say(tts, "Use Redis as a cache.")
    cues = [Cue(clip, delay_s=0.5), Cue(say(tts, "Ignore this part."), delay_s=0.5)]

    class RoomKey:
        """Held from 0.3 s until 0.4 s after the first clip; never for the second."""

        @property
        def pressed(self) -> bool:
            return 0.3 * 16_000 <= sim.position < 0.9 * 16_000 + len(clip)

    events = []
    sim = SimulatedRoom(cues, RoomConfig(speed=3.0, no_reply_tail_s=1.0))
    loop = VoiceLoop(
        sim.microphone,
        sim.speaker,
        stt,
        tts,
        lambda u: "",
        events.append,
        config=LoopConfig(vocabulary=("Redis",)),
        push_to_talk=RoomKey(),
    )
    loop.run()
    texts = [t.text for t in of(events, TurnCommitted)]
    assert len(texts) == 1 and "redis" in texts[0].lower()


def test_odd_input_formats_are_converted(stt, tts):
    from voice.events import AudioChunk
    from voice.resample import resample

    speech = np.concatenate([silence(0.3), say(tts, "Four hundred servers."), silence(1.0)])
    loud = np.clip(resample(speech, 16_000, 48_000) * 4.0, -1, 1)  # clipped and at 48 kHz
    stereo = np.repeat(loud[:, None], 2, axis=1).reshape(-1)
    pcm = (stereo * 32767).astype(np.int16)
    step = 2 * 48_000 * 30 // 1000

    class StereoMic:
        rate = 48_000

        def chunks(self):
            for i in range(0, len(pcm), step):
                yield AudioChunk(
                    pcm[i : i + step].tobytes(), 48_000, channels=2, timestamp=i / 2 / 48_000
                )

        def close(self):
            pass

    from voice.playback import BufferSpeaker

    events = []
    loop = VoiceLoop(StereoMic(), BufferSpeaker(speed=0), stt, tts, lambda u: "", events.append)
    loop.run()
    (turn,) = of(events, TurnCommitted)
    assert "400" in turn.text or "four hundred" in turn.text.lower()


def test_ten_minute_monologue_keeps_memory_bounded(stt, tts):
    import psutil

    lines = [
        "The write path goes through the queue and then into the database.",
        "Each shard holds about two terabytes, so we need forty of them.",
        "Reads hit the cache first, which absorbs ninety percent of traffic.",
        "If a region fails, traffic shifts to the other two within a minute.",
        "We keep thirty days of messages hot and archive the rest.",
        "The fan out service batches notifications per device token.",
    ]
    clips = [say(tts, line) for line in lines]
    # Gaps shorter than the VAD hangover: one endless stretch of speech, ten minutes long.
    unit = np.concatenate(
        [np.concatenate([c[: speech_bounds(c)[1]], silence(0.08)]) for c in clips]
    )
    monologue = np.tile(unit, int(600 * 16_000 / len(unit)) + 1)[: 600 * 16_000]
    process = psutil.Process()
    before = process.memory_info().rss
    config = LoopConfig(max_turn_s=60.0, speculate_max_s=5.0)
    events, loop, _ = run_room(
        stt, tts, [Cue(monologue)], respond=lambda u: "", config=config, speed=0, tail_s=0.5
    )
    del monologue
    grown_mb = (process.memory_info().rss - before) / 1e6
    turns = of(events, TurnCommitted)
    assert 9 <= len(turns) <= 11  # committed every 60 s instead of growing without bound
    assert all(t.speech_end - t.speech_start <= 61.0 for t in turns)
    assert grown_mb < 150, grown_mb


def test_asked_for_time_the_loop_waits_says_take_your_time_once_and_resumes(stt, tts):
    from voice.events import ReplySentence, ThinkingEnded, ThinkingStarted

    clip = np.concatenate(
        [
            say(tts, "Okay, give me a minute."),
            silence(6.0),
            say(tts, "So that is three billion messages a day."),
        ]
    )
    events, loop, _ = run_room(
        stt, tts, [Cue(clip, delay_s=0.3)], respond=lambda u: "Right.", echo_gain=0.3
    )
    (turn,) = of(events, TurnCommitted)
    assert "minute" in turn.text and "3 billion" in turn.text
    said = [e.text for e in of(events, ReplySentence)]
    assert said == ["Take your time.", "Right."]  # one short line during the wait, no question
    (started,) = [e for e in of(events, ThinkingStarted) if e.reason == "asked"]
    assert started.limit_s == LoopConfig().policy.thinking_wait_s
    assert [e.how for e in of(events, ThinkingEnded)][-1] in ("resumed", "committed")
    assert loop.thinking is None


def test_a_long_silence_after_the_interviewer_spoke_gets_one_gentle_check_in(stt, tts):
    from voice.events import ReplySentence

    config = LoopConfig(idle_check_in_s=3.0)
    cues = [Cue(say(tts, "We need four shards."), delay_s=0.3)]
    events, _, _ = run_room(
        stt, tts, cues, respond=lambda u: "How would you shard it?", config=config, tail_s=8.0
    )
    said = [e.text for e in of(events, ReplySentence)]
    assert said[0] == "How would you shard it?" and " ".join(said[1:]) == config.check_in
    assert len(of(events, TurnCommitted)) == 1
