"""Drill questions: templates over fixed parameter grids (so every question has a stable id that
spaced repetition can track across runs) and the scenarios' reference estimates. The exact
answer is always computed by `estimation.evaluate`, never written by hand."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from estimation import Quantity, evaluate, format_quantity, parse_quantity

TOPICS: tuple[str, ...] = ("qps", "storage", "bandwidth", "memory", "latency", "capacity")
TOLERANCE = 0.15
"""Relative slack: back-of-the-envelope answers are rounded ("about 12,000" for 11,574)."""

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


def _product(grid: dict[str, tuple[str, ...]]) -> list[dict[str, str]]:
    combos: list[dict[str, str]] = [{}]
    for key, values in grid.items():
        combos = [{**c, key: v} for c in combos for v in values]
    return combos


__all__ = ["TOPICS", "DrillQuestion", "pick", "scenario_questions", "template_questions"]
