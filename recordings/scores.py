"""Reading the interviewer's wrap-up (``scores.json``) into typed values for reports and progress.

The wrap-up is stored as the agent wrote it; this module is the one place that knows its shape:
six dimensions each ``{"score", "evidence"}`` (under ``"dimensions"`` or at the top level, as a
mapping or a list with ``"name"``/``"dimension"``), a component table (``"components"``) and a
practise list (``"practise"``/``"practice"``). Scores are out of ``"out_of"`` (default 10).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

DIMENSIONS: tuple[str, ...] = (
    "requirements",
    "estimation",
    "high_level_design",
    "deep_dive",
    "tradeoffs",
    "communication",
)
"""The six scoring dimensions (the same names as ``scenarios.RUBRIC_DIMENSIONS``)."""
DEFAULT_OUT_OF = 10.0


@dataclass(frozen=True)
class RecordedScore:
    name: str
    score: float
    out_of: float = DEFAULT_OUT_OF
    evidence: tuple[str, ...] = ()

    @property
    def fraction(self) -> float:
        """0..1, comparable across scales."""
        return max(0.0, min(1.0, self.score / self.out_of)) if self.out_of else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "score": self.score,
            "out_of": self.out_of,
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True)
class SessionScores:
    dimensions: tuple[RecordedScore, ...]
    components: tuple[dict[str, Any], ...] = ()
    practise: tuple[str, ...] = ()

    def by_name(self) -> dict[str, RecordedScore]:
        return {d.name: d for d in self.dimensions}


def read_scores(raw: Any) -> SessionScores:
    """Typed scores from a wrap-up dict; unknown or malformed parts are skipped, never fatal."""
    if not isinstance(raw, Mapping):
        return SessionScores(())
    out_of = _number(raw.get("out_of")) or _number(raw.get("scale")) or DEFAULT_OUT_OF
    source: Any = raw.get("dimensions", raw.get("scores", raw))
    items: list[tuple[str, Any]] = []
    if isinstance(source, Mapping):
        items = [(str(k), v) for k, v in source.items()]
    elif isinstance(source, list):
        items = [
            (str(v.get("name") or v.get("dimension")), v) for v in source if isinstance(v, Mapping)
        ]
    dims = []
    for name, value in items:
        if name not in DIMENSIONS:
            continue
        if isinstance(value, Mapping):
            score = _number(value.get("score"))
            own = _number(value.get("out_of")) or out_of
            evidence = value.get("evidence") or ()
        else:
            score, own, evidence = _number(value), out_of, ()
        if score is None:
            continue
        if isinstance(evidence, str):
            evidence = (evidence,)
        dims.append(RecordedScore(name, score, own, tuple(str(e) for e in evidence)))
    dims.sort(key=lambda d: DIMENSIONS.index(d.name))
    comps = raw.get("components") or raw.get("component_scores") or ()
    practise = raw.get("practise") or raw.get("practice") or raw.get("practise_next") or ()
    if isinstance(practise, str):
        practise = (practise,)
    return SessionScores(
        tuple(dims),
        tuple(c for c in comps if isinstance(c, Mapping)) if isinstance(comps, list) else (),
        tuple(_practise_text(p) for p in practise) if isinstance(practise, list | tuple) else (),
    )


def _practise_text(item: Any) -> str:
    if isinstance(item, Mapping):
        return str(item.get("text") or item.get("topic") or item.get("title") or item)
    return str(item)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


__all__ = ["DEFAULT_OUT_OF", "DIMENSIONS", "RecordedScore", "SessionScores", "read_scores"]
