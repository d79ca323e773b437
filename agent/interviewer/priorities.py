"""Choose the ONE follow-up that matters most after a candidate turn (the `follow` branch).

Priority, as a Staff interviewer would: a result crossing a scale limit (knowledge base) > an
anti-pattern said aloud > a whiteboard finding > an anti-pattern drawn > a pattern's weak spot
(said, then drawn) > a scenario probe > moving on. Number challenges are not chosen here: the
policy challenges only verdicts the estimation engine calls incorrect, before any follow-up.
"""

from __future__ import annotations

from agent.interviewer import kb_followups as kb
from agent.interviewer.followups import FollowUp, TurnContext
from agent.interviewer.probes import finding, move_on, probe

PICKERS = (
    kb.threshold,
    kb.anti_pattern_said,
    finding,
    kb.anti_pattern_drawn,
    kb.pattern_said,
    kb.pattern_drawn,
    probe,
)


def choose(ctx: TurnContext) -> FollowUp:
    """The single most important follow-up for this turn."""
    for pick in PICKERS:
        chosen = pick(ctx)
        if chosen is not None:
            return chosen
    return move_on(ctx)
