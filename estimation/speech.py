"""Figures a speaker abandoned: restarts and self-corrections are not claims.

Whisper writes what was said, including the false starts: "thirty... thirty-six thousand",
"eleven... 11,500", "that's 25 GB... no wait, that's 2.5 GB", "4.5 PB, I mean 4.5 TB",
"about 4K, actually 10,000". Only the last figure is meant. `drop_abandoned` blanks the
abandoned figure and the correction words with spaces (so every offset into the text still
points at the same character) and leaves the replacement for the checker.

A figure is abandoned when it ends right before
- a trailing-off "..." (or a dash) followed, after fillers, by another number (a restart), or
- a correction cue ("no wait", "I mean", "actually", "sorry", "or rather", "make that")
  followed within a few words by another number.
"""

from __future__ import annotations

import re

from estimation.lexer import tokenize
from estimation.memory import Memory

_FILLERS = r"(?:\s*,?\s*(?:um+|uh+|er+|hmm+|ah+|oh|well|okay|ok|yeah)\b)*"
_CUES = (
    r"no,?\s+wait|wait,?\s+no|wait|sorry|i\s+mean|actually|or\s+rather|rather|"
    r"make\s+that|scratch\s+that|let\s+me\s+redo\s+that|i\s+divided|oops"
)
_CORRECTION = re.compile(
    rf"(?P<gap>-?\s*(?:\.\.\.|…|—|–|--|,|;)?\s*{_FILLERS}\s*,?\s*(?:{_CUES})\b,?"
    r"(?:\s*no\b[.!]?)?)"  # "a sec- no wait, no. Twelve and a half": the cue ends the sentence
    r"(?=[^.?!\d]{0,40}?(?:\d|\$|\.\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b))",
    re.IGNORECASE,
)
_RESTART = re.compile(
    rf"(?P<gap>\s*(?:\.\.\.|…|—|–|--)\s*{_FILLERS}\s*,?\s*)"
    r"(?=(?:\d|\$|\.\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b))",
    re.IGNORECASE,
)
_CUE_WORDS = re.compile(
    r"\b(?:wait|sorry|mean|actually|rather|make that|scratch|redo|i divided|oops)\b", re.IGNORECASE
)
"""Cheap pre-test: without one of these words there is no correction to look for."""
_LOOKBACK = 60
_EMPTY = Memory()


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _figure_before(text: str, end: int, trailing_words: bool = False) -> int | None:
    """Start of the number (with its unit) that ends at `end`, if one does."""
    start = max(0, end - _LOOKBACK)
    window = text[start:end]
    toks = tokenize(window, _EMPTY.conventions, _EMPTY.name_index())
    if not toks:
        return None
    figures = [t for t in toks if t.kind == "qty"]
    if not figures:
        return None
    last = figures[-1]
    rest = window[last.end :]
    # "3.2 terabytes total for edges... wait": a few words may follow the abandoned figure
    if rest.strip() and not trailing_words:
        return None  # a restart is the figure itself trailing off: "thirty... thirty-six"
    if len(rest) > 32 or any(t.kind != "word" for t in toks if t.start >= last.end):
        return None
    return start + last.start


def drop_abandoned(text: str) -> str:
    """`text` with abandoned figures and their correction words blanked out."""
    patterns = []
    if _CUE_WORDS.search(text):
        patterns.append(_CORRECTION)
    if any(mark in text for mark in ("...", "…", "—", "–", "--")):
        patterns.append(_RESTART)
    for pattern in patterns:
        cuts: list[tuple[int, int]] = []
        for found in pattern.finditer(text):
            begin = _figure_before(text, found.start(), pattern is _CORRECTION)
            if begin is not None:
                cuts.append((begin, found.end()))
        for begin, end in reversed(cuts):
            text = _blank(text, begin, end)
    return text


_PAUSE = re.compile(
    r",[ \t]*(?P<filler>(?:um+|uh+|er+|erm|hmm+))[ \t]*,(?=[ \t]*(?:\d|\$|\.\d|[a-z]))", re.I
)
_NUMBER_WORD = re.compile(
    r"^(?:\d|\$|\.\d|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|half|quarter)\b)",
    re.I,
)


def keep_pauses_between_figures(text: str) -> str:
    """ "a billion times sixteen, uh, sixteen gigabytes": a filler between the working's last
    figure and the next figure is a pause before the result, so its commas stay (the filler
    clean-up takes a filler's commas with it, which would run "sixteen sixteen gigabytes"
    together). Only the filler word is blanked; a filler after a word ("over, um, 1,440")
    is left to the usual clean-up, which keeps that working in one piece."""
    if "," not in text:
        return text
    for found in reversed(list(_PAUSE.finditer(text))):
        if not _NUMBER_WORD.match(text[found.end() :].lstrip(" \t")):
            continue
        if _figure_before(text, found.start()) is None:
            continue
        text = _blank(text, found.start("filler"), found.end("filler"))
    return text
