"""`hotseat drill`: quick-fire estimation questions, typed or spoken, with spaced repetition.

Questions and checking live in `agent.drills`; the schedule and results in the progress history
($HOTSEAT_HOME/progress.db). Voice mode speaks through Piper and listens through the voice loop
when a microphone exists; otherwise it says so in one line and reads typed answers.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

import click

from agent.cli.scenario_source import scenario_library
from agent.cli.sessions_cmd import progress_store


@click.command()
@click.option("--text", "text_mode", is_flag=True, help="Type answers (one per line on stdin).")
@click.option(
    "--topic",
    "topics",
    multiple=True,
    type=click.Choice(["qps", "storage", "bandwidth", "memory", "latency", "capacity"]),
    help="Only this topic (repeatable). Default: all.",
)
@click.option("--count", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option("--seed", type=int, help="Reproducible question order.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object at the end.")
def drill(text_mode: bool, topics: tuple[str, ...], count: int, seed: int | None, as_json: bool):
    """Quick-fire estimation questions, checked by the calculator, missed ones come back sooner."""
    from agent.drills import (
        TOPICS,
        DrillRun,
        pick,
        save_to,
        scenario_questions,
        template_questions,
    )

    wanted = topics or TOPICS
    pool = template_questions(wanted) + scenario_questions(scenario_library(), wanted)
    store = progress_store()
    run = store.start_drill_run()
    ordered = pick(pool, len(pool), seed)
    by_id = {q.id: q for q in ordered}
    questions = [by_id[i] for i in store.order_items([q.id for q in ordered], run)][:count]

    session = DrillRun(questions, on_result=save_to(store, run))
    out = sys.stderr if as_json else sys.stdout
    try:
        if not text_mode and not _voice_drill(session, out):
            click.echo("No microphone found: drilling in text mode (type each answer).", err=True)
            text_mode = True
        if text_mode:
            _text_drill(session, out)
    finally:
        store.close()
    results = session.results
    right = sum(r.correct for r in results)
    times = [r.seconds for r in results if r.seconds is not None]
    summary = {
        "run": run,
        "asked": len(results),
        "correct": right,
        "median_seconds": round(statistics.median(times), 2) if times else None,
    }
    if as_json:
        click.echo(json.dumps({**summary, "results": [r.to_dict() for r in results]}))
    elif results:
        median = f", median {summary['median_seconds']:.1f} s to answer" if times else ""
        click.echo(f"\n{right}/{len(results)} correct{median}.")


def _text_drill(session, out) -> None:
    stdin = sys.stdin
    total = len(session.questions)
    while not session.done:
        number = len(session.results) + 1
        question = session.current
        print(f"Q{number}/{total} [{question.topic}] {session.ask()}", file=out, flush=True)
        started = time.monotonic()
        line = stdin.readline()
        if not line:  # end of input: stop quietly, keep what was answered
            break
        result = session.answer(line.strip(), time.monotonic() - started)
        mark = "✓" if result.correct else "✗"
        print(f"  {mark} {result.feedback} ({result.seconds:.1f} s)", file=out, flush=True)


def _voice_drill(session, out) -> bool:
    """Speak questions with Piper and hear answers through the voice loop; False when there is
    no microphone (the caller falls back to text)."""
    try:
        from voice.audio_io import SoundDeviceMicrophone, SoundDeviceSpeaker, list_devices
        from voice.errors import VoiceDeviceError

        if not any(d.max_input_channels > 0 for d in list_devices()):
            return False
    except Exception:
        return False
    from voice.stt import WhisperTranscriber
    from voice.tts import PiperSynthesizer

    try:
        microphone, speaker = SoundDeviceMicrophone(), SoundDeviceSpeaker()
    except VoiceDeviceError:
        return False
    print("Loading speech models…", file=out, flush=True)
    synthesizer, transcriber = PiperSynthesizer(), WhisperTranscriber()
    run_voice_drill(session, microphone, speaker, transcriber, synthesizer, out)
    return True


def run_voice_drill(
    session, microphone, speaker, transcriber, synthesizer, out=None, *, settle: bool = True
) -> None:
    """The hands-free drill: Piper asks the first question, then the voice loop takes turns
    (answer in, spoken feedback and the next question out) until the drill is over.

    Time to answer runs from the end of the question's playback to the start of the answer's
    speech. ``settle`` waits for the first question to finish playing before listening (so the
    microphone does not hear it); a simulated room, whose speaker is clocked by its microphone,
    passes False.
    """
    from voice.loop import VoiceLoop

    marks = {"question_end": None, "speech_start": None}

    def respond(utterance: str) -> str:
        seconds = None
        end, start = marks["question_end"], marks["speech_start"]
        if end is not None and start is not None and start >= end:
            seconds = start - end
        result_count = len(session.results)
        reply = session.respond(utterance, seconds)
        if out is not None and len(session.results) > result_count:
            result = session.results[-1]
            mark = "✓" if result.correct else "✗"
            print(f"  you: {utterance}\n  {mark} {result.feedback}", file=out, flush=True)
        return reply

    def on_event(event) -> None:
        kind = type(event).__name__
        if kind == "TurnCommitted":
            marks["speech_start"] = event.speech_start
        elif kind == "PlaybackStopped":
            marks["question_end"] = event.timestamp
            if session.done:  # the closing line has been played: stop listening
                loop.stop()

    loop = VoiceLoop(microphone, speaker, transcriber, synthesizer, respond, on_event=on_event)
    first = session.ask()
    if out is not None:
        print(f"Q1 {first}", file=out, flush=True)
    for chunk in synthesizer.synthesize(first):
        speaker.play(chunk)
    if settle:
        speaker.wait()
        marks["question_end"] = time.monotonic()
    loop.run()
