"""Interview phases and their time budget.

A 45-minute interview spends roughly 5 minutes on requirements, 8 on estimation, 12 on the
high-level design, 15 on the deep dive and 5 on wrap-up; other lengths scale the same shares.
Time is interview time in seconds, measured by the caller's clock (tests inject a fake one), so
nothing here reads a clock itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agent.interviewer.frozen import Frozen

PHASES: tuple[str, ...] = (
    "requirements",
    "estimation",
    "high_level_design",
    "deep_dive",
    "wrap_up",
)
SHARES: dict[str, float] = {
    "requirements": 5 / 45,
    "estimation": 8 / 45,
    "high_level_design": 12 / 45,
    "deep_dive": 15 / 45,
    "wrap_up": 5 / 45,
}
TITLES: dict[str, str] = {
    "requirements": "requirements",
    "estimation": "estimation",
    "high_level_design": "the high-level design",
    "deep_dive": "the deep dive",
    "wrap_up": "wrap-up",
}
DEFAULT_MINUTES = 45.0
MIN_MINUTES = 1.0
MAX_MINUTES = 240.0


@dataclass(frozen=True)
class PhasePlan:
    """The time budget: how long each phase may run before the interviewer moves on."""

    minutes: float = DEFAULT_MINUTES

    def __post_init__(self) -> None:
        if not MIN_MINUTES <= self.minutes <= MAX_MINUTES:
            raise ValueError(
                f"minutes must be between {MIN_MINUTES:g} and {MAX_MINUTES:g}, got {self.minutes:g}"
            )

    @property
    def total(self) -> float:
        """The whole interview in seconds."""
        return self.minutes * 60.0

    def budget(self, phase: str) -> float:
        """Seconds this phase may take."""
        return SHARES[phase] * self.total

    def overrun(self, phase: str, started: float, now: float) -> bool:
        """Whether the phase has used up its budget (wrap-up never overruns: it ends the
        interview instead)."""
        if phase == "wrap_up":
            return False
        return now - started > self.budget(phase) or now >= self.total - self.budget("wrap_up")

    def out_of_time(self, now: float) -> bool:
        """Whether the whole interview has used its minutes."""
        return now >= self.total


def next_phase(phase: str) -> str:
    """The phase after this one (wrap-up is last)."""
    index = PHASES.index(phase) if phase in PHASES else 0
    return PHASES[min(index + 1, len(PHASES) - 1)]


def later(a: str, b: str) -> bool:
    """Whether phase `a` comes after phase `b`."""
    return PHASES.index(a) > PHASES.index(b)


def minutes_text(seconds: float) -> str:
    """ "about 7 minutes", "under a minute": how an interviewer says elapsed time."""
    minutes = round(seconds / 60.0)
    if minutes < 1:
        return "under a minute"
    return "about a minute" if minutes == 1 else f"about {minutes} minutes"


@dataclass(frozen=True)
class PhaseNote(Frozen):
    """A phase change made by this call (`pace`): from, to, why, and seconds spent in `from`."""

    from_phase: str
    to: str
    reason: str
    """overrun, asked, content, done, wrap_request or time_up."""
    used: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.from_phase, "to": self.to, "reason": self.reason, "used": self.used}
