"""Bad input never crashes: random junk events and mangled files give a BoardError (and leave
the board untouched) or a board — never another exception."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from agent.whiteboard import EVENT_TYPES, Board, BoardError, analyze, score_components
from agent.whiteboard.importers import parse_board

BOARDS = Path(__file__).parent / "fixtures" / "boards"
JUNK = [None, 1, "c1", "e1", "", [], {}, -5.5, True, ["x"], "x" * 300, float("nan"), [1], {"a": 1}]
FIELDS = ["id", "label", "kind", "layer", "shape", "notes", "x", "y", "w", "h", "group"]
FIELDS += ["source", "target", "bidirectional", "mode", "text"]


def test_junk_events_are_rejected_atomically():
    rng = random.Random(7)
    board = Board()
    board.add_component("API", id="c1")
    board.add_component("Postgres", id="c2")
    board.add_edge("c1", "c2", id="e1")
    rejected = 0
    for _ in range(3000):
        event = {"type": rng.choice(EVENT_TYPES)}
        for name in rng.sample(FIELDS, rng.randrange(0, 6)):
            event[name] = rng.choice(JUNK)
        before = board.to_dict()
        try:
            board.apply(event)
        except BoardError:
            rejected += 1
            assert board.to_dict() == before, event
    assert rejected > 1000  # the junk really was junk
    json.dumps(board.to_dict(), allow_nan=False)  # never NaN in a snapshot
    analyze(board)
    score_components(board)


@pytest.mark.parametrize("fixture", ["rate-limiter.excalidraw", "board.json"])
def test_mangled_json_files_give_board_errors(fixture):
    rng = random.Random(11)
    original = json.loads((BOARDS / fixture).read_text())
    sections = ["elements"] if "elements" in original else ["components", "edges", "groups"]
    for _ in range(400):
        data = json.loads(json.dumps(original))
        for _ in range(rng.randrange(1, 4)):
            items = data[rng.choice(sections)]
            item = rng.choice(items)
            key = rng.choice([*item, "x"])
            if rng.random() < 0.3:
                item.pop(key, None)
            else:
                item[key] = rng.choice(JUNK)
        try:
            parse_board(json.dumps(data), name=fixture)
        except BoardError as error:
            assert fixture in str(error)


def test_mangled_mermaid_gives_board_errors():
    rng = random.Random(5)
    text = (BOARDS / "news-feed.mmd").read_text()
    chars = '[](){}<>|-.=&:;"#ox AZ\n%@'
    for _ in range(600):
        mangled = list(text)
        for _ in range(rng.randrange(1, 6)):
            at = rng.randrange(len(mangled))
            if rng.random() < 0.5:
                mangled[at] = rng.choice(chars)
            else:
                del mangled[at]
        try:
            parse_board("".join(mangled), name="feed.mmd")
        except BoardError as error:
            assert str(error).startswith("feed.mmd")
