"""Importers on fixtures in the formats people use: Excalidraw exports, Obsidian Excalidraw
notes (plain and lz-string compressed), Mermaid flowcharts (standalone and in Markdown) and
Hotseat's board JSON; plus malformed input, which must give one error line with a location."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent.whiteboard import BoardError, ComponentKind, EdgeMode, analyze
from agent.whiteboard.importers import load_board, parse_board
from agent.whiteboard.importers.lzstring import compress_to_base64, decompress_from_base64

BOARDS = Path(__file__).parent / "fixtures" / "boards"
K = ComponentKind


def edges(board):
    return {(e.source, e.target): e for e in board.edges.values()}


# ---- Excalidraw -------------------------------------------------------------------------------


def test_excalidraw_rate_limiter_scene():
    board = load_board(BOARDS / "rate-limiter.excalidraw")
    comps = board.components
    assert set(comps) == {"clients", "lb", "limiter", "api", "redis"}  # deleted box ignored
    assert comps["clients"].kind == K.CLIENT and comps["clients"].shape == "ellipse"
    assert comps["lb"].label == "Edge load balancer (ALB)"  # bound text, two lines joined
    assert comps["lb"].kind == K.LOAD_BALANCER
    assert comps["limiter"].kind == K.RATE_LIMITER
    assert comps["redis"].label == "Redis" and comps["redis"].notes == ("sliding window counters",)
    assert comps["api"].notes == ("x3",)  # free text inside the box is a note
    assert comps["limiter"].group == "frame-edge"
    assert board.groups["frame-edge"].label == "Edge node (x100)"
    assert all("Rate limiter v2" not in c.label for c in comps.values())  # free text ignored
    found = edges(board)
    assert set(found) == {
        ("clients", "lb"),
        ("lb", "limiter"),  # unbound arrow, resolved by proximity
        ("limiter", "api"),
        ("limiter", "redis"),
    }
    sync = found[("limiter", "redis")]
    assert sync.bidirectional and sync.mode == EdgeMode.ASYNC
    assert sync.label == "async sync (100 ms)"
    assert found[("limiter", "api")].label == "allowed"


def test_excalidraw_analysis_matches_the_seed_article():
    board = load_board(BOARDS / "rate-limiter.excalidraw")
    codes = {f.code for f in analyze(board)}
    assert {"BIDIRECTIONAL_SYNC", "NO_MONITORING"} <= codes


def test_excalidraw_region_rectangle_becomes_a_group():
    board = load_board(BOARDS / "surge-pricing.excalidraw")
    assert "region" not in board.components
    assert board.groups["region"].label == "us-east-1"
    assert board.components["pc"].group == "region"
    assert board.components["rider"].group is None
    assert board.components["kafka"].notes == ("retention 24h",)


def test_excalidraw_arrow_direction_and_unresolvable_arrows():
    elements = [
        *_rect("a", 0, 0, "Cache"),
        *_rect("b", 300, 0, "Postgres"),
        # Drawn from b towards a, but the only head is on the start point: flow is a -> b.
        _arrow("x", 302, 40, [[0, 0], [-100, 0]], heads=("arrow", None)),
        # Both heads: one two-way edge.
        _arrow("y", 202, 60, [[0, 0], [96, 0]], heads=("arrow", "arrow")),
        # Ends far from any box: dropped.
        _arrow("lost", 1000, 1000, [[0, 0], [50, 50]]),
        # Bound to an element that is not on the board, far from everything: dropped.
        {
            **_arrow("ghost", 5000, 5000, [[0, 0], [10, 0]]),
            "startBinding": {"elementId": "gone", "focus": 0, "gap": 1},
        },
        # Deleted arrows are ignored even when bound.
        {**_arrow("old", 202, 40, [[0, 0], [96, 0]]), "isDeleted": True},
    ]
    board = parse_board(
        json.dumps({"type": "excalidraw", "elements": elements}), name="s.excalidraw"
    )
    assert board.components["a"].label == "Cache" and board.components["b"].label == "Postgres"
    assert [(e.id, e.source, e.target, e.bidirectional) for e in board.edges.values()] == [
        ("x", "a", "b", False),
        ("y", "a", "b", True),
    ]


def test_obsidian_note_with_json_drawing():
    board = load_board(BOARDS / "surge-pricing.md")
    reference = load_board(BOARDS / "surge-pricing.excalidraw")
    assert board.to_dict() == reference.to_dict()
    codes = {f.code for f in analyze(board)}
    assert {"SHARED_STORE_MIXED_CONSISTENCY", "CACHE_NO_TTL", "UPSTREAM_STOPS"} <= codes
    assert "NO_MONITORING" not in codes  # Prometheus is on the board


def test_obsidian_note_with_compressed_drawing_made_by_real_lz_string():
    board = load_board(BOARDS / "surge-pricing-compressed.md")
    reference = load_board(BOARDS / "surge-pricing.excalidraw")
    assert board.to_dict() == reference.to_dict()


def test_lzstring_matches_the_javascript_reference():
    # Vectors produced by npm lz-string 1.5.0's compressToBase64.
    assert compress_to_base64("hello hello hello") == "BYUwNmD2AEoTcpA="
    assert decompress_from_base64("EoUwJglgzgBIhWQ0LwbgAPZgYwIZoBYiA===") == "Redis ⚡ 😀 cache"
    text = json.dumps({"elements": [{"id": i, "text": "ü" * i} for i in range(60)]})
    assert decompress_from_base64(compress_to_base64(text)) == text
    assert decompress_from_base64("not base64!") is None


def test_corrupt_compressed_drawing_says_to_turn_compression_off(tmp_path):
    note = tmp_path / "broken.md"
    note.write_text("# Excalidraw Data\n\n%%\n## Drawing\n```compressed-json\n!!!!\n```\n%%\n")
    with pytest.raises(BoardError) as error:
        load_board(note)
    assert "broken.md:6" in str(error.value)
    assert "turn off" in str(error.value) and "Compress" in str(error.value)


# ---- Mermaid ----------------------------------------------------------------------------------


def test_mermaid_news_feed_fixture():
    board = load_board(BOARDS / "news-feed.mmd")
    comps = board.components
    assert comps["posts"].shape == "cylinder" and comps["posts"].kind == K.DATABASE
    assert comps["fanout"].shape == "hexagon" and comps["fanout"].kind == K.SERVICE
    assert comps["tl"].kind == K.CACHE and comps["tl"].group == "read_path"
    assert comps["q"].kind == K.QUEUE and comps["q"].group == "write_path"
    assert comps["cdn"].kind == K.CDN and comps["cdn"].shape == "asymmetric"
    assert comps["search"].label == "Elasticsearch"  # @{ } node syntax
    assert comps["users"].shape == "circle"
    assert board.groups["write_path"].label == "Write path"
    assert board.groups["read_path"].label == "Read path"
    found = edges(board)
    assert found[("api", "posts")].label == "publish post"  # -- text --> syntax
    assert found[("users", "lb")].label == "HTTPS"  # -->|text| syntax
    assert found[("api", "q")].mode == EdgeMode.ASYNC  # dotted with text
    assert found[("fanout", "tl")].label == "push to followers"  # thick with |text|
    assert ("api", "tl") in found and ("api", "posts") in found  # & fan-out
    assert len([e for e in board.edges.values() if (e.source, e.target) == ("api", "posts")]) == 1


@pytest.mark.parametrize("direction", ["TD", "TB", "BT", "LR", "RL", ""])
def test_mermaid_any_direction_and_graph_keyword(direction):
    for keyword in ("graph", "flowchart"):
        board = parse_board(f"{keyword} {direction}\n  A[API] --> B[(Orders DB)]\n", name="x.mmd")
        assert [(e.source, e.target) for e in board.edges.values()] == [("A", "B")]


def test_mermaid_link_flavours():
    text = """flowchart LR
    a[Local counter] <--> r[(Redis)]
    a -. sync .-> s[Sync job]
    s ==> d[(DB)]
    d --- e[Archive]
    e --o f[Other]
    f --x g[Sink]
    p[Primary] <-- replicate --> q[Replica]
    h[Hidden] ~~~ i[Invisible]
    j[One] -->|"quoted, label"| k[Two]
    l[Chain] --> m[Of] --> n[Three]
    a1 & a2 --> b1 & b2
    """
    board = parse_board(text, name="flavours.mmd")
    found = edges(board)
    assert found[("a", "r")].bidirectional
    assert found[("a", "s")].mode == EdgeMode.ASYNC and found[("a", "s")].label == "sync"
    assert ("s", "d") in found and ("d", "e") in found and ("e", "f") in found
    assert ("f", "g") in found
    assert found[("p", "q")].bidirectional and found[("p", "q")].label == "replicate"
    assert ("h", "i") not in found  # invisible links are layout, not architecture
    assert found[("j", "k")].label == "quoted, label"
    assert ("l", "m") in found and ("m", "n") in found
    assert {("a1", "b1"), ("a1", "b2"), ("a2", "b1"), ("a2", "b2")} <= set(found)


def test_mermaid_shapes_labels_and_ignored_lines():
    text = """%%{init: {"theme": "dark"}}%%
graph TD
    classDef db fill:#eee;
    A([Stadium]) --> B[[Subroutine]]
    B --> C[(Cylinder store)]
    C --> D((Circle))
    D --> E{Decision}
    E --> F{{Hexagon}}
    F --> G[/Parallelogram/]
    G --> H>Flag]
    H --> I("Rounded (with parens)")
    I --> J["Quoted #quot;label#quot; <br> TTL 5 min"]:::db
    class A,B db
    style C fill:#f9f
    linkStyle default stroke:#333
    click J callback "Tooltip"
    """
    board = parse_board(text, name="shapes.mmd")
    shapes = {cid: c.shape for cid, c in board.components.items()}
    assert shapes == {
        "A": "stadium",
        "B": "subroutine",
        "C": "cylinder",
        "D": "circle",
        "E": "diamond",
        "F": "hexagon",
        "G": "parallelogram",
        "H": "asymmetric",
        "I": "rounded",
        "J": "rectangle",
    }
    assert board.components["C"].kind == K.DATABASE  # a cylinder is a store
    assert board.components["I"].label == "Rounded (with parens)"
    assert board.components["J"].label == 'Quoted "label"'
    assert board.components["J"].notes == ("TTL 5 min",)
    assert len(board.edges) == 9


def test_markdown_skips_other_mermaid_diagrams_and_keeps_line_numbers():
    board = load_board(BOARDS / "design-notes.md")
    comps = board.components
    assert comps["q"].kind == K.QUEUE and comps["q"].notes == ("SQS, max 14 days retention",)
    assert comps["tokens"].kind == K.DATABASE
    assert edges(board)[("api", "tokens")].bidirectional
    assert "NO_MONITORING" not in {f.code for f in analyze(board)}


def test_hotseat_board_json():
    board = load_board(BOARDS / "board.json")
    assert board.title == "URL shortener"
    assert board.components["c4"].kind == K.DATABASE
    assert board.revision == 9
    assert analyze(board) == []


# ---- malformed input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "bad.mmd",
            "erDiagram\n  USER ||--o{ ORDER : places\n",
            "bad.mmd:1: not a flowchart ('erDiagram')",
        ),
        ("bad.mmd", "---\ntitle: x\ngraph TD\n", "bad.mmd:1: front matter '---' is never closed"),
        ("bad.mmd", "", "bad.mmd: empty diagram"),
        (
            "bad.excalidraw",
            '{"type": "excalidraw",\n "elements": [}',
            "bad.excalidraw:2:15: malformed JSON",
        ),
        ("bad.excalidraw", "[" * 50_000 + "]" * 50_000, "nested too deeply"),
        ("bad.json", '{"hello": 1}', "neither an Excalidraw scene nor a Hotseat board"),
        (
            "bad.json",
            '{"version": 1, "components": [{"id": "a", "label": "A", "kind": "robot"}]}',
            r"components\[0\]: unknown component kind 'robot'",
        ),
        (
            "notes.md",
            "# Notes\n\nNothing drawn here.\n",
            "no ```mermaid flowchart or Excalidraw drawing",
        ),
        ("notes.md", '```mermaid\npie\n  "a": 1\n```\n', "hold no flowchart"),
        (
            "notes.md",
            '## Drawing\n```json\n{"type": "excalidraw",\n oops}\n```\n',
            "notes.md:4: drawing JSON is malformed",
        ),
        ("notes.md", "```mermaid\ngraph TD\n", "notes.md:1: code block ```mermaid is never closed"),
    ],
)
def test_unreadable_file_gives_one_error_with_a_location(name, text, message):
    with pytest.raises(BoardError) as error:
        parse_board(text, name=name)
    assert message in str(error.value) or _matches(message, str(error.value))
    assert "\n" not in str(error.value)


LABEL_B = (
    ' {"id": "t", "type": "text", "x": 5, "y": 5, "width": 60, "height": 20,'
    ' "containerId": "b", "text": "API"}'
)


@pytest.mark.parametrize(
    ("name", "text", "message", "kept"),
    [
        ("bad.mmd", "flowchart LR\n  A[API] --> B[(DB\n  A --> C\n", "bad.mmd:2: unclosed '['", 2),
        ("bad.mmd", "graph TD\n  A --> B\n  subgraph S\n  C\n", "bad.mmd:3: subgraph 'S'", 3),
        ("bad.mmd", "graph TD\n  A --> B\n  end\n", "bad.mmd:3: 'end' without an open", 2),
        ("bad.mmd", "graph TD\n  A --> \n  B --> C\n", "bad.mmd:2: expected a node id", 3),
        ("bad.mmd", "graph TD\n  A ?? B\n  C --> D\n", "bad.mmd:2: expected a link", 3),
        ("bad.mmd", 'graph TD\n  A["oops] --> B\n', "unclosed quote", 0),
        ("bad.mmd", "graph TD\n  A --> B\n  C[" + "x" * 300 + "]\n", "longer than 200", 3),
        (
            "notes.md",
            "```mermaid\ngraph TD\n  A --> B[\n  C --> D\n```\n",
            "notes.md:3: unclosed",
            3,
        ),
        (
            "bad.excalidraw",
            '{"type": "excalidraw", "elements": [{"type": "rectangle"}, '
            '{"id": "b", "type": "rectangle", "x": 0, "y": 0, "width": 90, "height": 40},'
            + LABEL_B
            + "]}",
            "elements[0] has no id",
            1,
        ),
        (
            "bad.excalidraw",
            '{"type": "excalidraw", "elements": [{"id": "a", "type": "arrow", "points": [[0,0]]},'
            '{"id": "b", "type": "rectangle", "x": 0, "y": 0, "width": 90, "height": 40},'
            + LABEL_B
            + "]}",
            "arrow 'a' has no points",
            1,
        ),
        (
            "bad.excalidraw",
            '{"elements": [{"id": "box1", "type": "rectangle", "x": NaN, "y": 0},'
            '{"id": "b", "type": "rectangle", "x": 0, "y": 0, "width": 90, "height": 40},'
            + LABEL_B
            + "]}",
            "element 'box1'",
            1,
        ),
    ],
)
def test_a_bad_element_is_skipped_with_a_warning(name, text, message, kept):
    board = parse_board(text, name=name)
    assert any(message in w for w in board.warnings), board.warnings
    assert all("\n" not in w for w in board.warnings)
    assert len(board.components) == kept


def test_load_board_file_errors(tmp_path):
    with pytest.raises(BoardError, match="no such file"):
        load_board(tmp_path / "missing.mmd")
    binary = tmp_path / "scene.excalidraw"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(BoardError, match="not a text file"):
        load_board(binary)
    with pytest.raises(BoardError, match="is a directory"):
        load_board(tmp_path)


# ---- helpers ----------------------------------------------------------------------------------


def _matches(pattern: str, text: str) -> bool:
    import re

    return re.search(pattern, text) is not None


def _rect(eid: str, x: float, y: float, label: str) -> list[dict]:
    box = {
        "id": eid,
        "type": "rectangle",
        "x": x,
        "y": y,
        "width": 200,
        "height": 80,
        "isDeleted": False,
        "boundElements": [{"type": "text", "id": f"{eid}-t"}],
        "groupIds": [],
        "frameId": None,
    }
    text = {
        "id": f"{eid}-t",
        "type": "text",
        "x": x + 10,
        "y": y + 30,
        "width": 100,
        "height": 25,
        "text": label,
        "originalText": label,
        "containerId": eid,
        "isDeleted": False,
    }
    return [box, text]


def _arrow(eid: str, x: float, y: float, points: list, heads=(None, "arrow")) -> dict:
    return {
        "id": eid,
        "type": "arrow",
        "x": x,
        "y": y,
        "width": 100,
        "height": 0,
        "points": points,
        "startBinding": None,
        "endBinding": None,
        "startArrowhead": heads[0],
        "endArrowhead": heads[1],
        "isDeleted": False,
        "strokeStyle": "solid",
    }
