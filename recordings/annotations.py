"""Annotations: the moments worth jumping to in a session, and the user's own notes.

Annotations are derived from the event log when a recording is read (never stored twice), so
an old recording gains new annotation kinds when Hotseat learns them. The rules go by event
``type`` first and then by the payload's shape, so the agent may emit its own dicts:

==========  ===========================================================================
kind        from
==========  ===========================================================================
estimate    ``estimate_verdict``/``claim``/``verdict`` or any payload with ``verdict``;
            ``estimate_verdicts``/``turn_report`` with a ``claims`` list (one per claim);
            ``estimate_finding`` (capacity warnings, changed assumptions)
finding     ``board_finding``/``finding`` or a payload with ``code`` and ``components``;
            ``board_findings`` with a ``findings`` list
phase       ``phase_change``/``phase``/``phase_changed`` (``to`` or ``phase``)
barge_in    ``barge_in``
probe       ``probe``/``interviewer_probe``/``follow_up``/``followup`` (``text``/``question``);
            a ``kb`` dict (``id``, ``name``, ``kind``, ``summary``, ``source``) links the
            probe to the knowledge-base entry it comes from
note        ``note`` events during the session, and ``notes.jsonl`` (``hotseat annotate``)
error       ``voice_error``, ``recorder_error``, ``error``
==========  ===========================================================================
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recordings.format import NOTES_FILE, RecordingError
from recordings.reader import Event, Recording, load_recording, read_notes

KINDS = ("estimate", "finding", "phase", "barge_in", "probe", "note", "error")

_ESTIMATE = {"estimate_verdict", "estimate", "claim", "verdict", "claim_check"}
_ESTIMATE_LISTS = {"estimate_verdicts", "turn_report", "estimates", "claims"}
_ESTIMATE_FINDING = {"estimate_finding", "estimation_finding", "capacity_finding"}
_FINDING = {"board_finding", "finding", "whiteboard_finding"}
_FINDING_LISTS = {"board_findings", "findings"}
_PHASE = {"phase_change", "phase", "phase_changed", "phase_note"}
_PROBE = {"probe", "interviewer_probe", "follow_up", "followup", "question"}
_ERROR = {"voice_error", "recorder_error", "error"}


@dataclass(frozen=True)
class Annotation:
    """One marker on the timeline."""

    t: float
    """Seconds since the session started."""
    kind: str
    """One of KINDS."""
    label: str
    """A short line for the timeline."""
    detail: str = ""
    """The longer explanation (what the interviewer said, the finding's message)."""
    severity: str = "info"
    """good, bad, warning or info: how the marker is coloured."""
    components: tuple[str, ...] = field(default_factory=tuple)
    """Board component ids involved (findings, probes)."""
    source: str = "event"
    """"event" (from the log) or "user" (``hotseat annotate``)."""
    kb: tuple[tuple[str, str], ...] = ()
    """The knowledge-base entry a probe cites, as (field, text) pairs: id, name, kind, summary,
    source (a URL). Empty when it cites none."""
    full_label: str = ""
    """The label before it was shortened for the timeline; empty when it was not shortened."""

    @property
    def title(self) -> str:
        """The whole label, for a report card that has the room."""
        return self.full_label or self.label

    @property
    def entry(self) -> dict[str, str]:
        """The cited knowledge-base entry as a dict ({} when none)."""
        return dict(self.kb)

    def to_dict(self) -> dict[str, Any]:
        extra = {"kb": self.entry} if self.kb else {}
        return {
            "t": round(self.t, 3),
            "at": format_time(self.t),
            "kind": self.kind,
            "label": self.label,
            "detail": self.detail,
            "severity": self.severity,
            "components": list(self.components),
            "source": self.source,
            **extra,
        }


def annotations_for(recording: Recording) -> list[Annotation]:
    """Every annotation in the session, the user's notes included, in time order."""
    found: list[Annotation] = []
    shown: set[tuple[str, tuple[str, ...]]] = set()
    for event in recording.events:
        for annotation in from_event(event):
            if event.type in _FINDING_LISTS:
                # The interviewer re-sends the whole list with every board snapshot: mark a
                # finding when it first appears, again only after it was fixed and came back.
                key = (annotation.label, annotation.components)
                if key in shown:
                    continue
            found.append(annotation)
        if event.type in _FINDING_LISTS and isinstance(event.get("findings"), list):
            shown = {(a.label, a.components) for a in from_event(event)}
    for note in read_notes(recording.path):
        found.append(
            Annotation(float(note["t"]), "note", str(note["text"]), source="user", severity="info")
        )
    return sorted(found, key=lambda a: (a.t, KINDS.index(a.kind)))


def from_event(event: Event) -> list[Annotation]:
    """The annotations one logged event stands for (usually none or one)."""
    kind, d, t = event.type, event.data, event.t
    if kind in _ESTIMATE_LISTS and isinstance(d.get("claims"), list):
        return [_estimate(t, c) for c in d["claims"] if isinstance(c, dict)]
    if kind in _FINDING_LISTS and isinstance(d.get("findings"), list):
        return [_finding(t, f) for f in d["findings"] if isinstance(f, dict)]
    if kind in _ESTIMATE or (isinstance(d.get("verdict"), str) and "text" in d):
        return [_estimate(t, d)]
    if kind in _ESTIMATE_FINDING:
        message = str(d.get("message") or d.get("text") or kind)
        return [Annotation(t, "estimate", _clip(message), message, "warning", full_label=message)]
    if kind in _FINDING or ("code" in d and isinstance(d.get("components"), list)):
        return [_finding(t, d)]
    if kind in _PHASE:
        phase = d.get("to") or d.get("phase") or d.get("name")
        if not phase:
            return []
        reason = str(d.get("reason") or "")
        return [Annotation(t, "phase", f"Phase: {_title(str(phase))}", reason, "info")]
    if kind == "barge_in":
        return [Annotation(t, "barge_in", "Barge-in: the candidate spoke over the interviewer")]
    if kind in _PROBE:
        text = str(d.get("text") or d.get("question") or "")
        if not text:
            return []
        comps = tuple(str(c) for c in d.get("components") or () if c)
        return [
            Annotation(
                t, "probe", _clip(text), text, "info", comps, kb=_kb(d.get("kb")), full_label=text
            )
        ]
    if kind == "note" and d.get("text"):
        text = str(d["text"])
        return [Annotation(t, "note", _clip(text), text, full_label=text)]
    if kind in _ERROR:
        message = str(d.get("message") or kind)
        return [Annotation(t, "error", _clip(message), message, "warning", full_label=message)]
    return []


_KB_FIELDS = ("id", "name", "kind", "summary", "source")
_KB_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")


def _kb(value: Any) -> tuple[tuple[str, str], ...]:
    """A probe's knowledge-base citation, kept only when its id is a plain slug (it becomes an
    anchor) and its source, if any, is an http(s) URL (it becomes a link)."""
    if not isinstance(value, dict) or not _KB_ID.match(str(value.get("id") or "")):
        return ()
    entry = {name: str(value.get(name) or "") for name in _KB_FIELDS}
    if not re.match(r"^https?://", entry["source"]):
        entry["source"] = ""
    entry["name"] = entry["name"] or entry["id"]
    return tuple(entry.items())


def _estimate(t: float, claim: dict[str, Any]) -> Annotation:
    verdict = str(claim.get("verdict") or "unchecked")
    text = str(claim.get("text") or claim.get("expression") or "estimate")
    severity = {"correct": "good", "incorrect": "bad"}.get(verdict, "info")
    label = f"{verdict.capitalize()}: {_clip(text, 70)}"
    explanation = str(claim.get("explanation") or "")
    full = f"{verdict.capitalize()}: {' '.join(text.split())}"
    return Annotation(t, "estimate", label, explanation, severity, full_label=full)


def _finding(t: float, finding: dict[str, Any]) -> Annotation:
    code = str(finding.get("code") or "FINDING")
    message = str(finding.get("message") or "")
    severity = {"high": "bad", "medium": "warning"}.get(str(finding.get("severity")), "info")
    comps = tuple(str(c) for c in finding.get("components") or () if c)
    detail = " ".join(x for x in (message, str(finding.get("question") or "")) if x)
    label = f"{code}: {_clip(message or code, 70)}"
    full = f"{code}: {' '.join((message or code).split())}"
    return Annotation(t, "finding", label, detail, severity, comps, full_label=full)


def _clip(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _title(phase: str) -> str:
    return phase.replace("_", " ").capitalize()


# -- the user's notes -----------------------------------------------------------------------
def add_note(recording_path: str | Path, at: float, text: str) -> Annotation:
    """Append a note at ``at`` seconds to ``notes.jsonl`` (the event log stays untouched)."""
    text = " ".join(str(text).split())
    if not text:
        raise RecordingError("the note is empty")
    recording = load_recording(recording_path)  # refuses what is not a readable recording
    if at < 0 or at > recording.duration + 1.0:
        raise RecordingError(
            f"{format_time(at)} is outside the session (0:00 to {format_time(recording.duration)})"
        )
    line = json.dumps({"t": round(float(at), 3), "text": text}, ensure_ascii=False)
    with open(recording.path / NOTES_FILE, "a", encoding="utf-8") as out:
        out.write(line + "\n")
        out.flush()
        os.fsync(out.fileno())
    return Annotation(float(at), "note", text, source="user")


_TIME = re.compile(r"^(?:(\d+):)?(\d+):(\d{1,2}(?:\.\d+)?)$|^(\d+(?:\.\d+)?)s?$")


def parse_time(text: str) -> float:
    """ "03:12" → 192.0, "1:02:03" → 3723.0, "75" or "75.5s" → seconds."""
    match = _TIME.match(str(text).strip())
    if not match:
        raise ValueError(f"cannot read time {text!r}: use MM:SS, H:MM:SS or seconds")
    hours, minutes, seconds, plain = match.groups()
    if plain is not None:
        return float(plain)
    if float(seconds) >= 60:
        raise ValueError(f"cannot read time {text!r}: seconds must be under 60")
    return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)


def format_time(seconds: float) -> str:
    """192.4 → "03:12"; an hour or more → "1:02:03"."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


__all__ = [
    "KINDS",
    "Annotation",
    "add_note",
    "annotations_for",
    "format_time",
    "from_event",
    "parse_time",
]
