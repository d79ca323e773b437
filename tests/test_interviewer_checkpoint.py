"""The typed state survives LangGraph's SQLite checkpoint: written by one process, resumed by
another, every value comes back as the same typed value (never as the plain dict the
serializer falls back to for a type it was not told about)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from agent.interviewer import Interviewer
from agent.interviewer.state import CHECKPOINTED
from scenarios import load_scenarios
from tests.agent_harness import notification_board

ROOT = Path(__file__).resolve().parents[1]
TURNS = [
    "How many users do we have, and what is the peak?",
    "1 billion notifications a day is about 12,000 a second, and peak is 36,000 a second.",
    "Each notification is 1 KB, so a day is 1 TB, and 30 days is 300 GB.",
    "Give me a minute.",
    "We don't need a cache; a queue feeds the workers and a database keeps the status.",
]
WRITER = """
import sys
import pytest

from agent.interviewer import Interviewer
from scenarios import load_scenarios
from tests.agent_harness import notification_board

turns = sys.argv[2:]
interviewer = Interviewer(
    load_scenarios().get("notification-system"),
    session_id="typed-1",
    checkpoint_path=sys.argv[1],
    seed="typed",
    clock=lambda: 0.0,
)
interviewer.opening()
for turn in turns:
    list(interviewer.respond(turn))
interviewer.update_board(notification_board())
interviewer.wrap_up()
interviewer.close()
"""


def _typed_values(value, found):
    """Every dataclass instance inside a state value."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found.append(value)
        for item in dataclasses.fields(value):
            _typed_values(getattr(value, item.name), found)
    elif isinstance(value, dict):
        for item in value.values():
            _typed_values(item, found)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _typed_values(item, found)
    return found


def test_a_checkpoint_written_by_one_process_resumes_typed_in_another(tmp_path):
    path = tmp_path / "checkpoints.sqlite"
    result = subprocess.run(
        [sys.executable, "-c", WRITER, str(path), *TURNS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-800:]

    scenario = load_scenarios().get("notification-system")
    reference = Interviewer(scenario, seed="typed", clock=lambda: 0.0)
    reference.opening()
    for turn in TURNS:
        list(reference.respond(turn))
    reference.update_board(notification_board())
    reference.wrap_up()
    expected = reference.typed_state

    with Interviewer.resume("typed-1", checkpoint_path=path, clock=lambda: 0.0) as resumed:
        state = resumed.typed_state
        names = ("turns", "claims", "assumptions", "asked", "answers", "counters", "dialogue")
        for name in (*names, "board_findings", "kb_board", "scores", "phase"):
            assert state.get(name) == expected.get(name), name
        assert state["board_findings"] and state["scores"].dimensions
        typed = _typed_values(dict(state), [])
        assert typed, "the state holds typed values"
        assert {type(v) for v in typed} <= set(CHECKPOINTED)
        assert resumed.state == reference.state | {"session_id": "typed-1"}
        assert resumed.wrap_up() == reference.wrap_up()  # scored once, the same scores


def test_the_plain_state_is_plain_data():
    interviewer = Interviewer(load_scenarios().get("notification-system"), seed="plain")
    interviewer.opening()
    for turn in TURNS:
        list(interviewer.respond(turn))
    state = interviewer.state
    assert not _typed_values(state, [])
    assert isinstance(state["counters"], dict) and isinstance(state["turns"][0], dict)


def test_a_run_writes_nothing_into_the_runtime_context():
    scenario = load_scenarios().get("notification-system")
    interviewer = Interviewer(scenario, seed="context")
    deps = interviewer._deps
    before = {name: id(value) for name, value in vars(deps).items()}
    interviewer.opening()
    for turn in TURNS:
        list(interviewer.respond(turn))
    interviewer.update_board(notification_board())
    interviewer.wrap_up()
    # the same collaborators, nothing added (no report, board or drawn kept on the side) ...
    assert {name: id(value) for name, value in vars(deps).items()} == before
    with pytest.raises(dataclasses.FrozenInstanceError):
        deps.board = notification_board()  # type: ignore[misc]
    # ... and the scenario is read, never changed
    assert deps.scenario == load_scenarios().get("notification-system")
    # what the run learned is in the state
    state = interviewer.typed_state
    assert state["board"] and state["board_findings"] and state["claims"]
