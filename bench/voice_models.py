"""Speed and memory of the voice models on this machine: load, transcribe, first sentence, RSS.

Run: .venv/bin/python bench/voice_models.py [--runs 5]   (prints one JSON object)

Every figure is the median of ``--runs`` runs (loads: of 3). Speech clips are made with the
bundled Piper voice, so the numbers need nothing but the installed packages.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402

from voice.resample import resample  # noqa: E402
from voice.stt import WhisperTranscriber  # noqa: E402
from voice.tts import PiperSynthesizer  # noqa: E402

CLIPS = {
    "short_2s": "Three hundred million daily users.",
    "medium_4s": "So that's one billion divided by eighty six thousand four hundred seconds.",
    "long_8s": "Each user sends about ten messages a day, and each message is about one "
    "kilobyte, so that is roughly three terabytes of new data every day.",
}
REPLY = "Okay. Where does the 3x peak factor come from? Walk me through the daily numbers first."
VOCABULARY = ["Redis", "QPS", "shards", "Kafka", "Postgres"]


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 1)


def first_chunk(synth: PiperSynthesizer, text: str) -> None:
    next(iter(synth.synthesize(text)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2, help="Whisper cpu_threads")
    args = parser.parse_args()
    out: dict = {"cpu_count": os.cpu_count(), "runs": args.runs, "whisper_threads": args.threads}
    out["piper_load_ms"] = median_ms(lambda: PiperSynthesizer(deterministic=True), 3)
    out["whisper_load_ms"] = median_ms(lambda: WhisperTranscriber(cpu_threads=args.threads), 3)
    synth = PiperSynthesizer(deterministic=True)
    fit = WhisperTranscriber(cpu_threads=args.threads)
    full = WhisperTranscriber(cpu_threads=args.threads, fit_context=False)

    clips = {}
    for name, text in CLIPS.items():
        audio = np.concatenate([c.to_float() for c in synth.synthesize(text)])
        clips[name] = resample(audio, synth.sample_rate, 16_000)
    fit.transcribe(clips["short_2s"])  # first call allocates buffers
    full.transcribe(clips["short_2s"])

    out["transcribe_ms"] = {}
    for name, audio in clips.items():
        out["transcribe_ms"][name] = {
            "seconds": round(len(audio) / 16_000, 2),
            "fit_context": median_ms(lambda a=audio: fit.transcribe(a, VOCABULARY), args.runs),
            "full_30s_window": median_ms(lambda a=audio: full.transcribe(a, VOCABULARY), args.runs),
            "text": fit.transcribe(audio, VOCABULARY).text,
        }
    out["fit_context_retries"] = fit.retries
    noise = (np.random.default_rng(0).standard_normal(3 * 16_000) * 0.05).astype(np.float32)
    out["transcribe_noise_3s_ms"] = median_ms(lambda: fit.transcribe(noise), args.runs)

    first_chunk(synth, REPLY)
    out["piper_first_sentence_ms"] = median_ms(lambda: first_chunk(synth, REPLY), args.runs)
    out["piper_first_sentence_text"] = "Okay."
    out["piper_full_reply_ms"] = median_ms(lambda: list(synth.synthesize(REPLY)), args.runs)
    reply_audio = sum(c.duration for c in synth.synthesize(REPLY))
    out["piper_real_time_factor"] = round(out["piper_full_reply_ms"] / 1000 / reply_audio, 3)

    # Whisper while Piper speaks a long reply: does the capped Piper starve Whisper?
    stop = threading.Event()

    def speak_forever() -> None:
        while not stop.is_set():
            list(synth.synthesize(REPLY))

    talker = threading.Thread(target=speak_forever, daemon=True)
    talker.start()
    time.sleep(0.2)
    out["transcribe_medium_while_piper_runs_ms"] = median_ms(
        lambda: fit.transcribe(clips["medium_4s"], VOCABULARY), args.runs
    )
    stop.set()
    talker.join()

    out["rss_mb_both_models"] = rss_with_both_models(args.threads)
    print(json.dumps(out, indent=2))


def rss_with_both_models(threads: int) -> float:
    """RSS of a fresh process holding one Whisper and one Piper after using each once."""
    import subprocess

    code = (
        "import numpy as np, psutil\n"
        "from voice.stt import WhisperTranscriber\n"
        "from voice.tts import PiperSynthesizer\n"
        f"w = WhisperTranscriber(cpu_threads={threads}); p = PiperSynthesizer()\n"
        "a = np.concatenate([c.to_float() for c in p.synthesize('Four shards of Redis.')])\n"
        "w.transcribe(a[::2].copy()); w.transcribe(np.zeros(16000 * 20, np.float32) + 1e-3)\n"
        "print(psutil.Process().memory_info().rss)\n"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    return round(int(result.stdout.split()[-1]) / 2**20, 1)


if __name__ == "__main__":
    main()
