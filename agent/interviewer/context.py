"""The runtime context of the interviewer graph: collaborators that are not plain data.

LangGraph passes one `Deps` to every node (`runtime.context`); no node writes to it. Nothing
here is checkpointed: the estimation session is rebuilt from the stored turns when a session
resumes, and the board is read from its snapshot in the state, so the state is the only truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agent.interviewer.reference_check import Reference
from agent.llm import LlmClient
from estimation import EstimationSession, Quantity
from scenarios import Scenario


@dataclass(frozen=True)
class Deps:
    """What the nodes need besides the state, read-only (not checkpointed; rebuilt on resume).
    Everything a node learns during a run goes into the state instead: the turn's checked
    claims, the board snapshot."""

    scenario: Scenario
    estimator: EstimationSession
    """The estimation engine's session (a service: it keeps the candidate's numbers so far)."""
    references: list[Reference] = field(default_factory=list)
    scale: list[tuple[str, Quantity]] = field(default_factory=list)
    llm: LlmClient | None = None
