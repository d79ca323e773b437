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
    "Scores": "agent.scoring",
    "DimensionScore": "agent.scoring",
    "Evidence": "agent.scoring",
    "LlmClient": "agent.llm",
    "LlmSettings": "agent.llm",
    "LlmError": "agent.llm",
    "PhasePlan": "agent.phases",
    "PHASES": "agent.phases",
    "FollowUp": "agent.followups",
    "Classification": "agent.classify",
    "build_graph": "agent.interviewer.graph",
    "InterviewState": "agent.state",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'agent' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
