"""Typed interview scenarios: what the interviewer says, knows, expects on the board and asks.

Every model is frozen and rejects unknown fields, so a typo in a data file ("critcal: true") is a
load error naming the field instead of a silently ignored key. Collections are tuples: a loaded
scenario is shared by every caller in the process and must not be changed by one of them.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Mapping
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ComponentKindName = Literal[
    "client",
    "dns",
    "cdn",
    "load_balancer",
    "api_gateway",
    "service",
    "cache",
    "database",
    "queue",
    "stream_processor",
    "blob_store",
    "search",
    "monitoring",
    "auth",
    "rate_limiter",
    "external",
    "other",
]
"""The whiteboard's component kinds (agent.whiteboard.kinds.ComponentKind), spelled out here
because `scenarios` may not import `agent`; a test keeps the two in step."""

COMPONENT_KINDS: frozenset[str] = frozenset(get_args(ComponentKindName))

FactTopic = Literal[
    "scope",
    "users",
    "traffic",
    "read_write_ratio",
    "latency",
    "availability",
    "consistency",
    "retention",
    "regions",
    "data",
    "security",
    "cost",
    "integrations",
    "other",
]

RUBRIC_DIMENSIONS: tuple[str, ...] = (
    "requirements",
    "estimation",
    "high_level_design",
    "deep_dive",
    "tradeoffs",
    "communication",
)
"""The six scoring dimensions, in the order a session walks through them."""

PROBE_PLACEHOLDERS = frozenset({"component", "other"})
"""`{component}` is the first component a probe is keyed to, `{other}` the second."""

DEFAULT_UNKNOWN_ANSWER = (
    "That's your call. State it as an assumption, say why it is reasonable, and keep going."
)

GENERIC_KEYWORDS = frozenset(
    {"how many", "how much", "how long", "how fast", "how big", "how often", "how", "fast"}
)
"""Question words that count half when picking the best fact for a question."""

_REGEX_SYNTAX = re.compile(r"[\\^$.|?*+()\[\]{}]")

_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_NAME = r"^[a-z][a-z0-9_]*$"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def _non_blank(values: tuple[str, ...]) -> tuple[str, ...]:
    if any(not value.strip() for value in values):
        raise ValueError("entries must not be blank")
    return values


class Fact(_Frozen):
    """One clarifying question the candidate may ask, and the interviewer's answer."""

    topic: FactTopic
    """What the question is about; lets the interviewer ask "anything about retention?"."""
    keywords: tuple[str, ...] = Field(min_length=1)
    """Lower-case words, phrases or regular expressions matched at the start of a word, so a
    stem like "consisten" also matches "consistency"; keywords under four characters ("qps",
    "k") must match a whole word, so "pop" does not match "popular"."""
    answer: str = Field(min_length=1)
    """Said aloud as is."""

    @field_validator("keywords")
    @classmethod
    def _valid_patterns(cls, keywords: tuple[str, ...]) -> tuple[str, ...]:
        for keyword in _non_blank(keywords):
            if not _REGEX_SYNTAX.search(keyword):
                continue  # plain words are valid patterns; compiling ~2,000 of them costs ms
            try:
                re.compile(keyword)
            except re.error as error:
                raise ValueError(f"bad pattern {keyword!r}: {error}") from error
        return keywords

    def matches(self, question: str) -> bool:
        """Whether a spoken question is about this fact (case-insensitive)."""
        return _keyword_pattern(self.keywords).search(question) is not None

    def score(self, question: str) -> float:
        """How well the question hits this fact: one point per keyword hit, half a point for
        question words such as "how many" that say little about the subject."""
        return sum(
            0.5 if keyword in GENERIC_KEYWORDS else 1.0
            for keyword in self.keywords
            if _keyword_pattern((keyword,)).search(question)
        )


@functools.lru_cache(maxsize=4096)
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    parts = [rf"\b(?:{k})\b" if len(k) < 4 else rf"\b(?:{k})" for k in keywords]
    return re.compile("|".join(parts), re.IGNORECASE)


EstimateKind = Literal[
    "qps", "peak", "storage", "bandwidth", "memory", "count", "latency", "cost", "other"
]


class ReferenceEstimate(_Frozen):
    """A back-of-the-envelope result the candidate should reach, as an expression the
    estimation calculator recomputes (over scale inputs and earlier estimates' names)."""

    name: str = Field(pattern=_NAME)
    """snake_case; later estimates may use it as a variable."""
    kind: EstimateKind = "other"
    description: str = Field(min_length=1)
    expression: str = Field(min_length=1)
    """Calculator syntax (see `estimation.calculator`): + - * / ^, parentheses, quantities such
    as `1 day`, `1 KB`, `3x`, and the scenario's scale names."""
    expected: str = Field(min_length=1)
    """The rounded answer as a candidate would say it: "35,000 per second", "30 TB"."""
    tolerance: float = Field(default=0.15, gt=0, lt=1)
    """Relative slack when comparing a computed or stated value with `expected`."""


class ExpectedComponent(_Frozen):
    """A box the interviewer expects on the board."""

    kind: ComponentKindName
    label: str = Field(min_length=1)
    critical: bool = False
    """Missing it is a gap the interviewer raises, not a nice-to-have."""
    aliases: tuple[str, ...] = ()
    """Other labels that count as this component ("Redis", "Memcached")."""
    purpose: str = ""
    """Why the design needs it, for feedback ("absorbs the 3x peak")."""

    _check_aliases = field_validator("aliases")(_non_blank)

    def names(self) -> tuple[str, ...]:
        """The label and its aliases, lower-cased, for matching board labels."""
        return tuple(name.lower() for name in (self.label, *self.aliases))


class OperationConsistency(_Frozen):
    """Which side of CAP one operation takes, and why (surge pricing: read AP, write CP)."""

    operation: str = Field(min_length=1)
    model: Literal["AP", "CP"]
    reason: str = Field(min_length=1)


class Probe(_Frozen):
    """A follow-up question keyed to components on the board.

    `question` may contain `{component}` (the first entry of `components`) and `{other}` (the
    second); `render` fills them with the candidate's own labels when known.
    """

    id: str = Field(pattern=_ID)
    kind: Literal["tradeoff", "failure", "scaling", "consistency"]
    components: tuple[str, ...] = Field(min_length=1)
    """Component kinds or expected-component labels the probe is about."""
    question: str = Field(min_length=1)
    listen_for: tuple[str, ...] = ()
    """What a strong answer mentions; used for scoring hints, never read aloud."""

    @model_validator(mode="after")
    def _placeholders(self) -> Probe:
        fields = {name for _, name, _, _ in string.Formatter().parse(self.question) if name}
        unknown = fields - PROBE_PLACEHOLDERS
        if unknown:
            raise ValueError(
                f"unknown placeholder(s) {sorted(unknown)}; allowed: {{component}}, {{other}}"
            )
        if "other" in fields and len(self.components) < 2:
            raise ValueError("{other} needs a second entry in components")
        return self

    def render(self, labels: Mapping[str, str] | None = None) -> str:
        """The question to say: placeholders filled with `labels[key]` or the key itself."""
        labels = labels or {}
        keys = list(self.components) + [""]
        return self.question.format(
            component=labels.get(keys[0], keys[0].replace("_", " ")),
            other=labels.get(keys[1], keys[1].replace("_", " ")),
        )


class Scenario(_Frozen):
    """An interviewer's full brief for one design question."""

    id: str = Field(pattern=_ID)
    title: str = Field(min_length=1)
    difficulty: Literal["easy", "medium", "hard"]
    prompt: str = Field(min_length=1)
    """The opening, exactly as said aloud."""
    facts: tuple[Fact, ...] = Field(min_length=1)
    unknown_answer: str = DEFAULT_UNKNOWN_ANSWER
    """What the interviewer says to a question no fact answers."""
    scale: dict[str, str] = Field(min_length=1)
    """Named inputs as spoken quantities: {"daily_notifications": "1 billion"}."""
    reference_estimates: tuple[ReferenceEstimate, ...] = Field(min_length=1)
    components: tuple[ExpectedComponent, ...] = Field(min_length=1)
    consistency: tuple[OperationConsistency, ...] = Field(min_length=1)
    probes: tuple[Probe, ...] = Field(min_length=1)
    rubric: dict[str, tuple[str, ...]]
    """Hints per scoring dimension; every one of RUBRIC_DIMENSIONS, each non-empty."""
    vocabulary: tuple[str, ...] = ()
    """Technology names and domain terms to prime the speech recogniser with."""
    tags: tuple[str, ...] = ()
    source: str = Field(min_length=1)
    """Where the numbers come from."""

    @field_validator("scale")
    @classmethod
    def _scale_names(cls, scale: dict[str, str]) -> dict[str, str]:
        for name, value in scale.items():
            if not re.match(_NAME, name):
                raise ValueError(f"scale name {name!r} must be snake_case")
            if not str(value).strip():
                raise ValueError(f"scale {name!r} is blank")
        return scale

    @field_validator("rubric")
    @classmethod
    def _six_dimensions(cls, rubric: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        missing = [d for d in RUBRIC_DIMENSIONS if d not in rubric]
        extra = [d for d in rubric if d not in RUBRIC_DIMENSIONS]
        if missing or extra:
            raise ValueError(
                f"needs exactly {', '.join(RUBRIC_DIMENSIONS)}"
                + (f"; missing {', '.join(missing)}" if missing else "")
                + (f"; unknown {', '.join(extra)}" if extra else "")
            )
        for dimension, hints in rubric.items():
            if not hints or any(not hint.strip() for hint in hints):
                raise ValueError(f"{dimension} needs at least one non-blank hint")
        return rubric

    @model_validator(mode="after")
    def _cross_references(self) -> Scenario:
        names = set(self.scale)
        for estimate in self.reference_estimates:
            if estimate.name in names:
                raise ValueError(f"reference estimate name {estimate.name!r} is used twice")
            names.add(estimate.name)
        probe_ids = [probe.id for probe in self.probes]
        duplicates = sorted({pid for pid in probe_ids if probe_ids.count(pid) > 1})
        if duplicates:
            raise ValueError(f"duplicate probe id(s) {duplicates}")
        known = {c.kind for c in self.components} | {
            name for c in self.components for name in c.names()
        }
        for probe in self.probes:
            for key in probe.components:
                if key.lower() not in known:
                    raise ValueError(
                        f"probe {probe.id!r} is keyed to {key!r}, which is neither the kind "
                        "nor the label of an expected component"
                    )
        return self

    def component(self, key: str) -> ExpectedComponent | None:
        """The expected component with this label/alias (case-insensitive) or, failing that,
        the first one of this kind."""
        lowered = key.lower()
        for component in self.components:
            if lowered in component.names():
                return component
        return next((c for c in self.components if c.kind == lowered), None)

    def critical_components(self) -> tuple[ExpectedComponent, ...]:
        return tuple(c for c in self.components if c.critical)

    def answer(self, question: str) -> str:
        """The interviewer's answer to a clarifying question (the fact with the most keyword
        hits, earlier facts winning ties), or the unknown-answer rule."""
        best, best_score = None, 0
        for fact in self.facts:
            score = fact.score(question)
            if score > best_score:
                best, best_score = fact, score
        return best.answer if best is not None else self.unknown_answer

    def render_probe(self, probe: Probe, drawn: Mapping[str, str] | None = None) -> str:
        """A probe's question with `{component}`/`{other}` filled by what the candidate drew
        (`drawn` maps a probe key to their label) or else this scenario's own label."""
        drawn = drawn or {}
        labels: dict[str, str] = {}
        for key in probe.components:
            component = self.component(key)
            labels[key] = drawn.get(key) or (component.label if component else key)
        return probe.render(labels)

    def probes_for(self, key: str) -> tuple[Probe, ...]:
        """Probes keyed to a component kind or label (case-insensitive)."""
        component = self.component(key)
        keys = {key.lower()}
        if component is not None:
            keys |= {component.kind, *component.names()}
        return tuple(p for p in self.probes if keys & {k.lower() for k in p.components})
