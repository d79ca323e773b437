"""When a pause ends the candidate's turn: short after a finished statement, long mid-sum.

The VAD only says "silence". Whether that silence is the end of a turn depends on the words:
"...is about twelve thousand." is finished, but "one billion divided by" is someone computing
in their head, and cutting them off there is the worst thing a mock interviewer can do. The
policy reads the speculative transcript of the turn so far and picks a wait.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from voice.thinking import asks_for_time

_NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "k",
    "m",
    "b",
    "half",
    "quarter",
    "point",
]  # noqa: SIM905
_NUMBER = r"(?:\d[\d,]*(?:\.\d+)?(?:%|k|m|b|x)?|" + "|".join(_NUMBER_WORDS) + r")"

# Phrases that, at the very end of what was said, mean a calculation or thought is unfinished.
_DANGLING_PHRASES = (
    "divided by",
    "divide by",
    "multiplied by",
    "times",
    "plus",
    "minus",
    "over",
    "into",
    "by",
    "x",
    "to the power of",
    "squared by",
    "equals",
    "is",
    "are",
    "so that's",
    "that's",
    "that is",
    "which is",
    "which gives",
    "gives us",
    "gives",
    "so",
    "and",
    "or",
    "of",
    "per",
    "about",
    "roughly",
    "around",
    "approximately",
    "like",
    "let me think",
    "let me see",
    "let's see",
    "let me calculate",
    "let me compute",
    "let me work that out",
    "i think",
    "um",
    "uh",
    "umm",
    "uhh",
    "er",
    "erm",
    "hmm",
    "the",
    "a",
    "we have",
    "we get",
    "we need",
)
_DANGLING_RE = re.compile(
    r"(?:^|\s)(?:" + "|".join(re.escape(p) for p in _DANGLING_PHRASES) + r")$"
)
_OPERATORS_RE = re.compile(
    r"\b(?:divided by|divide by|multiplied by|times|plus|minus|over|x)\b|[*/+×÷]"
)
_RESULT_RE = re.compile(
    r"\b(?:is|equals|that's|thats|that is|gives|get|which is|comes to|about|roughly|around|"
    r"approximately|so)\b|="
)
# A turn that so far is only an opener ("Before I start, ...") promises the real question; Whisper
# often ends it with a full stop at the speaker's comma pause.
_OPENER_RE = re.compile(
    r"^(?:(?:ok|okay|so|well|alright|right|um|uh)[ ,]+)*"
    r"(?:before i (?:start|begin|dive in|go on)|first(?: of all)?|first things first|to (?:start|begin)"
    r"(?: with)?|let me (?:start|begin|ask)(?: with| something)?|let's (?:start|begin)(?: with)?|"
    r"(?:a |one )?quick question|one (?:question|thing)|i have a question|can i ask)$"
)
_RATIO_RE = re.compile(r"\b\w+ to (?:one|two|three|four|five|ten|\d+)$")
_ENDS_WITH_NUMBER = re.compile(r"(?:^|\s)" + _NUMBER + r"$")


def _normalise(text: str) -> tuple[str, bool]:
    """Lower-case words of the last clause, and whether the text trailed off ("...", "-")."""
    stripped = text.strip()
    trailing = stripped.endswith(("...", "…", "-", "—", ","))
    lowered = stripped.lower().replace("’", "'")
    lowered = re.sub(r"[^\w\s',.%*/+×÷=-]", " ", lowered)
    lowered = re.sub(r"(?<=\d),(?=\d)", "", lowered)
    lowered = re.sub(r"\s+", " ", lowered).strip(" .,-")
    return lowered, trailing


def is_unfinished(text: str) -> bool:
    """True when the words so far end mid-calculation or mid-thought.

    Cases: a dangling operator or connective ("divided by", "so that's", "um"), a trailing
    ellipsis, an opener with nothing after it yet ("Before I start."), or an expression whose last operator has a number after it but no result yet
    ("one billion divided by 86,400" — the candidate is still working it out).
    """
    words, trailing = _normalise(text)
    if not words:
        return False
    if text.strip().endswith("?"):
        return False
    if trailing:
        return True
    if _DANGLING_RE.search(words) or _OPENER_RE.match(words):
        return True
    # Only the last sentence matters: "We have 300M users. 300M times" is unfinished.
    clause = re.split(r"[.!?;]\s", words)[-1]
    if _ENDS_WITH_NUMBER.search(clause):
        # A number left hanging ("3 TB a day times 365", "we have about 300 ...") is a sum in
        # progress unless a result word follows the last operator ("... is about 12,000") or
        # it is a ratio ("ten to one"). Whisper sometimes garbles the operator itself
        # ("Daytimes"), so a missing operator alone does not make it finished.
        if _RATIO_RE.search(clause):
            return False
        ops = list(_OPERATORS_RE.finditer(clause))
        after = clause[ops[-1].end() :] if ops else clause
        return not _RESULT_RE.search(after)
    return False


WaitReason = Literal["finished", "unfinished", "asked", "empty"]


@dataclass(frozen=True)
class TurnWait:
    """How long a pause must last before the turn so far is committed, and why."""

    seconds: float
    reason: WaitReason
    """"finished": a complete statement; "unfinished": mid-calculation or mid-thought; "asked":
    the candidate asked for time ("give me a minute"); "empty": nothing was transcribed."""

    @property
    def thinking(self) -> bool:
        """The candidate is thinking: the loop waits quietly instead of taking the turn."""
        return self.reason in ("unfinished", "asked")


@dataclass(frozen=True)
class TurnPolicy:
    """Silence needed after the last speech before a turn is committed."""

    short_wait_s: float = 0.4
    """After a clearly finished statement."""
    long_wait_s: float = 60.0
    """After words that end mid-calculation ("so that's... um"): a sum is never cut off by a
    pause; the loop checks in gently after ``check_in_after_s`` instead of taking the turn."""
    thinking_wait_s: float = 60.0
    """After the candidate asked for time ("give me a minute", "let me think", "hold on")."""
    empty_wait_s: float = 0.4
    """After speech that transcribed to nothing (a cough): drop it quickly."""
    take_your_time_after_s: float = 1.2
    """Silence after a request for time before the one short "Take your time."."""
    check_in_after_s: float = 6.0
    """Silence inside an unfinished calculation before one gentle check-in."""
    confident_end_p: float = 0.8
    """An end-of-turn model at least this sure of a finished-reading turn: ``confident_wait_s``."""
    confident_wait_s: float = 0.2
    doubtful_end_p: float = 0.3
    """Below this, the words read finished but the voice did not: ``doubtful_wait_s``."""
    doubtful_wait_s: float = 1.5

    def reads_finished(self, partial_text: str) -> bool:
        """The words alone say the turn may be over (only then is the audio model asked)."""
        return self.decide(partial_text).reason == "finished"

    def decide(self, partial_text: str, end_of_turn: float | None = None) -> TurnWait:
        """The wait for ``partial_text`` (the speculative transcript of the turn so far).

        ``end_of_turn`` is an audio model's probability that the speaker finished; it only
        shortens or lengthens the wait after words that read finished, never a thinking wait.
        """
        if not partial_text.strip():
            return TurnWait(self.empty_wait_s, "empty")
        if asks_for_time(partial_text):
            return TurnWait(self.thinking_wait_s, "asked")
        if is_unfinished(partial_text):
            return TurnWait(self.long_wait_s, "unfinished")
        if end_of_turn is not None and end_of_turn >= self.confident_end_p:
            return TurnWait(self.confident_wait_s, "finished")
        if end_of_turn is not None and end_of_turn < self.doubtful_end_p:
            return TurnWait(self.doubtful_wait_s, "finished")
        return TurnWait(self.short_wait_s, "finished")

    def wait_for(self, partial_text: str) -> float:
        """Seconds of silence after the last speech frame before committing ``partial_text``."""
        return self.decide(partial_text).seconds

    def should_commit(self, partial_text: str, silence_s: float) -> bool:
        return silence_s >= self.wait_for(partial_text)


__all__ = ["TurnPolicy", "TurnWait", "WaitReason", "is_unfinished"]
