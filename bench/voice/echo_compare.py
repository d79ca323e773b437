"""Echo gate vs WebRTC AEC3 (``pywebrtc-audio``) on the same microphone signals.

``python -m bench.voice.echo_compare [--trace FILE ...]``

Simulated room: every bench reply (Piper) leaks into the microphone (attenuated, delayed, and in
the "reverberant" room also smeared by reflections), once alone and once with the candidate
interrupting two seconds in. Both cancellers see the same frames and the same "played" counter
the loop gives them, and their output goes through the loop's own endpointer:

- self-triggers: speech starts the endpointer hears while only the reply plays;
- barge-in detection: interruptions whose speech the endpointer hears, how soon after they
  begin, and how many of their words Whisper still finds in the cancelled audio;
- CPU: microseconds per 10 ms of audio.

``--trace`` replays microphone captures recorded on a real device (the PulseAudio null sink,
see ``bench/voice/null_sink_trace.py``) through both cancellers the same way.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RATE = 16_000
FRAME = 480


@dataclass
class Trial:
    """One reply on the microphone, with or without the candidate talking over it."""

    mic: np.ndarray
    """float32 16 kHz: what the microphone heard."""
    reference: np.ndarray
    """float32 16 kHz: the reply as it was played."""
    played: np.ndarray
    """Per frame: reference samples played by the end of that frame."""
    speech: tuple[float, float] | None = None
    """(start, end) seconds of the candidate's speech, if any."""
    words: str = ""


def room_response(reverberant: bool, delay_ms: float, seed: int = 3) -> np.ndarray:
    """Speaker-to-microphone impulse response: a delayed direct path, plus (reverberant)
    reflections decaying with an RT60 of about 0.3 s."""
    delay = int(RATE * delay_ms / 1000)
    length = delay + (int(0.3 * RATE) if reverberant else 1)
    ir = np.zeros(length, dtype=np.float32)
    ir[delay] = 1.0
    if reverberant:
        rng = np.random.default_rng(seed)
        t = np.arange(length - delay - 40) / RATE
        tail = rng.normal(0, 1, len(t)) * np.exp(-6.9 * t / 0.3)
        ir[delay + 40 :] += 0.35 * tail.astype(np.float32) / np.sqrt(np.sum(tail**2))
    return ir


def make_trial(reply, gain, ir, interruption=None, lead_s=0.5, at_s=2.0, seed=0) -> Trial:
    lead = int(lead_s * RATE)
    echo = np.convolve(reply, ir)[: len(reply) + len(ir)] * gain
    mic = np.zeros(lead + len(echo) + RATE // 2, dtype=np.float32)
    mic[lead : lead + len(echo)] += echo
    mic += np.random.default_rng(seed).normal(0, 10 ** (-70 / 20), len(mic)).astype(np.float32)
    speech = None
    if interruption is not None:
        start = lead + int(at_s * RATE)
        end = min(len(mic), start + len(interruption))
        mic[start:end] += interruption[: end - start]
        from voice.room import speech_bounds

        first, last = speech_bounds(interruption)
        speech = ((start + first) / RATE, (start + last) / RATE)
    frames = len(mic) // FRAME
    played = np.clip((np.arange(frames) + 1) * FRAME - lead, 0, len(reply))
    return Trial(mic, reply, played, speech)


def run_canceller(make, trials: list[Trial]) -> tuple[list[np.ndarray], float]:
    """Every trial through one canceller instance (state carries over, as in a session);
    returns the outputs and microseconds per 10 ms of audio."""
    canceller = make()
    outputs, spent, frames = [], 0.0, 0
    for trial in trials:
        canceller.reset_reference()
        canceller.add_reference(trial.reference)
        pcm = (np.clip(trial.mic, -1, 1) * 32767).astype(np.int16)
        out = []
        for i, played in enumerate(trial.played):
            frame = pcm[i * FRAME : (i + 1) * FRAME]
            began = time.perf_counter()
            out.append(canceller.process(frame, int(played)))
            spent += time.perf_counter() - began
            frames += 1
        outputs.append(np.concatenate(out))
    return outputs, 1e6 * spent / (frames * FRAME / (RATE // 100))


def speech_starts(pcm: np.ndarray) -> list[float]:
    from voice.events import SpeechStarted
    from voice.vad import Endpointer

    vad = Endpointer()
    starts = []
    for i in range(len(pcm) // FRAME):
        for event in vad.process(pcm[i * FRAME : (i + 1) * FRAME], i * FRAME / RATE).events:
            if isinstance(event, SpeechStarted):
                starts.append(event.timestamp)
    return starts


def score(trials, outputs, transcriber) -> dict:
    from voice.barge_in import content_words

    self_triggers, detected, latency, recall = 0, 0, [], []
    for trial, out in zip(trials, outputs, strict=True):
        starts = speech_starts(out)
        if trial.speech is None:
            self_triggers += len(starts)
            continue
        begin, end = trial.speech
        inside = [s for s in starts if begin - 0.15 <= s <= end]
        self_triggers += len([s for s in starts if s < begin - 0.15])
        if inside:
            detected += 1
            latency.append(1000 * max(0.0, inside[0] - begin))
        if transcriber is not None:
            segment = out[int((begin - 0.2) * RATE) : int((end + 0.3) * RATE)]
            heard = set(content_words(transcriber.transcribe(segment / 32768.0).text))
            wanted = set(content_words(trial.words))
            recall.append(len(heard & wanted) / max(1, len(wanted)))
    talk = [t for t in trials if t.speech is not None]
    return {
        "self_triggers": self_triggers,
        "barge_in_detected": f"{detected}/{len(talk)}",
        "detect_ms_p50": round(statistics.median(latency)) if latency else None,
        "interruption_word_recall": round(statistics.mean(recall), 2) if recall else None,
    }


def contenders() -> dict:
    from voice.echo import EchoGate
    from voice.webrtc_echo import GatedWebRtcEcho, WebRtcEchoCanceller

    return {"gate": EchoGate, "webrtc_aec3": WebRtcEchoCanceller, "gate+aec3": GatedWebRtcEcho}


def compare(cache: Path, gain: float = 0.3, delay_ms: float = 60.0, whisper: bool = True) -> dict:
    from bench.voice.corpus import INTERRUPTIONS, REPLIES, CorpusBuilder

    builder = CorpusBuilder(cache)
    replies = [builder.speak(text) for text in REPLIES]
    interruptions = [builder.speak(text) for text in INTERRUPTIONS]
    transcriber = None
    if whisper:
        from voice.stt import WhisperTranscriber

        transcriber = WhisperTranscriber(cpu_threads=2)
    cancellers = contenders()
    result: dict = {"gain": gain, "delay_ms": delay_ms}
    for room in ("single_path", "reverberant"):
        ir = room_response(room == "reverberant", delay_ms)
        trials = []
        for k, reply in enumerate(replies * 2):
            trials.append(make_trial(reply, gain, ir, seed=k))
            words = INTERRUPTIONS[k % len(INTERRUPTIONS)]
            talk = make_trial(reply, gain, ir, interruptions[k % len(interruptions)], seed=k)
            talk.words = words
            trials.append(talk)
        for name, make in cancellers.items():
            outputs, us = run_canceller(make, trials)
            result[f"{room}/{name}"] = {
                **score(trials, outputs, transcriber),
                "us_per_10ms": round(us),
            }
        result[f"{room}/none"] = score(
            trials, [(np.clip(t.mic, -1, 1) * 32767).astype(np.int16) for t in trials], None
        )
    return result


def load_trace(path: Path) -> list[Trial]:
    data = np.load(path)
    trials = []
    k = 0
    while f"mic{k}" in data:
        speech = tuple(float(x) for x in data[f"speech{k}"]) if f"speech{k}" in data else None
        words = str(data[f"words{k}"]) if f"words{k}" in data else ""
        trials.append(Trial(data[f"mic{k}"], data[f"ref{k}"], data[f"played{k}"], speech, words))
        k += 1
    return trials


def compare_trace(path: Path, whisper: bool = True) -> dict:
    trials = load_trace(path)
    transcriber = None
    if whisper:
        from voice.stt import WhisperTranscriber

        transcriber = WhisperTranscriber(cpu_threads=2)
    result: dict = {"trace": str(path), "trials": len(trials)}
    for name, make in contenders().items():
        outputs, us = run_canceller(make, trials)
        result[name] = {**score(trials, outputs, transcriber), "us_per_10ms": round(us)}
    raw = [(np.clip(t.mic, -1, 1) * 32767).astype(np.int16) for t in trials]
    result["none"] = score(trials, raw, None)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gain", type=float, default=0.3)
    parser.add_argument("--delay-ms", type=float, default=60.0)
    parser.add_argument("--no-whisper", action="store_true")
    parser.add_argument("--trace", type=Path, help="A null-sink trace (null_sink_trace.py).")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "hotseat-bench")
    args = parser.parse_args()
    if args.trace is not None:
        result = compare_trace(args.trace, not args.no_whisper)
    else:
        result = compare(args.cache / "voice", args.gain, args.delay_ms, not args.no_whisper)
    json.dump(result, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
