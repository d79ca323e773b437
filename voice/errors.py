"""The two ways voice input/output fails for a reason the user can fix."""

from __future__ import annotations


class VoiceDeviceError(RuntimeError):
    """A sound device is missing, busy or went away; the message suggests a way out (--text)."""


class AudioFormatError(ValueError):
    """An audio file cannot be read (not a WAV, or a sample format we do not handle)."""


__all__ = ["AudioFormatError", "VoiceDeviceError"]
