"""End of candidate speech -> first interviewer audio sample at the page, over a spoken session
in real headless Chromium, and the server's memory.

    .venv/bin/python bench/bench_web_voice.py [--turns 10] [--gap 14]

`hotseat serve` runs as its own process (so its RSS is the server's alone); Chromium's fake
microphone plays the bundled demo candidate's clips (agent/demo/audio, repeated to make
`--turns` turns) with `--gap` seconds of silence after each, for the interviewer to answer.
The page timestamps, on its own clock, when it sent each turn's last speech sample (the
server's endpointer says which sample that was) and when the first reply audio arrived.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.web.conftest import FAKE_MIC, chromium_with  # noqa: E402
from tests.web.test_web_voice import candidate_wav  # noqa: E402

CLIPS = sorted((ROOT / "agent/demo/audio").glob("*.wav"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--gap", type=float, default=14.0, help="silence after each clip (s)")
    args = parser.parse_args()
    clips = [CLIPS[i % len(CLIPS)] for i in range(args.turns)]
    with tempfile.TemporaryDirectory() as tmp:
        wav = candidate_wav(Path(tmp) / "candidate.wav", clips, gap_s=args.gap)
        port = free_port()
        env = {**os.environ, "HOTSEAT_HOME": str(Path(tmp) / "home"), "HF_HUB_OFFLINE": "1"}
        server = subprocess.Popen(
            [str(ROOT / ".venv/bin/hotseat"), "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            for line in server.stdout:  # type: ignore[union-attr]
                if "Hotseat is at" in line:
                    break
            base = f"http://127.0.0.1:{port}"
            idle = rss_mb(server.pid)
            flags = [*FAKE_MIC, f"--use-file-for-fake-audio-capture={wav}%noloop"]
            with chromium_with(flags) as browser:
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.goto(base + "/")
                page.wait_for_selector("body[data-ready='1']")
                page.fill("#search", "notification")
                page.locator("#scenario-list li", has_text="Notification").first.click()
                page.check("input[name='mode'][value='voice']")
                page.click("#start-button")
                page.wait_for_url("**/interview/*")
                page.wait_for_selector("body[data-mic='on']", timeout=120_000)
                started = time.monotonic()
                budget = sum(_seconds(c) + args.gap for c in clips) + 60
                peak = idle[1]
                while time.monotonic() - started < budget:
                    done = page.evaluate("window.hotseatAudio.latencies.length")
                    peak = max(peak, rss_mb(server.pid)[1])
                    if done >= args.turns:
                        break
                    time.sleep(1.0)
                audio = page.evaluate(
                    "({latencies: window.hotseatAudio.latencies, turns: window.hotseatAudio.turns,"
                    " stops: window.hotseatAudio.stops, commit: window.hotseatAudio.commitMs,"
                    " answer: window.hotseatAudio.answerMs})"
                )
                page.close()
            current, peak = rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
        stages = _stages(Path(tmp) / "home" / "sessions")
    lat = audio["latencies"]
    result = {
        "turns_heard": len(audio["turns"]),
        "replies_timed": len(lat),
        "p50_ms": round(statistics.median(lat)) if lat else None,
        "p90_ms": round(sorted(lat)[int(0.9 * (len(lat) - 1))]) if lat else None,
        "latencies_ms": [round(x) for x in lat],
        "speech_end_to_commit_ms": audio["commit"],
        "commit_to_first_reply_audio_sent_ms": audio["answer"],
        "web_path_ms": _web_path(lat, audio["commit"], audio["answer"]),
        "server_stages_ms": stages,
        "server_stages_p50_ms": {k: _median(v) for k, v in stages.items()},
        "barge_in_stops": audio["stops"],
        "server_rss_mb": {"idle_with_models": round(idle[0]), "end": round(current)},
        "server_peak_rss_mb": round(peak),
        "load_average": os.getloadavg(),
        "turn_texts": audio["turns"],
    }
    print(json.dumps(result, indent=2))


def _web_path(total: list, commit: list | None, answer: list | None) -> list[int]:
    """What the page and the socket add: the total minus the voice loop's endpointing and the
    interviewer + Piper time to the first reply audio (capture frames, transfer, playback start)."""
    if not commit or not answer or len(commit) != len(total) or len(answer) != len(total):
        return []
    return [round(t - c - a) for t, c, a in zip(total, commit, answer, strict=True)]


def _stages(sessions: Path) -> dict[str, list[int]]:
    """Where the server's part of each turn went, from the recording's voice events (all on
    the monotonic clock): speech end -> the speculative transcript the turn was committed
    with (Whisper, started at the first short silence), -> commit (the turn policy's wait),
    -> the reply's first sentence (the interviewer), -> its first audio (Piper)."""
    out: dict[str, list[int]] = {"whisper": [], "commit": [], "interviewer": [], "piper": []}
    for log in sorted(sessions.glob("*/events.jsonl")):
        events = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
        for i, event in enumerate(events):
            if event.get("type") != "turn_committed":
                continue
            try:
                end, at = float(event["speech_end"]), float(event["timestamp"])
            except (KeyError, TypeError, ValueError):
                continue
            partials = [
                float(e["timestamp"])
                for e in events[:i]
                if e.get("type") == "transcript_partial" and float(e.get("timestamp", 0)) >= end
            ]
            later = events[i + 1 :]
            sentence = next((e for e in later if e.get("type") == "reply_sentence"), None)
            started = next((e for e in later if e.get("type") == "playback_started"), None)
            if partials:
                out["whisper"].append(round((partials[-1] - end) * 1000))
            out["commit"].append(round((at - end) * 1000))
            if sentence is not None:
                out["interviewer"].append(round((float(sentence["timestamp"]) - at) * 1000))
                if started is not None:
                    gap = float(started["timestamp"]) - float(sentence["timestamp"])
                    out["piper"].append(round(gap * 1000))
    return out


def _median(values: list[int]) -> int | None:
    return round(statistics.median(values)) if values else None


def _seconds(path: Path) -> float:
    import wave

    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


if __name__ == "__main__":
    main()
