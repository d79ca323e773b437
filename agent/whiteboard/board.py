"""The board as a graph: components, edges and groups, held in one mutable `Board`.

The tablet server owns one `Board` and applies every pen/keyboard event to it; importers build
one from a file. Components and edges are frozen values: a change replaces them, so a snapshot
(`to_dict`) or a finding never sees a half-updated box. Pure Python, no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from agent.whiteboard.kinds import ComponentKind, EdgeMode, Layer
from agent.whiteboard.label_meaning import classify_box, classify_label
from agent.whiteboard.note_facts import NoteFacts, read_facts

BOARD_VERSION = 1
MAX_LABEL = 200
MAX_NOTE = 500
MAX_COMPONENTS = 3000
"""Importers stop adding components past this (with a warning): no interview board is
bigger, and the analyzers' reachability work grows with the square of it."""


class BoardError(ValueError):
    """A board change or a board file that cannot be applied; the message says where and why."""


@dataclass(frozen=True)
class Component:
    """One box on the board."""

    id: str
    label: str
    kind: ComponentKind
    layer: Layer
    shape: str | None = None
    """rectangle, cylinder, ellipse, diamond, hexagon... as drawn; a cylinder reads as a store."""
    notes: tuple[str, ...] = ()
    """Free text attached to the box: "TTL 30s", "3 replicas", "LRU", "sharded by user_id"."""
    x: float | None = None
    y: float | None = None
    w: float | None = None
    h: float | None = None
    group: str | None = None
    instances: int = 1
    """How many copies the board shows: stacked or numbered copies, "x8", a `procs` shape; 2
    stands for "many" when no number is written."""

    @cached_property
    def facts(self) -> NoteFacts:
        """TTL, eviction, replicas, shards, bounds and priority read from the label and notes."""
        return read_facts(self.label, self.notes)

    @property
    def name(self) -> str:
        """The label, or the kind when the box has no label yet (for questions)."""
        return self.label.strip() or self.kind.value.replace("_", " ")


@dataclass(frozen=True)
class Edge:
    """One arrow: `source` calls, sends to, or reads from `target`."""

    id: str
    source: str
    target: str
    label: str = ""
    bidirectional: bool = False
    mode: EdgeMode = EdgeMode.SYNC

    def touches(self, component_id: str) -> bool:
        return component_id in (self.source, self.target)


@dataclass(frozen=True)
class Group:
    """A frame, subgraph or region that boxes sit in ("us-east-1", "Write path")."""

    id: str
    label: str = ""


@dataclass
class Board:
    """The whiteboard's truth. Every successful change bumps `revision`."""

    components: dict[str, Component] = field(default_factory=dict)
    edges: dict[str, Edge] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    revision: int = 0
    title: str = ""
    annotations: list[str] = field(default_factory=list)
    """Text on the board that is not a component: titles, notes, legends, requirement lists.
    Facts written there ("RF=3", "metrics to Datadog") still count as evidence."""
    warnings: list[str] = field(default_factory=list)
    """What an importer skipped or shortened, one line each (the rest of the board is kept)."""
    _counters: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    # ---- components -------------------------------------------------------------------------

    def add_component(
        self,
        label: str = "",
        *,
        id: str | None = None,
        kind: ComponentKind | str | None = None,
        layer: Layer | str | None = None,
        shape: str | None = None,
        notes: Iterable[str] = (),
        x: float | None = None,
        y: float | None = None,
        w: float | None = None,
        h: float | None = None,
        group: str | None = None,
        instances: int = 1,
    ) -> Component:
        """Add a box; its kind and layer come from the label and shape unless given."""
        cid = self._new_id("c", id)
        label = _clean_label(label)
        shape = _optional_text(shape, "shape")
        group = _optional_text(group, "group")
        x, y, w, h = (_coordinate(v, n) for v, n in ((x, "x"), (y, "y"), (w, "w"), (h, "h")))
        clean_notes = _clean_notes(notes)
        guessed_kind, guessed_layer = classify_box(label, shape, clean_notes)
        kind_value = _kind(kind) if kind is not None else guessed_kind
        if layer is not None:
            layer_value = _layer(layer)
        elif kind is not None and kind_value != guessed_kind:
            layer_value = classify_label(kind_value.value)[1]
        else:
            layer_value = guessed_layer
        if group is not None and group not in self.groups:
            self.groups[group] = Group(group, group)
        component = Component(
            cid,
            label,
            kind_value,
            layer_value,
            shape,
            clean_notes,
            x,
            y,
            w,
            h,
            group,
            max(1, int(instances)) if isinstance(instances, int) else 1,
        )
        self.components[cid] = component
        self._bump()
        return component

    def update_component(
        self,
        id: str,
        *,
        label: str | None = None,
        kind: ComponentKind | str | None = None,
        layer: Layer | str | None = None,
        shape: str | None = None,
        notes: Iterable[str] | None = None,
        group: str | None = None,
    ) -> Component:
        """Change a box. A new label or shape reclassifies it unless `kind` is given too."""
        old = self.component(id)
        changes: dict[str, Any] = {}
        if label is not None:
            changes["label"] = _clean_label(label)
        shape = _optional_text(shape, "shape")
        group = _optional_text(group, "group")
        if shape is not None:
            changes["shape"] = shape
        if notes is not None:
            changes["notes"] = _clean_notes(notes)
        if group is not None:
            changes["group"] = group or None
        if kind is not None:
            changes["kind"] = _kind(kind)
            changes["layer"] = classify_label(changes["kind"].value)[1]
        elif "label" in changes or "shape" in changes:
            changes["kind"], changes["layer"] = classify_box(
                changes.get("label", old.label),
                changes.get("shape", old.shape),
                changes.get("notes", old.notes),
            )
        if layer is not None:
            changes["layer"] = _layer(layer)
        if group and group not in self.groups:
            self.groups[group] = Group(group, group)
        new = replace(old, **changes)
        self.components[id] = new
        self._bump()
        return new

    def move(
        self, id: str, x: float, y: float, w: float | None = None, h: float | None = None
    ) -> Component:
        """Move (and optionally resize) a box; the graph is unchanged, the geometry is kept."""
        old = self.component(id)
        new = replace(old, x=x, y=y, w=old.w if w is None else w, h=old.h if h is None else h)
        self.components[id] = new
        self._bump()
        return new

    def add_note(self, id: str, text: str) -> Component:
        """Attach a note ("TTL 60s", "replicated x3") to a box."""
        old = self.component(id)
        new = replace(old, notes=old.notes + _clean_notes([text]))
        self.components[id] = new
        self._bump()
        return new

    def remove(self, id: str) -> None:
        """Remove a box with every arrow attached to it, an arrow, or a group (boxes stay)."""
        if id in self.components:
            del self.components[id]
            for edge_id in [e.id for e in self.edges.values() if e.touches(id)]:
                del self.edges[edge_id]
        elif id in self.edges:
            del self.edges[id]
        elif id in self.groups:
            del self.groups[id]
            for comp in list(self.components.values()):
                if comp.group == id:
                    self.components[comp.id] = replace(comp, group=None)
        else:
            raise BoardError(f"no component, edge or group with id {id!r}")
        self._bump()

    # ---- edges and groups -------------------------------------------------------------------

    def add_edge(
        self,
        source: str,
        target: str,
        *,
        label: str = "",
        bidirectional: bool = False,
        mode: EdgeMode | str = EdgeMode.SYNC,
        id: str | None = None,
    ) -> Edge:
        """Connect two existing boxes."""
        for end in (source, target):
            if end not in self.components:
                raise BoardError(f"edge end {end!r} is not a component on the board")
        if source == target:
            raise BoardError(f"edge from {source!r} to itself")
        try:
            mode_value = EdgeMode(mode)
        except ValueError:
            raise BoardError(f"edge mode must be sync or async, not {mode!r}") from None
        edge = Edge(
            self._new_id("e", id),
            source,
            target,
            _clean_label(label),
            bool(bidirectional),
            mode_value,
        )
        self.edges[edge.id] = edge
        self._bump()
        return edge

    def update_edge(
        self,
        id: str,
        *,
        label: str | None = None,
        bidirectional: bool | None = None,
        mode: EdgeMode | str | None = None,
    ) -> Edge:
        """Relabel an arrow, or make it two-way or async."""
        if id not in self.edges:
            raise BoardError(f"no edge with id {id!r}")
        changes: dict[str, Any] = {}
        if label is not None:
            changes["label"] = _clean_label(label)
        if bidirectional is not None:
            changes["bidirectional"] = bool(bidirectional)
        if mode is not None:
            try:
                changes["mode"] = EdgeMode(mode)
            except ValueError:
                raise BoardError(f"edge mode must be sync or async, not {mode!r}") from None
        edge = replace(self.edges[id], **changes)
        self.edges[id] = edge
        self._bump()
        return edge

    def add_group(self, label: str = "", *, id: str | None = None) -> Group:
        """Add a frame/subgraph; boxes join it through their `group`."""
        group = Group(self._new_id("g", id), _clean_label(label))
        self.groups[group.id] = group
        self._bump()
        return group

    # ---- reading ----------------------------------------------------------------------------

    def component(self, id: str) -> Component:
        """The box with this id, or a BoardError naming it."""
        try:
            return self.components[id]
        except (KeyError, TypeError):
            raise BoardError(f"no component with id {id!r}") from None

    def edges_of(self, id: str) -> list[Edge]:
        return [e for e in self.edges.values() if e.touches(id)]

    def of_kind(self, *kinds: ComponentKind) -> list[Component]:
        return [c for c in self.components.values() if c.kind in kinds]

    def copy(self) -> Board:
        """An independent board with the same content and revision (cheap: components and
        edges are frozen values, so only the dicts are copied). Hand copies to other threads."""
        return Board(
            dict(self.components),
            dict(self.edges),
            dict(self.groups),
            self.revision,
            self.title,
            list(self.annotations),
            list(self.warnings),
            dict(self._counters),
        )

    def apply(self, event: dict[str, Any]) -> None:
        """Apply one tablet event (`{"type": "add_component", ...}`); BoardError if invalid."""
        from agent.whiteboard.board_events import apply_event

        apply_event(self, event)

    def to_dict(self) -> dict[str, Any]:
        """Hotseat's own board JSON (versioned); `Board.from_dict` reads it back."""
        from agent.whiteboard.serialize import board_to_dict

        return board_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Board:
        from agent.whiteboard.serialize import board_from_dict

        return board_from_dict(data)

    # ---- internals --------------------------------------------------------------------------

    def _new_id(self, prefix: str, wanted: str | None) -> str:
        if wanted is not None:
            if not isinstance(wanted, str) or not wanted.strip():
                raise BoardError(f"id must be a non-empty string, not {wanted!r}")
            if wanted in self.components or wanted in self.edges or wanted in self.groups:
                raise BoardError(f"id {wanted!r} is already on the board")
            return wanted
        while True:
            self._counters[prefix] = self._counters.get(prefix, 0) + 1
            candidate = f"{prefix}{self._counters[prefix]}"
            taken = candidate in self.components or candidate in self.edges
            if not taken and candidate not in self.groups:
                return candidate

    def _bump(self) -> None:
        self.revision += 1


def _clean_label(label: Any) -> str:
    if not isinstance(label, str):
        raise BoardError(f"label must be text, not {type(label).__name__}")
    label = " ".join(label.split())
    if len(label) > MAX_LABEL:
        raise BoardError(f"label longer than {MAX_LABEL} characters")
    return label


def _optional_text(value: Any, name: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise BoardError(f"{name} must be text, not {type(value).__name__}")


def _coordinate(value: Any, name: str) -> float | None:
    """A finite number (or None): NaN or infinity would poison geometry and JSON snapshots."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BoardError(f"{name} must be a finite number, not {value!r}")
    return value


def _clean_notes(notes: Iterable[str]) -> tuple[str, ...]:
    if isinstance(notes, str):
        notes = [notes]
    if not isinstance(notes, list | tuple):
        raise BoardError(f"notes must be a list of text, not {type(notes).__name__}")
    cleaned = []
    for note in notes:
        if not isinstance(note, str):
            raise BoardError(f"note must be text, not {type(note).__name__}")
        note = " ".join(note.split())
        if len(note) > MAX_NOTE:
            raise BoardError(f"note longer than {MAX_NOTE} characters")
        if note:
            cleaned.append(note)
    return tuple(cleaned)


def _kind(value: ComponentKind | str) -> ComponentKind:
    try:
        return ComponentKind(value)
    except (ValueError, TypeError):
        known = ", ".join(k.value for k in ComponentKind)
        raise BoardError(f"unknown component kind {value!r} (known: {known})") from None


def _layer(value: Layer | str) -> Layer:
    try:
        return Layer(value)
    except (ValueError, TypeError):
        known = ", ".join(k.value for k in Layer)
        raise BoardError(f"unknown layer {value!r} (known: {known})") from None
