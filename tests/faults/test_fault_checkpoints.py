"""Item 11: a 2,000-turn session's checkpoint database stays under 50 MB. The store is opened
exactly as the interviewer opens it; the graph is a minimal one whose state carries the whole
transcript, as the interviewer's does, so the bound holds whatever the real state looks like."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TypedDict

from langgraph.graph import END, START, StateGraph

LIMIT = 50 * 1024 * 1024
TURN = "Reads are a hundred times writes, so about 4,000 a second, 12,000 at peak. " * 5


def _open(path: Path):
    try:
        from agent.interviewer.facade import open_checkpointer
    except ImportError:  # the interviewer before it became a package
        from agent.interviewer import open_checkpointer
    return open_checkpointer(path)


class State(TypedDict):
    turns: list[str]
    said: int


def _graph(saver):
    def listen(state: State) -> dict:
        return {"turns": [*state.get("turns", []), TURN], "said": state.get("said", 0) + 1}

    graph = StateGraph(State)
    graph.add_node("listen", listen)
    graph.add_edge(START, "listen")
    graph.add_edge("listen", END)
    return graph.compile(checkpointer=saver)


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def test_item11_checkpoint_db_stays_small_over_2000_turns(tmp_path):
    path = tmp_path / "checkpoints.sqlite"
    saver, conn = _open(path)
    graph = _graph(saver)
    config = {"configurable": {"thread_id": "long-session"}}
    other = {"configurable": {"thread_id": "other-session"}}
    try:
        graph.invoke({"turns": [], "said": 0}, other, durability="exit")
        for turn in range(2000):
            graph.invoke({"said": turn}, config, durability="exit")
            if turn % 100 == 99:
                assert _size(path) < LIMIT, f"{_size(path) / 1e6:.0f} MB after {turn + 1} turns"
        state = graph.get_state(config).values
        assert len(state["turns"]) == 2000  # nothing the session needs was pruned
        assert len(graph.get_state(other).values["turns"]) == 1  # other sessions untouched
    finally:
        if conn is not None:
            conn.close()
    assert _size(path) < LIMIT
    with sqlite3.connect(path) as db:
        kept = db.execute(
            "SELECT COUNT(*) FROM checkpoints WHERE thread_id = 'long-session'"
        ).fetchone()[0]
    assert kept <= 5


def test_item11_a_session_resumes_after_pruning(tmp_path):
    path = tmp_path / "checkpoints.sqlite"
    saver, conn = _open(path)
    config = {"configurable": {"thread_id": "s"}}
    graph = _graph(saver)
    for turn in range(20):
        graph.invoke({"said": turn}, config, durability="exit")
    conn.close()
    saver, conn = _open(path)
    try:
        assert len(_graph(saver).get_state(config).values["turns"]) == 20
    finally:
        conn.close()
    assert _size(path) < LIMIT
