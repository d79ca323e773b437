"""Answer a clarifying question from the scenario's facts.

An interviewer answers what the brief covers, and for anything else says "your call — state it
as an assumption": the candidate is graded on making and stating assumptions, so inventing a
number for them would take that away.
"""

from __future__ import annotations

from dataclasses import dataclass

from scenarios import Scenario

MAX_FACTS = 2
"""A question touching three topics gets the two first answers; more reads like a lecture."""


@dataclass(frozen=True)
class Clarification:
    """The interviewer's answer and which fact topics it came from."""

    answer: str
    topics: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        """Whether the brief covered the question."""
        return bool(self.topics)

    def to_dict(self) -> dict[str, object]:
        return {"answer": self.answer, "topics": list(self.topics)}


def clarify(scenario: Scenario, question: str) -> Clarification:
    """The answer to `question`: matching facts (at most two, brief order), else the scenario's
    unknown-answer rule."""
    answers: list[str] = []
    topics: list[str] = []
    for fact in scenario.facts:
        if len(answers) >= MAX_FACTS:
            break
        if fact.matches(question) and fact.answer not in answers:
            answers.append(fact.answer)
            topics.append(fact.topic)
    if not answers:
        return Clarification(scenario.unknown_answer)
    return Clarification(" ".join(answers), tuple(topics))
