"""The self-contained HTML report of one session: one file, inline CSS/JS/SVG, audio embedded.

Reading order: a summary first (the six scores, what to practise first, the key moments linked
to their place in the transcript), then the board as it stood at each phase, the component and
dimension tables, the transcript with every event, the knowledge-base glossary and, when some
dimension moved across sessions, the trends. Play buttons appear only when there is audio.

The mixed session audio is embedded as base64 inside a ``<script type="application/octet-stream">``
block and turned into a Blob URL by the page, which (unlike a data: URI in ``src``) has no size
cap in browsers. By default it is 8 kHz G.711 μ-law, telephone-quality speech at about 0.64 MB
of HTML a minute (a 45-minute session: ~29 MB); ``audio_codec="pcm16", audio_rate=16_000`` keeps
full quality at four times the size.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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
    dims = {dimension_title(d.name): d.score for d in scores.dimensions}
    out_of = scores.dimensions[0].out_of if scores.dimensions else 10.0
    cards = [_card(i, a) for i, a in enumerate(replay.annotations)]
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
        items=_interleave(replay.transcript, cards),
        annotations=cards,
        moments=_key_moments(cards),
        practise=_practise(scores.practise),
        boards=_boards(replay),
        scores=scores,
        chart=dimension_chart(dims, out_of) if dims else "",
        trends=_trends(history, out_of),
        has_audio=bool(audio_b64),
        glossary=_glossary(replay.annotations),
        audio_b64=audio_b64,
        format_time=format_time,
        dimension_title=dimension_title,
    )


def write_report(replay: Replay | Recording, out: str | Path, **options: Any) -> Path:
    """Render and write the report; returns the path written."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(replay, **options), encoding="utf-8")
    return out


@dataclass(frozen=True)
class Card:
    """An annotation as the report shows it: the whole title, and a body only when it adds to
    the title (a finding's question, a verdict's explanation)."""

    anchor: str
    """The element id the summary's key moments link to ("m-3")."""
    annotation: Annotation
    title: str
    body: str

    @property
    def t(self) -> float:
        return self.annotation.t

    @property
    def kind(self) -> str:
        return self.annotation.kind

    @property
    def severity(self) -> str:
        return self.annotation.severity


_CODE = re.compile(r"^[A-Z][A-Z0-9_]+: ")
"""An analyzer code in front of a finding ("NO_MONITORING: "): the timeline's shorthand."""


def _card(index: int, note: Annotation) -> Card:
    title = _CODE.sub("", note.title) if note.kind == "finding" else note.title
    body = "" if note.kind == "phase" else note.detail  # a phase's detail is an internal reason
    for said in (title, title.split(": ", 1)[-1]):
        if body.startswith(said):
            body = body[len(said) :].strip()
    return Card(f"m-{index}", note, title, body)


MAX_MOMENTS = 6
_MOMENT_KINDS = {"estimate", "finding", "note", "error", "probe"}


def _key_moments(cards: Sequence[Card]) -> list[Card]:
    """What to look at first: slips and board findings (worst first), your notes, then the
    interviewer's probes; up to MAX_MOMENTS, in time order."""

    def rank(card: Card) -> int:
        if card.severity == "bad":
            return 0
        if card.severity == "warning" or card.annotation.source == "user":
            return 1
        return 2 if card.kind == "probe" else 3

    chosen = [c for c in cards if c.kind in _MOMENT_KINDS and rank(c) < 3]
    chosen.sort(key=lambda c: (rank(c), c.t))
    return sorted(chosen[:MAX_MOMENTS], key=lambda c: c.t)


DIMENSION_TITLES = {
    "requirements": "Requirements",
    "estimation": "Estimation",
    "high_level_design": "High-level design",
    "deep_dive": "Deep dive",
    "tradeoffs": "Trade-offs",
    "communication": "Communication",
}


def dimension_title(name: str) -> str:
    return DIMENSION_TITLES.get(name, name.replace("_", " ").capitalize())


MAX_PRACTISE = 3


def _practise(items: Sequence[str]) -> list[str]:
    """The few things to practise first (the wrap-up lists them most important first)."""
    return list(items[:MAX_PRACTISE])


def _interleave(lines: Sequence[Line], notes: Sequence[Card]) -> list[tuple[str, Any]]:
    """Transcript lines with each annotation placed after the line it happened during."""
    items: list[tuple[float, int, str, Any]] = [(line.t, 0, "line", line) for line in lines]
    items += [(a.t, 1, "annotation", a) for a in notes]
    return [(kind, value) for _, _, kind, value in sorted(items, key=lambda x: (x[0], x[1]))]


def _boards(replay: Replay) -> list[dict[str, Any]]:
    """The board as it stood at the end of each phase, with the components flagged by then
    highlighted. Phases in a row that ended on the same board share one drawing ("Requirements
    to high level design"); phases before anything was drawn have none."""
    snaps = sorted(replay.recording.boards, key=lambda snap: snap.t)
    if not snaps:
        return []
    phases = list(replay.phases) or [(0.0, "Session")]
    groups: list[tuple[list[str], Any, float]] = []  # (phase names, snapshot, end of the last)
    for index, (_, name) in enumerate(phases):
        end = phases[index + 1][0] if index + 1 < len(phases) else float("inf")
        drawn = [snap for snap in snaps if snap.t < end or end == float("inf")]
        if not drawn:
            continue
        if groups and groups[-1][1] is drawn[-1]:
            groups[-1] = (groups[-1][0] + [name], drawn[-1], end)
        else:
            groups.append(([name], drawn[-1], end))
    boards = []
    for names, snap, until in groups:
        data = snap.load()
        if data is None:
            continue
        caption = names[0] if len(names) == 1 else f"{names[0]} to {names[-1].lower()}"
        labels = {
            c.get("id"): str(c.get("label") or c.get("id"))
            for c in data.get("components") or []
            if isinstance(c, Mapping)
        }
        ids = set(labels)
        findings = [a for a in replay.annotations if a.kind == "finding" and a.t <= until]
        # A finding's first component is what it is about; the others are context (a SPOF's
        # dependents), drawn apart so the red boxes stay few.
        flagged = {a.components[0] for a in findings if a.components and a.components[0] in ids}
        involved = {c for a in findings for c in a.components[1:] if c in ids} - flagged
        boards.append(
            {
                "phase": caption,
                "t": snap.t,
                "svg": board_svg(data, flagged, title=caption, involved=involved),
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


MEANINGFUL_CHANGE = 1.0
"""Points out of 10 a dimension must move across sessions before the trend is worth a chart."""


def _trends(history: Mapping[str, Sequence[float]] | None, out_of: float) -> list[dict[str, Any]]:
    """Per-dimension trend charts, only with two or more sessions and when some dimension moved
    by MEANINGFUL_CHANGE or more (a flat 5 → 5 → 5 is noise, not a trend)."""
    series = {name: list(values) for name, values in (history or {}).items() if len(values) >= 2}
    if not any(max(v) - min(v) >= MEANINGFUL_CHANGE for v in series.values()):
        return []
    return [
        {
            "name": name,
            "svg": trend_svg(values, out_of),
            "series": values,
            "change": values[-1] - values[0],
        }
        for name, values in series.items()
    ]


__all__ = ["render_report", "write_report"]
