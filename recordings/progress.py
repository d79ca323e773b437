"""The progress history: sessions, their six dimension scores, drill results and the spaced
repetition schedule, in one SQLite file (``$HOTSEAT_HOME/progress.db`` via the CLI).

Sessions are added from recordings (``sync`` picks up every recorded session not yet stored, so
the interview code only has to write its recording). Drill items are scheduled Leitner-style
over drill *runs*: a miss puts the item in box 0 (due at the very next run), each hit moves it
up a box and pushes it ``2**box`` runs away.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from recordings.format import RecordingError
from recordings.reader import Recording, list_sessions, load_recording
from recordings.scores import DIMENSIONS, read_scores

SCHEMA_VERSION = 1
MAX_BOX = 5
RECENT = 3
"""Sessions averaged to pick the weakest area (the latest few say more than the first)."""

ADVICE = {
    "requirements": "Open with clarifying questions: users, scale, latency, consistency.",
    "estimation": "Run estimation drills (`hotseat drill`) and say each multiplier.",
    "high_level_design": "Sketch the request path end to end before any deep dive.",
    "deep_dive": "Pick the hardest component and cover failure, scaling and data model.",
    "tradeoffs": "Name the alternative you rejected and why, for each big choice.",
    "communication": "Think aloud in short steps and check in with the interviewer.",
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
  session_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, scenario TEXT, duration REAL,
  cut_short INTEGER NOT NULL, path TEXT, practise TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS dimension_scores (
  session_id TEXT NOT NULL REFERENCES sessions(session_id) ON DELETE CASCADE,
  dimension TEXT NOT NULL, score REAL NOT NULL, out_of REAL NOT NULL,
  PRIMARY KEY (session_id, dimension));
CREATE TABLE IF NOT EXISTS drill_runs (run INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS drill_results (
  id INTEGER PRIMARY KEY AUTOINCREMENT, run INTEGER NOT NULL, at TEXT NOT NULL,
  item_id TEXT NOT NULL, topic TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL,
  expected TEXT NOT NULL, correct INTEGER NOT NULL, seconds REAL);
CREATE TABLE IF NOT EXISTS drill_items (
  item_id TEXT PRIMARY KEY, box INTEGER NOT NULL, due_run INTEGER NOT NULL,
  hits INTEGER NOT NULL DEFAULT 0, misses INTEGER NOT NULL DEFAULT 0);
"""


@dataclass(frozen=True)
class Trend:
    """One dimension across sessions, scores scaled to out of 10."""

    dimension: str
    values: tuple[float, ...]

    @property
    def latest(self) -> float | None:
        return self.values[-1] if self.values else None

    @property
    def change(self) -> float:
        """Latest minus the first: positive is improvement."""
        return self.values[-1] - self.values[0] if len(self.values) > 1 else 0.0

    @property
    def recent(self) -> float | None:
        tail = self.values[-RECENT:]
        return sum(tail) / len(tail) if tail else None


@dataclass(frozen=True)
class ProgressSummary:
    sessions: int
    trends: tuple[Trend, ...]
    weakest: str | None
    practise: tuple[str, ...]
    drill_accuracy: dict[str, tuple[int, int]] = field(default_factory=dict)
    """topic -> (correct, answered)."""
    drills_due: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "sessions": self.sessions,
            "dimensions": {
                t.dimension: {
                    "values": [round(v, 2) for v in t.values],
                    "latest": None if t.latest is None else round(t.latest, 2),
                    "change": round(t.change, 2),
                    "recent_average": None if t.recent is None else round(t.recent, 2),
                }
                for t in self.trends
            },
            "out_of": 10,
            "weakest": self.weakest,
            "practise": list(self.practise),
            "drills": {
                topic: {"correct": c, "answered": n, "accuracy": round(c / n, 3) if n else None}
                for topic, (c, n) in self.drill_accuracy.items()
            },
            "drills_due": self.drills_due,
        }


class ProgressStore:
    """The SQLite history. Open one per command; every write commits at once."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        try:
            # The voice drill records answers from the voice loop's reply thread.
            self.db = sqlite3.connect(self.path, check_same_thread=False)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.executescript(_SCHEMA)
            row = self.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        except sqlite3.OperationalError as exc:  # read-only or missing folder, locked, disk full
            raise RecordingError(f"cannot open {self.path} ({exc})") from None
        except sqlite3.DatabaseError as exc:
            raise RecordingError(
                f"{self.path} is not a Hotseat progress database ({exc})"
            ) from None
        if row is None:
            self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            self.db.commit()
        elif int(row[0]) > SCHEMA_VERSION:
            raise RecordingError(f"{self.path} was written by a newer Hotseat; upgrade to read it")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sessions --------------------------------------------------------------------------
    def record_session(self, recording: Recording) -> bool:
        """Store (or refresh) a session and its scores; False when it has no scores."""
        scores = read_scores(recording.scores)
        if not scores.dimensions:
            return False
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    recording.session_id,
                    recording.started_at or recording.session_id,
                    recording.scenario,
                    recording.duration,
                    int(recording.cut_short),
                    str(recording.path),
                    "\n".join(scores.practise),
                ),
            )
            self.db.execute(
                "DELETE FROM dimension_scores WHERE session_id = ?", (recording.session_id,)
            )
            self.db.executemany(
                "INSERT INTO dimension_scores VALUES (?, ?, ?, ?)",
                [(recording.session_id, d.name, d.score, d.out_of) for d in scores.dimensions],
            )
        return True

    def sync(self, sessions_root: str | Path) -> int:
        """Add every scored recording under ``sessions_root`` not stored yet; returns how many.
        Unreadable recordings are skipped (``hotseat replay`` explains them)."""
        known = {r[0] for r in self.db.execute("SELECT session_id FROM sessions")}
        added = 0
        for path in list_sessions(sessions_root):
            if path.name in known:
                continue
            try:
                recording = load_recording(path)
            except RecordingError:
                continue
            if recording.session_id not in known and self.record_session(recording):
                added += 1
        return added

    def trends(self) -> dict[str, list[float]]:
        """dimension -> scores out of 10, oldest session first."""
        rows = self.db.execute(
            "SELECT d.dimension, d.score, d.out_of FROM dimension_scores d "
            "JOIN sessions s USING (session_id) ORDER BY s.started_at, s.session_id"
        )
        found: dict[str, list[float]] = {}
        for dimension, score, out_of in rows:
            found.setdefault(dimension, []).append(10.0 * score / out_of if out_of else 0.0)
        return {d: found[d] for d in DIMENSIONS if d in found}

    def summary(self) -> ProgressSummary:
        """Trends, the weakest area and what to practise next."""
        trends = tuple(Trend(d, tuple(v)) for d, v in self.trends().items())
        sessions = self.db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
        weakest = (
            min(trends, key=lambda t: (t.recent or 0.0, t.change)).dimension if trends else None
        )
        accuracy = {
            topic: (int(c), int(n))
            for topic, c, n in self.db.execute(
                "SELECT topic, SUM(correct), COUNT(*) FROM drill_results GROUP BY topic ORDER BY topic"
            )
        }
        due = self.db.execute(
            "SELECT COUNT(*) FROM drill_items WHERE due_run <= ?", (self._next_run(),)
        ).fetchone()[0]
        weak_topic = weakest_drill_topic(accuracy)
        latest = self.db.execute(
            "SELECT practise FROM sessions ORDER BY started_at DESC, session_id DESC LIMIT 1"
        ).fetchone()
        from_session = [p for p in (latest[0].split("\n") if latest else []) if p]
        practise: list[str] = []
        name = (weakest or "").replace("_", " ")
        # The wrap-up's own advice on the weakest area is more specific than the generic line.
        if weakest and not any(p.lower().replace("-", " ").startswith(name) for p in from_session):
            advice = ADVICE[weakest]
            if weakest == "estimation" and weak_topic:
                advice = advice.replace("`hotseat drill`", f"`hotseat drill --topic {weak_topic}`")
            practise.append(f"{name}: {advice}")
        practise += from_session
        if weak_topic and not any(f"--topic {weak_topic}" in p for p in practise):
            practise.append(f"Drill {weak_topic}: `hotseat drill --topic {weak_topic}`")
        if due:
            practise.append(f"{due} missed drill question(s) are due: `hotseat drill`")
        return ProgressSummary(sessions, trends, weakest, tuple(practise), accuracy, due)

    # -- drills ----------------------------------------------------------------------------
    def start_drill_run(self) -> int:
        """A new drill run (the unit of spaced repetition); returns its number."""
        with self.db:
            cur = self.db.execute("INSERT INTO drill_runs (at) VALUES (?)", (_now(),))
        return int(cur.lastrowid)

    def _next_run(self) -> int:
        row = self.db.execute("SELECT MAX(run) FROM drill_runs").fetchone()
        return int(row[0] or 0) + 1

    def order_items(self, item_ids: Iterable[str], run: int) -> list[str]:
        """``item_ids`` in the order to ask them at ``run``: due items first (lowest box, i.e.
        most recently missed, first), then items never asked, then the rest by due run.
        Ties keep the caller's order (so a seeded shuffle stays reproducible)."""
        ids = list(dict.fromkeys(item_ids))
        state = (
            {
                item: (box, due)
                for item, box, due in self.db.execute(
                    f"SELECT item_id, box, due_run FROM drill_items WHERE item_id IN "
                    f"({','.join('?' * len(ids))})",
                    ids,
                )
            }
            if ids
            else {}
        )

        def key(pair: tuple[int, str]) -> tuple[int, int, int]:
            index, item = pair
            if item not in state:
                return (1, 0, index)
            box, due = state[item]
            return (0, box, index) if due <= run else (2, due, index)

        return [item for _, item in sorted(enumerate(ids), key=key)]

    def record_drill(
        self,
        run: int,
        *,
        item_id: str,
        topic: str,
        question: str,
        answer: str,
        expected: str,
        correct: bool,
        seconds: float | None,
    ) -> None:
        """Store one answer and reschedule its item (thread-safe)."""
        with self._lock:
            self._record_drill(run, item_id, topic, question, answer, expected, correct, seconds)

    def _record_drill(self, run, item_id, topic, question, answer, expected, correct, seconds):
        row = self.db.execute(
            "SELECT box, hits, misses FROM drill_items WHERE item_id = ?", (item_id,)
        ).fetchone()
        box, hits, misses = row if row else (0, 0, 0)
        if correct:
            box, hits = min(MAX_BOX, box + 1), hits + 1
            due = run + 2**box
        else:
            box, misses, due = 0, misses + 1, run + 1
        with self.db:
            self.db.execute(
                "INSERT INTO drill_results (run, at, item_id, topic, question, answer, expected, "
                "correct, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run, _now(), item_id, topic, question, answer, expected, int(correct), seconds),
            )
            self.db.execute(
                "INSERT OR REPLACE INTO drill_items VALUES (?, ?, ?, ?, ?)",
                (item_id, box, due, hits, misses),
            )

    def drill_results(self, run: int | None = None) -> list[dict[str, Any]]:
        """Stored answers, oldest first (one run's when ``run`` is given)."""
        query = "SELECT run, at, item_id, topic, question, answer, expected, correct, seconds FROM drill_results"
        rows = self.db.execute(
            query + (" WHERE run = ?" if run else "") + " ORDER BY id", (run,) if run else ()
        )
        keys = (
            "run",
            "at",
            "item_id",
            "topic",
            "question",
            "answer",
            "expected",
            "correct",
            "seconds",
        )
        return [{**dict(zip(keys, r, strict=True)), "correct": bool(r[7])} for r in rows]


def weakest_drill_topic(
    accuracy: dict[str, tuple[int, int]], min_answers: int = 3, good: float = 0.8
) -> str | None:
    """The drill topic worth recommending: the lowest accuracy with enough answers to say so,
    under ``good``, and below every other drilled topic (never the strongest one)."""
    rated = {t: c / n for t, (c, n) in accuracy.items() if n}
    candidates = [(rate, t) for t, rate in rated.items() if accuracy[t][1] >= min_answers]
    if not candidates:
        return None
    rate, topic = min(candidates)
    if rate >= good or any(other <= rate for t, other in rated.items() if t != topic):
        return None
    return topic


def scores_history(
    store: ProgressStore, dimensions: Sequence[str] = DIMENSIONS
) -> dict[str, list[float]]:
    """The trend series the HTML report draws (``render_report(history=...)``)."""
    trends = store.trends()
    return {d: trends[d] for d in dimensions if d in trends}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


__all__ = [
    "ADVICE",
    "ProgressStore",
    "ProgressSummary",
    "Trend",
    "scores_history",
    "weakest_drill_topic",
]
