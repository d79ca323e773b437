"""The interview checkpoint store: LangGraph's SQLite saver, kept small and kept going.

Two things the plain `SqliteSaver` does not do, both at the saver boundary so they hold whatever
shape the interview state takes:

- **Pruning.** Every checkpoint holds the whole state, transcript included, and LangGraph keeps
  all of them, so a session's database grows with the square of its turns (936 MB at 2,000
  turns). Only the latest `KEEP` checkpoints of a thread are needed to resume it; older ones
  (and their pending writes) are deleted as each new one is stored.
- **Surviving a write error.** When the disk fills or disappears mid-interview, a failed write
  would fail every later turn. Instead the saver says so once and keeps the session's latest
  checkpoint in memory, so the interview goes on; only resuming after this process ends is lost.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from langgraph.checkpoint.base import ChannelVersions, Checkpoint, CheckpointMetadata
from langgraph.checkpoint.base import CheckpointTuple as _Tuple
from langgraph.checkpoint.sqlite import SqliteSaver

KEEP = 3
"""Checkpoints kept per thread: the latest is what resumes; two more cover a torn last write."""
_LOG = logging.getLogger("hotseat.checkpoints")


class DurableSaver(SqliteSaver):
    """A `SqliteSaver` that prunes old checkpoints and falls back to memory on write errors."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        keep: int = KEEP,
        on_problem: Callable[[str], None] | None = None,
        serde: Any = None,
    ) -> None:
        super().__init__(conn, serde=serde)
        self.keep = max(1, keep)
        self.on_problem = on_problem
        self.write_error: str | None = None
        """Set once a write failed; from then on checkpoints live in memory only."""
        self._memory: dict[tuple[str, str], dict[str, Any]] = {}
        self._memory_lock = threading.Lock()

    # -- writing ------------------------------------------------------------------------------
    def put(
        self,
        config: Any,
        checkpoint: Checkpoint,
        metadata: CheckpointMetadata,
        new_versions: ChannelVersions,
    ) -> Any:
        if self.write_error is None:
            try:
                saved = super().put(config, checkpoint, metadata, new_versions)
                self._prune(config)
                return saved
            except sqlite3.Error as error:
                self._failed(error)
        return self._put_memory(config, checkpoint, metadata)

    def put_writes(
        self,
        config: Any,
        writes: Sequence[tuple[str, Any]],
        task_id: str,
        task_path: str = "",
    ) -> None:
        if self.write_error is None:
            try:
                super().put_writes(config, writes, task_id, task_path)
                return
            except sqlite3.Error as error:
                self._failed(error)
        key = _key(config)
        with self._memory_lock:
            entry = self._memory.get(key)
            if entry is not None and entry["id"] == config["configurable"].get("checkpoint_id"):
                entry["writes"].extend(
                    (task_id, channel, self.serde.dumps_typed(value)) for channel, value in writes
                )

    def _prune(self, config: Any) -> None:
        """Delete all but the newest `keep` checkpoints of this thread and namespace."""
        thread, ns = _key(config)
        with self.cursor() as cur:
            cur.execute(
                "SELECT checkpoint_id FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? "
                "ORDER BY checkpoint_id DESC LIMIT 1 OFFSET ?",
                (thread, ns, self.keep - 1),
            )
            row = cur.fetchone()
            if row is None:
                return
            for table in ("checkpoints", "writes"):
                cur.execute(
                    f"DELETE FROM {table} WHERE thread_id = ? AND checkpoint_ns = ? "  # noqa: S608
                    "AND checkpoint_id < ?",
                    (thread, ns, row[0]),
                )

    def _failed(self, error: sqlite3.Error) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.rollback()
        if self.write_error is not None:
            return
        when = datetime.now().strftime("%H:%M")
        full = "full" in str(error).lower()
        what = "disk full" if full else f"cannot write checkpoints ({error})"
        self.write_error = (
            f"{what} — checkpoints stopped at {when}; the interview continues "
            "but cannot be resumed after it ends"
        )
        if self.on_problem is not None:
            with contextlib.suppress(Exception):
                self.on_problem(self.write_error)
        else:
            _LOG.warning(self.write_error)

    def _put_memory(self, config: Any, checkpoint: Checkpoint, metadata: Any) -> Any:
        thread, ns = _key(config)
        parent = config["configurable"].get("checkpoint_id")
        with self._memory_lock:
            self._memory[(thread, ns)] = {
                "id": checkpoint["id"],
                "parent": parent,
                "checkpoint": self.serde.dumps_typed(checkpoint),
                "metadata": dict(metadata),
                "writes": [],
            }
        return {
            "configurable": {
                "thread_id": thread,
                "checkpoint_ns": ns,
                "checkpoint_id": checkpoint["id"],
            }
        }

    # -- reading ------------------------------------------------------------------------------
    def get_tuple(self, config: Any) -> _Tuple | None:
        remembered = self._from_memory(config)
        if remembered is not None:
            return remembered
        return super().get_tuple(config)

    def list(
        self,
        config: Any,
        *,
        filter: dict[str, Any] | None = None,  # noqa: A002 - LangGraph's signature
        before: Any = None,
        limit: int | None = None,
    ) -> Iterator[_Tuple]:
        if config is not None and before is None and not filter:
            remembered = self._from_memory(config)
            if remembered is not None:
                yield remembered
                limit = None if limit is None else limit - 1
                if limit == 0:
                    return
        yield from super().list(config, filter=filter, before=before, limit=limit)

    def _from_memory(self, config: Any) -> _Tuple | None:
        if not self._memory:
            return None
        thread, ns = _key(config)
        with self._memory_lock:
            entry = self._memory.get((thread, ns))
            if entry is None:
                return None
            wanted = config["configurable"].get("checkpoint_id")
            if wanted and wanted != entry["id"]:
                return None
            writes = [
                (task, channel, self.serde.loads_typed(v)) for task, channel, v in entry["writes"]
            ]
            own = {
                "configurable": {
                    "thread_id": thread,
                    "checkpoint_ns": ns,
                    "checkpoint_id": entry["id"],
                }
            }
            parent = entry["parent"]
            return _Tuple(
                own,
                self.serde.loads_typed(entry["checkpoint"]),
                entry["metadata"],
                {
                    "configurable": {
                        "thread_id": thread,
                        "checkpoint_ns": ns,
                        "checkpoint_id": parent,
                    }
                }
                if parent
                else None,
                writes,
            )


def open_checkpoints(
    path: Path | str,
    *,
    on_problem: Callable[[str], None] | None = None,
    serde: Any = None,
) -> tuple[DurableSaver, sqlite3.Connection]:
    """The checkpoint store at `path` (created if missing); `serde` as LangGraph's savers take."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), check_same_thread=False)
    saver = DurableSaver(conn, on_problem=on_problem, serde=serde)
    saver.setup()
    # WAL + NORMAL survives a killed process (only an OS crash can lose the last turn).
    conn.execute("PRAGMA synchronous=NORMAL")
    return saver, conn


def _key(config: Any) -> tuple[str, str]:
    configurable = config["configurable"]
    return str(configurable["thread_id"]), str(configurable.get("checkpoint_ns", ""))


__all__ = ["KEEP", "DurableSaver", "open_checkpoints"]
