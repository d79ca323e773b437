"""How the interviewer cites a knowledge-base entry: the entry as plain data for a follow-up
(so recordings and reports need not import the knowledge base), and its question filled in."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from typing import Any

from agent.knowledge.knowledge_base import KnowledgeBase

MAX_QUOTE = 80


def reference(kb: KnowledgeBase, entry_id: str, why: str, via: str) -> dict[str, Any]:
    """What a follow-up says about its entry: enough for a report to link and gloss it without
    importing the knowledge base."""
    kind, entry = kb.get(entry_id)
    if kind == "threshold":
        technology, limit = kb.limit(entry.limit)
        summary = f"{entry.name}: {technology.name} {limit.value} ({limit.note})"
        source = limit.source
    else:
        summary = entry.summary
        source = entry.sources[0]
    return {
        "id": entry_id,
        "name": entry.name,
        "kind": kind,
        "summary": summary,
        "source": source.url,
        "source_title": source.title,
        "why": why,
        "via": via,
    }


def quote_words(text: str) -> str:
    """The candidate's words, trimmed to what a speaker would quote back."""
    text = re.sub(r"\s+", " ", text).strip().rstrip(".,;")
    return text if len(text) <= MAX_QUOTE else text[:MAX_QUOTE].rsplit(" ", 1)[0] + "…"


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return {"component": "that component", "count": "several"}.get(key, "")


def fill(question: str, component: str = "", count: int = 0) -> str:
    """An entry's question with {component} and {count} filled (sensible words when unknown)."""
    values = _Blank()
    if component:
        values["component"] = component
    if count:
        values["count"] = str(count)
    return string.Formatter().vformat(question, (), values)


def plain_words(patterns: Iterable[str]) -> tuple[str, ...]:
    """The regexes of a rule that are plain words ("backoff", "virtual nodes?"), as words: what
    an answer that addresses the anti-pattern mentions."""
    out = []
    for pattern in patterns:
        words = re.sub(r"\\b|\?|\[- \]\??", " ", pattern).strip()
        words = re.sub(r"\s+", " ", words)
        if re.fullmatch(r"[a-z ]{3,}", words):
            out.append(words)
    return tuple(out)


__all__ = ["fill", "plain_words", "quote_words", "reference"]
