"""The whiteboard as a graph: components, edges, importers, the tablet board and analyzers.

from agent.whiteboard import Board, classify_label
board = Board()
cache = board.add_component("Timeline cache (Redis)")
board.apply({"type": "add_note", "id": cache.id, "text": "TTL 60s, LRU"})
findings = analyze(board, scenario=None)      # [BoardFinding(code="CACHE_NO_TTL", ...)]
board = load_board("design.excalidraw")       # or .md, .mmd, board JSON
"""

from agent.whiteboard.analyzers import ANALYZERS, CODES, BoardFinding, Severity, analyze
from agent.whiteboard.board import BOARD_VERSION, Board, BoardError, Component, Edge, Group
from agent.whiteboard.board_events import EVENT_TYPES, apply_event
from agent.whiteboard.component_scores import ComponentScore, score_components
from agent.whiteboard.importers import load_board, parse_board
from agent.whiteboard.kinds import ComponentKind, EdgeMode, Layer
from agent.whiteboard.label_meaning import LabelMeaning, classify_label, meaning_of, vocabulary
from agent.whiteboard.note_facts import NoteFacts, read_facts

__all__ = [
    "ANALYZERS",
    "BOARD_VERSION",
    "Board",
    "BoardError",
    "BoardFinding",
    "CODES",
    "Component",
    "ComponentKind",
    "ComponentScore",
    "EVENT_TYPES",
    "Edge",
    "EdgeMode",
    "Group",
    "LabelMeaning",
    "Layer",
    "NoteFacts",
    "Severity",
    "analyze",
    "apply_event",
    "classify_label",
    "load_board",
    "meaning_of",
    "parse_board",
    "read_facts",
    "score_components",
    "vocabulary",
]
