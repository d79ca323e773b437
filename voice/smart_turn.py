"""Smart Turn v3.2: an audio end-of-turn classifier, as an optional extra signal.

Smart Turn (BSD-2, by Daily) is an 8 MB ONNX model that hears the last 8 s of a turn and says
how likely the speaker has finished, from prosody rather than words. It ships inside the
``pipecat-ai`` wheel; Hotseat does not import pipecat: ``install_model()`` downloads that wheel
with pip (``--no-deps``) and extracts only the ``.onnx`` file. Its input is Whisper's 80-bin
log-mel spectrogram of 8 s of zero-mean, unit-variance audio, which faster-whisper's
``FeatureExtractor`` computes; onnxruntime comes with Piper.

``python -m voice.smart_turn install`` fetches the model; ``HOTSEAT_SMART_TURN_MODEL`` points at
a copy elsewhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import zipfile
from pathlib import Path

import numpy as np

MODEL_NAME = "smart-turn-v3.2-cpu.onnx"
WHEEL_PATH = f"pipecat/audio/turn/smart_turn/data/{MODEL_NAME}"
RATE = 16_000
WINDOW_S = 8


def default_model_path() -> Path:
    """Where the model lives: ``$HOTSEAT_SMART_TURN_MODEL``, else the user cache folder."""
    override = os.environ.get("HOTSEAT_SMART_TURN_MODEL")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("hotseat")) / MODEL_NAME


def install_model(dest: Path | None = None, version: str = "") -> Path:
    """Download the ``pipecat-ai`` wheel (no dependencies) and extract only the model."""
    dest = dest or default_model_path()
    if dest.exists():
        return dest
    spec = f"pipecat-ai=={version}" if version else "pipecat-ai"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", tmp, spec],
            check=True,
        )
        wheel = next(Path(tmp).glob("pipecat_ai-*.whl"))
        dest.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(wheel) as archive, open(dest, "wb") as out:
            out.write(archive.read(WHEEL_PATH))
    return dest


class SmartTurn:
    """``probability(audio)``: how likely the turn in ``audio`` (float32 16 kHz) is finished."""

    def __init__(self, model: Path | None = None, threads: int = 1) -> None:
        import onnxruntime as ort
        from faster_whisper.feature_extractor import FeatureExtractor

        path = Path(model) if model else default_model_path()
        if not path.exists():
            raise FileNotFoundError(
                f"Smart Turn model not found at {path}; run: python -m voice.smart_turn install"
            )
        options = ort.SessionOptions()
        options.inter_op_num_threads = 1
        options.intra_op_num_threads = threads
        self._session = ort.InferenceSession(str(path), sess_options=options)
        self._features = FeatureExtractor(feature_size=80)
        self._lock = threading.Lock()

    def probability(self, audio: np.ndarray) -> float:
        window = RATE * WINDOW_S
        x = np.asarray(audio, dtype=np.float32)[-window:]
        x = np.pad(x, (window - len(x), 0))  # short turns: silence in front, as trained
        x = (x - x.mean()) / np.sqrt(x.var() + 1e-7)
        features = self._features(x, padding=0)[np.newaxis].astype(np.float32)
        with self._lock:
            (out,) = self._session.run(None, {"input_features": features})
        return float(np.asarray(out).reshape(-1)[0])


def main() -> None:
    if sys.argv[1:2] == ["install"]:
        print(install_model())
    else:
        print("usage: python -m voice.smart_turn install", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()


__all__ = ["SmartTurn", "default_model_path", "install_model"]
