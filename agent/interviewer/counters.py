"""How often the candidate's turns went nowhere, and the clock events, for one interview."""

from __future__ import annotations

from dataclasses import dataclass, replace

from agent.interviewer.frozen import Frozen


@dataclass(frozen=True)
class Counters(Frozen):
    """Counts kept in the checkpointed state (the communication score reads them)."""

    silence: int = 0
    gibberish: int = 0
    off_topic: int = 0
    small_talk: int = 0
    repeat: int = 0
    """Turns that said again what the candidate had already said."""
    overruns: int = 0
    """Phases that ran past their time budget."""
    time_up: int = 0
    """1 once the interview's time ran out."""

    def get(self, name: str, default: int = 0) -> int:
        """The count called `name` (`default` for a name that is not counted)."""
        return int(getattr(self, name, default)) if name in NAMES else default

    def bump(self, *names: str) -> Counters:
        """A copy with each counted name incremented (names not counted are ignored)."""
        changes: dict[str, int] = {}
        for name in names:
            if name in NAMES:
                changes[name] = changes.get(name, self.get(name)) + 1
        return replace(self, **changes) if changes else self

    def less(self, name: str) -> Counters:
        """A copy with `name` decremented (never below zero)."""
        return replace(self, **{name: max(0, self.get(name) - 1)}) if name in NAMES else self


NAMES = frozenset(
    ("silence", "gibberish", "off_topic", "small_talk", "repeat", "overruns", "time_up")
)
