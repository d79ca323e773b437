"""Recognising patterns and anti-patterns in what the candidate says."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from agent.knowledge.knowledge_base import KnowledgeBase


@dataclass(frozen=True)
class SpeechHit:
    entry_id: str
    kind: str
    """"pattern" or "anti-pattern"."""
    matched: str
    """The words of the turn that triggered it."""
    component: str = ""
    """What the words name (the rule's `(?P<component>…)` group, e.g. "database" of "a single
    database"); fills an anti-pattern question's {component}."""


@functools.lru_cache(maxsize=512)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _first(patterns: list[str], text: str) -> re.Match[str] | None:
    """The first match that starts a word: "lease" is not heard in "releases"."""
    for pattern in patterns:
        for match in _regex(pattern).finditer(text):
            start = match.start()
            if start == 0 or not (text[start - 1].isalnum() and text[start].isalnum()):
                return match
    return None


def _words(match: re.Match[str]) -> str:
    """The match widened to whole words ("consistent hash" -> "consistent hashing"), so it can be
    quoted back to the candidate."""
    text, start, end = match.string, match.start(), match.end()
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end].strip()


def _component(match: re.Match[str]) -> str:
    named = match.groupdict().get("component")
    return (named or "").strip().lower()


def recognise_in_speech(kb: KnowledgeBase, turn: str, history: str = "") -> list[SpeechHit]:
    """Patterns the turn reaches for, and anti-patterns it commits.

    An anti-pattern's `unless` expressions are looked for in the whole conversation (`history` plus
    the turn), so a candidate who said "with virtual nodes" earlier is not asked about them again.
    """
    hits = []
    for pattern in kb.patterns.values():
        match = _first(pattern.recognise.speech, turn)
        if match:
            hits.append(SpeechHit(pattern.id, "pattern", _words(match)))
    conversation = f"{history}\n{turn}"
    for anti in kb.anti_patterns.values():
        rule = anti.detect.speech
        if rule is None:
            continue
        match = _first(rule.any, turn)
        if match and _first(rule.unless, conversation) is None:
            hits.append(SpeechHit(anti.id, "anti-pattern", _words(match), _component(match)))
    return hits
