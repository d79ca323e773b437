"""Checking a spoken answer against a drill question's exact answer with the estimation engine."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from agent.drills.questions import PERIOD_SECONDS, DrillQuestion
from agent.drills.slips import name_slip
from estimation import (
    BANDWIDTH,
    COUNT,
    DATA,
    MONEY,
    RATE,
    TIME,
    Quantity,
    format_quantity,
    parse_quantity,
)

_MAX_WORDS = 30


@dataclass(frozen=True)
class DrillResult:
    """The verdict on one answer."""

    question: DrillQuestion
    answer: str
    correct: bool
    heard: Quantity | None
    """What the answer was read as; None when no number was found."""
    feedback: str
    """One or two sentences, fit to be spoken."""
    seconds: float | None = None
    """Time to answer."""

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.question.to_dict(),
            "your_answer": self.answer,
            "correct": self.correct,
            "heard": format_quantity(self.heard) if self.heard is not None else None,
            "feedback": self.feedback,
            "seconds": None if self.seconds is None else round(self.seconds, 2),
        }


def read_answer(answer: str) -> Quantity | None:
    """The quantity in a spoken answer: the longest run of words the estimation parser reads
    ("I think about twelve thousand per second" -> 12,000 per second). With several sentences
    the last one holding a number wins: people correct themselves ("Twelve. No, eleven six")."""
    found = _read_phrase(answer)
    return found[1] if found else None


def _read_phrase(answer: str) -> tuple[str, Quantity] | None:
    """(the words read, their quantity) for `read_answer`."""
    for sentence in reversed(re.split(r"[.;!?](?:\s+|$)", answer)):
        found = _read_sentence(sentence)
        if found is not None:
            return found
    return None


def _read_sentence(sentence: str) -> tuple[str, Quantity] | None:
    words = sentence.split()[:_MAX_WORDS]
    words = [w.strip(",:") if not re.fullmatch(r"[\d.,]+", w) else w.rstrip(".,") for w in words]
    for length in range(len(words), 0, -1):
        for start in range(len(words) - length + 1):
            phrase = " ".join(words[start : start + length])
            if not _NUMBERISH.search(phrase):
                continue
            try:
                quantity = parse_quantity(phrase)
            except ValueError:
                continue
            return _from_first_number(phrase), quantity
    return None


def _from_first_number(phrase: str) -> str:
    """The phrase from its first number on ("50 terabytes" out of "No wait 50 terabytes")."""
    words = phrase.split()
    for index, word in enumerate(words):
        head = word.split("-")[0].strip(",")
        if head[:1].isdigit() or re.fullmatch(_NUMBERISH.pattern, head, re.I):
            return " ".join(words[index:])
    return phrase


_NUMBERISH = re.compile(
    r"\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|half",
    re.I,
)
_KINDS = {
    COUNT: "a plain number",
    DATA: "an amount of data",
    TIME: "a time",
    RATE: "a rate",
    BANDWIDTH: "a data rate",
    MONEY: "an amount of money",
}


def check_answer(question: DrillQuestion, answer: str, seconds: float | None = None) -> DrillResult:
    """Score one answer. Any unit of the right dimension counts ("5 TB" or "5,000 GB"); a bare
    number is read in the unit the exact answer is written in ("11.6k" for "11,600 per
    second"); for an amount per period ("new photo bytes per day") a rate is read over that
    period ("about five terabytes a day", "58 MB/s")."""

    def result(correct: bool, heard: Quantity | None, feedback: str) -> DrillResult:
        return DrillResult(question, answer, correct, heard, feedback, seconds)

    exact = question.answer
    found = _read_phrase(answer)
    if found is None:
        return result(
            False, None, f"I didn't catch a number. The answer is {question.answer_text}."
        )
    said, heard = found
    if heard.dimension != exact.dimension and heard.dimension == COUNT:
        heard = _in_answer_unit(heard.value, format_quantity(exact), exact)
    if heard.dimension != exact.dimension:
        aligned = _over_period(heard, question)
        if aligned is None:
            return result(
                False,
                heard,
                f"{_mismatch(said, heard, question)} The answer is {question.answer_text}.",
            )
        heard = aligned
    ratio = heard.value / exact.value if exact.value else (1.0 if heard.value == 0 else 0.0)
    if abs(ratio - 1.0) <= question.tolerance:
        return result(True, heard, f"Correct: {question.answer_text} ({question.working}).")
    timed = bool(question.period) or "day" in question.expression or "second" in question.expression
    shown = _as_said(heard, question)
    plain = _same_words(said, shown) or _same_words(said, format_quantity(heard))
    what = f"{shown} is" if plain else f"{said} is {shown},"
    how = name_slip(heard, exact, answer, timed) if ratio > 0 else "the sign is off"
    return result(
        False,
        heard,
        f"Not quite: {what} {how}. The answer is {question.answer_text} ({question.working}).",
    )


def _over_period(heard: Quantity, question: DrillQuestion) -> Quantity | None:
    """A rate answer to an amount-per-period question, as the amount over that period."""
    exact = question.answer
    if not question.period or heard.dimension != exact.dimension / TIME:
        return None
    return Quantity(heard.value * PERIOD_SECONDS[question.period], exact.dimension)


def _mismatch(said: str, heard: Quantity, question: DrillQuestion) -> str:
    """Why an answer of another kind cannot be right, in words."""
    exact = question.answer
    if heard.dimension == exact.dimension / TIME:
        return f"{said} is {_KINDS.get(heard.dimension, 'a rate')}; the question asks for a total."
    if heard.dimension == exact.dimension * TIME:
        return f"{said} is a total; the question asks for a rate, such as per second."
    kind = _KINDS.get(exact.dimension, "another kind of quantity")
    return f"{said} is {_KINDS.get(heard.dimension, 'another kind of quantity')}; the question asks for {kind}."


def _as_said(heard: Quantity, question: DrillQuestion) -> str:
    text = format_quantity(heard)
    return f"{text} a {question.period}" if question.period else text


_HEDGES = re.compile(r"^(?:about|around|roughly|approximately|maybe|like|say|so)\s+", re.I)


def _same_words(said: str, shown: str) -> bool:
    """Whether the answer's words are just the formatted quantity ("about 3 TB" and "3 TB")."""
    return _HEDGES.sub("", said).lower().replace(",", "") == shown.lower().replace(",", "")


def _in_answer_unit(number: float, answer_text: str, exact: Quantity) -> Quantity:
    """Read a bare number in the unit of the formatted exact answer ("36" -> 36 TB)."""
    unit = re.sub(r"^[\d.,]+\s*", "", answer_text)
    try:
        return parse_quantity(f"{number:g} {unit}") if unit else Quantity(number, exact.dimension)
    except ValueError:
        return Quantity(number, exact.dimension)


__all__ = ["DrillResult", "check_answer", "read_answer"]


def save_to(store: Any, run: int) -> Callable[[DrillResult], None]:
    """A `DrillRun(on_result=...)` callback that keeps each result in a
    `recordings.progress.ProgressStore` drill run (for spaced repetition and progress).

    Only judged answers are kept: when no number was heard (a mis-heard or empty answer) there is
    no verdict, so it neither counts as a miss in progress advice nor moves the schedule."""

    def save(result: DrillResult) -> None:
        if result.heard is None:
            return
        store.record_drill(
            run,
            item_id=result.question.id,
            topic=result.question.topic,
            question=result.question.text,
            answer=result.answer,
            expected=result.question.answer_text,
            correct=result.correct,
            seconds=result.seconds,
        )

    return save
