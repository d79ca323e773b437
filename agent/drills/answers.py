"""Checking a spoken answer against a drill question's exact answer with the estimation engine."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from agent.drills.questions import DrillQuestion
from estimation import COUNT, Quantity, format_quantity, parse_quantity

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
    for sentence in reversed(re.split(r"[.;!?](?:\s+|$)", answer)):
        found = _read_sentence(sentence)
        if found is not None:
            return found
    return None


def _read_sentence(sentence: str) -> Quantity | None:
    words = sentence.split()[:_MAX_WORDS]
    words = [w.strip(",:") if not re.fullmatch(r"[\d.,]+", w) else w.rstrip(".,") for w in words]
    for length in range(len(words), 0, -1):
        for start in range(len(words) - length + 1):
            phrase = " ".join(words[start : start + length])
            if not _NUMBERISH.search(phrase):
                continue
            try:
                return parse_quantity(phrase)
            except ValueError:
                continue
    return None


_NUMBERISH = re.compile(
    r"\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|half",
    re.I,
)


def check_answer(question: DrillQuestion, answer: str, seconds: float | None = None) -> DrillResult:
    """Score one answer. A bare number is read in the unit the exact answer is written in
    ("11.6k" for "11,600 per second")."""
    exact = question.answer
    heard = read_answer(answer)
    if heard is None:
        return DrillResult(
            question,
            answer,
            False,
            None,
            f"I didn't catch a number. The answer is {question.answer_text}.",
            seconds,
        )
    if heard.dimension != exact.dimension and heard.dimension == COUNT:
        heard = _in_answer_unit(heard.value, question.answer_text, exact)
    if heard.dimension != exact.dimension:
        return DrillResult(
            question,
            answer,
            False,
            heard,
            f"{format_quantity(heard)} is the wrong kind of quantity. "
            f"The answer is {question.answer_text}.",
            seconds,
        )
    ratio = heard.value / exact.value if exact.value else (1.0 if heard.value == 0 else 0.0)
    if abs(ratio - 1.0) <= question.tolerance:
        return DrillResult(
            question,
            answer,
            True,
            heard,
            f"Correct: {question.answer_text} ({question.expression}).",
            seconds,
        )
    off = ratio if ratio >= 1 else (1 / ratio if ratio else float("inf"))
    how = f"{off:.1f}x too {'high' if ratio > 1 else 'low'}" if off < 1e6 else "far off"
    return DrillResult(
        question,
        answer,
        False,
        heard,
        f"Not quite: {format_quantity(heard)} is {how}. "
        f"The answer is {question.answer_text} ({question.expression}).",
        seconds,
    )


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
    `recordings.progress.ProgressStore` drill run (for spaced repetition and progress)."""

    def save(result: DrillResult) -> None:
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
