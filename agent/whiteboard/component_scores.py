"""The component score table: each box (and each expected box that is missing) out of 10, with
one line of feedback, the way the seed article grades a news feed design.

A drawn component starts at 6 and gains for a named technology, for the facts its kind calls
for (a TTL on a cache, replicas on a database, a bound on a queue), for being wired in and for
being one the scenario expects; each finding about it costs points by severity. An expected
component that is missing scores 3 if the candidate mentioned it ("mentioned but not drawn"),
else 2, or 1 if the scenario calls it critical.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from agent.whiteboard.analyzers import BoardFinding, Severity, analyze
from agent.whiteboard.analyzers.board_context import is_replicated, is_sharded, technology
from agent.whiteboard.board import Board, Component
from agent.whiteboard.kinds import ComponentKind
from agent.whiteboard.scenario_view import ExpectedBox, scenario_view

_PENALTY = {Severity.HIGH: 3, Severity.MEDIUM: 2, Severity.LOW: 1}
# Findings about the board as a whole, pinned to a component only to give the question a subject.
_BOARD_LEVEL = frozenset({"NO_MONITORING"})
_WORDS = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class ComponentScore:
    """One row of the score table."""

    component: str
    """The candidate's label, or the expected component's label when it is missing."""
    score: int
    """Out of 10."""
    feedback: str
    status: str
    """"drawn", "mentioned" (said but not drawn) or "missing"."""
    component_id: str | None = None
    kind: str = ""
    layer: str = ""
    expected: str | None = None
    """The scenario's expected component this box counts as."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "component": self.component,
            "component_id": self.component_id,
            "kind": self.kind,
            "layer": self.layer,
            "score": self.score,
            "out_of": 10,
            "status": self.status,
            "expected": self.expected,
            "feedback": self.feedback,
        }


def score_components(
    board: Board,
    scenario: Any = None,
    *,
    mentioned: Iterable[str] = (),
    findings: list[BoardFinding] | None = None,
) -> list[ComponentScore]:
    """Score every drawn component (clients excluded) and every missing expected component.

    `mentioned` holds labels or kinds the candidate said aloud ("CDN", "cdn", "Redis"), so a
    missing component they talked about reads "mentioned but not drawn". Pass `findings` when
    you already ran `analyze` on this board to avoid running it twice.
    """
    view = scenario_view(scenario)
    if findings is None:
        findings = analyze(board, scenario)
    matched = _match_expected(board, view.expected)
    by_component: dict[str, list[BoardFinding]] = {}
    for finding in findings:
        if finding.components and finding.code not in _BOARD_LEVEL:
            for subject in finding.subjects:
                by_component.setdefault(subject, []).append(finding)
    connected = {end for e in board.edges.values() for end in (e.source, e.target)}
    rows = []
    for comp in board.components.values():
        if comp.kind == ComponentKind.CLIENT:
            continue
        rows.append(
            _score_drawn(
                comp,
                comp.id in connected,
                matched.get(comp.id),
                tuple(by_component.get(comp.id, ())),
            )
        )
    spoken = {_norm(m) for m in mentioned}
    found = set(matched.values())
    for expected in view.expected:
        if expected in found or expected.kind == ComponentKind.CLIENT:
            continue
        rows.append(_score_missing(expected, spoken))
    return rows


@lru_cache(maxsize=8192)
def _score_drawn(
    comp: Component,
    connected: bool,
    expected: ExpectedBox | None,
    findings: tuple[BoardFinding, ...],
) -> ComponentScore:
    """One drawn box's row; cached, since most boxes are unchanged between two board events."""
    score = 6
    praise = []
    named = technology(comp)
    if named:
        score += 1
        praise.append(f"{named.title() if len(named) > 3 else named.upper()} named")
    fact = _kind_fact(comp)
    if fact:
        score += 1
        praise.append(fact)
    if connected:
        score += 1
    if expected is not None:
        score += 1
    score -= sum(_PENALTY[f.severity] for f in findings)
    score = max(1, min(10, score))
    if findings:
        worst = findings[0]
        lead = f"{', '.join(praise)}. " if praise else ""
        feedback = lead + worst.message
    elif praise:
        feedback = "; ".join(praise) + "."
    else:
        feedback = "Drawn and connected; say which technology and how it scales."
    if expected is not None and expected.purpose and not findings:
        feedback += f" Covers: {_lower_first(expected.purpose)}."
    return ComponentScore(
        comp.name,
        score,
        feedback[:1].upper() + feedback[1:],
        "drawn",
        comp.id,
        comp.kind.value,
        comp.layer.value,
        expected.label if expected else None,
    )


def _score_missing(expected: ExpectedBox, spoken: set[str]) -> ComponentScore:
    said = bool(spoken & ({_norm(n) for n in expected.names} | {_norm(expected.kind.value)}))
    why = f" Needed: {_lower_first(expected.purpose)}." if expected.purpose else ""
    if said:
        score, status, text = 3, "mentioned", "Mentioned but not drawn."
    else:
        score = 1 if expected.critical else 2
        status = "missing"
        text = "Not drawn" + (" (critical)." if expected.critical else ".")
    return ComponentScore(
        expected.label,
        score,
        text + why,
        status,
        None,
        expected.kind.value,
        "",
        expected.label,
    )


def _kind_fact(comp: Component) -> str | None:
    """The fact this kind of component should carry, if the candidate wrote it."""
    facts = comp.facts
    if comp.kind == ComponentKind.CACHE and (facts.ttl or facts.eviction):
        return ", ".join(x for x in (facts.ttl, facts.eviction) if x)
    if comp.kind == ComponentKind.DATABASE and (is_replicated(comp) or is_sharded(comp)):
        return "sharded" if is_sharded(comp) else "replicated"
    if comp.kind == ComponentKind.QUEUE and facts.bounded:
        return "bounded"
    if facts.replicas and facts.replicas > 1:
        return f"{facts.replicas} instances"
    return None


def _match_expected(board: Board, expected: tuple[ExpectedBox, ...]) -> dict[str, ExpectedBox]:
    """Drawn component id → expected component: by name or alias first, then by kind."""
    matched: dict[str, ExpectedBox] = {}
    if not expected:
        return matched
    comps = list(board.components.values())
    phrases = {c.id: _phrases(c.label) for c in comps}
    taken: set[int] = set()
    for i, exp in enumerate(expected):
        names = {_norm(n) for n in exp.names}
        for comp in comps:
            if comp.id not in matched and not names.isdisjoint(phrases[comp.id]):
                matched[comp.id] = exp
                taken.add(i)
                break
    for i, exp in enumerate(expected):
        if i in taken:
            continue
        for comp in comps:
            if comp.id not in matched and comp.kind == exp.kind:
                matched[comp.id] = exp
                taken.add(i)
                break
    return matched


@lru_cache(maxsize=8192)
def _phrases(label: str, longest: int = 5) -> frozenset[str]:
    """Every run of up to `longest` consecutive words in a label, normalised."""
    words = _norm(label).split()
    return frozenset(
        " ".join(words[i:j])
        for i in range(len(words))
        for j in range(i + 1, min(len(words), i + longest) + 1)
    )


def _norm(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower().replace("_", " ")))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text
