"""What the interviewer remembers of the conversation: the `Dialogue`.

Questions asked (and by which candidate turn they were answered), topics settled with the turn
that settled them, challenges raised, pushback conceded, choices the candidate rejected, and
every sentence already said, so that no settled topic is asked for again, no question is asked
twice (one rephrasing at most) and no sentence is said verbatim twice. It is part of the
checkpointed state: a resumed session remembers the same things.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from agent.interviewer.frozen import Frozen

MIN_WORDS = 7
"""Sentences shorter than this ("Go on.", "Take your time.") may be said again."""


@dataclass(frozen=True)
class Asked(Frozen):
    """One question the interviewer asked."""

    text: str
    topics: tuple[str, ...] = ()
    turn: int = 0
    """The candidate turn it followed (0-based)."""
    key: str = ""
    answered_by: int | None = None
    """The candidate turn that answered it, once one did."""


@dataclass(frozen=True)
class Dialogue(Frozen):
    """The conversation so far, as the interviewer keeps it."""

    asked: tuple[Asked, ...] = ()
    settled: dict[str, int] = field(default_factory=dict)
    """Topic -> the candidate turn that settled it (the evidence)."""
    said: tuple[str, ...] = ()
    """Normalised interviewer sentences of seven words or more."""
    challenged: tuple[str, ...] = ()
    """Keys of the slips already challenged: each is raised once."""
    pending_challenge: str = ""
    """The slip the candidate is expected to fix next."""
    conceded: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()
    """Choices the candidate said the design does without ("no cache")."""
    last_reply: tuple[str, ...] = ()
    """The previous interviewer turn, sentence by sentence (for "say that again")."""
    last_question: str = ""
    wrap_requested: bool = False

    # -- reading it -------------------------------------------------------------------------
    def is_settled(self, topic: str) -> bool:
        return topic in self.settled

    def was_said(self, text: str) -> bool:
        """Whether any sentence of seven words or more in `text` was said before."""
        keys = {normalise(s) for s in split(text)}
        return any(len(k.split()) >= MIN_WORDS and k in self.said for k in keys)

    def times_asked(self, question: str) -> int:
        """How often this question (or a long sentence of it) was asked."""
        keys = {normalise(question)} | {
            k for k in (normalise(s) for s in split(question)) if len(k.split()) >= MIN_WORDS
        }
        return sum(
            1
            for a in self.asked
            if keys & ({normalise(a.text)} | {normalise(s) for s in split(a.text)})
        )

    def open_question(self) -> Asked | None:
        """The last question, if no turn has answered it yet."""
        if self.asked and self.asked[-1].answered_by is None:
            return self.asked[-1]
        return None

    # -- changing it (a new value each time: checkpointed state is never mutated) ------------
    def settle(self, topics: Iterable[str], turn: int) -> Dialogue:
        settled = dict(self.settled)
        for topic in topics:
            settled.setdefault(topic, turn)
        return replace(self, settled=settled)

    def answered(self, turn: int) -> Dialogue:
        if not self.asked or self.asked[-1].answered_by is not None:
            return self
        last = replace(self.asked[-1], answered_by=turn)
        return replace(self, asked=(*self.asked[:-1], last))

    def ask(self, question: str, topics: Iterable[str], turn: int, key: str = "") -> Dialogue:
        asked = Asked(question, tuple(sorted(set(topics))), turn, key)
        return replace(self, asked=(*self.asked, asked), last_question=question)

    def spoke(self, sentences: Iterable[str], remember_reply: bool = True) -> Dialogue:
        """Remember what was said; `remember_reply` is False for replies that are not worth
        repeating on request ("Take your time.")."""
        sentences = tuple(sentences)
        said = list(self.said)
        for sentence in (part for line in sentences for part in split(line)):
            key = normalise(sentence)
            if len(key.split()) >= MIN_WORDS and key not in said:
                said.append(key)
        last = sentences if remember_reply else self.last_reply
        return replace(self, said=tuple(said), last_reply=last)


def split(text: str) -> list[str]:
    """Sentences as a listener hears them (a "Label: ..." lead-in counts as its own)."""
    parts = re.split(r"(?<=[.?!])\s+|\s+(?=[A-Z][a-z]+:)|(?<=:)\s+(?=[A-Z])", text.strip())
    return [p.strip() for p in parts if p and p.strip()]


def normalise(sentence: str) -> str:
    """Lower-case words only: what "the same sentence" compares."""
    return " ".join(re.findall(r"[a-z0-9']+", sentence.lower()))
