"""The follow-ups the interviewer asked and the candidate's answers to them, as the interview
keeps them (the scores and the knowledge-base references read these)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from agent.interviewer.frozen import Frozen

ARITHMETIC = "arithmetic"
"""The kind of a challenge to a slip (asked, but not a question with points to listen for)."""


@dataclass(frozen=True)
class AskedFollowUp(Frozen):
    """One follow-up the interviewer asked (a probe, a finding, a challenge)."""

    key: str
    kind: str
    text: str
    turn: int = 0
    """The candidate turn it followed (0-based)."""
    listen_for: tuple[str, ...] = ()
    """Points a good answer makes."""
    components: tuple[str, ...] = ()
    """Board component ids it is about."""
    kb: dict[str, str] | None = None
    """The knowledge-base entry it cites: {"id", "name", "kind", "summary", "source",
    "source_title", "why", "via"} (`agent.interviewer.kb_followups.reference`)."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": self.key,
            "kind": self.kind,
            "text": self.text,
            "turn": self.turn,
            "listen_for": list(self.listen_for),
            "components": list(self.components),
        }
        if self.kb:
            out["kb"] = dict(self.kb)
        return out


@dataclass(frozen=True)
class FollowUpAnswer(Frozen):
    """The candidate's turn after a follow-up, and which of its points it made."""

    key: str
    kind: str
    text: str
    heard: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "kind": self.kind, "text": self.text, "heard": list(self.heard)}


_STOP = frozenset({"with", "the", "and", "for", "not", "per", "from", "into", "that", "this"})


def heard(text: str, listen_for: list[str]) -> list[str]:
    """Which listen-for points the answer covers: at least half of each point's words."""
    lowered = text.lower()
    words = set(re.findall(r"[a-z0-9.]+", lowered))
    out = []
    for point in listen_for:
        need = [w for w in re.findall(r"[a-z0-9.]+", point.lower()) if len(w) >= 3]
        need = [w for w in need if w not in _STOP] or need
        if not need:
            continue
        hits = sum(1 for w in need if w in words or any(x.startswith(w[:5]) for x in words))
        if hits * 2 > len(need):
            out.append(point)
    return out
