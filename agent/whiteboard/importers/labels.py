"""Splitting a box's text into its label and its notes, shared by every importer.

People write "Redis\nTTL 60s, LRU" or "Posts DB<br>3 replicas": the first line names the box and
later lines that state a fact (a number, TTL, LRU, replicas, shards...) are notes; other lines
are the rest of a wrapped name ("Fan-out" / "workers").
"""

from __future__ import annotations

import html
import re

from agent.whiteboard.label_meaning import meaning_of, names_a_technology, names_exactly
from agent.whiteboard.note_facts import read_facts

_BREAK = re.compile(r"<br\s*/?>|\\n", re.I)
_MARKUP = re.compile(r"</?(?:b|i|u|em|strong|code|small|sub|sup|span)[^>]*>|\*\*|__|`", re.I)
_NOTE_START = re.compile(r"^\s*(?:[-•*\[]|\d)")


def split_label(text: str) -> tuple[str, list[str]]:
    """(label, notes) from a box's full text."""
    text = _MARKUP.sub("", html.unescape(_BREAK.sub("\n", text)))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return "", []
    label, notes = lines[0], []
    head = meaning_of(label)
    for line in lines[1:]:
        if line.startswith("(") and not notes:
            label = f"{label} {line}"
        elif notes or _NOTE_START.match(line) or read_facts(line) != _EMPTY:
            notes.append(line.strip("-•* ").strip())
        elif (
            head.term is not None
            and meaning_of(line).term
            and meaning_of(line).kind != head.kind
            and (names_a_technology(label) or (names_exactly(label) and "," in line))
        ):
            # "Redis" / "sliding window counters", "Indexer" / "MapReduce, nightly": a complete
            # name and a description; "Kong config" / "DB (PG)" and "3rd-party" / "apps" are
            # one name wrapped over two lines.
            notes.append(line)
        else:
            label = f"{label} {line}"
    return label, notes


_EMPTY = read_facts("")


def clip(text: str, limit: int, warnings: list[str], what: str) -> str:
    """`text` cut to `limit` characters (whitespace collapsed), with a warning when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    warnings.append(f"{what} longer than {limit} characters, shortened: {text[:40]!r}...")
    return text[: limit - 1].rstrip() + "…"
