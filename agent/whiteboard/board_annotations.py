"""Text on a board that is not a component: titles, requirement lists, notes, legends, sentences.

People write these next to their boxes ("Functional: POST /shorten ...", "NOTE: all topics
retention.bytes=200GB", "TODO: draw HLD", "every 20 min: reconcile uploads"). They are never
components and never carry findings, but the facts in them are evidence for the analyzers.
"""

from __future__ import annotations

import re

from agent.whiteboard.note_facts import scale_in

_FIGURE_FIRST = re.compile(r"^[~≈<>]?\s*\d")
_LEAD = re.compile(
    r"^\s*(?:note|notes|nb|requirements?|reqs?|functional|non[- ]?functional|assumptions?|"
    r"constraints?|todo|to do|fixme|legend|key|title|scale|api|apis|endpoints?|goals?|"
    r"out of scope|scope|capacity|estimates?|estimation|back of the envelope|questions?|"
    r"open questions?|decisions?|trade-?offs?|why|tl;?dr|summary|context|flow|steps?)\b"
    r"\s*(?::|[\-—](?!\w))",  # "API - POST /x", but "API-GW" is a name
    re.I,
)
_BULLETS = re.compile(r"(?:^|\n)\s*(?:[-•*]|\d+[.)])\s+\S")
_WORD = re.compile(r"[^\W_]+", re.U)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def looks_like_note(text: str) -> bool:
    """Whether a text reads as a note, list or sentence rather than the name of a box."""
    stripped = text.strip()
    if not stripped:
        return False
    if _LEAD.match(stripped):
        return True
    if len(_BULLETS.findall(stripped)) >= 2:
        return True
    words = _WORD.findall(stripped)
    length = len(words)
    if _CJK.search(stripped):
        length = max(length, len(_CJK.findall(stripped)) // 3)
    if length >= 10:
        return True
    if stripped.count("=") >= 2 or stripped.count(",") >= 3:
        return True
    first_line = stripped.splitlines()[0]
    head, colon, rest = " ".join(stripped.split()).partition(": ")
    if colon and len(_WORD.findall(rest)) >= 4 and length >= 7:
        return True  # "every 20 min: reconcile uploads stuck in pending"
    return len(_WORD.findall(first_line)) >= 6 and bool(_SENTENCE_END.search(first_line))


def states_figures(text: str) -> bool:
    """Whether a text opens with a figure and states a scale ("300M mailboxes, ~40B msgs
    stored"): a requirement when nothing connects to it, though "100M users" with arrows
    is a client box."""
    stripped = text.strip()
    return bool(_FIGURE_FIRST.match(stripped) and scale_in(stripped))


_COLUMN = re.compile(
    r"^[a-z_][a-z0-9_]*(?:\s*[:(]?\s*[a-z]+(?:\(\d+\))?\)?)?(?:\s*(?:pk|fk))?$", re.I
)


def looks_like_table(label: str, notes: list[str] | tuple[str, ...]) -> bool:
    """An ER table drawn as a box: an identifier-like name over column names ("users" /
    "id", "name", "country")."""
    if len(notes) < 2 or not re.fullmatch(r"[a-z_][a-z0-9_]*", label.strip()):
        return False
    return all(_COLUMN.match(note.strip()) for note in notes)
