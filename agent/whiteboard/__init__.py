"""The whiteboard as a graph: components, edges, importers, the tablet board and analyzers.

from agent.whiteboard import Board, classify
board = Board()
cache = board.add_component("Timeline cache (Redis)")
board.apply({"type": "add_note", "id": cache.id, "text": "TTL 60s, LRU"})
"""

from agent.whiteboard.analyzers import ANALYZERS, CODES, Finding, Severity, analyze
from agent.whiteboard.classify import Classification, classify, lookup, vocabulary
from agent.whiteboard.events import EVENT_TYPES, apply_event
from agent.whiteboard.graph import BOARD_VERSION, Board, BoardError, Component, Edge, Group
from agent.whiteboard.kinds import ComponentKind, EdgeMode, Layer
from agent.whiteboard.notes import NoteFacts, read_facts
from agent.whiteboard.scoring import ComponentScore, score_components

__all__ = [
    "ANALYZERS",
    "CODES",
    "ComponentScore",
    "Finding",
    "Severity",
    "analyze",
    "score_components",
    "BOARD_VERSION",
    "EVENT_TYPES",
    "Board",
    "BoardError",
    "Classification",
    "Component",
    "ComponentKind",
    "Edge",
    "EdgeMode",
    "Group",
    "Layer",
    "NoteFacts",
    "apply_event",
    "classify",
    "lookup",
    "read_facts",
    "vocabulary",
]
