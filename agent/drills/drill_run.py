"""One sitting of drills, for the text prompt and the voice loop alike."""

from __future__ import annotations

from typing import Any

from agent.drills.answers import DrillResult, check_answer
from agent.drills.questions import DrillQuestion


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
        return _spoken(f"{result.feedback} {follow}")

    def summary_text(self) -> str:
        right = sum(r.correct for r in self.results)
        return f"That's the drill: {right} out of {len(self.results)} correct."


def _spoken(text: str) -> str:
    """The written working ("1,160 × 10%") as it is said aloud ("1,160 times 10%")."""
    return text.replace(" × ", " times ").replace(" ÷ ", " divided by ")


__all__ = ["DrillRun"]
