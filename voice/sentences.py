"""Split reply text into sentences so speech can start after the first one is synthesized.

A plain split on ". " breaks "1.5 million", "e.g. Redis" and "vs. Kafka"; this splitter only
ends a sentence at terminal punctuation followed by whitespace and an upper-case letter, digit
or quote, and never after a known abbreviation or a single initial.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "etc", "vs", "approx", "est", "dr", "mr", "mrs", "ms", "prof", "st", "no"}
    | {"fig", "cf", "al", "inc", "ltd", "jr", "sr", "mt"}
)
# Terminal punctuation (with closing quotes/brackets), then whitespace, then a sentence start.
_BOUNDARY = re.compile(r"([.!?]+[\"')\]]*)\s+(?=[\"'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"(\S+)$")


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` in order, whitespace collapsed.

    Blank lines also end a sentence, so bullet-style replies are spoken item by item.
    """
    sentences: list[str] = []
    for block in re.split(r"\n\s*\n|\n(?=\s*[-*•]\s)", text):
        block = " ".join(block.split())
        if not block:
            continue
        start = 0
        for match in _BOUNDARY.finditer(block):
            end = match.end(1)
            candidate = block[start:end]
            word = _WORD_BEFORE.search(candidate)
            token = word.group(1).rstrip(".!?\"')]").lower() if word else ""
            if match.group(1).startswith(".") and (
                token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token)
            ):
                continue
            sentences.append(candidate.strip())
            start = match.end()
        rest = block[start:].strip()
        if rest:
            sentences.append(rest)
    return [s.lstrip("-*• ").strip() for s in sentences if s.strip("-*• ")]


__all__ = ["split_sentences"]
