"""The page's "give me a minute" button in a spoken interview is the voice loop's own thinking
wait, the one the terminal uses when the candidate says it: no turn is taken and nothing is
asked while the candidate thinks, "take your time" is said once, and the next words continue
the same turn. Real webrtcvad, Whisper and Piper; a simulated room at the sound-card boundary."""

from __future__ import annotations

import pytest

from tests.voice_clips import say
from voice.events import (
    BargeIn,
    ReplySentence,
    ThinkingEnded,
    ThinkingStarted,
    TurnCommitted,
)
from voice.loop import LoopConfig, VoiceLoop
from voice.room import Cue, RoomConfig, SimulatedRoom

pytestmark = pytest.mark.slow
RATE = 16_000
ASK = "Give me a minute to think this through."


class PressAt:
    """The room's microphone, with the button pressed once `at_s` seconds of audio in."""

    rate = RATE

    def __init__(self, microphone, at_s: float) -> None:
        self.microphone = microphone
        self.at = int(at_s * RATE)
        self.press = lambda: None

    def chunks(self):
        heard, pressed = 0, False
        for chunk in self.microphone.chunks():
            yield chunk
            heard += len(chunk.audio) // 2
            if not pressed and heard >= self.at:
                pressed = True
                self.press()

    def close(self) -> None:
        self.microphone.close()


@pytest.fixture(scope="module")
def backend():
    from agent.web.voice import VoiceBackend
    from tests.audio.clips import piper, whisper

    return VoiceBackend(whisper(), piper())


def run(stt, tts, cues, press_at_s, respond, config=None, **room):
    events = []
    sim = SimulatedRoom(cues, RoomConfig(**room))
    microphone = PressAt(sim.microphone, press_at_s)
    loop = VoiceLoop(
        microphone, sim.speaker, stt, tts, respond, on_event=events.append, config=config
    )
    sim.reply_active = lambda: loop.speaking
    microphone.press = lambda: loop.ask_for_time(ASK)
    loop.run()
    return events, loop


def of(events, kind):
    return [e for e in events if isinstance(e, kind)]


def test_the_button_holds_the_turn_says_take_your_time_once_and_the_next_words_continue_it(
    backend,
):
    stt, tts = backend.transcriber, backend.synthesizer
    # pressed in silence; the candidate thinks for ~6 s, then gives the answer
    cue = Cue(say(tts, "So that is three billion messages a day."), delay_s=6.0)
    events, loop = run(stt, tts, [cue], 0.5, respond=lambda u: "Right.", echo_gain=0.3)
    (started,) = of(events, ThinkingStarted)
    assert started.reason == "asked"
    assert started.limit_s == LoopConfig().policy.thinking_wait_s
    said = [e.text for e in of(events, ReplySentence)]
    assert said == ["Take your time.", "Right."]  # one short line during the wait, no question
    (turn,) = of(events, TurnCommitted)  # the request and the answer are one turn
    assert turn.text.startswith(ASK) and "3 billion" in turn.text
    assert [e.how for e in of(events, ThinkingEnded)][-1] in ("resumed", "committed")
    assert loop.thinking is None


def test_the_button_cuts_the_interviewer_and_waits_quietly(backend):
    stt, tts = backend.transcriber, backend.synthesizer
    long_reply = (
        "Good. Let me restate that so we agree on the numbers. "
        "Then walk me through the write path, the storage, and how you would shard it."
    )
    config = LoopConfig(idle_check_in_s=3.0)
    cue = Cue(say(tts, "We need four shards."), delay_s=0.3)
    # the reply starts ~2 s in (speech, short wait, interviewer, Piper); pressed while it plays
    events, loop = run(
        stt,
        tts,
        [cue],
        3.5,
        respond=lambda u: long_reply,
        config=config,
        tail_s=9.0,
    )
    assert len(of(events, BargeIn)) == 1  # the reply was cut by the button
    said = [e.text for e in of(events, ReplySentence)]
    # after the cut: "take your time" once, and no idle check-in while the candidate thinks
    assert said[-1] == "Take your time." and config.check_in not in said
    assert len(of(events, TurnCommitted)) == 1  # nothing taken while thinking
    assert loop.thinking is not None and loop.thinking.reason == "asked"


def test_thinking_wait_runs_out_and_the_request_becomes_the_turn(backend):
    stt, tts = backend.transcriber, backend.synthesizer
    from voice.turn_policy import TurnPolicy

    config = LoopConfig(policy=TurnPolicy(thinking_wait_s=4.0))
    events, _ = run(
        stt,
        tts,
        [],
        0.3,
        respond=lambda u: "Sure. Where are you now?",
        config=config,
        tail_s=8.0,
        no_reply_tail_s=8.0,
    )
    (turn,) = of(events, TurnCommitted)
    assert turn.text == ASK
    said = [e.text for e in of(events, ReplySentence)]
    assert said[0] == "Take your time." and "Where are you now?" in " ".join(said)
    assert turn.timestamp - turn.speech_end >= 3.9  # the whole thinking wait, then the turn
