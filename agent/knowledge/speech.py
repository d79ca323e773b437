"""Recognising patterns and anti-patterns in what the candidate says."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from agent.knowledge.loader import KnowledgeBase


@dataclass(frozen=True)
class SpeechHit:
    entry_id: str
    kind: str
    """"pattern" or "anti-pattern"."""
    matched: str
    """The words of the turn that triggered it."""


@functools.lru_cache(maxsize=512)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _first_match(patterns: list[str], text: str) -> str | None:
    for pattern in patterns:
        match = _regex(pattern).search(text)
        if match:
            return match.group(0)
    return None


def recognise_in_speech(kb: KnowledgeBase, turn: str, history: str = "") -> list[SpeechHit]:
    """Patterns the turn reaches for, and anti-patterns it commits.

    An anti-pattern's `unless` expressions are looked for in the whole conversation (`history` plus
    the turn), so a candidate who said "with virtual nodes" earlier is not asked about them again.
    """
    hits = []
    for pattern in kb.patterns.values():
        matched = _first_match(pattern.recognise.speech, turn)
        if matched:
            hits.append(SpeechHit(pattern.id, "pattern", matched))
    conversation = f"{history}\n{turn}"
    for anti in kb.anti_patterns.values():
        rule = anti.detect.speech
        if rule is None:
            continue
        matched = _first_match(rule.any, turn)
        if matched and _first_match(rule.unless, conversation) is None:
            hits.append(SpeechHit(anti.id, "anti-pattern", matched))
    return hits
