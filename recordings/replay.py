"""The annotated replay: transcript and annotations on one timeline, and audio from any time.

replay = build_replay(load_recording(path))
replay.to_dict()            # what `hotseat replay --json` prints
play_audio(replay.recording, start=192.0)   # needs an output device (sounddevice)
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from recordings.annotations import Annotation, annotations_for, format_time
from recordings.format import RecordingError
from recordings.reader import Event, Recording
from recordings.safe_text import terminal_safe
from recordings.wav import read_track

if TYPE_CHECKING:
    import numpy as np

_CANDIDATE_TYPES = {"candidate_turn", "candidate_utterance", "utterance", "candidate"}
_INTERVIEWER_TYPES = {"interviewer_reply", "interviewer", "reply", "opening", "interviewer_turn"}


class NoAudioDevice(RecordingError):
    """There is no sound output to play the recording on."""


@dataclass(frozen=True)
class Line:
    """One turn of the transcript."""

    t: float
    speaker: str
    """"candidate" or "interviewer"."""
    text: str
    interrupted: bool = False
    """The interviewer was cut off by barge-in; ``heard`` is what was played."""
    heard: str = ""
    tags: tuple[str, ...] = ()
    """What the turn did, when the interviewer recorded it: the interviewer's move ("challenge",
    "probe") or the candidate turn's dialogue acts ("clarify", "estimate")."""

    def to_dict(self) -> dict[str, Any]:
        data = {"t": round(self.t, 3), "at": format_time(self.t), "speaker": self.speaker}
        data.update(text=self.text, interrupted=self.interrupted)
        if self.interrupted:
            data["heard"] = self.heard
        if self.tags:
            data["tags"] = list(self.tags)
        return data


@dataclass(frozen=True)
class Replay:
    """A recording read for replay."""

    recording: Recording
    transcript: tuple[Line, ...]
    annotations: tuple[Annotation, ...]
    phases: tuple[tuple[float, str], ...] = field(default_factory=tuple)
    """(start seconds, phase) in order."""

    def to_dict(self) -> dict[str, Any]:
        rec = self.recording
        return {
            "session": rec.session_id,
            "path": str(rec.path),
            "scenario": rec.scenario,
            "started_at": rec.started_at,
            "duration": round(rec.duration, 3),
            "cut_short": rec.cut_short,
            "end_reason": rec.end_reason,
            "format_version": rec.version,
            "warnings": list(rec.warnings),
            "audio": {name: str(path) for name, path in rec.tracks.items()},
            "phases": [{"t": round(t, 3), "phase": p} for t, p in self.phases],
            "transcript": [line.to_dict() for line in self.transcript],
            "annotations": [a.to_dict() for a in self.annotations],
            "scores": rec.scores,
        }


def build_replay(recording: Recording) -> Replay:
    """Transcript, annotations and phases of a recording."""
    annotations = annotations_for(recording)
    phases = [(a.t, a.label.removeprefix("Phase: ")) for a in annotations if a.kind == "phase"]
    first = next((e for e in recording.events if e.type == "phase_change"), None)
    if first is not None and first.get("from") and (not phases or phases[0][0] > 0):
        # The interviewer announces changes only: name the phase the session opened in.
        phases.insert(0, (0.0, str(first.get("from")).replace("_", " ").capitalize()))
    lines = tuple(
        replace(line, text=terminal_safe(line.text), heard=terminal_safe(line.heard))
        for line in transcript(recording.events)
    )
    safe = tuple(
        replace(
            a,
            label=terminal_safe(a.label),
            detail=terminal_safe(a.detail),
            full_label=terminal_safe(a.full_label),
        )
        for a in annotations
    )
    return Replay(recording, lines, safe, tuple(phases))


def transcript(events: tuple[Event, ...] | list[Event]) -> list[Line]:
    """Candidate turns and interviewer replies. Voice-loop events (``turn_committed``,
    ``reply_sentence``) win; agent-level events are used when the voice loop was not recorded."""
    voice = any(e.type in ("turn_committed", "reply_sentence") for e in events)
    spoken_outside_loop = _unvoiced_replies(events) if voice else set()
    lines: list[Line] = []
    pending: list[str] = []
    pending_t = 0.0

    def close_reply() -> None:
        nonlocal pending
        if pending:
            lines.append(Line(pending_t, "interviewer", " ".join(pending)))
            pending = []

    for e in events:
        text = str(e.get("text") or "").strip()
        if voice and e.type == "turn_committed" and text:
            close_reply()
            lines.append(Line(_speech_start(e), "candidate", text))
        elif voice and e.type == "reply_sentence" and text:
            if not pending:
                pending_t = e.t
            pending.append(text)
        elif voice and e.type == "playback_stopped":
            close_reply()
            if e.get("interrupted") and lines and lines[-1].speaker == "interviewer":
                last = lines[-1]
                heard = str(e.get("played_text") or "")
                lines[-1] = Line(last.t, last.speaker, last.text, True, heard)
        elif not voice and e.type in _CANDIDATE_TYPES and text:
            lines.append(Line(e.t, "candidate", text))
        elif (not voice or e.seq in spoken_outside_loop) and e.type in _INTERVIEWER_TYPES:
            sentences = e.get("sentences")
            if not text and isinstance(sentences, list):
                text = " ".join(str(s) for s in sentences)
            if text:
                lines.append(Line(e.t, "interviewer", text))
    close_reply()
    tagged = _tags_by_text(events)
    lines = [replace(line, tags=tagged.get((line.speaker, _key(line.text)), ())) for line in lines]
    return sorted(lines, key=lambda line: line.t)


def _key(text: str) -> str:
    return " ".join(text.split()).lower()


def _tags_by_text(
    events: tuple[Event, ...] | list[Event],
) -> dict[tuple[str, str], tuple[str, ...]]:
    """(speaker, text) -> what the turn did, from the interviewer's own events: ``move.kind``
    on its replies, ``reading.acts`` on candidate turns. Keyed by text so voiced lines (built
    from the voice loop's events) find them too."""
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for e in events:
        text = str(e.get("text") or "").strip()
        if not text:
            continue
        move, reading = e.get("move"), e.get("reading")
        if e.type in _INTERVIEWER_TYPES and isinstance(move, dict) and move.get("kind"):
            found[("interviewer", _key(text))] = (str(move["kind"]).replace("_", " "),)
        elif e.type in _CANDIDATE_TYPES and isinstance(reading, dict):
            acts = reading.get("acts")
            if isinstance(acts, list) and acts:
                found[("candidate", _key(text))] = tuple(str(a).replace("_", " ") for a in acts)
    return found


def _unvoiced_replies(events: tuple[Event, ...] | list[Event]) -> set[int]:
    """Interviewer replies that no ``reply_sentence`` followed (the opening, said before the
    loop started; a closing line): the agent's event is their only record."""
    found: set[int] = set()
    pending: int | None = None
    for e in events:
        if e.type in _INTERVIEWER_TYPES:
            if pending is not None:
                found.add(pending)
            pending = e.seq
        elif e.type == "reply_sentence":
            pending = None
        elif e.type in ("turn_committed", *_CANDIDATE_TYPES) and pending is not None:
            found.add(pending)
            pending = None
    if pending is not None:
        found.add(pending)
    return found


def _speech_start(e: Event) -> float:
    """When the turn's speech began: the commit time minus how long ago speech started."""
    stamp, start = e.get("timestamp"), e.get("speech_start")
    if isinstance(stamp, int | float) and isinstance(start, int | float) and 0 < start <= stamp:
        return max(0.0, e.t - (stamp - start))
    return e.t


# -- audio ------------------------------------------------------------------------------------
def mixed_audio(recording: Recording, rate: int = 16_000) -> np.ndarray:
    """Both tracks mixed to mono float32 at ``rate`` (empty when nothing was recorded)."""
    import numpy as np
    import soxr

    mixed = np.zeros(0, dtype=np.float32)
    for path in recording.tracks.values():
        samples, source_rate = read_track(path)
        if source_rate != rate and len(samples):
            samples = soxr.resample(samples, source_rate, rate).astype(np.float32)
        if len(samples) > len(mixed):
            mixed = np.pad(mixed, (0, len(samples) - len(mixed)))
        mixed[: len(samples)] += samples
    return np.clip(mixed, -1.0, 1.0)


def check_output_device(device: Any = None) -> Any:
    """The sounddevice module when an output device exists; ``NoAudioDevice`` otherwise."""
    try:
        import sounddevice as sd

        outputs = [d for d in sd.query_devices() if d["max_output_channels"] > 0]
    except Exception as exc:  # PortAudio missing or broken
        raise NoAudioDevice(f"no audio output available ({exc}); use --no-audio") from None
    if not outputs and device is None:
        raise NoAudioDevice(
            "no audio output device found, so the audio cannot play "
            "(--no-audio prints the timeline only)"
        )
    return sd


def play_audio(recording: Recording, start: float = 0.0, *, device: Any = None) -> float:
    """Play the session from ``start`` seconds on the default (or given) output device; blocks.

    Returns the seconds played. Raises ``NoAudioDevice`` with one clear line when there is no
    output device, and ``RecordingError`` when the session has no audio or ``start`` is past it.
    """
    if not recording.tracks:
        raise RecordingError(f"{recording.session_id} has no recorded audio")
    sd = check_output_device(device)
    rate = 16_000
    audio = mixed_audio(recording, rate)
    first = int(start * rate)
    if first >= len(audio):
        raise RecordingError(
            f"{format_time(start)} is past the end of the audio ({format_time(len(audio) / rate)})"
        )
    try:
        sd.play(audio[first:], rate, device=device)
        sd.wait()
    except KeyboardInterrupt:
        sd.stop()
    except Exception as exc:
        raise NoAudioDevice(f"cannot play audio: {exc}") from None
    return (len(audio) - first) / rate


__all__ = [
    "Line",
    "check_output_device",
    "NoAudioDevice",
    "Replay",
    "build_replay",
    "mixed_audio",
    "play_audio",
    "transcript",
]
