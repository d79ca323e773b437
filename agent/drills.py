"""Quick-fire estimation drills: questions with exact answers, and spoken answers checked by the
estimation engine.

Questions come from templates over fixed parameter grids (so every question has a stable id
that spaced repetition can track across runs) and from the scenarios' reference estimates. The
exact answer is always computed by `estimation.evaluate`, never written by hand. Scheduling
lives in `recordings.progress.ProgressStore`; the CLI wires the two.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from estimation import COUNT, Quantity, evaluate, format_quantity, parse_quantity

TOPICS: tuple[str, ...] = ("qps", "storage", "bandwidth", "memory", "latency", "capacity")
TOLERANCE = 0.15
"""Relative slack: back-of-the-envelope answers are rounded ("about 12,000" for 11,574)."""
_MAX_WORDS = 30

# (topic, template id, question, calculator expression, parameter grid)
_TEMPLATES: tuple[tuple[str, str, str, str, dict[str, tuple[str, ...]]], ...] = (
    (
        "qps",
        "daily",
        "{n} requests a day. How many per second on average?",
        "{n} / 1 day",
        {
            "n": (
                "1 million",
                "10 million",
                "100 million",
                "500 million",
                "1 billion",
                "5 billion",
                "10 billion",
            )
        },
    ),
    (
        "qps",
        "peak",
        "{n} events a day, and peak is {m} the average. What is the peak per second?",
        "{n} / 1 day * {m}",
        {"n": ("100 million", "1 billion", "2 billion"), "m": ("2x", "3x", "5x")},
    ),
    (
        "qps",
        "users",
        "{u} daily users each make {k} requests a day. Average requests per second?",
        "{u} * {k} / 1 day",
        {"u": ("10 million", "100 million", "500 million"), "k": ("10", "50")},
    ),
    (
        "storage",
        "yearly",
        "{n} new records a day at {s} each, kept for {y} years. How much storage?",
        "{n} * {s} * 365 * {y}",
        {
            "n": ("1 million", "100 million", "1 billion"),
            "s": ("1 KB", "500 bytes"),
            "y": ("2", "5"),
        },
    ),
    (
        "storage",
        "retention",
        "{n} writes a day of {s} each, kept {d} days. Total storage?",
        "{n} * {s} * {d}",
        {"n": ("100 million", "1 billion"), "s": ("1 KB", "4 KB"), "d": ("30", "90")},
    ),
    (
        "storage",
        "media",
        "{n} photos uploaded a day at {s} each. Storage per year?",
        "{n} * {s} * 365",
        {"n": ("1 million", "10 million", "100 million"), "s": ("200 KB", "2 MB")},
    ),
    (
        "bandwidth",
        "egress",
        "{q} requests per second, each response {s}. Outbound bandwidth?",
        "{q} per second * {s}",
        {"q": ("1,000", "10,000", "35,000", "100,000"), "s": ("1 KB", "10 KB", "100 KB")},
    ),
    (
        "bandwidth",
        "video",
        "{v} concurrent video streams at {b} each. Total bandwidth?",
        "{v} * {b}",
        {"v": ("10,000", "1 million"), "b": ("1 Mbps", "5 Mbps")},
    ),
    (
        "memory",
        "cache",
        "Cache {n} items of {s} each in memory. How much RAM?",
        "{n} * {s}",
        {
            "n": ("1 million", "10 million", "100 million", "1 billion"),
            "s": ("100 bytes", "1 KB", "10 KB"),
        },
    ),
    (
        "memory",
        "hot",
        "{n} reads a day, and we cache the hottest 20% at {s} each. Cache size?",
        "{n} * 0.2 * {s}",
        {"n": ("100 million", "1 billion"), "s": ("500 bytes", "1 KB")},
    ),
    (
        "latency",
        "serial",
        "{k} sequential calls at {l} each. Total latency?",
        "{k} * {l}",
        {"k": ("3", "5", "10", "20"), "l": ("0.5 ms", "2 ms", "10 ms")},
    ),
    (
        "latency",
        "seeks",
        "A disk seek takes {l}. How many seeks per second can one disk do?",
        "1 / ({l})",
        {"l": ("4 ms", "10 ms")},
    ),
    (
        "capacity",
        "servers",
        "Peak load is {q} requests per second and one server handles {c} per second. "
        "How many servers?",
        "{q} per second / ({c} per second)",
        {"q": ("10,000", "35,000", "100,000", "1 million"), "c": ("500", "1,000", "5,000")},
    ),
    (
        "capacity",
        "shards",
        "{t} of data and each shard holds {s}. How many shards?",
        "{t} / ({s})",
        {"t": ("10 TB", "100 TB", "1 PB"), "s": ("1 TB", "2 TB")},
    ),
)
_KIND_TOPIC = {
    "qps": "qps",
    "peak": "qps",
    "storage": "storage",
    "bandwidth": "bandwidth",
    "memory": "memory",
    "latency": "latency",
    "count": "capacity",
}


@dataclass(frozen=True)
class DrillQuestion:
    """One question with its exact answer."""

    id: str
    """Stable across runs ("qps:daily:1 billion", "scenario:notification-system:peak_qps")."""
    topic: str
    text: str
    """Said aloud or printed."""
    expression: str
    """What the calculator evaluated for the answer."""
    answer: Quantity
    tolerance: float = TOLERANCE

    @property
    def answer_text(self) -> str:
        return format_quantity(self.answer)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "topic": self.topic,
            "question": self.text,
            "expression": self.expression,
            "answer": self.answer_text,
        }


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


def template_questions(topics: Iterable[str] = TOPICS) -> list[DrillQuestion]:
    """Every template question for these topics, in a fixed order."""
    wanted = set(topics)
    questions = []
    for topic, name, text, expression, grid in _TEMPLATES:
        if topic not in wanted:
            continue
        for values in _product(grid):
            expr = expression.format(**values)
            qid = f"{topic}:{name}:" + ",".join(values[k] for k in grid)
            questions.append(DrillQuestion(qid, topic, text.format(**values), expr, evaluate(expr)))
    return questions


def scenario_questions(
    scenarios: Iterable[Any], topics: Iterable[str] = TOPICS
) -> list[DrillQuestion]:
    """Questions from scenarios' reference estimates, the inputs they use stated in the question."""
    wanted = set(topics)
    questions = []
    for scenario in scenarios:
        variables: dict[str, Any] = {}
        spoken: dict[str, str] = {}
        try:
            for name, text in scenario.scale.items():
                variables[name], spoken[name] = parse_quantity(text), text
        except ValueError:
            continue
        for estimate in scenario.reference_estimates:
            try:
                value = evaluate(estimate.expression, variables)
            except ValueError:
                break  # later estimates may depend on this one
            variables[estimate.name], spoken[estimate.name] = value, estimate.expected
            topic = _KIND_TOPIC.get(estimate.kind)
            if topic not in wanted:
                continue
            used = [
                n
                for n in spoken
                if n != estimate.name and re.search(rf"\b{re.escape(n)}\b", estimate.expression)
            ]
            given = ", ".join(f"{n.replace('_', ' ')} {spoken[n]}" for n in used)
            text = f"{scenario.title}: {estimate.description}" + (
                f", given {given}?" if given else "?"
            )
            questions.append(
                DrillQuestion(
                    f"scenario:{scenario.id}:{estimate.name}",
                    topic,
                    text,
                    estimate.expression,
                    value,
                    estimate.tolerance,
                )
            )
    return questions


def pick(
    questions: list[DrillQuestion], count: int, seed: int | None = None
) -> list[DrillQuestion]:
    """A shuffled selection (reproducible with ``seed``)."""
    shuffled = list(questions)
    random.Random(seed).shuffle(shuffled)
    return shuffled[:count]


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


def _product(grid: dict[str, tuple[str, ...]]) -> list[dict[str, str]]:
    combos: list[dict[str, str]] = [{}]
    for key, values in grid.items():
        combos = [{**c, key: v} for c in combos for v in values]
    return combos


class DrillRun:
    """One sitting of drills: asks in order, checks answers, reports each result.

    Text mode calls ``answer(text, seconds)`` per line; voice mode hands ``respond`` to the
    voice loop (utterance in, feedback plus the next question out). ``on_result`` is called
    with every result (the CLI stores it in the progress history).
    """

    def __init__(self, questions: list[DrillQuestion], on_result: Any = None, clock: Any = None):
        import time

        self.questions = questions
        self.results: list[DrillResult] = []
        self.on_result = on_result
        self._clock = clock or time.monotonic
        self.asked_at: float | None = None

    @property
    def current(self) -> DrillQuestion | None:
        index = len(self.results)
        return self.questions[index] if index < len(self.questions) else None

    @property
    def done(self) -> bool:
        return self.current is None

    def ask(self) -> str:
        """The current question's text; starts its answer timer."""
        self.asked_at = self._clock()
        return self.current.text if self.current else ""

    def answer(self, text: str, seconds: float | None = None) -> DrillResult:
        """Check an answer to the current question and move on."""
        question = self.current
        if question is None:
            raise ValueError("the drill is over")
        if seconds is None and self.asked_at is not None:
            seconds = self._clock() - self.asked_at
        result = check_answer(question, text, seconds)
        self.results.append(result)
        if self.on_result is not None:
            self.on_result(result)
        return result

    def respond(self, utterance: str, seconds: float | None = None) -> str:
        """For the voice loop: feedback on the answer, then the next question (or the score)."""
        if self.done:
            return self.summary_text()
        result = self.answer(utterance, seconds)
        follow = self.ask() if not self.done else self.summary_text()
        return f"{result.feedback} {follow}"

    def summary_text(self) -> str:
        right = sum(r.correct for r in self.results)
        return f"That's the drill: {right} out of {len(self.results)} correct."


__all__ = [
    "TOPICS",
    "DrillQuestion",
    "DrillRun",
    "DrillResult",
    "check_answer",
    "pick",
    "read_answer",
    "scenario_questions",
    "template_questions",
]
