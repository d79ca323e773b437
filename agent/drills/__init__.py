"""Quick-fire estimation drills: questions with exact answers, and spoken answers checked by the
estimation engine.

Questions come from templates over fixed parameter grids (so every question has a stable id
that spaced repetition can track across runs) and from the scenarios' reference estimates. The
exact answer is always computed by `estimation.evaluate`, never written by hand. Answers count
in any unit of the right dimension, and an amount per period ("new photo bytes per day") may be
given as a rate ("about five terabytes a day"); a wrong answer gets its slip named the way the
interviewer names it (`slips`). Scheduling lives in `recordings.progress.ProgressStore`; the
CLI wires the two.
"""

from agent.drills.answers import DrillResult, check_answer, read_answer, save_to
from agent.drills.drill_run import DrillRun
from agent.drills.questions import (
    TOPICS,
    DrillQuestion,
    pick,
    scenario_questions,
    template_questions,
)

__all__ = [
    "TOPICS",
    "DrillQuestion",
    "DrillRun",
    "DrillResult",
    "check_answer",
    "pick",
    "read_answer",
    "save_to",
    "scenario_questions",
    "template_questions",
]
