"""Reading boards the way people draw them: text beside icons, containers, clusters, copies,
notes as evidence, annotations that are not components, Mermaid quirks, limits and warnings.
Each test builds a small board in the style it names; the corpus tests at the end score the
40 hand-made boards in tests/data/diagrams and the 12 cold probe boards in
tests/data/diagrams-probe against their expected readings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent.whiteboard import ComponentKind, analyze
from agent.whiteboard.importers import parse_board

K = ComponentKind
CORPUS = Path(__file__).parent / "data" / "diagrams"


# ---- helpers -----------------------------------------------------------------------------------


def box(eid, x, y, w=160, h=70, kind="rectangle", label=None, groups=()):
    elements = [
        {"id": eid, "type": kind, "x": x, "y": y, "width": w, "height": h, "groupIds": list(groups)}
    ]
    if label is not None:
        elements.append(
            {
                "id": f"{eid}-t",
                "type": "text",
                "x": x + 10,
                "y": y + h / 2 - 10,
                "width": w - 20,
                "height": 20,
                "text": label,
                "containerId": eid,
            }
        )
    return elements


def text(tid, x, y, content, w=120, h=20, container=None, groups=()):
    return {
        "id": tid,
        "type": "text",
        "x": x,
        "y": y,
        "width": w,
        "height": h,
        "text": content,
        "containerId": container,
        "groupIds": list(groups),
    }


def arrow(aid, start, end, start_bind=None, end_bind=None, kind="arrow", heads=(None, "arrow")):
    (x0, y0), (x1, y1) = start, end
    return {
        "id": aid,
        "type": kind,
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


def scene(*parts):
    elements = []
    for part in parts:
        elements.extend(part if isinstance(part, list) else [part])
    return parse_board(
        json.dumps({"type": "excalidraw", "elements": elements}), name="b.excalidraw"
    )


def by_label(board):
    return {c.label: c for c in board.components.values()}


def edges(board):
    names = {c.id: c.label for c in board.components.values()}
    return {(names[e.source], names[e.target]) for e in board.edges.values()}


def codes(findings, board, code):
    names = {c.id: c.label for c in board.components.values()}
    return {names[cid] for f in findings if f.code == code for cid in f.subjects}


# ---- Excalidraw: where the text is --------------------------------------------------------------


def test_icon_named_by_the_text_under_it_and_letters_joined():
    icon = [
        {
            "id": "i1",
            "type": "rectangle",
            "x": 0,
            "y": 0,
            "width": 80,
            "height": 60,
            "groupIds": ["g"],
        },
        {"id": "i2", "type": "line", "x": 10, "y": 30, "width": 60, "height": 0, "groupIds": ["g"]},
        text("w1", 10, 5, "w", w=10, groups=["g"]),
        text("w2", 22, 5, "e", w=10, groups=["g"]),
        text("w3", 34, 5, "b", w=10, groups=["g"]),
    ]
    board = scene(
        icon,
        text("n1", 0, 70, "Web App"),
        {"id": "img", "type": "image", "x": 300, "y": 0, "width": 80, "height": 80},
        text("n2", 390, 20, "Redis (counters)"),  # beside the image, to its right
        arrow("a1", (85, 30), (295, 30)),  # unbound, ends a few px from both
    )
    assert set(by_label(board)) == {"Web App", "Redis (counters)"}
    assert by_label(board)["Redis (counters)"].kind == K.CACHE
    assert edges(board) == {("Web App", "Redis (counters)")}
    assert not any(len(t) == 1 for t in board.annotations)  # "w","e","b" are no annotation


def test_name_above_the_box_wins_over_a_description_inside_it():
    board = scene(
        box("r", 0, 40, 200, 100),
        text("above", 60, 5, "Redis"),
        text("in", 20, 60, "presence keys\nTTL 30s (heartbeat)", w=160, h=40),
    )
    redis = by_label(board)["Redis"]
    assert redis.kind == K.CACHE and "TTL 30s (heartbeat)" in redis.notes
    assert CACHE_TTL_FREE(board)


def CACHE_TTL_FREE(board):
    return not any(f.code == "CACHE_NO_TTL" for f in analyze(board))


def test_fact_written_beside_a_box_is_its_note_and_rules_a_finding_out():
    board = scene(
        box("api", 0, 0, label="API"),
        box("db", 300, 0, label="Orders DB (Postgres)"),
        text("fact", 300, 80, "sync standby, Multi-AZ", w=200),
        arrow("a", (162, 35), (298, 35), "api", "db"),
    )
    assert "sync standby, Multi-AZ" in by_label(board)["Orders DB (Postgres)"].notes
    assert "Orders DB (Postgres)" not in codes(analyze(board), board, "NO_REPLICATION")


def test_arrow_label_facts_count_for_the_store():
    board = scene(
        box("api", 0, 0, label="API Server"),
        box("c", 400, 0, label="Redis Cache"),
        arrow("a", (162, 35), (398, 35), "api", "c"),
        text("l", 220, 38, "LRU, TTL 1h", w=100, container="a"),
    )
    findings = analyze(board)
    assert not any(f.code == "CACHE_NO_TTL" for f in findings)
    board = scene(
        box("api", 0, 0, label="API Server"),
        box("c", 400, 0, label="Redis Cache"),
        arrow("a", (162, 35), (398, 35), "api", "c"),
    )
    ttl = [f for f in analyze(board) if f.code == "CACHE_NO_TTL"]
    assert ttl and "looked" in ttl[0].message and "TTL" in ttl[0].message


def test_titles_requirements_and_sentences_are_annotations_not_components():
    board = scene(
        text("title", 0, -80, "TinyURL — High Level Design", w=300),
        text("req", 0, -50, "Functional:\n- POST /shorten\n- GET /{code} -> 302", w=300, h=60),
        box("s", 0, 200, 300, 60, label="every 20 min: reconcile uploads stuck in 'pending'"),
        box("api", 500, 200, label="API"),
        box("t", 800, 200, 120, 100, label="users\nid\nname\ncountry"),  # an ER table
    )
    assert set(by_label(board)) == {"API"}
    assert "TinyURL — High Level Design" in board.annotations
    assert any(a.startswith("Functional") for a in board.annotations)


# ---- Excalidraw: containers, clusters, copies ---------------------------------------------------


def test_arrow_into_a_container_reaches_everything_inside():
    board = scene(
        box("gw", 0, 0, label="API Gateway"),
        box("k8s", 0, 150, 600, 200),
        text("k8s-t", 10, 155, "Microservices (k8s)", w=200),
        box("u", 20, 200, label="User Service"),
        box("b", 300, 200, label="Booking Service"),
        arrow("a", (80, 72), (80, 148), "gw", "k8s"),
    )
    assert set(by_label(board)) == {"API Gateway", "User Service", "Booking Service"}
    assert edges(board) == {("API Gateway", "User Service"), ("API Gateway", "Booking Service")}
    assert not codes(analyze(board), board, "ORPHAN")
    assert "Microservices (k8s)" in board.annotations


def test_cluster_box_of_generic_nodes_is_one_replicated_component():
    board = scene(
        box("svc", 0, 0, label="Location Service"),
        box("cl", 300, 0, 420, 140, label=None),
        text("cl-t", 310, 5, "Location Cache (Redis Cluster)", w=250),
        box("n1", 310, 40, 120, 60, label="node 1"),
        box("n2", 450, 40, 120, 60, label="node 2"),
        box("n3", 590, 40, 120, 60, label="node 3"),
        arrow("a", (162, 35), (298, 35), "svc", "cl"),
    )
    assert set(by_label(board)) == {"Location Service", "Location Cache (Redis Cluster)"}
    cache = by_label(board)["Location Cache (Redis Cluster)"]
    assert cache.kind == K.CACHE and cache.instances == 3
    assert "Location Cache (Redis Cluster)" not in codes(analyze(board), board, "SPOF")


def test_stacked_copies_and_numbered_siblings_are_one_component_with_instances():
    stacked = [
        *box("s1", 300, 0, label="API Server"),
        *box("s2", 308, 8, label="API Server"),
        *box("s3", 316, 16, label="API Server"),
    ]
    board = scene(
        box("lb", 0, 0, label="Load Balancer"),
        stacked,
        box("f1", 0, 300, label="Fetcher 1"),
        box("f2", 0, 400, label="Fetcher 2"),
        text("dots", 60, 480, "..."),
        box("dns", 400, 350, label="DNS Resolver"),
        arrow("a", (162, 35), (298, 35), "lb", "s1"),
        arrow("b", (162, 335), (398, 380), "f1", "dns"),
        arrow("c", (162, 435), (398, 390), "f2", "dns"),
    )
    labels = by_label(board)
    assert labels["API Server"].instances == 3
    assert "Fetcher" in labels and "Fetcher 1" not in labels and labels["Fetcher"].instances >= 3
    assert edges(board) == {("Load Balancer", "API Server"), ("Fetcher", "DNS Resolver")}


def test_siblings_that_talk_to_each_other_stay_separate():
    board = parse_board(
        "graph LR\n c[Coordinator] --> a[(Node A)]\n c --> b[(Node B)]\n a <-->|gossip| b\n",
        name="kv.mmd",
    )
    assert {"Node A", "Node B"} <= set(by_label(board))


def test_text_only_board_with_arrow_glyphs():
    board = scene(
        text("t0", 0, -40, "Pastebin"),
        text("a", 0, 0, "Client", w=80),
        text("g1", 90, 0, "→", w=14),
        text("b", 120, 0, "Paste API", w=100),
        text("g2", 230, 0, "→", w=14),
        text("c", 260, 0, "Metadata DB (MySQL)", w=200),
    )
    assert edges(board) == {("Client", "Paste API"), ("Paste API", "Metadata DB (MySQL)")}
    assert "Pastebin" in board.annotations


def test_unbound_line_connectors_and_lifelines():
    board = scene(
        box("a", 0, 0, label="Order Service"),
        box("b", 400, 0, label="Orders DB"),
        arrow("l", (170, 35), (390, 35), kind="line", heads=(None, None)),
    )
    assert edges(board) == {("Order Service", "Orders DB")}


# ---- evidence, annotations, findings --------------------------------------------------------------


def test_written_facts_rule_out_findings():
    text_ = """graph LR
    c[Client] --> api[API]
    api -->|"read (LRU, TTL 3d)"| cache[(Feed Cache)]
    api --> q[["Jobs queue<br/>x-max-length 100k"]]
    q --> w[Worker]
    api --> db[(Posts DB)]
    db -.->|async replicate| rep[(Posts DB replicas)]
    prom[Prometheus] --> api
    """
    board = parse_board(text_, name="f.mmd")
    found = {f.code for f in analyze(board)}
    assert not found & {"CACHE_NO_TTL", "UNBOUNDED_QUEUE", "NO_MONITORING"}
    assert "Posts DB" not in codes(analyze(board), board, "NO_REPLICATION")


def test_explicit_single_instance_on_every_path_is_a_spof_and_copies_are_not():
    board = parse_board(
        "graph LR\n u[Browser] --> app[App Server<br/>single EC2 box]\n app --> db[(MySQL)]\n"
        " app --> c[(Memcached)]\n",
        name="s.mmd",
    )
    spof = [f for f in analyze(board) if f.code == "SPOF"]
    assert spof and "single EC2" in spof[0].message
    board = parse_board(
        "graph LR\n u[Browser] --> app[App Server x8]\n app --> db[(MySQL)]\n", name="s.mmd"
    )
    assert "App Server x8" not in codes(analyze(board), board, "SPOF")


def test_scale_written_on_the_board_asks_for_sharding_unless_a_key_is_given():
    base = 'graph LR\n c[Client] --> api[API]\n api --> db[(Orders DB)]\n n["Requirements: 10M users, 50k orders/min at peak"]\n'
    board = parse_board(base, name="s.mmd")
    assert "Orders DB" in codes(analyze(board), board, "DB_NOT_SHARDED")
    assert all(c.label != n for n in ("Requirements",) for c in board.components.values())
    board = parse_board(base.replace("Orders DB", "Orders DB<br/>shard by user_id"), name="s.mmd")
    assert not codes(analyze(board), board, "DB_NOT_SHARDED")


def test_many_findings_of_one_code_are_grouped_and_capped():
    lines = ["graph LR"] + [f" s{i}[Svc {i}] --> q{i}[[Queue {i}]]" for i in range(8)]
    lines += [
        f" lonely{i}[{name}]" for i, name in enumerate(["Billing", "Audit", "Ranker", "Search"])
    ]
    board = parse_board("\n".join(lines), name="m.mmd")
    findings = analyze(board)
    queues = [f for f in findings if f.code == "UNBOUNDED_QUEUE"]
    assert (
        len(queues) == 1 and queues[0].count == 8 and queues[0].message.startswith("8 components")
    )
    orphans = [f for f in findings if f.code == "ORPHAN"]
    assert len(orphans) == 1 and orphans[0].message.startswith("4 components are not connected")
    severities = [f.severity.value for f in findings]
    assert severities == sorted(severities, key=["high", "medium", "low"].index)


# ---- Mermaid --------------------------------------------------------------------------------------


def test_mermaid_markdown_blocks_merge_and_other_diagrams_are_skipped_with_a_warning():
    md = (
        "# Design\n\nAssumptions: 300M DAU.\n\n```mermaid\nflowchart LR\n  a[Client] --> b[API]\n```\n\n"
        "```mermaid\nsequenceDiagram\n  a->>b: hi\n```\n\n```mermaid\ngraph TD\n  b --> c[(Posts DB)]\n```\n"
    )
    board = parse_board(md, name="d.md")
    assert edges(board) == {("Client", "API"), ("API", "Posts DB")}
    assert any("sequenceDiagram" in w for w in board.warnings)
    assert any("300M DAU" in a for a in board.annotations)


@pytest.mark.parametrize(
    ("line", "pair", "two_way"),
    [
        ("a[A] --- b[B]", ("A", "B"), False),
        ("a[A] <--> b[B]", ("A", "B"), True),
        ("a[A] -.-> b[B]", ("A", "B"), False),
        ("a[A] ==> b[B]", ("A", "B"), False),
        ("a[A] --o b[B]", ("A", "B"), False),
        ("a[A] --x b[B]", ("A", "B"), False),
        ("a[A] -- text --> b[B]", ("A", "B"), False),
    ],
)
def test_mermaid_edge_forms(line, pair, two_way):
    board = parse_board(f"graph LR\n  {line}\n", name="e.mmd")
    assert edges(board) == {pair}
    assert next(iter(board.edges.values())).bidirectional is two_way


def test_mermaid_invisible_link_is_no_edge_and_quoted_multiline_labels_read():
    text_ = (
        'flowchart LR\n  app["`**Checkout UI**\n  (web + iOS)`"] ~~~ b[B]\n'
        '  c["Ticket DB\\nPostgres primary"] --> d["Read<br/>replica"]\n'
    )
    board = parse_board(text_, name="q.mmd")
    assert not any({"Checkout UI", "B"} == {x, y} for x, y in edges(board))
    assert "Checkout UI (web + iOS)" in by_label(board)
    assert by_label(board)["Ticket DB Postgres primary"].kind == K.DATABASE


def test_mermaid_link_to_a_subgraph_reaches_its_members_and_note_nodes_are_notes():
    text_ = """flowchart TD
    subgraph W["Workers"]
      e[Email Worker]
      s[SMS Worker]
    end
    q[[Queue]] --> W
    n["NOTE: retention.bytes=200GB, producers block when full"] -.- q
    """
    board = parse_board(text_, name="g.mmd")
    assert edges(board) == {("Queue", "Email Worker"), ("Queue", "SMS Worker")}
    assert (
        "NOTE: retention.bytes=200GB, producers block when full" in by_label(board)["Queue"].notes
    )
    assert not codes(analyze(board), board, "UNBOUNDED_QUEUE")


# ---- limits ---------------------------------------------------------------------------------------


def test_long_text_is_shortened_with_a_warning_not_refused():
    note = "x " * 1000
    board = scene(box("a", 0, 0, label="API"), box("n", 0, 200, 400, 300, label=note))
    assert "API" in by_label(board)
    board = parse_board(f'graph LR\n a[API] --> b["{"word " * 100}"]\n', name="l.mmd")
    assert any("shortened" in w for w in board.warnings)
    assert len(board.components) == 2


# ---- the corpus -----------------------------------------------------------------------------------


def test_dev_corpus_is_read_as_expected():
    """Regression gate over tests/data/diagrams (issue 13's targets, a little below the
    measured figures so a harmless change does not trip it)."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent))
    from bench.bench_diagrams import run, summary

    result = summary(run(CORPUS))
    assert result["boards_refused"] == 0
    assert result["components_found_pct"] >= 97
    assert result["kinds_right_pct"] >= 92
    assert result["non_components_read_pct"] <= 2
    assert result["expected_findings_fired_pct"] >= 90
    assert result["ruled_out_findings_fired"] <= 3


def test_probe_corpus_is_read_as_expected():
    """Regression gate over tests/data/diagrams-probe, 12 boards written cold by someone who
    never read this code (cold: 1 refused, components 91%, kinds 68%, edges 84%, findings 78%,
    3 ruled-out raised). Bars at what the fixes reached: 116/116 components, 115/116 kinds,
    111/111 edges, 32/32 findings, nothing ruled out."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent))
    from bench.bench_diagrams import run, summary

    result = summary(run(CORPUS.parent / "diagrams-probe"))
    assert result["boards_refused"] == 0
    assert result["components_found_pct"] >= 99
    assert result["kinds_right_pct"] >= 97
    assert result["non_components_read_pct"] == 0
    assert result["edges_found_pct"] >= 99
    assert result["expected_findings_fired_pct"] >= 99
    assert result["ruled_out_findings_fired"] == 0


def test_single_db_on_every_path_is_a_spof_even_with_response_arrows():
    # Arrows drawn as responses (API -> Client) still leave every client-to-data path
    # through the one database; a replicated one is not flagged.
    text_ = "graph LR\n api[API] --> c[Client]\n api --> db[(Orders DB)]\n w[Worker] --> db\n"
    board = parse_board(text_, name="r.mmd")
    spof = [f for f in analyze(board) if f.code == "SPOF"]
    assert [board.components[f.components[0]].label for f in spof] == ["Orders DB"]
    board = parse_board(text_.replace("Orders DB", "Orders DB<br/>primary + replica"), name="r.mmd")
    assert not [f for f in analyze(board) if f.code == "SPOF"]


def test_arrow_bound_to_the_name_beside_an_icon_reaches_the_icon():
    board = scene(
        box("api", 0, 0, label="API"),
        {"id": "img", "type": "image", "x": 400, "y": 0, "width": 60, "height": 60},
        text("name", 400, 66, "Postgres", w=80),
        arrow("a", (162, 35), (398, 70), "api", "name"),
    )
    assert edges(board) == {("API", "Postgres")}


def test_a_box_with_a_logo_inside_stays_a_component():
    board = scene(
        box("api", 0, 0, label="API"),
        box("svc", 300, 0, 200, 100, label="Order Service"),
        {"id": "logo", "type": "image", "x": 310, "y": 10, "width": 24, "height": 24},
        arrow("a", (162, 35), (298, 35), "api", "svc"),
    )
    assert edges(board) == {("API", "Order Service")}


def test_sticky_note_box_with_a_fact_is_a_note_on_the_box_beside_it():
    board = scene(
        box("api", 0, 0, label="API"),
        box("c", 300, 0, label="Session Cache"),
        box("sticky", 300, 90, 120, 40, label="TTL 15m"),
        box("d", 700, 0, 140, 90, kind="diamond", label="Cache hit?"),
        arrow("a", (162, 35), (298, 35), "api", "c"),
    )
    assert set(by_label(board)) == {"API", "Session Cache"}
    assert "TTL 15m" in by_label(board)["Session Cache"].notes
    assert not any(f.code == "CACHE_NO_TTL" for f in analyze(board))


def test_boxes_that_share_a_generic_name_far_apart_stay_separate():
    board = scene(
        box("a", 0, 0, label="Chat Service"),
        box("b", 400, 0, label="User Service"),
        box("d1", 0, 200, label="DB"),
        box("d2", 400, 200, label="DB"),
        arrow("x", (80, 72), (80, 198), "a", "d1"),
        arrow("y", (480, 72), (480, 198), "b", "d2"),
    )
    assert [c.label for c in board.components.values()].count("DB") == 2
    assert not [f for f in analyze(board) if f.code == "SPOF"]


def test_ungrouped_hand_drawn_cylinder_is_one_database_named_below():
    board = scene(
        box("api", 0, 0, label="Notification API"),
        {"id": "top", "type": "ellipse", "x": 300, "y": 0, "width": 90, "height": 22},
        {"id": "l", "type": "line", "x": 300, "y": 11, "width": 0, "height": 78},
        {"id": "r", "type": "line", "x": 390, "y": 11, "width": 0, "height": 78},
        text("name", 290, 110, "Templates"),
        arrow("a", (162, 35), (296, 40), "api"),
    )
    assert by_label(board)["Templates"].kind == K.DATABASE
    assert edges(board) == {("Notification API", "Templates")}


def test_a_whole_diagram_grouped_together_is_read_box_by_box():
    group = ["all"]
    board = scene(
        box("a", 0, 0, groups=group),
        text("an", 20, 25, "Order Service", groups=group),
        box("b", 400, 0, groups=group),
        text("bn", 420, 25, "Orders DB", groups=group),
        {**arrow("x", (162, 35), (398, 35)), "groupIds": group},
    )
    assert edges(board) == {("Order Service", "Orders DB")}
