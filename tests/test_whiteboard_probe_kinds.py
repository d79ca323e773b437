"""The kinds of misreading the cold diagrams probe (tests/data/diagrams-probe) found, each on a
small board drawn in that style: findings a written fact rules out, findings on the wrong kind
of thing, boxes and arrows lost, labels read as the wrong kind."""

from __future__ import annotations

import json

from agent.whiteboard import ComponentKind, analyze
from agent.whiteboard.importers import parse_board

K = ComponentKind


def box(eid, x, y, label, w=160, h=70, kind="rectangle"):
    return [
        {"id": eid, "type": kind, "x": x, "y": y, "width": w, "height": h},
        {
            "id": f"{eid}-t",
            "type": "text",
            "x": x + 10,
            "y": y + 10,
            "width": w - 20,
            "height": h - 20,
            "text": label,
            "containerId": eid,
        },
    ]


def text(tid, x, y, content, w=140, h=20):
    return {"id": tid, "type": "text", "x": x, "y": y, "width": w, "height": h, "text": content}


def arrow(aid, start, end, start_bind=None, end_bind=None, label=None, heads=(None, "arrow")):
    (x0, y0), (x1, y1) = start, end
    parts = [
        {
            "id": aid,
            "type": "arrow",
            "x": x0,
            "y": y0,
            "width": abs(x1 - x0),
            "height": abs(y1 - y0),
            "points": [[0, 0], [x1 - x0, y1 - y0]],
            "startBinding": {"elementId": start_bind} if start_bind else None,
            "endBinding": {"elementId": end_bind} if end_bind else None,
            "startArrowhead": heads[0],
            "endArrowhead": heads[1],
        }
    ]
    if label:
        parts.append(
            {
                "id": f"{aid}-t",
                "type": "text",
                "x": (x0 + x1) / 2 - 40,
                "y": (y0 + y1) / 2 - 10,
                "width": 80,
                "height": 20,
                "text": label,
                "containerId": aid,
            }
        )
    return parts


def scene(*parts):
    elements = []
    for part in parts:
        elements.extend(part if isinstance(part, list) else [part])
    return parse_board(
        json.dumps({"type": "excalidraw", "elements": elements}), name="b.excalidraw"
    )


def mermaid(source, name="b.mmd"):
    return parse_board(source, name=name)


def by_label(board):
    return {c.label: c for c in board.components.values()}


def fired(board, code):
    """Labels of the components each finding of `code` is about (first named)."""
    return [board.components[f.components[0]].label for f in analyze(board) if f.code == code]


# ---- A: a written fact rules the finding out ------------------------------------------------


def test_abbreviated_replica_box_and_repl_arrow_rule_out_no_replication():
    board = scene(
        box("api", 0, 0, "Orders API"),
        box("db", 300, 0, "Orders DB\n(PG primary)"),
        box("rep", 600, 0, "PG replica"),
        box("cfg", 300, 200, "Config DB (PG)"),
        arrow("a", (162, 35), (298, 35), "api", "db"),
        arrow("r", (462, 35), (598, 35), "db", "rep", label="streaming repl."),
        arrow("c", (80, 72), (380, 198), "api", "cfg"),
    )
    comps = by_label(board)
    assert comps["PG replica"].kind == K.DATABASE
    assert fired(board, "NO_REPLICATION") == ["Config DB (PG)"]


def test_a_cap_written_in_german_or_abbreviated_bounds_the_queue():
    for cap in ("max. 200k Nachrichten", "höchstens 50k", "begrenzt auf 1 GB"):
        source = f"flowchart LR\n s[Wallet-Dienst] --> q[[Ereignis-MQ<br/>{cap}]] --> w[Worker]\n"
        assert fired(mermaid(source), "UNBOUNDED_QUEUE") == [], cap
    source = "flowchart LR\n s[Wallet-Dienst] --> q[[Ereignis-MQ]] --> w[Worker]\n"
    assert fired(mermaid(source), "UNBOUNDED_QUEUE") == ["Ereignis-MQ"]


def test_redis_ex_option_is_a_ttl_but_the_word_ex_is_not():
    base = "flowchart LR\n f[Flink] --> c[(Top-K cache<br/>{note})]\n a[API] --> c\n"
    assert fired(mermaid(base.format(note="EX 120 on each window key")), "CACHE_NO_TTL") == []
    assert fired(mermaid(base.format(note="ex 3 shards")), "CACHE_NO_TTL") == ["Top-K cache"]


# ---- B: findings on things they do not fit ----------------------------------------------------


def test_no_replication_asks_only_about_sources_of_truth():
    source = (
        "flowchart LR\n api[API] --> q[[NATS fan-out]] --> w[Worker]\n"
        " api --> idx[(OpenSearch index)]\n api --> db[(Orders DB)]\n"
    )
    assert fired(mermaid(source), "NO_REPLICATION") == ["Orders DB"]


def test_a_figure_node_is_a_requirement_note_not_a_database():
    source = 'flowchart TD\n api[API] --> db[(Mail DB)]\n n1["300M mailboxes, ~40B msgs stored"]\n'
    board = mermaid(source)
    assert set(by_label(board)) == {"API", "Mail DB"}
    assert any("300M mailboxes" in a for a in board.annotations)
    # the figure still counts as the scale the database must survive
    assert fired(board, "DB_NOT_SHARDED") == ["Mail DB"]
    assert fired(board, "ORPHAN") == []


def test_spof_not_raised_on_one_services_own_store_or_on_an_index_fed_by_cdc():
    # A store behind one caller gets NO_REPLICATION's question, not a second SPOF one; a
    # database feeding a search index by CDC does not fail when the index does.
    source = (
        "flowchart LR\n c[Client] --> lb[L4 LB] --> api[Lock API]\n api --> zk[(ZooKeeper)]\n"
        " api --> tok[(Fencing token DB)]\n api --> j[(Trade journal)]\n"
        " j -->|CDC| s[(Audit search OpenSearch)]\n"
    )
    board = mermaid(source)
    spof = fired(board, "SPOF")
    assert "Fencing token DB" not in spof and "Audit search OpenSearch" not in spof
    assert "Fencing token DB" in fired(board, "NO_REPLICATION")
    # written single instance still is a SPOF, and a store everyone shares still is one
    shared = mermaid(
        "flowchart LR\n a[Orders svc] --> db[(Postgres)]\n b[Payments svc] --> db\n"
        " u[Users svc] --> db\n"
    )
    assert fired(shared, "SPOF") == ["Postgres"]


# ---- C: a sequence diagram is participants and messages ---------------------------------------

SEQUENCE = """sequenceDiagram
    autonumber
    participant B as Browser
    actor U
    participant I as Image resizer
    participant C as Resize cache (Memcached)
    participant S as S3 originals
    B->>+I: resize(123, 400)
    alt cache hit
        I->>C: get 123:400
        C-->>I: hit
    else miss
        I->>S: GetObject 123
        S-->>-I: original bytes
        I-)C: set 123:400
    end
    Note over C: {note}
    Note over B,I: the browser retries on 5xx
    I-->>B: webp
"""


def test_a_standalone_sequence_diagram_reads_participants_and_messages():
    board = mermaid(SEQUENCE.format(note="TTL 5m, LRU"))
    comps = by_label(board)
    assert set(comps) == {
        "Browser",
        "U",
        "Image resizer",
        "Resize cache (Memcached)",
        "S3 originals",
    }
    assert comps["U"].kind == K.CLIENT and comps["Resize cache (Memcached)"].kind == K.CACHE
    assert comps["Image resizer"].kind == K.SERVICE
    pairs = {
        (board.components[e.source].label, board.components[e.target].label): e
        for e in board.edges.values()
    }
    assert set(pairs) == {
        ("Browser", "Image resizer"),
        ("Image resizer", "Resize cache (Memcached)"),
        ("Resize cache (Memcached)", "Image resizer"),
        ("Image resizer", "S3 originals"),
        ("S3 originals", "Image resizer"),
        ("Image resizer", "Browser"),
    }
    # a reply is nobody's call; the same call sent twice is one edge with both texts
    assert pairs[("S3 originals", "Image resizer")].mode.value == "async"
    assert pairs[("Image resizer", "S3 originals")].mode.value == "sync"
    assert "get 123:400" in pairs[("Image resizer", "Resize cache (Memcached)")].label
    assert "TTL 5m, LRU" in comps["Resize cache (Memcached)"].notes
    assert "the browser retries on 5xx" in board.annotations
    found = {f.code for f in analyze(board)}
    assert "CACHE_NO_TTL" not in found and "BIDIRECTIONAL_SYNC" not in found
    assert "NO_MONITORING" in found
    without_ttl = mermaid(SEQUENCE.format(note="hot keys only"))
    assert fired(without_ttl, "CACHE_NO_TTL") == ["Resize cache (Memcached)"]


def test_markdown_sequence_is_read_when_no_block_is_a_flowchart():
    only_sequence = "# Upload\n\n```mermaid\n" + SEQUENCE.format(note="TTL 5m") + "```\n"
    board = parse_board(only_sequence, name="doc.md")
    assert "Image resizer" in by_label(board)
    with_flowchart = (
        "```mermaid\nflowchart LR\n api[API] --> db[(Orders DB)]\n```\n\n"
        "```mermaid\n" + SEQUENCE.format(note="TTL 5m") + "```\n"
    )
    board = parse_board(with_flowchart, name="doc.md")
    assert set(by_label(board)) == {"API", "Orders DB"}
    assert any("sequenceDiagram block skipped" in w for w in board.warnings)
