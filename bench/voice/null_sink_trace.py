"""Record echo-canceller trials on a real device: a private PulseAudio null sink.

``python -m bench.voice.null_sink_trace OUT.npz`` then
``python -m bench.voice.echo_compare --trace OUT.npz``.

Our speaker (``SoundDeviceSpeaker``) plays each bench reply into the null sink while our
microphone (``SoundDeviceMicrophone``) captures the sink's monitor, so the echo has the real
device path's buffering and clock drift (and full level: the monitor is a loopback). In every
other trial ``paplay`` mixes an interruption into the sink two seconds into the reply. For every
30 ms microphone chunk the trace keeps the speaker's played counter at that moment, exactly what
the loop hands the canceller.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

RATE = 16_000


class Session:
    """Our microphone and speaker on the sink, opened once as in a live session; a thread
    keeps every 30 ms chunk with the speaker's played counter at its arrival."""

    def __init__(self, rate: int) -> None:
        from voice.audio_io import SoundDeviceMicrophone, SoundDeviceSpeaker

        self.rate = rate
        self.mic = SoundDeviceMicrophone()
        self.speaker = SoundDeviceSpeaker()
        self.chunks: list[np.ndarray] = []
        self.played: list[int] = []
        self._stop = threading.Event()
        self._reader = threading.Thread(target=self._capture, daemon=True)
        self._reader.start()
        deadline = time.monotonic() + 10
        while not self.chunks and time.monotonic() < deadline:  # devices take a moment
            time.sleep(0.01)

    def _capture(self) -> None:
        for chunk in self.mic.chunks():
            self.played.append(self.speaker.played_samples)
            self.chunks.append(chunk.to_float())
            if self._stop.is_set():
                return

    def trial(self, server, reply_chunks, wav: Path | None) -> tuple[np.ndarray, np.ndarray]:
        """Play a reply (and ``wav`` over it, 2 s in); the capture from 0.5 s before it, and
        per chunk the reply samples (16 kHz) the speaker had played when the chunk arrived."""
        first = len(self.chunks)
        base = self.speaker.played_samples
        time.sleep(0.5)
        for chunk in reply_chunks:
            self.speaker.play(chunk)
        player = None
        if wav is not None:
            time.sleep(2.0)
            player = server.play(wav)
        self.speaker.wait()
        if player is not None:
            player.wait(timeout=20)
        time.sleep(0.5)
        last = len(self.chunks)
        played = np.maximum(np.asarray(self.played[first:last]) - base, 0) * RATE // self.rate
        return np.concatenate(self.chunks[first:last]), played

    def close(self) -> None:
        self._stop.set()
        self._reader.join(timeout=5)
        self.mic.close()
        self.speaker.close()


def record(out: Path, cache: Path) -> None:
    from bench.voice.corpus import INTERRUPTIONS, REPLIES, CorpusBuilder
    from tests.pulse import start_pulse, stop_pulse
    from voice.reply import to_reference
    from voice.room import speech_bounds
    from voice.tts import PiperSynthesizer
    from voice.wav_io import write_wav

    tts = PiperSynthesizer(deterministic=True, threads=1)
    builder = CorpusBuilder(cache, tts)
    server = start_pulse()
    os.environ.update(server.env)
    session = None
    try:
        session = Session(tts.sample_rate)
        arrays: dict[str, np.ndarray] = {}
        for k, text in enumerate(REPLIES * 2):
            talk = k % 2 == 1
            chunks = list(tts.synthesize(text))
            reference = np.concatenate([to_reference(c) for c in chunks])
            wav = None
            if talk:
                words = INTERRUPTIONS[k % len(INTERRUPTIONS)]
                clip = builder.speak(words)
                wav = Path(tempfile.mkdtemp()) / "interruption.wav"
                write_wav(wav, clip, RATE)
            audio, played = session.trial(server, chunks, wav)
            arrays[f"mic{k}"] = audio.astype(np.float32)
            arrays[f"ref{k}"] = reference.astype(np.float32)
            arrays[f"played{k}"] = played.astype(np.int64)
            if talk:
                # Where the interruption landed: cross-correlate the capture with the clip.
                size = 1 << (len(audio) + len(clip)).bit_length()
                xc = np.fft.irfft(np.fft.rfft(audio, size) * np.conj(np.fft.rfft(clip, size)), size)
                lag = int(np.argmax(xc[: len(audio)]))
                first, last = speech_bounds(clip)
                arrays[f"speech{k}"] = np.asarray([(lag + first) / RATE, (lag + last) / RATE])
                arrays[f"words{k}"] = np.asarray(words)
            print(f"trial {k}: {len(audio) / RATE:.1f} s, talk={talk}", file=sys.stderr)
        np.savez_compressed(out, **arrays)
    finally:
        if session is not None:
            session.close()
        stop_pulse(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "hotseat-bench")
    args = parser.parse_args()
    record(args.out, args.cache / "voice")


if __name__ == "__main__":
    main()
