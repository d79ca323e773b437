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

SAME_IDEA: tuple[tuple[str, ...], ...] = (
    ("latenc", "fast", "slow", "quick", "p99", "p95", "millisecond", "delay"),
    ("durab", "lose", "lost", "loss", "losing", "survive", "persist"),
    ("lost", "lose", "loss", "losing", "drop", "gone"),
    ("stale", "outdated", "out-of-date"),
    ("shard", "partition", "split"),
    ("replica", "replicat", "copies", "follower"),
    ("dedup", "idempoten", "exactly"),
    ("alert", "monitor", "alarm", "dashboard", "pager"),
    ("retry", "retries", "backoff", "redeliver"),
    ("cost", "expensive", "cheap", "pricey", "money"),
    ("hot", "celebrit", "skew", "popular"),
    ("ttl", "expir", "evict"),
    ("failover", "promot"),
)
"""Word stems that name one idea in design talk: an answer that says "acks=1 is faster but
could lose the tail" has made the point "latency vs durability" in its own words."""


_ENDINGS = frozenset({"", "s", "es", "d", "ed", "ped", "er", "ter", "est", "ing", "ping", "ly"})


def _says(word: str, stem: str) -> bool:
    """`word` is `stem` or a form of it; a short stem only with a plain ending ("hot" is in
    "hotter" but not in "hotel")."""
    if len(stem) >= 5:
        return word.startswith(stem)
    return word.startswith(stem) and word[len(stem) :] in _ENDINGS


def _alike(word: str, said: set[str]) -> bool:
    if any(_says(x, word[:5]) for x in said):
        return True
    return any(
        any(_says(word, stem) for stem in stems) and any(_says(x, s) for x in said for s in stems)
        for stems in SAME_IDEA
    )


def heard(text: str, listen_for: list[str]) -> list[str]:
    """Which listen-for points the answer covers: at least half of each point's words, each
    said as it is or in words that name the same idea (`SAME_IDEA`)."""
    words = set(re.findall(r"[a-z0-9.]+", text.lower()))
    out = []
    for point in listen_for:
        need = [w for w in re.findall(r"[a-z0-9.]+", point.lower()) if len(w) >= 3]
        need = [w for w in need if w not in _STOP] or need
        if not need:
            continue
        if sum(1 for w in need if _alike(w, words)) * 2 > len(need):
            out.append(point)
    return out
