"""The runtime context of the interviewer graph: collaborators that are not plain data.

LangGraph passes one `Deps` to every node (`runtime.context`). Nothing here is checkpointed:
the estimation session is rebuilt from the stored turns and the board from its snapshot when a
session resumes, so the state stays the only truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agent.interviewer.reference_check import Reference
from agent.llm import LlmClient
from estimation import CheckReport, EstimationSession, Quantity
from scenarios import Scenario


@dataclass
class Deps:
    """What the nodes need besides the state (not checkpointed; rebuilt on resume)."""

    scenario: Scenario
    estimator: EstimationSession
    references: list[Reference] = field(default_factory=list)
    scale: list[tuple[str, Quantity]] = field(default_factory=list)
    llm: LlmClient | None = None
    report: CheckReport = field(default_factory=CheckReport)
    """The estimation report of the turn being handled (set by `listen`, read by `decide`)."""
    kb_speech: list[Any] = field(default_factory=list)
    """Knowledge-base `SpeechHit`s of the turn being handled (set by `listen`)."""
    drawn: dict[str, str] = field(default_factory=dict)
    drawn_ids: dict[str, str] = field(default_factory=dict)
    board: Any = None
    """The `agent.whiteboard.Board` of the last snapshot."""
