"""What every analyzer needs, computed once per `analyze` call: adjacency and the scenario."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from agent.whiteboard.analyzers.reach import closure, dominated
from agent.whiteboard.board import Board, Component, Edge
from agent.whiteboard.kinds import STORE_KINDS, ComponentKind, EdgeMode
from agent.whiteboard.label_meaning import meaning_of
from agent.whiteboard.note_facts import NoteFacts, read_facts
from agent.whiteboard.scenario_view import ScenarioView

MAX_ANNOTATIONS = 300
"""Annotations matched against component names (a board of notes beyond this is not a design)."""
_REPLICA_WORDS = re.compile(
    r"\b(?:replicas?|r[ée]plicas?|standby|secondary|follower|mirror|dr|failover)\b|副本|从库",
    re.I,
)
_REPLICATION_LINK = re.compile(
    r"\b(?:replicat\w*|repl\b|r[ée]plica\w*|standby|mirror\w*|binlog|wal|"
    r"log shipping|active[- ]active|active[- ]passive)\b|复制",
    re.I,
)

_FEEDING_KINDS = frozenset({ComponentKind.DATABASE, ComponentKind.BLOB_STORE, ComponentKind.SEARCH})
"""Stores answer calls and never wait on what they feed."""

_DEGRADE = re.compile(
    r"\b(?:stale|fallback|fall back|fail[- ]?(?:open|closed|safe)|default(?:s)?|last known|"
    r"degrad\w*|serve cached|circuit[- ]breaker)\b",
    re.I,
)


@dataclass
class BoardContext:
    """The board plus its adjacency lists. Edges count in their drawn direction; a two-way edge
    counts both ways."""

    board: Board
    scenario: ScenarioView
    downstream: dict[str, list[str]] = field(default_factory=dict)
    upstream: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, board: Board, scenario: ScenarioView) -> BoardContext:
        downstream: dict[str, list[str]] = {cid: [] for cid in board.components}
        upstream: dict[str, list[str]] = {cid: [] for cid in board.components}
        for edge in board.edges.values():
            downstream[edge.source].append(edge.target)
            upstream[edge.target].append(edge.source)
            if edge.bidirectional:
                downstream[edge.target].append(edge.source)
                upstream[edge.source].append(edge.target)
        return cls(board, scenario, downstream, upstream)

    @cached_property
    def facts(self) -> dict[str, NoteFacts]:
        """Component id → what the board says about it: its label and notes, the labels of
        the arrows touching it ("LRU, TTL 1h" on the arrow into a cache) and the title of a
        cluster group it sits in."""
        found: dict[str, NoteFacts] = {}
        for comp in self.board.components.values():
            texts = [*comp.notes, *(e.label for e in self.edges[comp.id] if e.label)]
            group = self.board.groups.get(comp.group) if comp.group else None
            if group is not None and group.label and self._same_kind_group(comp):
                texts.append(group.label)
            texts.extend(self._annotations_about(comp))
            found[comp.id] = read_facts(comp.label, texts)
        return found

    def _same_kind_group(self, comp: Component) -> bool:
        """A group of one kind of thing ("Redis cluster" around three nodes) speaks for each;
        a "Kubernetes cluster" around services and databases says nothing about the DBs."""
        return all(
            c.kind == comp.kind for c in self.board.components.values() if c.group == comp.group
        )

    def _annotations_about(self, comp: Component) -> list[str]:
        """Annotations that name this component, and, for a store, replication or sharding
        notes that name no component at all ("N=3, R=2, W=2", "RF=3 everywhere")."""
        found = []
        for text, named, general in self._annotation_index:
            if (
                comp.id in named
                or general
                and comp.kind in (ComponentKind.DATABASE, ComponentKind.BLOB_STORE)
            ):
                found.append(text)
        return found

    @cached_property
    def _annotation_index(self) -> list[tuple[str, set[str], bool]]:
        """Per annotation: the components it names, and whether it is a replication or
        sharding note that names none."""
        labels = [
            (c.id, c.label.lower()) for c in self.board.components.values() if len(c.label) >= 3
        ]
        index = []
        for text in self.board.annotations[:MAX_ANNOTATIONS]:
            lowered = text.lower()
            named = {cid for cid, label in labels if label in lowered}
            general = False
            if not named:
                facts = read_facts(text)
                general = bool(facts.replicas and facts.replicas > 1 or facts.sharded)
            index.append((text, named, general))
        return index

    @cached_property
    def board_facts(self) -> NoteFacts:
        """Facts written on the board outside any one component (annotations): a
        "conflicts: vector clocks" note covers the whole design."""
        return read_facts(" ; ".join(self.board.annotations))

    @cached_property
    def board_texts(self) -> list[str]:
        texts = list(self.board.annotations)
        texts.extend(note for c in self.board.components.values() for note in c.notes)
        texts.extend(e.label for e in self.board.edges.values() if e.label)
        texts.extend(g.label for g in self.board.groups.values() if g.label)
        return texts

    def replicated(self, comp: Component) -> bool:
        """More than one copy: stated, drawn (stacked copies, a cluster), replicated by design,
        or linked to a replica of itself ("async replicate" arrow, a "... Replica" store)."""
        if comp.instances > 1 or self.facts[comp.id].replicated or distributed_technology(comp):
            return True
        if self.facts[comp.id].single:
            return False
        for edge in self.edges[comp.id]:
            other = self.get(edge.target if edge.source == comp.id else edge.source)
            if other.kind != comp.kind and other.kind not in STORE_KINDS:
                continue
            if _REPLICA_WORDS.search(other.label) or _REPLICATION_LINK.search(edge.label):
                return True
        return False

    def sharded(self, comp: Component) -> bool:
        return self.facts[comp.id].sharded or distributed_technology(comp)

    @cached_property
    def edges(self) -> dict[str, list[Edge]]:
        """Component id → the edges touching it."""
        found: dict[str, list[Edge]] = {cid: [] for cid in self.board.components}
        for edge in self.board.edges.values():
            found[edge.source].append(edge)
            found[edge.target].append(edge)
        return found

    @cached_property
    def pairs(self) -> dict[frozenset[str], list[Edge]]:
        """{a, b} → the edges between a and b, either way."""
        found: dict[frozenset[str], list[Edge]] = {}
        for edge in self.board.edges.values():
            found.setdefault(frozenset((edge.source, edge.target)), []).append(edge)
        return found

    @cached_property
    def order(self) -> dict[str, int]:
        """Component id → its position on the board (bit index in the bitsets below)."""
        return {cid: i for i, cid in enumerate(self.board.components)}

    @cached_property
    def _succ(self) -> list[list[int]]:
        pos = self.order
        return [[pos[t] for t in self.downstream[cid]] for cid in self.board.components]

    @cached_property
    def descendants(self) -> list[int]:
        """Bitset per component (board order) of everything reachable from it."""
        return closure(self._succ)

    @cached_property
    def dependents(self) -> list[int]:
        """Bitset per component of everything that fails when it fails: callers along
        synchronous arrows, transitively. A queue or an async arrow stops the failure."""
        pos = self.order
        pred: list[list[int]] = [[] for _ in pos]
        for edge in self.board.edges.values():
            if edge.mode == EdgeMode.ASYNC:
                continue
            for caller, callee in _directions(edge):
                if self.board.components[caller].kind in _FEEDING_KINDS:
                    continue  # a store's arrow out (CDC, export) is a feed, not a call
                if self.board.components[callee].kind != ComponentKind.QUEUE:
                    pred[pos[callee]].append(pos[caller])
        return closure(pred)

    def dominated_from(self, entries: Iterable[str]) -> list[int]:
        """Bitset per component of what is reachable from `entries` only through it."""
        return dominated(self._succ, [self.order[e] for e in entries])

    def bits(self, ids: Iterable[str]) -> int:
        bits = 0
        for cid in ids:
            bits |= 1 << self.order[cid]
        return bits

    def members(self, bits: int, limit: int | None = None) -> list[Component]:
        """The components in a bitset, in board order (the first `limit` of them)."""
        found: list[Component] = []
        listed = self._listed
        while bits and (limit is None or len(found) < limit):
            low = bits & -bits
            found.append(listed[low.bit_length() - 1])
            bits ^= low
        return found

    @cached_property
    def _listed(self) -> list[Component]:
        return list(self.board.components.values())

    @property
    def components(self) -> Iterable[Component]:
        return self.board.components.values()

    def get(self, cid: str) -> Component:
        return self.board.components[cid]

    def of_kind(self, *kinds: ComponentKind) -> list[Component]:
        return [c for c in self.components if c.kind in kinds]

    def edges_between(self, a: str, b: str) -> list[Edge]:
        return self.pairs.get(frozenset((a, b)), [])

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


def _directions(edge: Edge) -> list[tuple[str, str]]:
    pairs = [(edge.source, edge.target)]
    if edge.bidirectional:
        pairs.append((edge.target, edge.source))
    return pairs


def is_replicated(component: Component) -> bool:
    """More than one copy: stated in the label/notes, or the technology is replicated by design."""
    return component.facts.replicated or distributed_technology(component)


def is_sharded(component: Component) -> bool:
    """Data split over nodes: stated, or the technology partitions by design (Cassandra, S3)."""
    return component.facts.sharded or distributed_technology(component)


def distributed_technology(component: Component) -> bool:
    """The label, or a note naming a technology of the same kind ("Message queue" / "SQS"),
    names something replicated by design."""
    if meaning_of(component.label, component.shape).distributed:
        return True
    for note in component.notes:
        found = meaning_of(note)
        if found.distributed and found.kind == component.kind:
            return True
    return False


def technology(component: Component) -> str | None:
    """The technology named in the label or, failing that, in a note."""
    named = meaning_of(component.label, component.shape).technology
    if named:
        return named
    for note in component.notes:
        found = meaning_of(note)
        if found.technology and found.kind == component.kind:
            return found.technology
    return None


def states_degradation(*texts: str) -> bool:
    """Whether any text says what happens when an upstream stops (stale, fallback, fail open)."""
    return any(_DEGRADE.search(text) for text in texts)


def names(components: Iterable[Component], limit: int = 3, total: int | None = None) -> str:
    """ "A", "A and B", "A, B and C", "A, B, C and 2 more" for questions (`total` when
    `components` holds only the first few)."""
    labels = [c.name for c in components]
    total = len(labels) if total is None else total
    if total > limit:
        labels = labels[:limit] + [f"{total - limit} more"]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]
