"""Mermaid flowcharts (`graph`/`flowchart`, any direction) → a board.

Reads node shapes (`[(cylinder)]`, `{{hexagon}}`, `((circle))`, `@{ shape: cyl }`...), chains
(`A --> B --> C`), fan-out with `&`, edge labels in both syntaxes (`-- text -->`,
`-->|text|`), two-way (`<-->`), dotted (`-.->`, read as async) and thick (`==>`) links, and
subgraphs as groups. Styling and interaction lines (`classDef`, `class`, `style`, `linkStyle`,
`click`), `%%` comments, `direction` and `---` front matter are skipped. A line it cannot read
raises one BoardError with its line number.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from agent.whiteboard.board import MAX_COMPONENTS, MAX_LABEL, MAX_NOTE, Board, BoardError, Edge
from agent.whiteboard.board_annotations import looks_like_note
from agent.whiteboard.importers.labels import clip, split_label
from agent.whiteboard.importers.tidy import read_entry_senders, set_aside_figures
from agent.whiteboard.label_meaning import meaning_of

_HEADER = re.compile(r"^(?:graph|flowchart)(?:\s+(?:TB|TD|BT|RL|LR))?\s*(?:;|$)", re.I)
_SKIP = re.compile(
    r"^(?:classDef|class|style|linkStyle|click|direction|accTitle|accDescr|callback)\b", re.I
)
_ID = re.compile(r"[A-Za-z0-9_\u00C0-\uFFFF](?:[\w\u00C0-\uFFFF]|-(?=[\w\u00C0-\uFFFF]))*")
_CLASS_SUFFIX = re.compile(r":::[\w-]+")
# Shape openers, longest first, with the inner delimiters stripped from the text and the shape.
_SHAPES = [
    ("(((", ")))", "circle"),
    ("([", "])", "stadium"),
    ("[(", ")]", "cylinder"),
    ("[[", "]]", "subroutine"),
    ("((", "))", "circle"),
    ("{{", "}}", "hexagon"),
    ("[/", "/]", "parallelogram"),
    ("[\\", "\\]", "parallelogram"),
    ("[/", "\\]", "trapezoid"),
    ("[\\", "/]", "trapezoid"),
    ("[", "]", "rectangle"),
    ("(", ")", "rounded"),
    ("{", "}", "diamond"),
    (">", "]", "asymmetric"),
]
_NEW_SHAPES = {
    "cyl": "cylinder",
    "cylinder": "cylinder",
    "db": "cylinder",
    "database": "cylinder",
    "das": "cylinder",
    "h-cyl": "cylinder",
    "lin-cyl": "cylinder",
    "hex": "hexagon",
    "hexagon": "hexagon",
    "circle": "circle",
    "circ": "circle",
    "diam": "diamond",
    "diamond": "diamond",
    "rect": "rectangle",
    "rounded": "rounded",
    "stadium": "stadium",
    "cloud": "cloud",
    "doc": "document",
    "docs": "document",
}
_LINK = re.compile(
    r"(?P<l><|[ox](?=[-=.]))?"
    r"(?:(?P<dot>-\.+-)|(?P<solid>-{2,})|(?P<thick>={2,}))"
    r"(?P<r>>|[ox](?![\w]))?"
    r"|(?P<inv>~{3,})"
)
_TEXT_LINK = re.compile(
    r"(?P<l><)?(?:(?P<solid>--)|(?P<dot>-\.)|(?P<thick>==))(?![->.=])\s*"
    r"(?P<text>\"[^\"]*\"|[^|]+?)\s*"
    r"(?P<close>(?(solid)-{2,}>?|(?(dot)\.-+>?|={2,}>?)))"
)
_PIPE = re.compile(r"\s*\|(?P<text>[^|]*)\|")


@dataclass
class _Link:
    label: str
    bidirectional: bool
    directed: bool
    mode: str
    invisible: bool = False


@dataclass
class _Parse:
    board: Board = field(default_factory=Board)
    labelled: set[str] = field(default_factory=set)
    groups: list[str] = field(default_factory=list)
    """Open subgraph ids, innermost last."""
    group_lines: list[int] = field(default_factory=list)
    subgraph_ids: set[str] = field(default_factory=set)
    parents: dict[str, str] = field(default_factory=dict)
    """Subgraph id → the subgraph it is nested in."""
    full: bool = False
    """MAX_COMPONENTS reached: further nodes (and links to them) are dropped."""
    note_links: set[str] = field(default_factory=set)
    """Edge ids drawn `-.-`: a dotted line with no arrowhead, how notes are tied to a node."""
    pending_edges: list[tuple[list[str], list[str], _Link, int]] = field(default_factory=list)
    block: int = 0
    """Which of the file's blocks is being read."""
    block_of: dict[str, int] = field(default_factory=dict)
    """Node id → the block that declared it."""


def board_from_mermaid(text: str, *, source: str = "diagram", first_line: int = 1) -> Board:
    """Parse one flowchart; `first_line` offsets line numbers (for a block inside Markdown)."""
    return board_from_mermaid_blocks([(text, first_line)], source=source)


def board_from_mermaid_blocks(blocks: list[tuple[str, int]], *, source: str = "diagram") -> Board:
    """Parse flowcharts into one board (the blocks of one Markdown file describe one system:
    a node id used in two blocks is one node). A statement that cannot be read is skipped with
    a warning; only a text with no flowchart at all is an error."""
    parse = _Parse()
    any_header = False
    for index, (text, first_line) in enumerate(blocks):
        parse.block = index
        any_header |= _read_block(parse, text, source, first_line)
    if not any_header:
        raise BoardError(f"{source}: empty diagram (no 'graph' or 'flowchart' line)")
    _merge_repeated_nodes(parse)
    _add_edges(parse, source)
    _set_aside_notes(parse)
    set_aside_figures(parse.board)
    read_entry_senders(parse.board)
    return parse.board


def _read_block(parse: _Parse, text: str, source: str, first_line: int) -> bool:
    lines = text.splitlines()
    index = _skip_front_matter(lines, source, first_line)
    header_seen = False
    for number, line in _logical_lines(lines, index, first_line):
        if parse.full:
            break
        if not line or line.startswith("%%"):
            continue
        if not header_seen:
            header = _HEADER.match(line)
            if not header:
                kind = line.split()[0]
                raise BoardError(
                    f"{source}:{number}: not a flowchart ({kind!r}); Hotseat reads "
                    "'graph'/'flowchart' and 'sequenceDiagram' diagrams"
                )
            header_seen = True
            line = line[header.end() :].strip()
            if not line:
                continue
        for statement in _statements(line, parse, source, number):
            try:
                _statement(parse, statement, source, number)
            except BoardError as error:
                message = str(error)
                if not message.startswith(source):
                    message = f"{source}:{number}: {message}"
                parse.board.warnings.append(f"{message} (statement skipped)")
    while parse.groups:
        parse.board.warnings.append(
            f"{source}:{parse.group_lines[-1]}: subgraph {parse.groups[-1]!r} is never closed "
            "with 'end' (closed at the end of the block)"
        )
        parse.groups.pop()
        parse.group_lines.pop()
    return header_seen


def _logical_lines(lines: list[str], start: int, first_line: int) -> list[tuple[int, str]]:
    """(line number, text) per statement line; a quoted label spanning lines ("`**Checkout**
    (web)`") is joined into one line with its newlines kept inside the quotes."""
    joined: list[tuple[int, str]] = []
    pending: list[str] = []
    pending_number = 0
    for offset, raw in enumerate(lines[start:], start=start):
        if pending:
            pending.append(raw.strip())
            if _open_quote("\n".join(pending)) and len(pending) < 50:
                continue
            joined.append((pending_number, "\n".join(pending)))
            pending = []
            continue
        line = raw.strip()
        if _open_quote(line):
            pending, pending_number = [line], first_line + offset
            continue
        joined.append((first_line + offset, line))
    if pending:
        joined.append((pending_number, "\n".join(pending)))
    return joined


def _open_quote(text: str) -> bool:
    return not text.startswith("%%") and text.count('"') % 2 == 1


def _add_edges(parse: _Parse, source: str) -> None:
    board = parse.board
    # The same arrow drawn twice ("api --> posts" in two statements) is one edge.
    seen: set[tuple[str, str, str]] = set()
    pairs: set[tuple[str, str]] = set()
    for sources, targets, link, number in parse.pending_edges:
        for a in _expand(parse, sources):
            for b in _expand(parse, targets):
                if a == b or (a, b) in pairs and (not link.label or (a, b, link.label) in seen):
                    continue
                seen.add((a, b, link.label))
                pairs.add((a, b))
                label = clip(link.label, MAX_LABEL, board.warnings, "link label")
                try:
                    edge = board.add_edge(
                        a, b, label=label, bidirectional=link.bidirectional, mode=link.mode
                    )
                except BoardError as error:
                    board.warnings.append(f"{source}:{number}: {error} (link skipped)")
                    continue
                if link.mode == "async" and not link.directed:
                    parse.note_links.add(edge.id)


def _merge_repeated_nodes(parse: _Parse) -> None:
    """A later block drawing a box of an earlier one again under another id ("gw" in the
    write path, "gw2" in the fan-out) means the same box: same label and notes, one node."""
    board = parse.board
    first: dict[tuple[str, tuple[str, ...]], str] = {}
    same: dict[str, str] = {}
    for comp in list(board.components.values()):
        key = (" ".join(comp.label.lower().split()), comp.notes)
        earlier = first.get(key)
        if earlier is None:
            first[key] = comp.id
        elif parse.block_of.get(earlier) != parse.block_of.get(comp.id):
            same[comp.id] = earlier
            board.remove(comp.id)
    if not same:
        return
    parse.pending_edges = [
        ([same.get(a, a) for a in sources], [same.get(b, b) for b in targets], link, number)
        for sources, targets, link, number in parse.pending_edges
    ]


def _expand(parse: _Parse, ids: list[str]) -> list[str]:
    """Node ids, with a subgraph id standing for every node inside it (nested ones too)."""
    found: list[str] = []
    if len(ids) == 1 and ids[0] in parse.board.components:
        return ids
    for nid in ids:
        if nid in parse.board.components:
            found.append(nid)
        elif nid in parse.subgraph_ids:
            inside = {nid}
            changed = True
            while changed:
                changed = False
                for child, parent in parse.parents.items():
                    if parent in inside and child not in inside:
                        inside.add(child)
                        changed = True
            found.extend(c.id for c in parse.board.components.values() if c.group in inside)
    return list(dict.fromkeys(found))


def _set_aside_notes(parse: _Parse) -> None:
    """A node that reads as a note (a requirement list, "NOTE: ..."), unconnected or tied to a
    box with a dotted line and no arrowhead, is an annotation: its text becomes a note on that
    box, or a board annotation when it is tied to nothing."""
    board = parse.board
    touching: dict[str, list[Edge]] = {}
    for edge in board.edges.values():
        touching.setdefault(edge.source, []).append(edge)
        touching.setdefault(edge.target, []).append(edge)
    for comp in list(board.components.values()):
        links = touching.get(comp.id, [])
        if any(e.id not in parse.note_links for e in links):
            continue
        text = " ".join([comp.label, *comp.notes])
        if not (looks_like_note(text) or (links and not _names_a_component(comp.label))):
            continue
        board.remove(comp.id)
        if links:
            for edge in links:
                other = edge.target if edge.source == comp.id else edge.source
                if other in board.components:
                    board.add_note(other, clip(text, MAX_NOTE, board.warnings, "note"))
        else:
            board.annotations.append(text)


def _names_a_component(label: str) -> bool:
    return meaning_of(label).term is not None and not looks_like_note(label)


def _skip_front_matter(lines: list[str], source: str, first_line: int) -> int:
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and lines[start].strip() == "---":
        for end in range(start + 1, len(lines)):
            if lines[end].strip() == "---":
                return end + 1
        raise BoardError(f"{source}:{first_line + start}: front matter '---' is never closed")
    return start


def _statements(line: str, parse: _Parse, source: str, number: int) -> list[str]:
    """Split a line on `;` outside quotes and brackets."""
    parts, depth, quote, current = [], 0, False, []
    for ch in line:
        if ch == '"':
            quote = not quote
        elif not quote and ch in "([{":
            depth += 1
        elif not quote and ch in ")]}":
            depth -= 1
        if ch == ";" and depth <= 0 and not quote:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    if quote:
        parse.board.warnings.append(
            f"{source}:{number}: unclosed quote in {line.strip()[:60]!r} (statement skipped)"
        )
        return [p.strip() for p in parts if p.strip()]
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _statement(parse: _Parse, text: str, source: str, number: int) -> None:
    where = f"{source}:{number}"
    if _SKIP.match(text):
        return
    lowered = text.lower()
    if lowered == "end":
        if not parse.groups:
            raise BoardError(f"{where}: 'end' without an open subgraph")
        parse.groups.pop()
        parse.group_lines.pop()
        return
    if lowered.startswith("subgraph"):
        _subgraph(parse, text[len("subgraph") :].strip(), where, number)
        return
    _chain(parse, text, where, number)


def _subgraph(parse: _Parse, rest: str, where: str, number: int) -> None:
    if not rest:
        raise BoardError(f"{where}: subgraph needs a name")
    match = _ID.match(rest)
    if rest.startswith('"'):
        gid = title = rest.strip('"')
    elif match and rest[match.end() :].lstrip().startswith("["):
        gid = match.group(0)
        bracket = rest[match.end() :].strip()
        if not bracket.endswith("]"):
            raise BoardError(f"{where}: unclosed '[' in subgraph title")
        title = bracket[1:-1].strip().strip('"')
    else:
        gid = title = rest
    if gid in parse.board.groups:
        gid = f"{gid}_{number}"
    parse.board.add_group(
        clip(html.unescape(title), MAX_LABEL, parse.board.warnings, "title"), id=gid
    )
    if parse.groups:
        parse.parents[gid] = parse.groups[-1]
    parse.subgraph_ids.add(gid)
    parse.groups.append(gid)
    parse.group_lines.append(number)


def _chain(parse: _Parse, text: str, where: str, number: int) -> None:
    pos = 0
    previous: list[str] | None = None
    pending: _Link | None = None
    while True:
        ids, pos = _node_group(parse, text, pos, where)
        if previous is not None and pending is not None and not pending.invisible:
            parse.pending_edges.append((previous, ids, pending, number))
        pos = _skip_space(text, pos)
        if pos >= len(text):
            return
        pending, pos = _link(text, pos, where)
        previous = ids


def _node_group(parse: _Parse, text: str, pos: int, where: str) -> tuple[list[str], int]:
    ids = []
    while True:
        pos = _skip_space(text, pos)
        nid, pos = _node(parse, text, pos, where)
        ids.append(nid)
        after = _skip_space(text, pos)
        if after < len(text) and text[after] == "&":
            pos = after + 1
            continue
        return ids, pos


def _node(parse: _Parse, text: str, pos: int, where: str) -> tuple[str, int]:
    match = _ID.match(text, pos)
    if not match:
        snippet = text[pos : pos + 30]
        raise BoardError(f"{where}: expected a node id at {snippet!r} in {text!r}")
    nid = match.group(0)
    pos = match.end()
    suffix = _CLASS_SUFFIX.match(text, pos)
    if suffix:
        pos = suffix.end()
    label, shape, pos = _shape(text, pos, where)
    suffix = _CLASS_SUFFIX.match(text, pos)
    if suffix:
        pos = suffix.end()
    _declare(parse, nid, label, shape)
    return nid, pos


def _shape(text: str, pos: int, where: str) -> tuple[str | None, str | None, int]:
    if text.startswith("@{", pos):
        close = text.find("}", pos)
        if close < 0:
            raise BoardError(f"{where}: unclosed '@{{' in {text!r}")
        body = text[pos + 2 : close]
        fields = dict(
            (k.strip().lower(), v.strip().strip("\"'"))
            for k, _, v in (part.partition(":") for part in _split_fields(body))
        )
        shape = _NEW_SHAPES.get(fields.get("shape", "").lower(), fields.get("shape") or None)
        return fields.get("label"), shape, close + 1
    for opener, closer, shape in _SHAPES:
        if not text.startswith(opener, pos):
            continue
        end = _find_close(text, pos + len(opener), closer)
        if end < 0:
            continue
        inner = text[pos + len(opener) : end].strip()
        if len(inner) >= 2 and inner[0] == '"' and inner[-1] == '"':
            inner = inner[1:-1]
        return inner, shape, end + len(closer)
    if pos < len(text) and text[pos] in "([{>":
        raise BoardError(f"{where}: unclosed {text[pos]!r} in {text!r}")
    return None, None, pos


def _find_close(text: str, start: int, closer: str) -> int:
    """Index of `closer` ending the node text, skipping quoted text and nested brackets."""
    depth, quote, i = 0, False, start
    pairs = {"(": ")", "[": "]", "{": "}"}
    while i < len(text):
        ch = text[i]
        if ch == '"':
            quote = not quote
        elif not quote:
            if depth == 0 and text.startswith(closer, i):
                return i
            if ch in pairs:
                depth += 1
            elif ch in ")]}":
                depth -= 1
                if depth < 0:
                    return -1
        i += 1
    return -1


def _split_fields(body: str) -> list[str]:
    parts, quote, current = [], False, []
    for ch in body:
        if ch == '"':
            quote = not quote
        if ch == "," and not quote:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p for p in parts if ":" in p]


def _declare(parse: _Parse, nid: str, label: str | None, shape: str | None) -> None:
    board = parse.board
    if nid not in board.components and len(board.components) >= MAX_COMPONENTS:
        if not parse.full:
            parse.full = True
            board.warnings.append(
                f"more than {MAX_COMPONENTS} nodes: the rest of the diagram is not read"
            )
        return
    group = parse.groups[-1] if parse.groups else None
    text, notes = split_label(_entities(label)) if label is not None else (nid, [])
    warnings = board.warnings
    text = clip(text, MAX_LABEL, warnings, f"label of {nid!r}")
    notes = [clip(n, MAX_NOTE, warnings, f"note on {nid!r}") for n in notes]
    if nid not in board.components:
        if nid in board.groups:
            if label is None:
                return  # a reference to a subgraph, not a node
            raise BoardError(f"node id {nid!r} is also a subgraph id")
        board.add_component(text or nid, id=nid, shape=shape, notes=notes, group=group)
        parse.block_of[nid] = parse.block
        if label is not None:
            parse.labelled.add(nid)
    elif label is not None:
        board.update_component(nid, label=text or nid, shape=shape)
        if notes:
            board.update_component(nid, notes=[*board.components[nid].notes, *notes])
        parse.labelled.add(nid)


def _link(text: str, pos: int, where: str) -> tuple[_Link, int]:
    match = _TEXT_LINK.match(text, pos)
    label = ""
    if match and not match.group("text").strip().startswith(("-", ">", "=")):
        label = match.group("text").strip().strip('"')
        close = match.group("close")
        right = close.endswith(">")
    else:
        match = _LINK.match(text, pos)
        if not match:
            snippet = text[pos : pos + 30]
            raise BoardError(f"{where}: expected a link such as --> at {snippet!r} in {text!r}")
        if match.group("inv"):
            return _Link("", False, False, "sync", invisible=True), match.end()
        right = bool(match.group("r"))
    end = match.end()
    pipe = _PIPE.match(text, end)
    if pipe:
        label = pipe.group("text").strip().strip('"')
        end = pipe.end()
    left = bool(match.group("l"))
    return (
        _Link(
            _entities(label),
            left and right,
            left or right,
            "async" if match.group("dot") else "sync",
        ),
        end,
    )


def _entities(text: str | None) -> str:
    if text is None:
        return ""
    # Mermaid's own escapes (#quot; #35;) before HTML's.
    text = re.sub(
        r"#(\w+);",
        lambda m: f"&{m.group(1)};" if not m.group(1).isdigit() else chr(int(m.group(1))),
        text,
    )
    return html.unescape(text)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos
