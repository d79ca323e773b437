"""The self-contained HTML report of one session: one file, inline CSS/JS/SVG, audio embedded.

The mixed session audio is embedded as base64 inside a ``<script type="application/octet-stream">``
block and turned into a Blob URL by the page, which (unlike a data: URI in ``src``) has no size
cap in browsers. By default it is 8 kHz G.711 μ-law, telephone-quality speech at about 0.64 MB
of HTML a minute (a 45-minute session: ~29 MB); ``audio_codec="pcm16", audio_rate=16_000`` keeps
full quality at four times the size.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2

from recordings.annotations import Annotation, format_time
from recordings.reader import Recording
from recordings.replay import Line, Replay, build_replay, mixed_audio
from recordings.scores import read_scores
from recordings.svg import board_svg, dimension_chart, trend_svg
from recordings.wav import wav_bytes

TEMPLATE = "report.html.j2"


def render_report(
    replay: Replay | Recording,
    *,
    embed_audio: bool = True,
    audio_rate: int = 8_000,
    audio_codec: str = "mulaw",
    history: Mapping[str, Sequence[float]] | None = None,
) -> str:
    """The report as one HTML string. ``history`` (dimension -> scores over past sessions, from
    ``ProgressStore.trends()``) adds a trend chart per dimension."""
    if isinstance(replay, Recording):
        replay = build_replay(replay)
    rec = replay.recording
    scores = read_scores(rec.scores)
    audio_b64 = ""
    if embed_audio and rec.tracks:
        samples = mixed_audio(rec, audio_rate)
        if len(samples):
            audio_b64 = base64.b64encode(wav_bytes(samples, audio_rate, audio_codec)).decode(
                "ascii"
            )
    dims = {d.name: d.score for d in scores.dimensions}
    out_of = scores.dimensions[0].out_of if scores.dimensions else 10.0
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template(TEMPLATE).render(
        rec=rec,
        title=f"Hotseat session {rec.session_id}",
        duration=format_time(rec.duration),
        items=_interleave(replay.transcript, replay.annotations),
        annotations=replay.annotations,
        boards=_boards(replay),
        scores=scores,
        chart=dimension_chart(dims, out_of) if dims else "",
        trends=_trends(history, out_of),
        glossary=_glossary(replay.annotations),
        audio_b64=audio_b64,
        format_time=format_time,
    )


def write_report(replay: Replay | Recording, out: str | Path, **options: Any) -> Path:
    """Render and write the report; returns the path written."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(replay, **options), encoding="utf-8")
    return out


def _interleave(lines: Sequence[Line], notes: Sequence[Annotation]) -> list[tuple[str, Any]]:
    """Transcript lines with each annotation placed after the line it happened during."""
    items: list[tuple[float, int, str, Any]] = [(line.t, 0, "line", line) for line in lines]
    items += [(a.t, 1, "annotation", a) for a in notes]
    return [(kind, value) for _, _, kind, value in sorted(items, key=lambda x: (x[0], x[1]))]


def _boards(replay: Replay) -> list[dict[str, Any]]:
    """The last board of each phase, with the components flagged by then highlighted."""
    snaps = replay.recording.boards
    if not snaps:
        return []
    phases = list(replay.phases)

    def phase_at(t: float) -> str:
        current = "Session"
        for start, name in phases:
            if start <= t:
                current = name
        return current

    groups: dict[str, Any] = {}
    for snap in snaps:
        name = snap.phase.replace("_", " ").capitalize() if snap.phase else phase_at(snap.t)
        groups[name] = snap  # later snapshots of the same phase replace earlier ones
    boards = []
    for name, snap in groups.items():
        data = snap.load()
        if data is None:
            continue
        labels = {
            c.get("id"): str(c.get("label") or c.get("id"))
            for c in data.get("components") or []
            if isinstance(c, Mapping)
        }
        ids = set(labels)
        later = [s for s, _ in phases if s > snap.t]
        until = min(later) if later else float("inf")
        findings = [a for a in replay.annotations if a.kind == "finding" and a.t <= until]
        # A finding's first component is what it is about; the others are context (a SPOF's
        # dependents), drawn apart so the red boxes stay few.
        flagged = {a.components[0] for a in findings if a.components and a.components[0] in ids}
        involved = {c for a in findings for c in a.components[1:] if c in ids} - flagged
        boards.append(
            {
                "phase": name,
                "t": snap.t,
                "svg": board_svg(data, flagged, title=name, involved=involved),
                "flagged": sorted(labels[c] for c in flagged),
            }
        )
    return boards


def _glossary(notes: Sequence[Annotation]) -> list[dict[str, str]]:
    """The knowledge-base entries the probes cite, once each in order of first use: the report's
    in-page glossary that each probe links to (``#kb-<id>``)."""
    entries: dict[str, dict[str, str]] = {}
    for note in notes:
        entry = note.entry
        if entry and entry["id"] not in entries:
            entries[entry["id"]] = {**entry, "first": format_time(note.t), "t": f"{note.t:.3f}"}
    return list(entries.values())


def _trends(history: Mapping[str, Sequence[float]] | None, out_of: float) -> list[dict[str, Any]]:
    if not history:
        return []
    return [
        {"name": name, "svg": trend_svg(values, out_of), "series": list(values)}
        for name, values in history.items()
        if values
    ]


__all__ = ["render_report", "write_report"]
