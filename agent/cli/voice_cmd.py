"""`hotseat transcribe`, `hotseat say`, `hotseat devices`: the voice pipeline piece by piece.

Models load only when a command runs; `hotseat --help` never imports Whisper or Piper.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from voice.errors import AudioFormatError, VoiceDeviceError

_REMOTE_HELP = "OpenAI-compatible server URL (e.g. http://localhost:8000/v1) instead of local"


def _vocabulary(value: str | None) -> list[str]:
    return [w.strip() for w in (value or "").split(",") if w.strip()]


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option(
    "--beam",
    type=click.IntRange(1, 10),
    default=1,
    show_default=True,
    help="Beam size (1 = greedy, fastest).",
)
@click.option(
    "--vocabulary",
    metavar="WORDS",
    help='Comma-separated words to bias towards, e.g. "Redis,QPS,shards".',
)
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="CPU threads for Whisper.",
)
@click.option(
    "--full-context",
    is_flag=True,
    help="Always run Whisper's full 30 s window (slower; for comparison).",
)
@click.option("--remote", "base_url", metavar="URL", help=_REMOTE_HELP)
@click.option("--remote-model", default="whisper-1", show_default=True, help="Remote model name.")
@click.option("--api-key-env", metavar="VAR", help="Environment variable holding the remote key.")
def transcribe(
    file: Path,
    as_json: bool,
    beam: int,
    vocabulary: str | None,
    threads: int,
    full_context: bool,
    base_url: str | None,
    remote_model: str,
    api_key_env: str | None,
) -> None:
    """Transcribe a WAV FILE (any rate, mono or stereo, 8/16/24/32-bit or float)."""
    from agent.cli.long_audio import transcribe_file
    from voice.wav_io import WavReader

    try:
        WavReader(file).close()  # a bad file is one line before any model loads
    except AudioFormatError as exc:
        convertible = file.is_file() and file.suffix.lower() not in ("", ".wav", ".wave")
        hint = f"; convert it first, e.g. sox {file.name} -r 16000 -c 1 {file.stem}.wav"
        raise click.ClickException(f"{exc}{hint if convertible else ''}") from exc
    words = _vocabulary(vocabulary)
    started = time.monotonic()
    try:
        if base_url:
            from voice.remote import RemoteTranscriber

            transcriber = RemoteTranscriber(base_url, remote_model, api_key_env)
            loaded = started
        else:
            from voice.stt import WhisperTranscriber

            transcriber = WhisperTranscriber(
                cpu_threads=threads, beam_size=beam, fit_context=not full_context
            )
            loaded = time.monotonic()
        # Streamed a window at a time: an hour of audio never sits in memory at once.
        long = transcribe_file(file, transcriber, words)
    except AudioFormatError as exc:
        raise click.ClickException(str(exc)) from None
    except (VoiceDeviceError, FileNotFoundError) as exc:
        raise click.ClickException(str(exc)) from exc
    result = long.transcript
    finished = time.monotonic()
    if as_json:
        data = {
            "text": result.text,
            "segments": [s.to_dict() for s in result.segments],
            "no_speech_prob": round(result.no_speech_prob, 4),
            "duration_s": round(long.seconds, 3),
            "transcribe_ms": round((finished - loaded) * 1000),
        }
        click.echo(json.dumps(data))
        return
    click.echo(result.text if result.text else "(no speech)")


@click.command()
@click.argument("text")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a WAV file instead of playing it.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--device", help="Output device index or name (see `hotseat devices`).")
@click.option("--remote", "base_url", metavar="URL", help=_REMOTE_HELP)
@click.option("--remote-model", default="tts-1", show_default=True, help="Remote model name.")
@click.option("--voice", "remote_voice", default="alloy", show_default=True, help="Remote voice.")
@click.option("--api-key-env", metavar="VAR", help="Environment variable holding the remote key.")
def say(
    text: str,
    output: Path | None,
    as_json: bool,
    device: str | None,
    base_url: str | None,
    remote_model: str,
    remote_voice: str,
    api_key_env: str | None,
) -> None:
    """Speak TEXT with Piper ("-" reads stdin): play it, or write a WAV with -o."""
    import numpy as np

    if text == "-":
        text = sys.stdin.read()
    if not text.strip():
        raise click.ClickException("nothing to say: TEXT is empty")
    speaker = None
    try:
        if output is None:
            from voice.audio_io import SoundDeviceSpeaker

            target = int(device) if device and device.isdigit() else device
            speaker = SoundDeviceSpeaker(target)
        if base_url:
            from voice.remote import RemoteSynthesizer

            synth = RemoteSynthesizer(base_url, remote_model, remote_voice, api_key_env)
        else:
            from voice.tts import PiperSynthesizer

            synth = PiperSynthesizer()
        started = time.monotonic()
        first_ms = None
        pieces: list[np.ndarray] = []
        rate = synth.sample_rate
        for chunk in synth.synthesize(text):
            if first_ms is None:
                first_ms = round((time.monotonic() - started) * 1000)
            rate = chunk.rate
            pieces.append(chunk.samples)
            if speaker is not None:
                speaker.play(chunk)
        if speaker is not None:
            speaker.wait()
    except VoiceDeviceError as exc:
        raise click.ClickException(
            str(exc).replace("run with --text to type instead", "use -o FILE.wav to write a file")
        ) from exc
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if speaker is not None:
            speaker.close()
    audio = np.concatenate(pieces) if pieces else np.zeros(0, np.int16)
    if output is not None:
        from voice.wav_io import write_wav

        try:
            write_wav(output, audio, rate)
        except OSError as exc:
            raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc
    if as_json:
        data = {
            "output": str(output) if output else None,
            "played": output is None,
            "sample_rate": rate,
            "duration_s": round(len(audio) / rate, 3),
            "sentences": len(pieces),
            "first_audio_ms": first_ms,
        }
        click.echo(json.dumps(data))
    elif output is not None:
        click.echo(f"wrote {output} ({len(audio) / rate:.1f} s)")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def devices(as_json: bool) -> None:
    """List sound devices (the default microphone and speaker are marked)."""
    from voice.audio_io import list_devices

    try:
        found = list_devices()
    except VoiceDeviceError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps({"devices": [d.to_dict() for d in found]}))
        return
    if not found:
        click.echo("no sound devices found; use --text to type instead, or -o FILE.wav")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("#", "name", "api", "in", "out", "rate", "default")
    for d in found:
        marks = " ".join(
            m for m, on in (("mic", d.default_input), ("speaker", d.default_output)) if on
        )
        table.add_row(
            str(d.index),
            d.name,
            d.hostapi,
            str(d.max_input_channels),
            str(d.max_output_channels),
            f"{d.default_samplerate:g}",
            marks,
        )
    Console().print(table)
