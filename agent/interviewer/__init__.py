"""The interviewer: reads each candidate turn, remembers the conversation, decides one move and
says it — a LangGraph graph (`graph.py`) over typed state.

    from agent.interviewer import Interviewer
    interviewer = Interviewer(scenario, minutes=45, checkpoint_path=path)

Modules: `reading` (what a turn does), `topics` (what it settles or asks for), `memory` (what
the interviewer remembers), `policy` (what to do, in priority order), `replies` (the words),
`nodes` (the graph's steps), `graph` (every node and edge in one place), `state` (the
checkpointed state), `facade` (the `Interviewer` the CLI and the voice loop call), `events`
(what a recording receives), `scorecard` (the wrap-up scores). Underneath: `record` (storing a
turn and its checked numbers), `turn_kinds` (the word rules for a turn's kind), `priorities`,
`followups`, `probes`, `kb_followups` (the follow-up to ask), `coverage` (estimates still
missing), `acks`, `templates`, `prompts`, `phases`, `reference_check`, `context` (the runtime
context). Whiteboard, knowledge and drills are peers in `agent/`, not parts of the interviewer.
Names are imported on first use so `import agent.interviewer.reading` stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Interviewer": "agent.interviewer.facade",
    "SessionNotFound": "agent.interviewer.facade",
    "new_session_id": "agent.interviewer.facade",
    "FALLBACK_REPLY": "agent.interviewer.facade",
    "build_graph": "agent.interviewer.graph",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'agent.interviewer' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
