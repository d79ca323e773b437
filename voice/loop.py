"""The turn loop: microphone → echo gate → VAD → turn policy → responder → Piper → speaker.

One thread reads the microphone and makes every decision on the audio clock; Whisper runs on a
worker thread (``voice.transcribe_worker``) and the reply on another (``voice.reply``), so the
loop hears barge-in while it speaks. Speculative transcription starts as soon as the VAD hears
a pause and is thrown away if speech resumes, so when the turn policy commits, the transcript
is usually already there. Every step is a typed event for ``on_event``; failures are
``VoiceError`` events, never exceptions out of ``run()``.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from voice.barge_in import BargeInPolicy, content_words, is_echo_of
from voice.echo import EchoConfig, EchoGate
from voice.events import (
    AudioChunk,
    BargeIn,
    SpeechStarted,
    SpeechStopped,
    ThinkingEnded,
    ThinkingStarted,
    TranscriptFinal,
    TranscriptPartial,
    TurnCommitted,
    VoiceError,
    VoiceEvent,
)
from voice.protocols import (
    Microphone,
    Responder,
    Speaker,
    Synthesizer,
    Transcriber,
    Transcript,
)
from voice.push_to_talk import PushToTalk
from voice.reply import ReplyPlayback, to_reference
from voice.transcribe_worker import (
    EndOfTurnModel,
    Job,
    TranscribeWorker,
    VirtualTranscribeWorker,
)
from voice.turn_policy import TurnPolicy, TurnWait
from voice.vad import FRAME_MS, RATE, Endpointer, Framer, VadConfig

FRAME_S = FRAME_MS / 1000.0


@dataclass(frozen=True)
class LoopConfig:
    """Everything tunable about turn-taking, in one place."""

    vad: VadConfig = field(default_factory=VadConfig)
    policy: TurnPolicy = field(default_factory=TurnPolicy)
    barge_in: BargeInPolicy = field(default_factory=BargeInPolicy)
    echo: EchoConfig = field(default_factory=EchoConfig)
    headphones: bool = False
    """No echo to remove: the gate is off."""
    echo_canceller: str = "gate"
    """"gate" (our reference-aware gate), or WebRTC AEC3 from ``pywebrtc-audio`` (the ``aec``
    extra): "aec3" alone or "gate+aec3". The gate stays the default: measured in
    ``bench/voice/echo_compare.py`` and the voice bench, AEC3 wins only in a reverberant room,
    leaks each reply's onset on a real device, and its double-talk output makes Whisper invent
    words from "mm-hm" over the reply (false barge-ins)."""
    vocabulary: tuple[str, ...] = ()
    """Words Whisper is biased towards (the scenario's "Redis", "QPS", ...)."""
    max_turn_s: float = 60.0
    """A turn longer than this is committed anyway (bounded memory for monologues)."""
    first_sentence_words: int = 8
    speculate_after_ms: int = 90
    """Silence after which Whisper starts on the turn so far (discarded if speech resumes)."""
    speculate_max_s: float = 20.0
    """Longer turns are transcribed once, at commit: re-transcribing a monologue at every
    breath would keep Whisper busy for nothing."""
    emit_audio: bool = False
    """Also emit every microphone chunk as an ``AudioChunk`` event (for recording)."""
    virtual_clock: bool = False
    """The microphone runs faster than real time (a file): events are stamped on the audio
    clock and Whisper's results arrive as late on that clock as its wall time (see
    ``VirtualTranscribeWorker``). Only for input without playback (``hotseat listen --wav``)."""
    take_your_time: str = "Take your time."
    """Said once when the candidate asks for time ("give me a minute"); "" says nothing."""
    check_in: str = "No rush. Talk me through where you are when you're ready."
    """Said once after a long silence nobody asked for: mid-calculation
    (``TurnPolicy.check_in_after_s``) or after the interviewer spoke (``idle_check_in_s``)."""
    idle_check_in_s: float = 20.0
    """Silence after the interviewer's last words before the gentle check-in."""
    end_of_turn: EndOfTurnModel | None = None
    """An audio end-of-turn model (``voice.smart_turn.SmartTurn``) consulted on speculative
    transcripts whose words read as finished; None (the default) uses the words alone."""


_turn_numbers = itertools.count(1)


@dataclass
class _Turn:
    start: float
    overlaps_reply: bool
    began_in_reply: bool = False
    frames: list[np.ndarray] = field(default_factory=list)
    voiced_s: float = 0.0
    speech_end: float | None = None
    generation: int = 0
    partial: str | None = None
    partial_generation: int = -1
    transcript: Transcript | None = None
    number: int = field(default_factory=lambda: next(_turn_numbers))
    checked_voiced_s: float = 0.0
    unvoiced_run: int = 0
    speculated: bool = False
    veto: bool = False
    thinking: TurnWait | None = None
    """Set while the candidate is thinking inside this turn (asked for time, or mid-sum)."""
    nudged: bool = False
    """"Take your time" or the check-in was said during this turn (at most once)."""
    end_of_turn: float | None = None
    """The end-of-turn model's probability for the current partial, if one is in use."""
    barge_text: str | None = None
    """The overlap's transcript at the last barge-in check."""
    asked: str | None = None
    """Words the candidate asked for time with without saying them (a "give me a minute"
    button): part of the turn's text, and a thinking wait until speech resumes."""
    asked_first: bool = False
    """The request came before any speech of this turn (its text goes first)."""
    asked_silent: bool = False
    """No speech since the request: the wait is the asked-for-time one whatever was said."""

    def words(self) -> str | None:
        """The turn's text so far: the speculative transcript plus a silent request for time."""
        if self.asked is None:
            return self.partial
        heard = (self.partial or "").strip()
        parts = [self.asked, heard] if self.asked_first else [heard, self.asked]
        return " ".join(p for p in parts if p)

    def audio(self) -> np.ndarray:
        return np.concatenate(self.frames).astype(np.float32) / 32768.0

    @property
    def duration(self) -> float:
        return len(self.frames) * FRAME_S


class VoiceLoop:
    """Hands-free turn-taking around any ``respond(utterance) -> reply`` callable."""

    def __init__(
        self,
        microphone: Microphone,
        speaker: Speaker,
        transcriber: Transcriber,
        synthesizer: Synthesizer,
        respond: Responder,
        on_event: Callable[[VoiceEvent], None] | None = None,
        config: LoopConfig | None = None,
        push_to_talk: PushToTalk | None = None,
    ) -> None:
        self.microphone = microphone
        self.speaker = speaker
        self.synthesizer = synthesizer
        self.respond = respond
        self.config = config or LoopConfig()
        self.push_to_talk = push_to_talk
        self._on_event = on_event
        self.history: list[tuple[str, str]] = []
        """("candidate" | "interviewer", text); replies only as far as they were heard."""
        echo = self.config.echo
        if self.config.headphones:
            echo = EchoConfig(**{**echo.__dict__, "enabled": False})
        self.echo = _echo_canceller(echo, self.config.echo_canceller)
        self._gate_lock = threading.Lock()
        self._vad = Endpointer(self.config.vad)
        self._framer = Framer()
        end_of_turn = self.config.end_of_turn
        finished = self.config.policy.reads_finished
        if self.config.virtual_clock:
            self._worker: TranscribeWorker | VirtualTranscribeWorker = VirtualTranscribeWorker(
                transcriber,
                self.config.vocabulary,
                self._emit_error,
                clock=lambda: self._framer.now,
                end_of_turn=end_of_turn,
                finished=finished,
            )
        else:
            self._worker = TranscribeWorker(
                transcriber, self.config.vocabulary, self._emit_error, end_of_turn, finished
            )
        self._turn: _Turn | None = None
        self._reply: ReplyPlayback | None = None
        self._ref_pos = 0.0
        self._ref_time = 0.0
        self._stopping = threading.Event()
        self._ptt_was_pressed = False
        self._speculate_frames = max(1, self.config.speculate_after_ms // FRAME_MS)
        self._quiet_since: float | None = None
        self._idle_checked_in = False
        self._asks: list[str] = []
        self._asks_lock = threading.Lock()
        self.turns = 0
        self.barge_ins = 0

    @property
    def audio_origin(self) -> float | None:
        """Clock time of the microphone's first sample (None before any audio)."""
        return self._framer.origin

    @property
    def speaking(self) -> bool:
        """A reply (or a short line) is being generated or played."""
        return self._busy()

    @property
    def thinking(self) -> TurnWait | None:
        """The wait in force while the candidate thinks inside a turn, else None."""
        turn = self._turn
        return turn.thinking if turn is not None else None

    # -- public -------------------------------------------------------------------------
    def run(self) -> None:
        """Listen until the microphone ends, fails, or ``stop()`` is called."""
        self._worker.start()
        try:
            for chunk in self.microphone.chunks():
                if self._stopping.is_set():
                    break
                self._on_chunk(chunk)
            else:
                self._finish_pending()
        except Exception as exc:  # the device went away: say so and end cleanly
            self._emit(VoiceError(message=_one_line(exc), fatal=True, timestamp=self._now()))
            if self._reply is not None:
                self._reply.cut()
        finally:
            if self._reply is not None:
                self._reply.join(timeout=30)
            self._worker.stop()

    def ask_for_time(self, text: str) -> None:
        """The candidate asked for time without saying it (the page's "give me a minute"):
        the same thinking wait as when it is said. Nothing is committed until the candidate
        speaks again or the policy's thinking wait runs out, "take your time" is said once,
        and a reply being spoken is cut. ``text`` stands in the turn for the request.
        Thread-safe: applied by the loop's thread at its next microphone chunk."""
        with self._asks_lock:
            self._asks.append(text)

    def stop(self) -> None:
        self._stopping.set()
        with contextlib.suppress(Exception):  # closing a dead device is not news
            self.microphone.close()

    # -- per chunk / frame -----------------------------------------------------------------
    def _on_chunk(self, chunk: AudioChunk) -> None:
        if self.config.emit_audio:
            self._emit(chunk)
        samples = _to_model_rate(chunk)
        for frame, t in self._framer.push(samples, chunk.timestamp):
            self._on_frame(frame, t)
        with self._asks_lock:
            asks, self._asks = self._asks, []
        for text in asks:
            self._hold_for_thinking(text, self._framer.now)
        self._drain_results(self._framer.now)
        self._idle_check(self._framer.now)

    def _on_frame(self, frame: np.ndarray, t: float) -> None:
        with self._gate_lock:
            frame = self.echo.process(frame, int(self._reference_position(t)))
        if self.push_to_talk is not None:
            self._push_to_talk_frame(frame, t)
            return
        step = self._vad.process(frame, t)
        turn = self._turn
        for event in step.events:
            self._emit(event)
            if isinstance(event, SpeechStarted):
                if turn is None:
                    turn = self._turn = _Turn(
                        start=event.timestamp,
                        overlaps_reply=self._busy(),
                        began_in_reply=self._busy(),
                    )
                else:  # speech resumed inside a pause: the speculative transcript is stale
                    turn.generation += 1
                    turn.speculated = False
                    turn.speech_end = None
                    turn.asked_silent = False
                    self._end_thinking(turn, "resumed")
            elif isinstance(event, SpeechStopped) and turn is not None:
                turn.speech_end = event.timestamp
        if turn is None:
            return
        turn.frames.extend(step.audio)
        if step.voiced:
            turn.voiced_s += FRAME_S
            turn.unvoiced_run = 0
            if turn.speculated:  # still talking: the transcript in flight is already stale
                turn.generation += 1
                turn.speculated = False
        elif self._vad.active:
            turn.unvoiced_run += 1
        stopped = any(isinstance(e, SpeechStopped) for e in step.events)
        speculate = stopped or turn.unvoiced_run == self._speculate_frames
        short_enough = turn.duration <= self.config.speculate_max_s
        if speculate and short_enough and not turn.speculated and not turn.overlaps_reply:
            # Start Whisper at the first short silence, before the VAD's hangover has run
            # out, so the transcript is ready by the time the turn policy commits.
            turn.speculated = True
            self._worker.submit(Job("partial", turn.generation, turn.audio(), turn=turn.number))
        if turn.overlaps_reply:
            self._check_barge_in(turn, stopped)
        elif turn.duration >= self.config.max_turn_s:
            self._commit_now(turn, forced=True)

    def _drain_results(self, now: float) -> None:
        for job, transcript in self._worker.results():
            turn = self._turn
            if turn is None or job.turn != turn.number:
                continue
            if job.kind != "barge" and job.generation != turn.generation:
                continue
            if job.kind == "partial":
                turn.partial, turn.partial_generation = transcript.text, job.generation
                turn.end_of_turn = job.end_of_turn
                turn.transcript = transcript
                self._emit(TranscriptPartial(text=transcript.text, timestamp=self._now()))
            elif job.kind == "barge" and turn.overlaps_reply:
                self._emit(TranscriptPartial(text=transcript.text, timestamp=self._now()))
                self._barge_result(turn, transcript.text)
        self._maybe_commit(now)

    # -- turn commit ------------------------------------------------------------------------
    def _maybe_commit(self, now: float) -> None:
        turn = self._turn
        if turn is None or self._vad.active or turn.speech_end is None:
            return
        if turn.overlaps_reply:
            if not self._busy():  # the reply ended under the speech: treat as a fresh turn
                turn.overlaps_reply = False
                turn.speculated = True
                self._worker.submit(Job("partial", turn.generation, turn.audio(), turn=turn.number))
            elif now - turn.speech_end >= self.config.policy.short_wait_s:
                self._turn = None  # speech over playback that never became a barge-in
                return
            else:
                return
        if turn.duration > self.config.speculate_max_s and not turn.speculated:
            if now - turn.speech_end >= self.config.policy.short_wait_s:
                self._commit_now(turn, forced=False)
            return
        if turn.partial_generation != turn.generation or turn.partial is None:
            return
        policy = self.config.policy
        if turn.asked_silent:
            wait = TurnWait(policy.thinking_wait_s, "asked")
        else:
            wait = policy.decide(turn.words() or "", turn.end_of_turn)
        silence = now - turn.speech_end
        if wait.thinking:
            self._think(turn, wait, silence)
        if silence < wait.seconds:
            return
        self._end_thinking(turn, "timed_out")
        self._turn = None
        text = turn.words()
        if not text or (not content_words(text) and turn.began_in_reply):
            return  # a cough, noise or lone backchannel: not a turn
        self._commit(turn, text, turn.transcript)

    # -- thinking time -------------------------------------------------------------------------
    def _think(self, turn: _Turn, wait: TurnWait, silence: float) -> None:
        """The candidate is thinking: hold the turn, and say at most one short line."""
        if turn.thinking is None:
            turn.thinking = wait
            self._emit(
                ThinkingStarted(reason=wait.reason, limit_s=wait.seconds, timestamp=self._now())
            )
        if turn.nudged or self._busy():
            return
        policy = self.config.policy
        if wait.reason == "asked" and silence >= policy.take_your_time_after_s:
            turn.nudged = True
            self._say(self.config.take_your_time)
        elif wait.reason == "unfinished" and silence >= policy.check_in_after_s:
            turn.nudged = True
            self._say(self.config.check_in)

    def _hold_for_thinking(self, text: str, now: float) -> None:
        """A request for time from outside the microphone (see ``ask_for_time``)."""
        if self._busy():  # asking for time while the interviewer talks stops it, as speech would
            self._emit(BargeIn(timestamp=self._now()))
            self._reply.cut()  # type: ignore[union-attr]
            self.barge_ins += 1
        turn = self._turn
        if turn is None or (turn.overlaps_reply and not turn.frames):
            turn = self._turn = _Turn(start=now, overlaps_reply=False, partial="")
            turn.partial_generation = turn.generation
            turn.speech_end = now
            turn.asked_first = True
        turn.overlaps_reply = False
        turn.asked = text
        turn.asked_silent = True
        if turn.speech_end is None and not self._vad.active:
            turn.speech_end = now
        if turn.frames and not turn.speculated and not self._vad.active:
            turn.speculated = True  # the words so far, for the turn's text
            self._worker.submit(Job("partial", turn.generation, turn.audio(), turn=turn.number))
        self._maybe_commit(now)

    def _end_thinking(self, turn: _Turn, how: str) -> None:
        if turn.thinking is not None:
            turn.thinking = None
            self._emit(ThinkingEnded(how=how, timestamp=self._now()))

    def _idle_check(self, now: float) -> None:
        """A long silence after the interviewer spoke, with no turn: one gentle check-in."""
        if self._turn is not None or self._vad.active or self._busy() or self._reply is None:
            self._quiet_since = None
            return
        if self._quiet_since is None:
            self._quiet_since = now
        elif not self._idle_checked_in and now - self._quiet_since >= self.config.idle_check_in_s:
            self._idle_checked_in = True
            self._say(self.config.check_in)

    def _say(self, text: str) -> None:
        """Speak a fixed line (not the interviewer's): the echo gate and barge-in still apply."""
        if text:
            self._start_reply(text, respond=lambda _utterance: text)

    def _commit_now(self, turn: _Turn, forced: bool) -> None:
        """Commit a turn whose transcript is not ready (too long, end of input): wait for it."""
        self._turn = None
        transcript = self._worker.transcribe_now(turn.audio())
        if transcript is not None and transcript.text:
            self._commit(turn, transcript.text, transcript)
        if forced and self._vad.active:  # still talking: the rest is a new turn
            self._turn = _Turn(start=self._framer.now, overlaps_reply=self._busy())

    def _commit(self, turn: _Turn, text: str, transcript: Transcript | None = None) -> None:
        now = self._now()
        self._end_thinking(turn, "committed")
        self._idle_checked_in = False
        segments = (
            tuple((s.start, s.end, s.text) for s in transcript.segments) if transcript else ()
        )
        nsp = transcript.no_speech_prob if transcript else 0.0
        self._emit(TranscriptFinal(text=text, segments=segments, no_speech_prob=nsp, timestamp=now))
        self._emit(
            TurnCommitted(
                text=text,
                speech_start=turn.start,
                speech_end=turn.speech_end or self._framer.now,
                timestamp=now,
            )
        )
        self.turns += 1
        self.history.append(("candidate", text))
        if self._reply is not None and not self._reply.done:
            self._reply.cut()
        self._start_reply(text)

    def _finish_pending(self) -> None:
        turn = self._turn
        if turn is not None and not turn.overlaps_reply and turn.voiced_s > 0:
            if turn.partial_generation == turn.generation and turn.partial is not None:
                self._turn = None
                if turn.partial:
                    self._commit(turn, turn.partial, turn.transcript)
            else:
                self._commit_now(turn, forced=False)
        if self._reply is not None:
            self._reply.join(timeout=60)

    # -- replies, barge-in -----------------------------------------------------------------------
    def _busy(self) -> bool:
        return self._reply is not None and not self._reply.done

    def _start_reply(self, utterance: str, respond: Responder | None = None) -> None:
        if self.config.virtual_clock:
            return  # nothing can play on a virtual clock; a reply thread would race the file
        with self._gate_lock:
            self.echo.reset_reference()
            self._ref_pos, self._ref_time = 0.0, self._framer.now
        reply = ReplyPlayback(
            utterance=utterance,
            respond=respond or self.respond,
            synthesizer=self.synthesizer,
            speaker=self.speaker,
            emit=self._emit_reply_event,
            on_audio=self._add_reference,
            first_max_words=self.config.first_sentence_words,
        )
        self._reply = reply
        reply.start()

    def _emit_reply_event(self, event: VoiceEvent) -> None:
        from voice.events import PlaybackStopped

        if isinstance(event, PlaybackStopped):
            self.history.append(("interviewer", event.played_text))
        self._emit(event)

    def _add_reference(self, chunk: AudioChunk) -> None:
        audio = to_reference(chunk)
        with self._gate_lock:
            self.echo.add_reference(audio)

    def _reference_position(self, t: float) -> float:
        """Reference samples (16 kHz) the speaker had played when the frame at ``t`` arrived."""
        reply = self._reply
        if reply is None:
            return 0.0
        if self.speaker.is_playing():
            rate = getattr(self.synthesizer, "sample_rate", RATE) or RATE
            self._ref_pos = reply.played() * RATE / rate
            self._ref_time = t
            return self._ref_pos
        # Quiet speaker: keep the clock running so the echo tail still lines up.
        return self._ref_pos + (t - self._ref_time) * RATE

    def _check_barge_in(self, turn: _Turn, stopped: bool) -> None:
        policy = self.config.barge_in
        if not self._busy():
            return
        if turn.voiced_s >= policy.force_speech_s and not turn.veto:
            self._barge_in(turn)
            return
        due = turn.checked_voiced_s + (
            policy.recheck_every_s if turn.checked_voiced_s else policy.check_after_s
        )
        # Also check when a short burst ends ("No," then a breath): it may already be a word.
        unchecked = turn.voiced_s - turn.checked_voiced_s
        if (self._vad.active and turn.voiced_s >= due) or (stopped and unchecked >= 0.1):
            turn.checked_voiced_s = turn.voiced_s
            job = Job("barge", turn.generation, turn.audio(), priority=True, turn=turn.number)
            self._worker.submit(job)

    def _barge_result(self, turn: _Turn, text: str) -> None:
        reply = self._reply
        if reply is None or reply.done:
            return
        if is_echo_of(text, reply.full_text()):
            turn.veto = True
            return
        previous, turn.barge_text = turn.barge_text, text
        if self.config.barge_in.decide(text, turn.voiced_s, previous):
            self._barge_in(turn)
        elif text and not content_words(text):
            turn.veto = True  # a backchannel: never force it through on length alone

    def _barge_in(self, turn: _Turn) -> None:
        reply = self._reply
        if reply is None:
            return
        self._emit(BargeIn(timestamp=self._now()))
        reply.cut()
        self.barge_ins += 1
        turn.overlaps_reply = False
        if turn.speech_end is not None and not self._vad.active:
            turn.speculated = True
            self._worker.submit(Job("partial", turn.generation, turn.audio(), turn=turn.number))

    # -- push to talk ---------------------------------------------------------------------------
    def _push_to_talk_frame(self, frame: np.ndarray, t: float) -> None:
        assert self.push_to_talk is not None
        pressed = self.push_to_talk.pressed
        if pressed and not self._ptt_was_pressed:
            if self._busy():
                self._emit(BargeIn(timestamp=self._now()))
                self._reply.cut()  # type: ignore[union-attr]
            self._turn = _Turn(start=t, overlaps_reply=False)
            self._emit(SpeechStarted(timestamp=t))
        self._ptt_was_pressed = pressed
        turn = self._turn
        if turn is None:
            return
        if pressed:
            turn.frames.append(frame)
            if self._vad.is_voiced(frame):
                turn.voiced_s += FRAME_S
            if turn.duration < self.config.max_turn_s:
                return
        turn.speech_end = t
        self._emit(SpeechStopped(timestamp=t))
        self._turn = None
        if turn.voiced_s >= 3 * FRAME_S:  # Whisper only hears presses that held speech
            self._commit_now(turn, forced=False)

    # -- plumbing ------------------------------------------------------------------------------
    def _emit(self, event: VoiceEvent) -> None:
        if self._on_event is None:
            return
        with contextlib.suppress(Exception):  # a broken listener must not stop the microphone
            self._on_event(event)

    def _now(self) -> float:
        """Event time: the audio clock when input is faster than real time, else the wall."""
        return self._framer.now if self.config.virtual_clock else time.monotonic()

    def _emit_error(self, message: str) -> None:
        self._emit(VoiceError(message=message, timestamp=self._now()))


def _echo_canceller(config: EchoConfig, kind: str):
    """The echo canceller the loop runs every microphone frame through."""
    if kind not in ("gate", "aec3", "gate+aec3"):
        raise ValueError(f"unknown echo canceller {kind!r}: gate, aec3 or gate+aec3")
    if kind == "gate" or not config.enabled:
        return EchoGate(config)
    from voice.webrtc_echo import GatedWebRtcEcho, WebRtcEchoCanceller

    return GatedWebRtcEcho(config) if kind == "gate+aec3" else WebRtcEchoCanceller()


def _to_model_rate(chunk: AudioChunk) -> np.ndarray:
    """16 kHz mono int16 whatever the microphone delivered."""
    if chunk.rate == RATE and chunk.channels == 1 and chunk.width == 2:
        return chunk.samples
    from voice.resample import float_to_int16, resample, to_float_mono

    dtype = {1: np.uint8, 2: np.int16, 4: np.int32}[chunk.width]
    audio = to_float_mono(np.frombuffer(chunk.audio, dtype=dtype), chunk.channels)
    return float_to_int16(resample(audio, chunk.rate, RATE))


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def run_loop(*args, **kwargs) -> VoiceLoop:
    """Build a ``VoiceLoop`` and run it to the end; returns it for its history and counters."""
    loop = VoiceLoop(*args, **kwargs)
    loop.run()
    return loop


__all__ = ["LoopConfig", "VoiceLoop", "run_loop"]
