"""Item 13: `hotseat transcribe` streams the file: a 60-minute WAV transcribes in under 500 MB.
Item 15 (second half): a WAV full of NaN is refused with one line, not heard as "!!!!"."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np

from tests.faults.support import ROOT, hotseat

CLIP = ROOT / "agent" / "demo" / "audio" / "01-clarify.wav"
RATE = 16_000
MINUTES = 60
RSS_LIMIT_KB = 500 * 1024

# Runs `hotseat transcribe` as its only child so ru_maxrss is that process's peak alone.
_MEASURE = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, timeout=900)
print(json.dumps({"rc": done.returncode, "out": done.stdout.decode(errors="replace"),
                  "err": done.stderr.decode(errors="replace"),
                  "rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def _hour_long_wav(path: Path) -> None:
    """60 minutes of 16 kHz mono: the clip at 0:05 and at 58:00, silence between."""
    with wave.open(str(CLIP)) as clip:
        speech = clip.readframes(clip.getnframes())
    total = MINUTES * 60 * RATE
    places = {5 * RATE: speech, 58 * 60 * RATE: speech}
    with open(path, "wb") as out:
        out.write(b"RIFF" + struct.pack("<I", 36 + total * 2) + b"WAVEfmt ")
        out.write(struct.pack("<IHHIIHH", 16, 1, 1, RATE, RATE * 2, 2, 16))
        out.write(b"data" + struct.pack("<I", total * 2))
        written = 0
        silence = bytes(RATE * 2 * 10)
        for at in sorted(places):
            while written < at:
                step = min(at - written, RATE * 10)
                out.write(silence[: step * 2])
                written += step
            out.write(places[at])
            written += len(places[at]) // 2
        while written < total:
            step = min(total - written, RATE * 10)
            out.write(silence[: step * 2])
            written += step


def test_item13_an_hour_of_audio_transcribes_in_bounded_memory(tmp_path):
    wav = tmp_path / "hour.wav"
    _hour_long_wav(wav)
    cmd = [sys.executable, "-m", "agent.cli.main", "transcribe", str(wav), "--json"]
    measured = subprocess.run(
        [sys.executable, "-c", _MEASURE, *cmd],
        capture_output=True,
        timeout=900,
        cwd=ROOT,
        check=True,
    )
    run = json.loads(measured.stdout)
    assert run["rc"] == 0, run["err"]
    data = json.loads(run["out"])
    assert abs(data["duration_s"] - MINUTES * 60) < 1
    assert data["text"].lower().count("notifications") == 2, data["text"]
    late = [s for s in data["segments"] if "notifications" in s["text"].lower()][-1]
    assert 58 * 60 - 30 <= late["start"] <= 58 * 60 + 8  # file times (within its window)
    assert run["rss_kb"] < RSS_LIMIT_KB, f"peak RSS {run['rss_kb'] / 1024:.0f} MB"


def test_item15_a_nan_wav_is_refused_with_one_line(tmp_path):
    wav = tmp_path / "nan.wav"
    samples = np.full(RATE * 3, np.nan, dtype="<f4")
    body = samples.tobytes()
    with open(wav, "wb") as out:
        out.write(b"RIFF" + struct.pack("<I", 36 + len(body)) + b"WAVEfmt ")
        out.write(struct.pack("<IHHIIHH", 16, 3, 1, RATE, RATE * 4, 4, 32))  # IEEE float
        out.write(b"data" + struct.pack("<I", len(body)) + body)
    result = hotseat(["transcribe", str(wav)], tmp_path, timeout=300)
    assert result.returncode != 0, result.stdout
    assert "!!" not in result.stdout
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "NaN" in result.stderr
