"""Finding diagrams inside Markdown: ```mermaid blocks and Obsidian Excalidraw drawings.

An Obsidian Excalidraw note keeps its scene under a `## Drawing` heading (older plugin versions:
`# Drawing`) in a ```json block, or in a ```compressed-json block holding lz-string Base64
when the plugin's "compress" setting is on (the default in recent versions).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from agent.whiteboard.board import BoardError
from agent.whiteboard.importers.lzstring import decompress_from_base64

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*)$")
_DRAWING = re.compile(r"^#{1,6}\s*Drawing\s*$", re.I)


@dataclass(frozen=True)
class Block:
    """One fenced code block: its info string ("mermaid", "json"), body and first body line."""

    info: str
    body: str
    line: int
    after_drawing_heading: bool


def fenced_blocks(text: str, source: str) -> list[Block]:
    """Every fenced block, with 1-based line numbers of its first body line."""
    lines = text.splitlines()
    blocks, i, drawing = [], 0, False
    while i < len(lines):
        if _DRAWING.match(lines[i].strip()):
            drawing = True
        match = _FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence, info, start = match.group("fence"), match.group("info").strip().lower(), i + 1
        end = start
        while end < len(lines) and not lines[end].strip().startswith(fence):
            end += 1
        if end >= len(lines):
            raise BoardError(f"{source}:{i + 1}: code block {fence}{info} is never closed")
        blocks.append(
            Block(info.split()[0] if info else "", "\n".join(lines[start:end]), start + 1, drawing)
        )
        i = end + 1
    return blocks


def excalidraw_block(text: str, source: str) -> dict | None:
    """The Excalidraw scene in an Obsidian note, or None if the note has no drawing block."""
    blocks = fenced_blocks(text, source)
    candidates = [b for b in blocks if b.info in ("json", "compressed-json")]
    drawing = [b for b in candidates if b.after_drawing_heading] or [
        b for b in candidates if '"excalidraw"' in b.body or b.info == "compressed-json"
    ]
    if not drawing:
        return None
    block = drawing[0]
    if block.info == "compressed-json":
        body = decompress_from_base64(block.body)
        if body is None:
            raise BoardError(
                f"{source}:{block.line}: the compressed-json drawing is not valid lz-string "
                "data; in Obsidian turn off Excalidraw's 'Compress Excalidraw JSON in Markdown' "
                "setting and save the drawing again"
            )
    else:
        body = block.body
    try:
        return json.loads(body)
    except json.JSONDecodeError as error:
        line = block.line + error.lineno - 1 if block.info == "json" else block.line
        raise BoardError(f"{source}:{line}: drawing JSON is malformed: {error.msg}") from None
    except RecursionError:
        raise BoardError(f"{source}:{block.line}: drawing JSON nested too deeply") from None


def mermaid_blocks(text: str, source: str) -> list[Block]:
    """The ```mermaid blocks, in order."""
    return [b for b in fenced_blocks(text, source) if b.info == "mermaid"]


def prose(text: str) -> list[str]:
    """The paragraphs outside code blocks ("Assumptions: 300M DAU, ..."): annotations whose
    facts count as evidence. Headings and blank lines are dropped."""
    paragraphs: list[str] = []
    current: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        match = _FENCE.match(line)
        if match:
            if fence is None:
                fence = match.group("fence")
            elif line.strip().startswith(fence):
                fence = None
            continue
        if fence is not None:
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped in ("%%",):
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(stripped)
    if current:
        paragraphs.append(" ".join(current))
    return [p[:2000] for p in paragraphs]
