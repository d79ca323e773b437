"""The interviewer: the LangGraph agent, the whiteboard, scoring and the `hotseat` CLI.

    from agent import Interviewer
    interviewer = Interviewer(scenario, minutes=45, checkpoint_path=path)
    interviewer.opening(); interviewer.respond("..."); interviewer.wrap_up()

Names are imported on first use, so `hotseat --help` (which imports this package) never pays
for LangGraph.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Interviewer": "agent.interviewer.facade",
    "SessionNotFound": "agent.interviewer.facade",
    "new_session_id": "agent.interviewer.facade",
    "Scores": "agent.interviewer.scorecard",
    "DimensionScore": "agent.interviewer.scorecard",
    "Evidence": "agent.interviewer.scorecard",
    "LlmClient": "agent.llm",
    "LlmSettings": "agent.llm",
    "LlmError": "agent.llm",
    "PhasePlan": "agent.interviewer.phases",
    "PHASES": "agent.interviewer.phases",
    "FollowUp": "agent.interviewer.followups",
    "Classification": "agent.interviewer.turn_kinds",
    "build_graph": "agent.interviewer.graph",
    "InterviewState": "agent.interviewer.state",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'agent' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
