"""Plain-text search over the knowledge base for `hotseat kb search`."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from agent.knowledge.knowledge_base import KnowledgeBase


@dataclass(frozen=True)
class SearchHit:
    id: str
    kind: str
    name: str
    score: int


def _text_of(entry: BaseModel) -> str:
    return " ".join(str(value) for value in entry.model_dump().values()).lower()


def search(kb: KnowledgeBase, term: str) -> list[SearchHit]:
    """Entries mentioning every word of TERM, best first: id and name matches outrank body text."""
    words = [word for word in term.lower().split() if word]
    hits = []
    for entry_id, kind, entry in kb.entries():
        name = getattr(entry, "name", entry_id).lower()
        body = _text_of(entry)
        if not words or not all(word in body or word in entry_id for word in words):
            continue
        score = sum(
            3 * (word in entry_id) + 2 * (word in name) + body.count(word) for word in words
        )
        hits.append(SearchHit(entry_id, kind, getattr(entry, "name", entry_id), score))
    return sorted(hits, key=lambda hit: (-hit.score, hit.id))
