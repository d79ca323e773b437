"""Mermaid sequence diagrams (`sequenceDiagram`) → a board: participants are components and
messages are the arrows between them.

A call (`A->>B: get`) is a sync edge A → B; its reply (`B-->>A: rows`, dashed, after a call
A → B) is an edge B → A that nobody waits on (async), so a reply never makes the callee depend
on its caller; `-)` messages are async. The same arrow sent twice is one edge carrying both
texts. `Note over X: TTL 5m` is a note on X (a note over several participants is an
annotation). Blocks (`alt`/`else`/`loop`/`opt`/`par`/`critical`/`break`/`rect`/`box`),
`autonumber`, activations and links are read through; a line it cannot read is skipped with a
warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agent.whiteboard.board import MAX_COMPONENTS, MAX_LABEL, MAX_NOTE, Board, BoardError
from agent.whiteboard.importers.labels import clip, split_label

HEADER = re.compile(r"^\s*sequenceDiagram\b", re.I)
_PARTICIPANT = re.compile(
    r"^(?:create\s+)?(?P<role>participant|actor)\s+(?P<id>\"[^\"]+\"|[^\s@]+)"
    r"(?:@\{(?P<meta>[^}]*)\})?(?:\s+as\s+(?P<alias>.+))?$",
    re.I,
)
_MESSAGE = re.compile(
    r"^(?P<a>[^-<>+:]+?)\s*(?P<arrow><<-{1,2}>>|-{1,2}>>|-{1,2}>|-{1,2}x|-{1,2}\))"
    r"\s*[+-]?\s*(?P<b>[^:]+?)\s*(?::\s*(?P<text>.*))?$"
)
_NOTE = re.compile(r"^note\s+(?:over|left of|right of)\s+(?P<who>[^:]+?)\s*:\s*(?P<text>.*)$", re.I)
_SKIP = re.compile(
    r"^(?:autonumber|activate|deactivate|destroy|end|else|and|option|links?|title|accTitle|"
    r"accDescr|%%)\b",
    re.I,
)
_BLOCK = re.compile(r"^(?:alt|loop|opt|par|par_over|critical|break|rect|box)\b", re.I)
_DATABASE_TYPES = frozenset({"database", "collections", "queue"})


@dataclass
class _Reading:
    board: Board = field(default_factory=Board)
    ids: dict[str, str] = field(default_factory=dict)
    """Participant id as written → component id."""
    calls: set[tuple[str, str]] = field(default_factory=set)
    edges: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(source, target) → the message texts, in order."""
    replies: set[tuple[str, str]] = field(default_factory=set)
    asynchronous: set[tuple[str, str]] = field(default_factory=set)


def is_sequence(text: str) -> bool:
    """Whether the text (front matter and comments aside) is a sequence diagram."""
    for line in _body(text.splitlines()):
        stripped = line.strip()
        if stripped and not stripped.startswith("%%"):
            return bool(HEADER.match(stripped))
    return False


def board_from_sequences(blocks: list[tuple[str, int]], *, source: str = "diagram") -> Board:
    """Read sequence diagrams (one file's blocks describe one system) into one board."""
    reading = _Reading()
    for text, first_line in blocks:
        _read(reading, text, source, first_line)
    if not reading.board.components:
        raise BoardError(f"{source}: sequence diagram with no participants")
    board = reading.board
    for (a, b), texts in reading.edges.items():
        label = clip("; ".join(dict.fromkeys(t for t in texts if t)), MAX_LABEL, [], "label")
        nobody_waits = (a, b) in reading.asynchronous or (
            (a, b) in reading.replies and (a, b) not in reading.calls
        )
        board.add_edge(a, b, label=label, mode="async" if nobody_waits else "sync")
    return board


def _body(lines: list[str]) -> list[str]:
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and lines[start].strip() == "---":
        for end in range(start + 1, len(lines)):
            if lines[end].strip() == "---":
                return lines[end + 1 :]
    return lines[start:]


def _read(reading: _Reading, text: str, source: str, first_line: int) -> None:
    header = False
    for offset, raw in enumerate(text.splitlines()):
        line = raw.strip()
        number = first_line + offset
        if not line or line.startswith("%%") or line == "---":
            continue
        if not header:
            if HEADER.match(line):
                header = True
            continue  # front matter
        if _SKIP.match(line) or _BLOCK.match(line):
            continue
        try:
            _statement(reading, line)
        except BoardError as error:
            reading.board.warnings.append(f"{source}:{number}: {error} (line skipped)")


def _statement(reading: _Reading, line: str) -> None:
    match = _PARTICIPANT.match(line)
    if match:
        pid = match.group("id").strip('"')
        label = (match.group("alias") or pid).strip().strip('"')
        meta = (match.group("meta") or "").lower()
        shape = "actor" if match.group("role").lower() == "actor" else None
        if any(f'"{kind}"' in meta or f"'{kind}'" in meta for kind in _DATABASE_TYPES):
            shape = "database"
        _participant(reading, pid, label, shape)
        return
    match = _NOTE.match(line)
    if match:
        who = [w.strip() for w in match.group("who").split(",") if w.strip()]
        note = clip(match.group("text").strip(), MAX_NOTE, reading.board.warnings, "note")
        if len(who) == 1 and note:
            cid = _participant(reading, who[0], who[0], None)
            comp = reading.board.components[cid]
            reading.board.update_component(cid, notes=[*comp.notes, note])
        elif note:
            reading.board.annotations.append(note)
        return
    match = _MESSAGE.match(line)
    if not match:
        raise BoardError(f"cannot read {line[:60]!r}")
    a = _participant(reading, match.group("a").strip(), match.group("a").strip(), None)
    b = _participant(reading, match.group("b").strip(), match.group("b").strip(), None)
    if a == b:
        return
    arrow = match.group("arrow")
    pair = (a, b)
    reading.edges.setdefault(pair, []).append((match.group("text") or "").strip())
    if arrow.endswith(")"):
        reading.asynchronous.add(pair)
    if arrow.startswith("--") and (b, a) in reading.calls:
        reading.replies.add(pair)
    else:
        reading.calls.add(pair)


def _participant(reading: _Reading, pid: str, label: str, shape: str | None) -> str:
    board = reading.board
    if pid in reading.ids:
        cid = reading.ids[pid]
        if label != pid and board.components[cid].label == pid:
            text, notes = split_label(label)
            board.update_component(
                cid, label=text or pid, shape=shape, notes=[*board.components[cid].notes, *notes]
            )
        return cid
    if len(board.components) >= MAX_COMPONENTS:
        raise BoardError(f"more than {MAX_COMPONENTS} participants")
    text, notes = split_label(label)
    comp = board.add_component(
        clip(text or pid, MAX_LABEL, board.warnings, f"label of {pid!r}"),
        shape=shape,
        notes=[clip(n, MAX_NOTE, board.warnings, "note") for n in notes],
    )
    reading.ids[pid] = comp.id
    return comp.id
