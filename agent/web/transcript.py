"""The page's picture of the conversation: turns in order, the verdict chips on each of the
candidate's numbers, and the components each interviewer question is about."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from agent.web.interviewer_api import About, ClaimVerdict, PhaseChanged, TurnSaid, ViewEvent


@dataclass
class Chip:
    stated: str
    verdict: str
    explanation: str
    quote: str

    def to_dict(self) -> dict[str, str]:
        return {
            "stated": self.stated,
            "verdict": self.verdict,
            "explanation": self.explanation,
            "quote": self.quote,
        }


@dataclass
class Item:
    index: int
    speaker: str
    text: str
    t: float
    chips: list[Chip] = field(default_factory=list)
    component_ids: list[str] = field(default_factory=list)
    component_labels: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "speaker": self.speaker,
            "text": self.text,
            "t": round(self.t, 2),
            "chips": [c.to_dict() for c in self.chips],
            "component_ids": list(self.component_ids),
            "component_labels": list(self.component_labels),
        }


class TranscriptView:
    """Folds interviewer events into items; thread-safe (events come from worker threads)."""

    def __init__(self, phase: str = "requirements", label_of: Callable[[str], str] = str) -> None:
        self.items: list[Item] = []
        self.label_of = label_of
        """Names a component id as drawn ("Postgres" for "c2"), for the transcript."""
        self.phase = phase
        self._about: list[str] = []
        self._lock = threading.Lock()

    def apply(self, event: ViewEvent) -> list[dict[str, Any]]:
        """Apply one event; returns the page messages it causes (`item` or `phase`)."""
        with self._lock:
            if isinstance(event, TurnSaid):
                item = Item(len(self.items), event.speaker, event.text, event.t)
                if event.speaker == "interviewer" and self._about:
                    item.component_ids, self._about = self._about, []
                    item.component_labels = [self.label_of(c) for c in item.component_ids]
                self.items.append(item)
                return [{"type": "item", "item": item.to_dict()}]
            if isinstance(event, ClaimVerdict):
                target = self._last("candidate")
                if target is None:
                    return []
                target.chips.append(
                    Chip(event.stated, event.verdict, event.explanation, event.quote)
                )
                return [{"type": "item", "item": target.to_dict()}]
            if isinstance(event, About):
                self._about.extend(c for c in event.component_ids if c not in self._about)
                return []
            if isinstance(event, PhaseChanged):
                self.phase = event.phase
                return [{"type": "phase", "phase": event.phase}]
            return []

    def to_list(self) -> list[dict[str, Any]]:
        with self._lock:
            return [item.to_dict() for item in self.items]

    def _last(self, speaker: str) -> Item | None:
        for item in reversed(self.items):
            if item.speaker == speaker:
                return item
        return None
