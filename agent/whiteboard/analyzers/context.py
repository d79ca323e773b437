"""What every analyzer needs, computed once per `analyze` call: adjacency and the scenario."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from agent.whiteboard.classify import lookup
from agent.whiteboard.graph import Board, Component, Edge
from agent.whiteboard.kinds import ComponentKind
from agent.whiteboard.scenario_view import ScenarioView

_DEGRADE = re.compile(
    r"\b(?:stale|fallback|fall back|fail[- ]?(?:open|closed|safe)|default(?:s)?|last known|"
    r"degrad\w*|serve cached|circuit[- ]breaker)\b",
    re.I,
)


@dataclass
class Context:
    """The board plus its adjacency lists. Edges count in their drawn direction; a two-way edge
    counts both ways."""

    board: Board
    scenario: ScenarioView
    downstream: dict[str, list[str]] = field(default_factory=dict)
    upstream: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, board: Board, scenario: ScenarioView) -> Context:
        ctx = cls(board, scenario)
        for cid in board.components:
            ctx.downstream[cid] = []
            ctx.upstream[cid] = []
        for edge in board.edges.values():
            ctx.downstream[edge.source].append(edge.target)
            ctx.upstream[edge.target].append(edge.source)
            if edge.bidirectional:
                ctx.downstream[edge.target].append(edge.source)
                ctx.upstream[edge.source].append(edge.target)
        return ctx

    @property
    def components(self) -> Iterable[Component]:
        return self.board.components.values()

    def get(self, cid: str) -> Component:
        return self.board.components[cid]

    def of_kind(self, *kinds: ComponentKind) -> list[Component]:
        return [c for c in self.components if c.kind in kinds]

    def edges_between(self, a: str, b: str) -> list[Edge]:
        return [e for e in self.board.edges.values() if {e.source, e.target} == {a, b}]

    def reachable(self, starts: Iterable[str], *, blocked: str | None = None) -> set[str]:
        """Ids reachable from `starts` following arrows, never passing through `blocked`."""
        seen = {s for s in starts if s != blocked}
        todo = deque(seen)
        while todo:
            for nxt in self.downstream[todo.popleft()]:
                if nxt not in seen and nxt != blocked:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    def ancestors(self, cid: str) -> set[str]:
        """Ids that reach `cid` following arrows (who depends on it)."""
        seen: set[str] = set()
        todo = deque([cid])
        while todo:
            for prev in self.upstream[todo.popleft()]:
                if prev not in seen and prev != cid:
                    seen.add(prev)
                    todo.append(prev)
        return seen


def is_replicated(component: Component) -> bool:
    """More than one copy: stated in the label/notes, or the technology is replicated by design."""
    return component.facts.replicated or distributed_technology(component)


def is_sharded(component: Component) -> bool:
    """Data split over nodes: stated, or the technology partitions by design (Cassandra, S3)."""
    return component.facts.sharded or distributed_technology(component)


def distributed_technology(component: Component) -> bool:
    """The label, or a note naming a technology of the same kind ("Message queue" / "SQS"),
    names something replicated by design."""
    if lookup(component.label, component.shape).distributed:
        return True
    for note in component.notes:
        found = lookup(note)
        if found.distributed and found.kind == component.kind:
            return True
    return False


def technology(component: Component) -> str | None:
    """The technology named in the label or, failing that, in a note."""
    named = lookup(component.label, component.shape).technology
    if named:
        return named
    for note in component.notes:
        found = lookup(note)
        if found.technology and found.kind == component.kind:
            return found.technology
    return None


def states_degradation(*texts: str) -> bool:
    """Whether any text says what happens when an upstream stops (stale, fallback, fail open)."""
    return any(_DEGRADE.search(text) for text in texts)


def names(components: Iterable[Component], limit: int = 3) -> str:
    """ "A", "A and B", "A, B and C", "A, B, C and 2 more" for questions."""
    labels = [c.name for c in components]
    if len(labels) > limit:
        labels = labels[:limit] + [f"{len(labels) - limit} more"]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]
