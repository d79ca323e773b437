"""Importers: a diagram file → a `Board`. `load_board(path)` picks the format.

Formats: Excalidraw (`.excalidraw`, `.excalidraw.json`), Obsidian Excalidraw notes (`.md` with
a drawing block, plain or compressed), Mermaid flowcharts (`.mmd`/`.mermaid`, or ```mermaid
blocks in `.md`: every flowchart block, merged), Mermaid sequence diagrams (participants and
messages; in `.md` only when no block is a flowchart), and Hotseat's own board JSON (`.json`).
A bad element or line is skipped and named in `board.warnings`; limits (label length, element
and component counts) shorten with a warning. Only a file that cannot be read at all raises
one `BoardError` naming the file and the line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from agent.whiteboard.board import Board, BoardError
from agent.whiteboard.importers.excalidraw import board_from_excalidraw
from agent.whiteboard.importers.markdown import excalidraw_block, mermaid_blocks, prose
from agent.whiteboard.importers.mermaid import board_from_mermaid, board_from_mermaid_blocks
from agent.whiteboard.importers.mermaid_sequence import HEADER as _SEQUENCE
from agent.whiteboard.importers.mermaid_sequence import board_from_sequences, is_sequence
from agent.whiteboard.serialize import board_from_dict

MAX_BYTES = 20_000_000
_FLOWCHART = re.compile(r"^\s*(?:graph|flowchart)\b", re.I | re.M)


def load_board(path: str | Path) -> Board:
    """Read a diagram file into a board (format from the extension, then the content)."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise BoardError(f"{path.name}: larger than {MAX_BYTES // 1_000_000} MB")
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BoardError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise BoardError(f"{path}: is a directory, not a diagram file") from None
    except UnicodeDecodeError:
        raise BoardError(f"{path.name}: not a text file (expected UTF-8)") from None
    except OSError as error:
        raise BoardError(f"{path}: cannot read ({error.strerror})") from None
    return parse_board(text, name=path.name)


def parse_board(text: str, *, name: str = "board") -> Board:
    """Parse diagram text; `name` (a file name) picks the format and prefixes errors."""
    lowered = name.lower()
    stripped = text.lstrip()
    if lowered.endswith((".md", ".markdown")):
        return _markdown(text, name)
    if lowered.endswith((".mmd", ".mermaid")):
        return _mermaid(text, name)
    if lowered.endswith((".excalidraw", ".json")) or stripped.startswith("{"):
        return _json(text, name)
    if "```" in text:
        return _markdown(text, name)
    return _mermaid(text, name)


def _mermaid(text: str, name: str) -> Board:
    if is_sequence(text):
        return board_from_sequences([(text, 1)], source=name)
    return board_from_mermaid(text, source=name)


def _json(text: str, name: str) -> Board:
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise BoardError(
            f"{name}:{error.lineno}:{error.colno}: malformed JSON: {error.msg}"
        ) from None
    except RecursionError:
        raise BoardError(f"{name}: JSON nested too deeply to be a diagram") from None
    if isinstance(data, dict) and (data.get("type") == "excalidraw" or "elements" in data):
        return board_from_excalidraw(data, source=name)
    if isinstance(data, dict) and ("components" in data or data.get("format") == "hotseat-board"):
        try:
            return board_from_dict(data)
        except BoardError as error:
            raise BoardError(f"{name}: {error}") from None
    raise BoardError(f"{name}: JSON is neither an Excalidraw scene nor a Hotseat board")


def _markdown(text: str, name: str) -> Board:
    scene = excalidraw_block(text, name)
    if scene is not None:
        return board_from_excalidraw(scene, source=name)
    blocks = mermaid_blocks(text, name)
    flowcharts = [b for b in blocks if _FLOWCHART.search(b.body)]
    sequences = [b for b in blocks if _SEQUENCE.match(b.body.strip())]
    if not flowcharts and sequences:
        # No flowchart: the sequence diagrams are the architecture (with a flowchart, their
        # messages repeat its edges and are skipped).
        board = board_from_sequences([(b.body, b.line) for b in sequences], source=name)
        board.annotations.extend(prose(text))
        return board
    if not flowcharts:
        if blocks:
            raise BoardError(
                f"{name}: the mermaid blocks hold no flowchart (only 'graph'/'flowchart' "
                "and 'sequenceDiagram' diagrams describe an architecture)"
            )
        raise BoardError(f"{name}: no ```mermaid flowchart or Excalidraw drawing block found")
    board = board_from_mermaid_blocks([(b.body, b.line) for b in flowcharts], source=name)
    for block in blocks:
        if block not in flowcharts:
            kind = (block.body.strip().split() or ["empty"])[0]
            board.warnings.append(
                f"{name}:{block.line}: mermaid {kind} block skipped (only flowcharts describe "
                "the architecture)"
            )
    board.annotations.extend(prose(text))
    return board


__all__ = [
    "board_from_excalidraw",
    "board_from_mermaid",
    "load_board",
    "parse_board",
]
