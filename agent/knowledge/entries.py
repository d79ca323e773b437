"""Typed entries of the evaluation knowledge base: patterns, anti-patterns, scale limits, case
studies and estimate-conditioned probes. Every figure carries its source."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Entry(BaseModel):
    """Base for all knowledge-base records: frozen, and unknown fields are typos, not data."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(Entry):
    title: str = Field(min_length=3)
    url: str = Field(pattern=r"^https?://")


def _compile_all(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise ValueError(f"bad regular expression {pattern!r}: {error}") from error
    return patterns


class Recognition(Entry):
    speech: list[str] = Field(min_length=1)
    """Regular expressions (case-insensitive) that mean the candidate reached for the pattern."""
    board_labels: list[str] = []
    """Component labels that mean the pattern is on the board."""

    _check_speech = field_validator("speech")(_compile_all)


class Pattern(Entry):
    id: str
    name: str
    summary: str
    recognise: Recognition
    buys: list[str] = Field(min_length=1)
    costs: list[str] = Field(min_length=1)
    probes: list[str] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)


class SpeechRule(Entry):
    any: list[str] = Field(min_length=1)
    unless: list[str] = []

    _check = field_validator("any", "unless")(_compile_all)


BoardCheck = Literal[
    "hash_ring_without_vnodes",
    "long_sync_chain",
    "timestamp_shard_key",
    "dual_write",
    "retry_edge_without_backoff",
]


class BoardRule(Entry):
    findings: list[str] = []
    """Whiteboard analyzer codes that mean this anti-pattern (e.g. SPOF)."""
    check: BoardCheck | None = None
    """A structural check of agent/knowledge/detect.py."""

    @model_validator(mode="after")
    def _one_of(self) -> BoardRule:
        if not self.findings and self.check is None:
            raise ValueError("a board rule needs `findings` or `check`")
        return self


class Detection(Entry):
    speech: SpeechRule | None = None
    board: BoardRule | None = None

    @model_validator(mode="after")
    def _some_rule(self) -> Detection:
        if self.speech is None and self.board is None:
            raise ValueError("an anti-pattern needs a speech or a board rule")
        return self


class AntiPattern(Entry):
    id: str
    name: str
    summary: str
    detect: Detection
    question: str
    """Asked about a board hit: {component} is the drawn box's label, {count} a size (hops)."""
    speech_question: str | None = None
    """Asked about a speech hit when `question` reads wrong without a drawn box; {component} is
    what the words named (the speech rule's `component` group)."""
    why: str
    fix: str
    related: list[str] = []
    sources: list[Source] = Field(min_length=1)


class Limit(Entry):
    metric: str
    value: str
    """A spoken quantity the estimation engine parses ("100,000 per second", "10 MB/s")."""
    note: str
    source: Source


class Technology(Entry):
    id: str
    name: str
    aliases: list[str] = Field(min_length=1)
    limits: list[Limit] = Field(min_length=1)


class Figure(Entry):
    value: str
    what: str
    source: Source


class CaseStudy(Entry):
    id: str
    name: str
    problem: str
    notes: str
    figures: list[Figure] = Field(min_length=1)
    related: list[str] = []


class Threshold(Entry):
    id: str
    name: str
    dimension: Literal["data", "rate", "time", "count", "bandwidth"]
    context: list[str] = Field(min_length=1)
    above: str | None = None
    below: str | None = None
    limit: str
    """"technology.metric" of the scale limit the threshold comes from."""
    question: str
    related: list[str] = []

    _check = field_validator("context")(_compile_all)

    @model_validator(mode="after")
    def _one_bound(self) -> Threshold:
        if (self.above is None) == (self.below is None):
            raise ValueError("a threshold needs exactly one of `above` or `below`")
        return self
