"""What the start page lists: the scenarios (the seed article's first) and the past sessions
with their scores; and the one safe way from a session id in a URL to its folder."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recordings.reader import list_sessions
from recordings.scores import read_scores
from scenarios import ScenarioLibrary

SESSION_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,100}$")


@dataclass(frozen=True)
class ScenarioEntry:
    id: str
    title: str
    difficulty: str
    seed: bool
    tags: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "difficulty": self.difficulty,
            "seed": self.seed,
            "tags": list(self.tags),
        }


def scenario_entries(library: ScenarioLibrary) -> list[ScenarioEntry]:
    """Seed-article scenarios first, then by title."""
    entries = [
        ScenarioEntry(
            s.id, s.title, s.difficulty, "seed article" in s.source.lower(), tuple(s.tags)
        )
        for s in library
    ]
    return sorted(entries, key=lambda e: (not e.seed, e.title.lower()))


def session_folder(root: Path, session_id: str) -> Path | None:
    """The folder of a recorded session, or None. Only exact ids of folders that are
    recordings directly under `root` match, so no URL reaches anything else."""
    if not SESSION_ID.match(session_id):
        return None
    for path in list_sessions(root):
        if path.name == session_id:
            return path
    return None


def interview_folders(root: Path, interview_id: str) -> list[Path]:
    """Every recording of one interview, in order: the first, then one per resume after a
    restart (`<id>-2`, `<id>-3`, ...)."""
    if not SESSION_ID.match(interview_id):
        return []
    found = []
    for path in list_sessions(root):
        if path.name == interview_id:
            found.append(path)
        elif path.name.startswith(interview_id + "-"):
            meta = _json(path / "meta.json") or {}
            if meta.get("interview") == interview_id:
                found.append(path)
    return sorted(found, key=lambda p: (len(p.name), p.name))


def session_entries(root: Path) -> list[dict[str, Any]]:
    """Past sessions, newest first, with their scores when they have been scored."""
    out = []
    for path in reversed(list_sessions(root)):
        meta = _json(path / "meta.json") or {}
        scores = read_scores(_json(path / "scores.json"))
        dims = {d.name: d.score for d in scores.dimensions}
        out.append(
            {
                "id": path.name,
                "interview": meta.get("interview") or path.name,
                "scenario": meta.get("scenario") or "",
                "mode": meta.get("mode") or "",
                "started_at": meta.get("started_at") or "",
                "status": meta.get("status") or "",
                "end_reason": meta.get("end_reason") or "",
                "scores": dims,
                "total": round(sum(dims.values()), 1) if dims else None,
            }
        )
    return out


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
