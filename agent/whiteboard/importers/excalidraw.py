"""Excalidraw scenes (`.excalidraw` JSON, also the drawing inside Obsidian Excalidraw notes).

People draw boards in many styles, so the scene is read the way a person reads it:

- Things: rectangles, ellipses, diamonds and images, and Excalidraw groups of primitives with no
  label of their own (a library icon, a hand-drawn cylinder, a stick figure) as one icon.
  Copies stacked on each other, or boxes with the same label, are one component with instances.
- Text where people put it: bound to a shape, loose inside it, or under, above or beside it
  (the nearest thing within reach). A name-like text names the thing; facts ("TTL 10m",
  "RF=3") become its notes. Single letters side by side are joined ("w","e","b").
- Containers: a box drawn around other things is a group, not a component, and an arrow into it
  reaches everything inside; a box around generic parts ("node 1", "shard 2") is one clustered
  component. Frames are groups.
- Arrows and lines: bound ends name their things, unbound ends snap to the nearest outline, an
  arrow bound to a loose text continues through it (the text labels the connection), lines on
  sequence lifelines belong to the participant above. Text nearer an arrow than any thing is
  the arrow's label.
- Everything else (titles, requirement lists, legends, sentences in boxes) is an annotation.

One bad element is skipped with a warning; the rest of the board is read.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from agent.whiteboard.board import MAX_COMPONENTS, MAX_LABEL, MAX_NOTE, Board, BoardError
from agent.whiteboard.board_annotations import looks_like_note, looks_like_table
from agent.whiteboard.importers.labels import clip, split_label
from agent.whiteboard.importers.tidy import (
    merge_numbered_copies,
    read_entry_senders,
    set_aside_figures,
    set_aside_sketches,
)
from agent.whiteboard.label_meaning import meaning_of
from agent.whiteboard.note_facts import read_facts

_SHAPES = {"rectangle": "rectangle", "ellipse": "ellipse", "diamond": "diamond", "image": "image"}
_SNAP = 45.0
"""How far (scene px) an unbound arrow end may be from an outline and still attach to it."""
_TEXT_REACH = 60.0
"""How far a loose text may sit from a thing and still be about it."""
_ARROW_GLYPHS = re.compile(r"^\s*(?:→|->|-->|=>|⟶|➜|➔|⇒|←|<-|↔|<->|⟷)\s*$")
_GENERIC_PART = re.compile(
    r"^(?:node|shard|replica|broker|instance|pod|server|member|partition|worker|primary|"
    r"secondary|master|slave|leader|follower|standby|data node|copy)\s*[-#]?\s*\w{0,3}$",
    re.I,
)
_NUMBERED = re.compile(r"^(.*\S)\s*[-#]?\s*(?:\d{1,3}|[A-Z])$")
_EMPTY_FACTS = read_facts("")
_MAX_ELEMENTS = 50_000


@dataclass
class _Thing:
    """One candidate component: a shape, an image or an icon group."""

    id: str
    shape: str
    box: tuple[float, float, float, float]
    members: set[str] = field(default_factory=set)
    bound: list[str] = field(default_factory=list)
    inside: list[tuple[float, str]] = field(default_factory=list)
    beside: list[tuple[float, str]] = field(default_factory=list)
    glyphs: list[str] = field(default_factory=list)
    copies: int = 1
    frame: str | None = None
    container: str | None = None
    """The id of the container thing this one sits in."""


def board_from_excalidraw(data: Any, *, source: str = "scene") -> Board:
    """Build a board from a parsed Excalidraw scene (the dict from the file's JSON)."""
    if not isinstance(data, dict) or not isinstance(data.get("elements"), list):
        raise BoardError(f"{source}: not an Excalidraw scene (no 'elements' list)")
    warnings: list[str] = []
    elements: dict[str, dict[str, Any]] = {}
    raw = data["elements"]
    if len(raw) > _MAX_ELEMENTS:
        warnings.append(f"{source}: more than {_MAX_ELEMENTS} elements, the rest are ignored")
        raw = raw[:_MAX_ELEMENTS]
    for index, element in enumerate(raw):
        if not isinstance(element, dict):
            warnings.append(f"{source}: elements[{index}] is not an object (skipped)")
            continue
        if element.get("isDeleted"):
            continue
        eid = element.get("id")
        if not isinstance(eid, str) or not eid:
            warnings.append(f"{source}: elements[{index}] has no id (skipped)")
            continue
        if not isinstance(element.get("type"), str):
            warnings.append(f"{source}: element {eid!r} has no type (skipped)")
            continue
        clean = _normalise(element)
        if clean is None:
            warnings.append(f"{source}: element {eid!r}: x must be a finite number (skipped)")
            continue
        elements[eid] = clean
    scene = _Scene(elements, source)
    scene.board.warnings.extend(warnings)
    return scene.build()


def _normalise(element: dict[str, Any]) -> dict[str, Any] | None:
    """A copy with every field the importer reads in the type it expects; hand-edited or
    half-written files get the harmless default instead of a crash (None: bad geometry)."""
    clean = dict(element)
    for key in ("containerId", "frameId", "startArrowhead", "endArrowhead", "strokeStyle"):
        if not isinstance(clean.get(key), str):
            clean[key] = None
    for key in ("text", "originalText", "name"):
        value = clean.get(key)
        clean[key] = value if isinstance(value, str) else ""
    groups = clean.get("groupIds")
    clean["groupIds"] = (
        [g for g in groups if isinstance(g, str)] if isinstance(groups, list) else []
    )
    for key in ("startBinding", "endBinding"):
        binding = clean.get(key)
        if not (isinstance(binding, dict) and isinstance(binding.get("elementId"), str)):
            clean[key] = None
    for key in ("x", "y", "width", "height"):
        value = clean.get(key, 0)
        if value is None:
            value = 0
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        if not math.isfinite(value):
            return None
        clean[key] = float(value)
    return clean


def _text_of(element: dict[str, Any]) -> str:
    return str(element.get("originalText") or element.get("text") or "")


class _Scene:
    def __init__(self, elements: dict[str, dict[str, Any]], source: str) -> None:
        self.elements = elements
        self.source = source
        self.board = Board()
        self.things: dict[str, _Thing] = {}
        self.owner: dict[str, str] = {}
        """Element id → the thing it is part of."""
        self.containers: dict[str, list[str]] = {}
        """Container thing id → the things inside it (a group, not a component)."""
        self.clusters: dict[str, list[str]] = {}
        self.labels: dict[str, str] = {}
        """Thing id → its label, once read."""
        self.component_of: dict[str, str] = {}
        """Thing id → the board component standing for it (copies share one)."""
        self.arrow_labels: dict[str, list[str]] = {}
        self.through_texts: set[str] = set()
        self.drawn_edges: set[tuple[str, str, bool]] = set()
        self.drawn_labels: set[tuple[str, str, bool, str]] = set()
        self.raw_lines: dict[str, list[str]] = {}
        self.text_owner: dict[str, str] = {}
        """Loose text id → the thing it names or describes (an arrow may be bound to it)."""
        """Thing id → the lines of the text that names it, as written."""

    # ---- top level ---------------------------------------------------------------------------

    def build(self) -> Board:
        self._collect_things()
        if not self.things:
            self._text_only_board()
            return self.board
        self._find_containers()
        self._assign_texts()
        self._name_things()
        self._add_groups()
        self._add_components()
        self._add_connections()
        set_aside_sketches(self.board)
        merge_numbered_copies(self.board, self._ellipsis_near)
        set_aside_figures(self.board)
        read_entry_senders(self.board)
        return self.board

    def _ellipsis_near(self, component_id: str) -> bool:
        """Whether "..." is written next to a box (more copies than drawn)."""
        comp = self.board.components[component_id]
        if comp.x is None:
            return False
        box = (comp.x, comp.y or 0.0, comp.w or 0.0, comp.h or 0.0)
        return any(
            e["type"] == "text"
            and _text_of(e).strip() in ("...", "…", "⋮")
            and _box_distance(_box(e), box) <= _TEXT_REACH
            for e in self.elements.values()
        )

    # ---- things ------------------------------------------------------------------------------

    def _collect_things(self) -> None:
        bound_shapes = {e["containerId"] for e in self.elements.values() if e["type"] == "text"} - {
            None
        }
        by_group: dict[str, list[dict[str, Any]]] = {}
        for element in self.elements.values():
            if element["type"] in ("arrow", "text", "frame", "magicframe", "freedraw"):
                continue
            groups = element["groupIds"]
            if groups and element["id"] not in bound_shapes:
                by_group.setdefault(groups[-1], []).append(element)
        icon_members: set[str] = set()
        for gid, parts in by_group.items():
            if len(parts) < 2:
                continue
            labelled = [p for p in parts if p["id"] in bound_shapes]
            if labelled:
                continue
            box = _union([_box(p) for p in parts])
            if len(parts) > 16 or box[2] > 400 or box[3] > 400:
                continue  # a whole diagram grouped together, not an icon
            shapes = [p for p in parts if p["type"] in _SHAPES]
            thing = _Thing(gid, _icon_shape(parts), box, {p["id"] for p in parts})
            thing.copies = _stacked(shapes)
            thing.frame = parts[0].get("frameId")
            self.things[gid] = thing
            icon_members.update(thing.members)
        for element in self.elements.values():
            if element["type"] not in _SHAPES or element["id"] in icon_members:
                continue
            box = _box(element)
            if box[2] < 4 or box[3] < 4:
                continue
            thing = _Thing(element["id"], _SHAPES[element["type"]], box, {element["id"]})
            thing.frame = element.get("frameId")
            self.things[element["id"]] = thing
        self._hand_drawn_cylinders(icon_members)
        self._stacked_images(bound_shapes)
        for thing in self.things.values():
            for member in thing.members:
                self.owner[member] = thing.id
        # Texts grouped with an icon belong to it.
        for text in self.elements.values():
            if text["type"] != "text" or text["containerId"]:
                continue
            for gid in text["groupIds"]:
                if gid in self.things:
                    self.owner[text["id"]] = gid
                    break

    def _stacked_images(self, labelled: set[str]) -> None:
        """Same-size images (or unlabelled shapes) drawn overlapping, each a little offset,
        without grouping them: one thing with that many copies (three server icons)."""
        singles = [
            t
            for t in self.things.values()
            if len(t.members) == 1 and t.id not in labelled and t.shape in ("image", "rectangle")
        ]
        singles.sort(key=lambda t: (t.box[1], t.box[0]))
        merged: set[str] = set()
        for i, first in enumerate(singles):
            if first.id in merged:
                continue
            x, y, w, h = first.box
            stack = [
                t
                for t in singles[i + 1 :]
                if t.id not in merged
                and t.shape == first.shape
                and abs(t.box[2] - w) <= w * 0.1
                and abs(t.box[3] - h) <= h * 0.1
                and abs(t.box[0] - x) + abs(t.box[1] - y) > 0
                and abs(t.box[0] - x) < w / 2
                and abs(t.box[1] - y) < h / 2
            ]
            if not stack:
                continue
            for other in stack:
                merged.add(other.id)
                first.members |= other.members
                first.box = _union([first.box, other.box])
                del self.things[other.id]
            first.copies = 1 + len(stack)

    def _hand_drawn_cylinders(self, taken: set[str]) -> None:
        """A flat ellipse with two vertical lines hanging from its sides, drawn without
        grouping them, is one cylinder (a database icon)."""
        lines = [
            e
            for e in self.elements.values()
            if e["type"] == "line" and e["id"] not in taken and _box(e)[2] <= 6 and _box(e)[3] >= 20
        ]
        if not lines:
            return
        for thing in list(self.things.values()):
            if thing.shape != "ellipse" or thing.box[2] < thing.box[3] * 2:
                continue
            x, y, w, h = thing.box
            sides = [
                line
                for line in lines
                if abs(_box(line)[1] - (y + h / 2)) <= max(h, 12)
                and min(abs(_box(line)[0] - x), abs(_box(line)[0] - (x + w))) <= 8
            ]
            if len(sides) < 2:
                continue
            bottom = max(_box(line)[1] + _box(line)[3] for line in sides)
            thing.box = (x, y, w, max(h, bottom - y + h / 2))
            thing.shape = "cylinder"
            thing.members.update(line["id"] for line in sides)

    def _find_containers(self) -> None:
        """A box drawn around other things is a container: a group, or one clustered
        component when what it holds are generic parts."""
        self.grid = _Grid()
        for thing in self.things.values():
            self.grid.insert(thing.id, thing.box)
        things = sorted(self.things.values(), key=lambda t: t.box[2] * t.box[3])
        order = {t.id: i for i, t in enumerate(things)}
        for outer in reversed(things):
            if outer.shape not in ("rectangle", "ellipse", "diamond"):
                continue
            inside = sorted(
                (
                    tid
                    for tid in self.grid.near(outer.box, 0)
                    if tid != outer.id
                    and tid not in self.containers
                    and _contains(outer.box, self.things[tid].box)
                ),
                key=order.__getitem__,
            )
            if not inside:
                continue
            self.containers[outer.id] = inside
            for tid in inside:
                inner = self.things[tid]
                if inner.container is None or _area(self.things[inner.container].box) > _area(
                    outer.box
                ):
                    inner.container = outer.id

    # ---- text --------------------------------------------------------------------------------

    def _assign_texts(self) -> None:
        arrows = [e for e in self.elements.values() if e["type"] in ("arrow", "line")]
        paths = _PathIndex({a["id"]: _path(a) for a in arrows})
        starts: set[str] = set()
        ends: set[str] = set()
        for arrow in arrows:
            for key, found in (("startBinding", starts), ("endBinding", ends)):
                binding = arrow.get(key)
                if binding:
                    found.add(binding["elementId"])
        # A text with an arrow in and an arrow out labels one connection through it.
        bound_to = starts & ends
        texts = [e for e in self.elements.values() if e["type"] == "text"]
        letters = self._letter_runs(texts)
        for text in texts:
            content = _text_of(text)
            if not content.strip():
                continue
            container = text["containerId"]
            if container:
                if container in self.elements and self.elements[container]["type"] in (
                    "arrow",
                    "line",
                ):
                    self.arrow_labels.setdefault(container, []).append(content)
                    continue
                owner = self.owner.get(container)
                if owner is not None:
                    self.things[owner].bound.append(content)
                    continue
            if text["id"] in letters:
                owner = self._nearest_thing(_center(_box(text)), _TEXT_REACH)
                if owner is not None and letters[text["id"]]:
                    self.things[owner].glyphs.append(letters[text["id"]])
                continue
            if text["id"] in bound_to:
                self.through_texts.add(text["id"])
                continue
            owner = self.owner.get(text["id"])
            box = _box(text)
            if owner is not None:
                self.things[owner].inside.append((box[1], content))
                self.text_owner[text["id"]] = owner
                continue
            center = _center(box)
            holder = self._innermost_holding(center)
            if holder is not None:
                thing = self.things[holder]
                if holder in self.containers:
                    # Text inside a container, near one of the things it holds, is about that
                    # thing; otherwise it is the container's own text.
                    near_distance, near = min(
                        (_box_distance(box, self.things[t].box), t) for t in self.containers[holder]
                    )
                    if near_distance > _TEXT_REACH:
                        near = None
                    if near is not None and (
                        not _name_like(content)
                        or _box_distance(box, self.things[near].box)
                        < max(box[1] - thing.box[1], 1.0)
                    ):
                        self.things[near].beside.append((0.0, content))
                        self.text_owner[text["id"]] = near
                        continue
                thing.inside.append((box[1], content))
                self.text_owner[text["id"]] = holder
                continue
            distance, owner = self._nearest_with_distance(box, exclude_containers=True)
            arrow_distance, arrow_id = paths.nearest(center, 25.0)
            if (
                owner is not None
                and distance <= _TEXT_REACH / 2
                and self.things[owner].shape in ("image", "icon")
                and not self.things[owner].bound
                and _name_like(content)
            ):
                arrow_id = None  # the name under an icon, even where an arrow leaves the icon
            if arrow_id is not None and arrow_distance < 25 and arrow_distance < distance:
                self.arrow_labels.setdefault(arrow_id, []).append(content)
                continue
            if owner is not None and distance <= _TEXT_REACH:
                self.things[owner].beside.append((distance, content))
                self.text_owner[text["id"]] = owner
                continue
            self.board.annotations.append(" ".join(content.split()))

    def _letter_runs(self, texts: list[dict[str, Any]]) -> dict[str, str]:
        """Single characters written side by side ("w","e","b") → the word they spell, keyed
        by the first letter's id (the others map to "")."""
        singles = [t for t in texts if not t["containerId"] and len(_text_of(t).strip()) == 1]
        singles.sort(key=lambda t: (round(_box(t)[1] / 10), _box(t)[0]))
        runs: dict[str, str] = {}
        current: list[dict[str, Any]] = []

        def close() -> None:
            if len(current) >= 2:
                runs[current[0]["id"]] = "".join(_text_of(t).strip() for t in current)
                for t in current[1:]:
                    runs[t["id"]] = ""
            current.clear()

        for text in singles:
            if _ARROW_GLYPHS.match(_text_of(text)):
                continue
            if current:
                last = _box(current[-1])
                box = _box(text)
                if abs(box[1] - last[1]) > 6 or box[0] - (last[0] + last[2]) > 14:
                    close()
            current.append(text)
        close()
        return runs

    def _innermost_holding(self, point: tuple[float, float]) -> str | None:
        holders = [
            self.things[tid]
            for tid in self.grid.near((point[0], point[1], 0.0, 0.0), 0)
            if _inside(point, self.things[tid].box)
        ]
        if not holders:
            return None
        return min(holders, key=lambda t: _area(t.box)).id

    def _nearest_with_distance(
        self, box: tuple[float, float, float, float], exclude_containers: bool = False
    ) -> tuple[float, str | None]:
        best, best_distance = None, math.inf
        for tid in self.grid.near(box, _TEXT_REACH):
            thing = self.things[tid]
            if exclude_containers and thing.id in self.containers:
                continue
            distance = _box_distance(box, thing.box)
            if distance < best_distance:
                best, best_distance = thing.id, distance
        return best_distance, best

    def _nearest_thing(
        self, point: tuple[float, float], reach: float, among: list[str] | None = None
    ) -> str | None:
        best, best_distance = None, reach
        box = (point[0], point[1], 0.0, 0.0)
        for tid in among if among is not None else self.grid.near(box, reach):
            thing = self.things[tid]
            distance = _outline_distance(point, thing.box)
            if distance <= best_distance:
                best, best_distance = tid, distance
        return best

    # ---- naming ------------------------------------------------------------------------------

    def _name_things(self) -> None:
        for thing in self.things.values():
            label, notes = self._label_of(thing)
            self.labels[thing.id] = label
            thing_notes = notes
            self.notes_of[thing.id] = thing_notes

    @property
    def notes_of(self) -> dict[str, list[str]]:
        if not hasattr(self, "_notes_of"):
            self._notes_of: dict[str, list[str]] = {}
        return self._notes_of

    def _label_of(self, thing: _Thing) -> tuple[str, list[str]]:
        notes: list[str] = []
        inside = [t for _, t in sorted(thing.inside)]
        beside = [t for _, t in sorted(thing.beside)]
        candidates: list[str] = []
        if thing.bound:
            first = thing.bound[0]
            if (
                _name_like(first)
                or _known(first)
                or _GENERIC_PART.match(first.strip())
                or thing.shape == "diamond"
                or looks_like_note(first)
            ):
                candidates.append(first)
            else:
                notes.extend(_lines(first))  # a sticky note: "TTL 1h" is a fact, not a name
            for extra in thing.bound[1:]:
                notes.extend(_lines(extra))
        named_inside = [t for t in inside if _name_like(t)]
        named_beside = [t for t in beside if _name_like(t)]
        if not candidates:
            known = [t for t in named_inside if _known(t)] or []
            known_beside = [t for t in named_beside if _known(t)]
            if known:
                candidates.append(known[0])
            elif known_beside:
                candidates.append(known_beside[0])
            elif named_inside:
                candidates.append(named_inside[0])
            elif named_beside:
                candidates.append(named_beside[0])
            elif thing.glyphs and len(thing.glyphs[0]) >= 3:
                candidates.append(thing.glyphs[0])  # "G","o","o","g","l","e" in a browser icon
        label = ""
        if candidates:
            label, first_notes = split_label(candidates[0])
            notes.extend(first_notes)
            self.raw_lines[thing.id] = [
                line.strip() for line in candidates[0].splitlines() if line.strip()
            ]
        for text in inside + beside:
            if candidates and text == candidates[0]:
                continue
            notes.extend(_lines(text))
        return label, notes

    # ---- groups and components -----------------------------------------------------------------

    def _add_groups(self) -> None:
        for frame in self.elements.values():
            if frame["type"] in ("frame", "magicframe"):
                self.board.add_group(
                    clip(
                        str(frame.get("name") or "Frame"), MAX_LABEL, self.board.warnings, "frame"
                    ),
                    id=frame["id"],
                )
                self.board.annotations.append(str(frame.get("name") or ""))
        for cid, inside in list(self.containers.items()):
            label = self.labels.get(cid, "")
            parts = [self.labels.get(t, "") for t in inside if self.things[t].container == cid]
            if parts and self._is_cluster(label, parts):
                self.clusters[cid] = [t for t in inside if self.things[t].container == cid]
                del self.containers[cid]
                continue
            title = label or "Group"
            self.board.add_group(clip(title, MAX_LABEL, self.board.warnings, "group"), id=cid)
            if label:
                self.board.annotations.append(" ".join([label, *self.notes_of.get(cid, [])]))

    def _is_cluster(self, label: str, parts: list[str]) -> bool:
        if not label:
            return False
        generic = [p for p in parts if not p or _GENERIC_PART.match(p.strip())]
        if len(generic) == len(parts):
            return True
        # "zk1", "zk2", "zk3" in a box titled "ZooKeeper ensemble": the members of one thing
        bases = {m.group(1).lower() if (m := _NUMBERED.match(p.strip())) else None for p in parts}
        return len(parts) >= 2 and len(bases) == 1 and None not in bases

    def _add_components(self) -> None:
        clustered = {t for parts in self.clusters.values() for t in parts}
        by_label: dict[str, str] = {}
        drawn: dict[str, list[str]] = {}
        stickies: list[_Thing] = []
        for thing in self.things.values():
            if thing.id in self.containers or thing.id in clustered:
                continue
            label = self.labels.get(thing.id, "")
            notes = self.notes_of.get(thing.id, [])
            if not label:
                if notes:
                    stickies.append(thing)
                continue
            if thing.shape == "diamond" and label.rstrip().endswith("?"):
                self.board.annotations.append(label)  # a decision in a flowchart
                continue
            whole = " ".join([label, *notes])
            if (
                looks_like_note(label)
                or (looks_like_note(whole) and not _known(label))
                or looks_like_table(label, notes)
                or _drawn_table(self.raw_lines.get(thing.id, []))
            ):
                self.board.annotations.append(" ".join([label, *notes]))
                continue
            key = _key(label)
            copies = thing.copies
            if thing.id in self.clusters:
                copies = max(copies, len(self.clusters[thing.id]))
            group = self._group_of(thing)
            if thing.id in self.clusters:
                for part in self.clusters[thing.id]:
                    notes = notes + [n for n in self.notes_of.get(part, []) if n not in notes]
            if key in by_label and _generic_name(label):
                # Three boxes each called "DB" next to three services are three databases;
                # only copies stacked together or in one column (a sequence participant drawn
                # at the top and the bottom) are one.
                cid = by_label[key]
                if not any(
                    _box_distance(thing.box, self.things[t].box) <= 40
                    or abs(_center(thing.box)[0] - _center(self.things[t].box)[0]) <= 20
                    for t in drawn[cid]
                ):
                    key = f"{key}\u0000{thing.id}"
            if key in by_label:
                cid = by_label[key]
                comp = self.board.components[cid]
                extra = [n for n in notes if n not in comp.notes]
                # Copies drawn next to each other are instances; the same box drawn again
                # elsewhere (a sequence participant at the top and bottom) is the same one.
                near = any(_box_distance(thing.box, self.things[t].box) <= 40 for t in drawn[cid])
                drawn[cid].append(thing.id)
                instances = comp.instances + copies if near else comp.instances
                self.board.components[cid] = _with(comp, instances, extra)
                self.component_of[thing.id] = cid
                continue
            x, y, w, h = thing.box
            shape = "cylinder" if thing.shape == "cylinder" else thing.shape
            comp = self.board.add_component(
                clip(label, MAX_LABEL, self.board.warnings, f"label of {thing.id!r}"),
                id=thing.id,
                shape=shape if shape in ("rectangle", "ellipse", "diamond", "cylinder") else None,
                notes=[clip(n, MAX_NOTE, self.board.warnings, "note") for n in notes],
                x=x,
                y=y,
                w=w,
                h=h,
                group=group,
                instances=copies,
            )
            if len(self.board.components) >= MAX_COMPONENTS:
                self.board.warnings.append(
                    f"{self.source}: more than {MAX_COMPONENTS} components, the rest are not read"
                )
                break
            by_label[key] = comp.id
            drawn[comp.id] = [thing.id]
            self.component_of[thing.id] = comp.id
        self._attach_stickies(stickies)
        for cid, parts in self.clusters.items():
            if cid in self.component_of:
                for part in parts:
                    self.component_of[part] = self.component_of[cid]

    def _attach_stickies(self, stickies: list[_Thing]) -> None:
        """A box holding only facts ("TTL 1h", "RF=3") is a sticky note about the nearest
        component; with none near, its text is an annotation."""
        for sticky in stickies:
            notes = self.notes_of.get(sticky.id, [])
            best, best_distance = None, _TEXT_REACH
            for tid in self.grid.near(sticky.box, _TEXT_REACH):
                cid = self.component_of.get(tid)
                if cid is None or cid not in self.board.components:
                    continue
                distance = _box_distance(sticky.box, self.things[tid].box)
                if distance <= best_distance:
                    best, best_distance = cid, distance
            if best is None:
                self.board.annotations.append(" ".join(notes))
                continue
            comp = self.board.components[best]
            extra = [clip(n, MAX_NOTE, self.board.warnings, "note") for n in notes]
            self.board.components[best] = _with(comp, comp.instances, extra)

    def _group_of(self, thing: _Thing) -> str | None:
        if thing.frame and thing.frame in self.board.groups:
            return thing.frame
        if thing.container and thing.container in self.board.groups:
            return thing.container
        return None

    # ---- connections -------------------------------------------------------------------------

    def _add_connections(self) -> None:
        arrows = [e for e in self.elements.values() if e["type"] in ("arrow", "line")]
        lifelines = self._lifelines(arrows)
        ends: dict[str, tuple[list[str], list[str]]] = {}
        through: dict[str, list[tuple[str, str]]] = {}
        for arrow in arrows:
            if arrow["id"] in lifelines or self.owner.get(arrow["id"]):
                continue
            if any(g in self.things for g in arrow["groupIds"]):  # an arrow drawn in an icon
                continue
            try:
                start, end = _endpoints(arrow)
            except BoardError:
                self.board.warnings.append(
                    f"{self.source}: arrow {arrow['id']!r} has no points (skipped)"
                )
                continue
            a = self._resolve(arrow.get("startBinding"), start, lifelines)
            b = self._resolve(arrow.get("endBinding"), end, lifelines)
            for side, binding in (("start", "startBinding"), ("end", "endBinding")):
                target = (arrow.get(binding) or {}).get("elementId")
                if target in self.through_texts:
                    through.setdefault(target, []).append((arrow["id"], side))
            ends[arrow["id"]] = (a, b)
        # An arrow into a loose text and one out of it are one connection labelled by the text.
        for text_id, touching in through.items():
            incoming = [aid for aid, side in touching if side == "end"]
            outgoing = [aid for aid, side in touching if side == "start"]
            for inc in incoming:
                for out in outgoing:
                    a = ends[inc][0]
                    b = ends[out][1]
                    label = _text_of(self.elements[text_id])
                    self._connect(self.elements[out], a, b, label)
            for aid, _ in touching:
                ends.pop(aid, None)
        for arrow_id, (a, b) in ends.items():
            label = " ".join(self.arrow_labels.get(arrow_id, []))
            self._connect(self.elements[arrow_id], a, b, label)

    def _connect(
        self, arrow: dict[str, Any], sources: list[str], targets: list[str], label: str
    ) -> None:
        if not sources or not targets:
            return
        head_start, head_end = arrow.get("startArrowhead"), arrow.get("endArrowhead")
        if arrow["type"] == "arrow" and head_start and not head_end:
            sources, targets = targets, sources
        label = clip(" ".join(label.split()), MAX_LABEL, self.board.warnings, "arrow label")
        two_way = bool(head_start and head_end)
        for a in sources:
            for b in targets:
                if a == b:
                    continue
                if (a, b, two_way) in self.drawn_edges and (
                    not label or (a, b, two_way, label) in self.drawn_labels
                ):
                    continue  # the same arrow reached twice; a second text is a second path
                self.drawn_edges.add((a, b, two_way))
                self.drawn_labels.add((a, b, two_way, label))
                taken = arrow["id"] in self.board.edges or arrow["id"] in self.board.components
                self.board.add_edge(
                    a,
                    b,
                    id=None if taken or arrow["id"] in self.board.groups else arrow["id"],
                    label=label,
                    bidirectional=two_way,
                    mode="async" if arrow.get("strokeStyle") in ("dashed", "dotted") else "sync",
                )

    def _resolve(
        self, binding: Any, point: tuple[float, float], lifelines: dict[str, str]
    ) -> list[str]:
        """The components an arrow end reaches: its bound thing, the nearest outline, or the
        participant whose lifeline it ends on. A container stands for everything inside."""
        tid = None
        if isinstance(binding, dict):
            element = binding.get("elementId")
            tid = self.owner.get(element) or self.text_owner.get(element)
            if tid is None and element in self.elements:
                text = self.elements[element]
                if text["type"] == "text" and text["containerId"]:
                    tid = self.owner.get(text["containerId"])
        if tid is None:
            tid = self._snap(point)
        if tid is None:
            for line_id, participant in lifelines.items():
                if _path_distance(point, _path(self.elements[line_id])) <= 12:
                    tid = participant
                    break
        if tid is None:
            return []
        return self._components_for(tid)

    def _components_for(self, tid: str) -> list[str]:
        if tid in self.component_of:
            return [self.component_of[tid]]
        if tid in self.containers:
            found: list[str] = []
            for inner in self.containers[tid]:
                if inner in self.component_of:
                    found.append(self.component_of[inner])
            return list(dict.fromkeys(found))
        return []

    def _snap(self, point: tuple[float, float]) -> str | None:
        """The nearest thing whose outline the point is on or near; a point inside a
        container but near one of its things belongs to the thing."""
        best, best_distance = None, _SNAP
        for tid in self.grid.near((point[0], point[1], 0.0, 0.0), _SNAP + 5):
            thing = self.things[tid]
            if not self._components_for(thing.id):
                continue
            distance = _outline_distance(point, thing.box)
            if thing.id in self.containers:
                distance += 5  # a boundary loses a tie to what it holds
            if distance <= best_distance:
                best, best_distance = thing.id, distance
        return best

    def _lifelines(self, arrows: list[dict[str, Any]]) -> dict[str, str]:
        """Dashed vertical lines hanging under a participant: sequence lifelines."""
        found: dict[str, str] = {}
        for line in arrows:
            if line.get("strokeStyle") not in ("dashed", "dotted"):
                continue
            if line["type"] == "arrow" and (line.get("endArrowhead") or line.get("startArrowhead")):
                continue
            try:
                start, end = _endpoints(line)
            except BoardError:
                continue
            if abs(start[0] - end[0]) > 10 or abs(start[1] - end[1]) < 120:
                continue
            top = start if start[1] < end[1] else end
            owner = None
            for thing in self.things.values():
                x, y, w, h = thing.box
                if x - 5 <= top[0] <= x + w + 5 and 0 <= top[1] - (y + h) <= 40:
                    owner = thing.id
                    break
            if owner is not None:
                found[line["id"]] = owner
        return found

    # ---- boards with text only -----------------------------------------------------------------

    def _text_only_board(self) -> None:
        """A board written as text with arrow glyphs ("Client → Load Balancer → API")."""
        texts = [e for e in self.elements.values() if e["type"] == "text" and not e["containerId"]]
        glyphs = [t for t in texts if _ARROW_GLYPHS.match(_text_of(t))]
        glyph_ids = {t["id"] for t in glyphs}
        words = [t for t in texts if t["id"] not in glyph_ids]
        linked: set[tuple[str, str]] = set()
        ids: dict[str, str] = {}
        named: set[str] = set()

        def node(text: dict[str, Any]) -> str | None:
            label, notes = split_label(_text_of(text))
            key = _key(label)
            if key not in ids and len(self.board.components) >= MAX_COMPONENTS:
                if not self.board.warnings or "text-only" not in self.board.warnings[-1]:
                    self.board.warnings.append(
                        f"{self.source}: more than {MAX_COMPONENTS} components on a text-only "
                        "board, the rest are not read"
                    )
                return None
            if key not in ids:
                comp = self.board.add_component(
                    clip(label, MAX_LABEL, self.board.warnings, "label"),
                    notes=[clip(n, MAX_NOTE, self.board.warnings, "note") for n in notes],
                )
                ids[key] = comp.id
            named.add(text["id"])
            return ids[key]

        rows: dict[int, list[dict[str, Any]]] = {}
        for word in words:
            rows.setdefault(int(_center(_box(word))[1] // 50), []).append(word)
        for glyph in glyphs:
            gx, gy, gw, gh = _box(glyph)
            middle = gy + gh / 2
            nearby = [w for r in (-1, 0, 1) for w in rows.get(int(middle // 50) + r, ())]
            row = [t for t in nearby if abs(_center(_box(t))[1] - middle) <= max(gh, 20) / 2]
            left = [t for t in row if _box(t)[0] + _box(t)[2] <= gx + 2]
            right = [t for t in row if _box(t)[0] >= gx + gw - 2]
            if not left or not right:
                continue
            a = max(left, key=lambda t: _box(t)[0] + _box(t)[2])
            b = min(right, key=lambda t: _box(t)[0])
            if max(gx - (_box(a)[0] + _box(a)[2]), _box(b)[0] - (gx + gw)) > 80:
                continue
            source, target = node(a), node(b)
            if source is None or target is None:
                continue
            reverse = _text_of(glyph).strip() in ("←", "<-")
            if reverse:
                source, target = target, source
            if source != target and (source, target) not in linked:
                linked.add((source, target))
                self.board.add_edge(
                    source, target, bidirectional=_text_of(glyph).strip() in ("↔", "<->", "⟷")
                )
        for text in words:
            if text["id"] not in named and _text_of(text).strip():
                self.board.annotations.append(" ".join(_text_of(text).split()))


# ---- helpers -----------------------------------------------------------------------------------


def _box(element: dict[str, Any]) -> tuple[float, float, float, float]:
    x, y = element["x"], element["y"]
    w, h = element["width"], element["height"]
    # Excalidraw allows negative sizes while dragging; normalise to a top-left box.
    return min(x, x + w), min(y, y + h), abs(w), abs(h)


def _union(boxes: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return x0, y0, x1 - x0, y1 - y0


def _area(box: tuple[float, float, float, float]) -> float:
    return box[2] * box[3]


def _center(box: tuple[float, float, float, float]) -> tuple[float, float]:
    return box[0] + box[2] / 2, box[1] + box[3] / 2


def _inside(point: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    return box[0] <= point[0] <= box[0] + box[2] and box[1] <= point[1] <= box[1] + box[3]


def _contains(outer: tuple[float, ...], inner: tuple[float, ...]) -> bool:
    ox, oy, ow, oh = outer
    ix, iy, iw, ih = inner
    return (
        ox - 2 <= ix
        and oy - 2 <= iy
        and ix + iw <= ox + ow + 2
        and iy + ih <= oy + oh + 2
        and iw * ih < 0.7 * ow * oh
    )


def _outline_distance(point: tuple[float, float], box: tuple[float, float, float, float]) -> float:
    """Distance from a point to a box's outline (inside: to the nearest side)."""
    x, y, w, h = box
    px, py = point
    if _inside(point, box):
        return min(px - x, x + w - px, py - y, y + h - py)
    dx = max(x - px, 0.0, px - (x + w))
    dy = max(y - py, 0.0, py - (y + h))
    return math.hypot(dx, dy)


def _box_distance(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    dx = max(b[0] - (a[0] + a[2]), 0.0, a[0] - (b[0] + b[2]))
    dy = max(b[1] - (a[1] + a[3]), 0.0, a[1] - (b[1] + b[3]))
    return math.hypot(dx, dy)


def _path(arrow: dict[str, Any]) -> list[tuple[float, float]]:
    points = arrow.get("points")
    if not isinstance(points, list):
        return []
    x0, y0 = arrow["x"], arrow["y"]
    path = []
    for point in points:
        try:
            path.append((x0 + float(point[0]), y0 + float(point[1])))
        except (TypeError, ValueError, IndexError):
            return []
    return path


def _endpoints(arrow: dict[str, Any]) -> tuple[tuple[float, float], tuple[float, float]]:
    path = _path(arrow)
    if len(path) < 2:
        raise BoardError(f"arrow {arrow['id']!r} has no points")
    return path[0], path[-1]


def _segment_distance(
    p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]
) -> float:
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    if length == 0:
        return math.hypot(p[0] - ax, p[1] - ay)
    t = max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length))
    return math.hypot(p[0] - (ax + t * dx), p[1] - (ay + t * dy))


def _path_distance(point: tuple[float, float], path: list[tuple[float, float]]) -> float:
    if len(path) < 2:
        return math.inf
    return min(_segment_distance(point, path[i], path[i + 1]) for i in range(len(path) - 1))


class _PathIndex:
    """Arrow paths by grid cell, for "which arrow is this text next to"."""

    def __init__(self, paths: dict[str, list[tuple[float, float]]]) -> None:
        self.paths = paths
        self.grid = _Grid()
        for aid, path in paths.items():
            for a, b in zip(path, path[1:], strict=False):
                x0, y0 = min(a[0], b[0]), min(a[1], b[1])
                self.grid.insert(aid, (x0, y0, abs(a[0] - b[0]), abs(a[1] - b[1])))

    def nearest(self, point: tuple[float, float], reach: float) -> tuple[float, str | None]:
        best, best_distance = None, math.inf
        for aid in self.grid.near((point[0], point[1], 0.0, 0.0), reach):
            distance = _path_distance(point, self.paths[aid])
            if distance < best_distance:
                best, best_distance = aid, distance
        return best_distance, best


class _Grid:
    """Boxes by grid cell, so "what is near here" looks at a few cells, not the whole board
    (a 5 MB board has thousands of shapes). Boxes spanning many cells are always checked."""

    CELL = 256.0
    MAX_CELLS = 64

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[str]] = {}
        self.big: list[str] = []

    def _span(self, box: tuple[float, ...], margin: float) -> tuple[int, int, int, int]:
        x, y, w, h = box
        return (
            math.floor((x - margin) / self.CELL),
            math.floor((y - margin) / self.CELL),
            math.floor((x + w + margin) / self.CELL),
            math.floor((y + h + margin) / self.CELL),
        )

    def insert(self, key: str, box: tuple[float, ...]) -> None:
        x0, y0, x1, y1 = self._span(box, 0.0)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > self.MAX_CELLS:
            self.big.append(key)
            return
        for cx in range(x0, x1 + 1):
            for cy in range(y0, y1 + 1):
                self.cells.setdefault((cx, cy), []).append(key)

    def near(self, box: tuple[float, ...], margin: float) -> list[str]:
        x0, y0, x1, y1 = self._span(box, margin)
        found: dict[str, None] = dict.fromkeys(self.big)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > 4 * self.MAX_CELLS:
            for keys in self.cells.values():
                found.update(dict.fromkeys(keys))
            return list(found)
        for cx in range(x0, x1 + 1):
            for cy in range(y0, y1 + 1):
                found.update(dict.fromkeys(self.cells.get((cx, cy), ())))
        return list(found)


def _icon_shape(parts: list[dict[str, Any]]) -> str:
    types = {p["type"] for p in parts}
    if "ellipse" in types and "line" in types and len(parts) <= 6:
        ellipse = next(p for p in parts if p["type"] == "ellipse")
        lines = [p for p in parts if p["type"] == "line"]
        if any(_box(line)[3] > _box(ellipse)[3] * 1.5 for line in lines):
            top = _box(ellipse)
            if all(_box(line)[1] >= top[1] for line in lines) and top[2] > top[3] * 2:
                return "cylinder"
    return "icon"


def _stacked(shapes: list[dict[str, Any]]) -> int:
    """How many same-size copies of one shape overlap like a stack (three server icons)."""
    if len(shapes) < 2:
        return 1
    first = _box(shapes[0])
    same = [
        s
        for s in shapes
        if abs(_box(s)[2] - first[2]) <= first[2] * 0.1
        and abs(_box(s)[3] - first[3]) <= first[3] * 0.1
    ]
    if len(same) < 2:
        return 1
    overlapping = all(
        abs(_box(s)[0] - first[0]) < first[2] / 2 and abs(_box(s)[1] - first[1]) < first[3] / 2
        for s in same
    )
    return len(same) if overlapping else 1


def _lines(text: str) -> list[str]:
    label, notes = split_label(text)
    return [line for line in (label, *notes) if line]


def _name_like(text: str) -> bool:
    """A text that could name a box: short, not a sentence or list, not only a fact."""
    stripped = " ".join(text.split())
    if not stripped or looks_like_note(text):
        return False
    first = split_label(text)[0]
    if read_facts(first) != _EMPTY_FACTS and meaning_of(first).term is None:
        return False
    if re.match(r"^\s*[x×]\s*\d+|^\s*[x×]\s*n\b|^\d", first, re.I):
        return False
    return len(first) <= 60


def _known(text: str) -> bool:
    return meaning_of(split_label(text)[0]).term is not None


def _key(label: str) -> str:
    return " ".join(re.findall(r"\w+", label.lower()))


def _with(comp: Any, instances: int, notes: list[str]) -> Any:
    from dataclasses import replace

    return replace(comp, instances=instances, notes=tuple(comp.notes) + tuple(notes))


def _drawn_table(lines: list[str]) -> bool:
    return len(lines) >= 3 and looks_like_table(lines[0], lines[1:])


_GENERIC_NAMES = frozenset(
    {
        "db",
        "database",
        "cache",
        "service",
        "server",
        "api",
        "worker",
        "queue",
        "app",
        "node",
        "storage",
        "store",
        "backend",
        "microservice",
        "instance",
        "replica",
        "redis",
        "postgres",
        "mysql",
        "sql",
        "nosql",
        "kv",
    }
)


def _generic_name(label: str) -> bool:
    """A label that names a kind of thing, not one thing ("DB", "Cache", "Redis")."""
    words = re.findall(r"\w+", label.lower())
    return bool(words) and all(w in _GENERIC_NAMES for w in words)
