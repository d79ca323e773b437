"""`hotseat listen`: talk through an estimate hands-free and hear nothing back but the verdicts.

The seed of hands-free drills: the live microphone goes through the real turn loop (VAD, turn
policy, Whisper) and each committed turn is printed with the estimation engine's verdicts on
the numbers in it. `--text` does the same for typed lines, with no sound card. `--wav FILE` runs a
recorded answer (any rate, mono or stereo) through the same loop on a virtual clock, faster than
real time: the way to check turn-taking on audio this code base did not make.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import click


def _checker() -> Callable[[str], object]:
    """Per-turn checking that remembers earlier turns ("so that's ..." refers back)."""
    import estimation

    session_cls = getattr(estimation, "EstimationSession", None)
    if session_cls is not None:
        return session_cls().add
    return estimation.check_transcript


def _check(text: str, check: Callable[[str], object]) -> object | None:
    try:
        return check(text)
    except Exception as exc:  # a checker bug must not end a live session
        click.echo(f"  (could not check this turn: {exc})", err=True)
        return None


def _print_turn(text: str, check: Callable[[str], object], prefix: str = "") -> None:
    click.echo(f"{prefix}you: {text}")
    report = _check(text, check)
    if report is None:
        return
    for claim in getattr(report, "claims", ()):
        mark = {"correct": "✓", "incorrect": "✗"}.get(claim.verdict, "·")
        line = f"  {mark} {claim.verdict}: {claim.text}"
        if claim.explanation:
            line += f" — {claim.explanation}"
        click.echo(line)
    for finding in getattr(report, "findings", ()):
        click.echo(f"  note: {finding.message}")


class _Silent:
    """`listen` never speaks: the responder returns nothing, so no voice is loaded."""

    sample_rate = 22_050

    def synthesize(self, text: str) -> Iterator:
        return iter(())


@click.command()
@click.option("--device", default=None, help="Input device index or name (see `hotseat devices`).")
@click.option("--text", "text_mode", is_flag=True, help="Type turns instead of speaking.")
@click.option("--push-to-talk", is_flag=True, help="Press Enter to start and to end each turn.")
@click.option(
    "--vocabulary", multiple=True, help="A word Whisper should expect (repeatable): Redis, QPS."
)
@click.option(
    "--wav",
    "wav",
    type=click.Path(path_type=Path),
    help="A recorded answer (WAV, any rate, mono or stereo) instead of the microphone.",
)
@click.option("--real-time", is_flag=True, help="With --wav: pace the file like a microphone.")
@click.option("--json", "as_json", is_flag=True, help="With --wav: print one JSON object.")
def listen(
    device: str | None,
    text_mode: bool,
    push_to_talk: bool,
    vocabulary: tuple,
    wav: Path | None,
    real_time: bool,
    as_json: bool,
) -> None:
    """Listen to the microphone (or a recording) and print each turn with its estimate verdicts."""
    if (real_time or as_json) and wav is None:
        raise click.ClickException("--real-time and --json go with --wav FILE")
    check = _checker()
    if wav is not None:
        _listen_file(wav, vocabulary, real_time, as_json, check)
        return
    if text_mode:
        for line in sys.stdin:
            if line.strip():
                _print_turn(line.strip(), check)
        return
    _listen_live(device, push_to_talk, vocabulary, check)


def _listen_file(path: Path, vocabulary: tuple, real_time: bool, as_json: bool, check) -> None:
    from voice.errors import AudioFormatError
    from voice.file_listening import listen_to_file
    from voice.stt import WhisperTranscriber

    def show(turn) -> None:
        if not as_json:
            _print_turn(turn.text, check, prefix=f"[{turn.start:6.2f}–{turn.end:6.2f}s] ")

    try:
        heard = listen_to_file(
            path, WhisperTranscriber(), vocabulary, real_time=real_time, on_turn=show
        )
    except AudioFormatError as exc:
        hint = " (convert first: ffmpeg -i answer.m4a answer.wav)" if "only WAV" in str(exc) else ""
        raise click.ClickException(f"{exc}{hint}") from None
    for message in heard.errors:
        click.echo(f"error: {message}", err=True)
    if not as_json:
        speed = heard.audio_seconds / heard.wall_seconds if heard.wall_seconds else 0.0
        click.echo(
            f"{len(heard.turns)} turn(s) in {heard.audio_seconds:.1f} s of audio "
            f"({heard.wall_seconds:.1f} s, {speed:.1f}x real time)",
            err=True,
        )
        return
    # Verdicts are computed in order, after the run, so later turns can refer back.
    turns = []
    for turn in heard.turns:
        report = _check(turn.text, check)
        claims = getattr(report, "claims", ())
        turns.append(
            {
                "start": turn.start,
                "end": turn.end,
                "committed_at": turn.committed_at,
                "text": turn.text,
                "verdicts": [claim.to_dict() for claim in claims],
            }
        )
    out = {
        "turns": turns,
        "audio_seconds": round(heard.audio_seconds, 3),
        "wall_seconds": heard.wall_seconds,
        "thinking": [{"at": at, "reason": reason} for at, reason in heard.thinking],
    }
    click.echo(json.dumps(out))


def _listen_live(device, push_to_talk: bool, vocabulary: tuple, check) -> None:
    from voice.audio_io import SoundDeviceMicrophone
    from voice.errors import VoiceDeviceError
    from voice.events import SpeechStarted, TurnCommitted, VoiceError
    from voice.loop import LoopConfig, VoiceLoop
    from voice.playback import BufferSpeaker
    from voice.push_to_talk import PushToTalk
    from voice.stt import WhisperTranscriber

    dev = int(device) if device is not None and str(device).isdigit() else device
    try:
        microphone = SoundDeviceMicrophone(dev)
    except VoiceDeviceError as exc:
        raise click.ClickException(str(exc)) from None
    key = PushToTalk() if push_to_talk else None

    def on_event(event) -> None:
        if isinstance(event, TurnCommitted):
            _print_turn(event.text, check)
        elif isinstance(event, SpeechStarted) and key is None:
            click.echo("…", nl=False, err=True)
        elif isinstance(event, VoiceError):
            click.echo(f"error: {event.message}", err=True)

    loop = VoiceLoop(
        microphone,
        BufferSpeaker(),
        WhisperTranscriber(),
        _Silent(),
        lambda utterance: "",
        on_event,
        LoopConfig(vocabulary=tuple(vocabulary), headphones=True),
        push_to_talk=key,
    )
    hint = "press Enter to talk, Enter again to finish" if key else "just talk"
    click.echo(f"Listening on {microphone.device_name} ({hint}; Ctrl-C to stop).", err=True)
    if key is not None:
        threading.Thread(target=_keyboard, args=(key,), daemon=True).start()
    try:
        loop.run()
    except KeyboardInterrupt:
        loop.stop()
    finally:
        microphone.close()


def _keyboard(key) -> None:
    for _line in sys.stdin:
        click.echo("recording…" if key.toggle() else "sent.", err=True)
