"""Drill questions: templates over fixed parameter grids (so every question has a stable id that
spaced repetition can track across runs) and the scenarios' reference estimates. The exact
answer is always computed by `estimation.evaluate`, never written by hand."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from estimation import COUNT, DATA, Quantity, evaluate, format_quantity, parse_quantity

TOPICS: tuple[str, ...] = ("qps", "storage", "bandwidth", "memory", "latency", "capacity")
TOLERANCE = 0.15
"""Relative slack: back-of-the-envelope answers are rounded ("about 12,000" for 11,574)."""

# (topic, template id, question, calculator expression, parameter grid)
_TEMPLATES: tuple[tuple[str, str, str, str, dict[str, tuple[str, ...]]], ...] = (
    (
        "qps",
        "daily",
        "We get {n} requests a day. How many is that per second on average?",
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
        "{n} events a day, and the peak is {m} the average. What is the peak per second?",
        "{n} / 1 day * {m}",
        {"n": ("100 million", "1 billion", "2 billion"), "m": ("2x", "3x", "5x")},
    ),
    (
        "qps",
        "users",
        "{u} daily users each make {k} requests a day. How many requests per second is that on average?",
        "{u} * {k} / 1 day",
        {"u": ("10 million", "100 million", "500 million"), "k": ("10", "50")},
    ),
    (
        "storage",
        "yearly",
        "We store {n} new records a day at {s} each and keep them for {y} years. How much storage is that?",
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
        "We take {n} writes a day of {s} each and keep them {d} days. How much storage in total?",
        "{n} * {s} * {d}",
        {"n": ("100 million", "1 billion"), "s": ("1 KB", "4 KB"), "d": ("30", "90")},
    ),
    (
        "storage",
        "media",
        "Users upload {n} photos a day at {s} each. How much new storage is that per year?",
        "{n} * {s} * 365",
        {"n": ("1 million", "10 million", "100 million"), "s": ("200 KB", "2 MB")},
    ),
    (
        "bandwidth",
        "egress",
        "We serve {q} requests per second and each response is {s}. What is the outbound bandwidth?",
        "{q} per second * {s}",
        {"q": ("1,000", "10,000", "35,000", "100,000"), "s": ("1 KB", "10 KB", "100 KB")},
    ),
    (
        "bandwidth",
        "video",
        "There are {v} concurrent video streams at {b} each. What is the total bandwidth?",
        "{v} * {b}",
        {"v": ("10,000", "1 million"), "b": ("1 Mbps", "5 Mbps")},
    ),
    (
        "memory",
        "cache",
        "We want {n} items of {s} each in an in-memory cache. How much RAM does that take?",
        "{n} * {s}",
        {
            "n": ("1 million", "10 million", "100 million", "1 billion"),
            "s": ("100 bytes", "1 KB", "10 KB"),
        },
    ),
    (
        "memory",
        "hot",
        "We serve {n} reads a day and cache the hottest 20% at {s} each. How big is the cache?",
        "{n} * 0.2 * {s}",
        {"n": ("100 million", "1 billion"), "s": ("500 bytes", "1 KB")},
    ),
    (
        "latency",
        "serial",
        "A request makes {k} sequential calls at {l} each. What is the total latency?",
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
        "We have {t} of data and each shard holds {s}. How many shards do we need?",
        "{t} / ({s})",
        {"t": ("10 TB", "100 TB", "1 PB"), "s": ("1 TB", "2 TB")},
    ),
)
_TEMPLATE_PERIODS = {("storage", "media"): "year"}
"""Templates whose answer is an amount per period ("per year"), not a total."""
PERIOD_SECONDS = {
    "hour": 3_600,
    "day": 86_400,
    "week": 7 * 86_400,
    "month": 30 * 86_400,
    "year": 365 * 86_400,
}
_PERIOD = re.compile(r"\b(?:per|a|each) (hour|day|week|month|year)\b", re.I)
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
    inputs: tuple[tuple[str, str], ...] = ()
    """(name, spoken value) of the named inputs the expression uses (scenario questions)."""
    period: str = ""
    """The answer is an amount per this period ("day" for "new photo bytes per day"): an answer
    given as a rate ("5 TB a day") is read over it. Empty for totals and per-second rates."""

    @property
    def working(self) -> str:
        """The calculation with the inputs' values in place of their names, as written on a
        whiteboard ("1,160 per second × 10% × 500 KB × 1 day")."""
        text = self.expression
        if self.inputs:
            values = dict(self.inputs)
            names = "|".join(re.escape(name) for name in values)
            text = re.sub(rf"\b({names})\b", lambda m: values[m.group(1)], text)
        return text.replace(" * ", " × ").replace(" / ", " ÷ ")

    @property
    def answer_text(self) -> str:
        """The answer as an interviewer says it ("5 TB a day")."""
        text = format_quantity(self.answer)
        return f"{text} a {self.period}" if self.period else text

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "topic": self.topic,
            "question": self.text,
            "expression": self.expression,
            "answer": self.answer_text,
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
            period = _TEMPLATE_PERIODS.get((topic, name), "")
            questions.append(
                DrillQuestion(
                    qid, topic, text.format(**values), expr, evaluate(expr), period=period
                )
            )
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
        described: dict[str, str] = {}  # an input that is an earlier estimate goes by its words
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
            described[estimate.name] = estimate.description
            topic = _KIND_TOPIC.get(estimate.kind)
            if topic not in wanted:
                continue
            used = [
                n
                for n in spoken
                if n != estimate.name and re.search(rf"\b{re.escape(n)}\b", estimate.expression)
            ]
            text = _spoken_question(scenario.title, estimate.description, used, spoken, described)
            questions.append(
                DrillQuestion(
                    f"scenario:{scenario.id}:{estimate.name}",
                    topic,
                    text,
                    estimate.expression,
                    value,
                    estimate.tolerance,
                    tuple((n, spoken[n]) for n in used),
                    _period_of(estimate.description, value),
                )
            )
    return questions


def _period_of(description: str, answer: Quantity) -> str:
    """The period of an amount ("day" for "New photo bytes per day"); empty for a rate."""
    match = _PERIOD.search(description)
    if match is None or answer.dimension not in (DATA, COUNT):
        return ""
    return match.group(1).lower()


_ABBREVIATIONS = {"qps": "rate", "tps": "rate", "ops": "operations", "wps": "write rate"}
_DURATIONS = {"years", "days", "months", "hours", "weeks"}


def _spoken_question(
    title: str,
    description: str,
    used: list[str],
    spoken: dict[str, str],
    described: dict[str, str],
) -> str:
    """A scenario estimate asked the way an interviewer says it ("Social news feed: with the
    photo share at 10%, the photo size at 500 KB and posts per second at 1,160, what do you get
    for new photo bytes per day?")."""
    phrases = [_given(name, spoken[name], described.get(name)) for name in used]
    ask = f"what do you get for {_with_article(_lower_first(description.rstrip('.?')))}?"
    if not phrases:
        return f"{title}: {ask[:1].upper()}{ask[1:]}"
    given = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]
    return f"{title}: with {given}, {ask}"


def _given(name: str, value: str, description: str | None) -> str:
    """One input as spoken ("the photo share at 10%", "posts per second at 1,160")."""
    short = description.split(",")[0].strip() if description else ""
    if short and len(short.split()) <= 5:
        noun = _lower_first(short)
    else:
        words = [_ABBREVIATIONS.get(w, w) for w in name.lower().split("_")]
        if words[-1] in _DURATIONS and len(words) == 1:
            return f"{value} in all"
        noun = "the " + " ".join(words)
    for unit in ("per second", "per day"):
        if unit in noun and value.endswith(unit):
            value = value[: -len(unit)].strip()
    if " " in value and value.rsplit(" ", 1)[1] == noun.rsplit(" ", 1)[-1]:
        value = value.rsplit(" ", 1)[0]  # "the primary nodes at 80", not "at 80 nodes"
    return f"{noun} at {value}"


_NO_ARTICLE = re.compile(
    r"^(?:the|a|an|each|every|all|one|two|three|four|five|six|seven|eight|nine|ten|twenty|"
    r"thirty|sixty|ninety|hundred|\d)",
    re.I,
)


def _with_article(noun: str) -> str:
    """ "the latest position of every driver"; "one year of history" stays as it is."""
    return noun if _NO_ARTICLE.match(noun) else f"the {noun}"


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym ("API", "PoPs")."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and any(c.isupper() for c in first[1:]):
        return text
    return text[:1].lower() + text[1:]


def pick(
    questions: list[DrillQuestion], count: int, seed: int | None = None
) -> list[DrillQuestion]:
    """A shuffled selection (reproducible with ``seed``)."""
    shuffled = list(questions)
    random.Random(seed).shuffle(shuffled)
    return shuffled[:count]


def _product(grid: dict[str, tuple[str, ...]]) -> list[dict[str, str]]:
    combos: list[dict[str, str]] = [{}]
    for key, values in grid.items():
        combos = [{**c, key: v} for c in combos for v in values]
    return combos


__all__ = ["TOPICS", "DrillQuestion", "pick", "scenario_questions", "template_questions"]
