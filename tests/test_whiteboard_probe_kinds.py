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


# ---- D/F/G: boxes and arrows that were lost ---------------------------------------------------


def pairs_of(board):
    return {
        (board.components[e.source].label, board.components[e.target].label)
        for e in board.edges.values()
    }


def test_hyphenated_abbreviation_is_a_name_not_a_list_lead():
    board = scene(
        box("u", 0, 0, "Nutzer (App)", kind="ellipse"),
        box("gw", 300, 0, "API-GW"),
        box("svc", 600, 0, "Wallet-Dienst"),
        arrow("a", (162, 35), (298, 35), "u", "gw"),
        arrow("b", (462, 35), (598, 35), "gw", "svc"),
        text("t", 0, 300, "API - POST /pay, GET /balance", w=300),
    )
    assert by_label(board)["API-GW"].kind == K.API_GATEWAY
    assert pairs_of(board) == {("Nutzer (App)", "API-GW"), ("API-GW", "Wallet-Dienst")}
    assert fired(board, "ORPHAN") == []


def test_name_under_an_icon_wins_over_the_arrow_leaving_it_and_stacked_icons_are_copies():
    def image(eid, x, y):
        return {"id": eid, "type": "image", "x": x, "y": y, "width": 64, "height": 64}

    board = scene(
        image("ph", 40, 180),
        text("ph-name", 30, 250, "Participants", w=110),
        image("s1", 320, 280),
        image("s2", 310, 270),
        image("s3", 300, 260),
        text("s-name", 300, 350, "SFU (mediasoup)", w=136),
        box("turn", 40, 420, "TURN / STUN"),
        # an arrow from the phone's bottom edge runs right through its name
        arrow("a1", (80, 250), (116, 414), "ph", "turn"),
        arrow("a2", (110, 224), (295, 281), "ph", "s3", label="RTP"),
    )
    comps = by_label(board)
    assert comps["Participants"].kind == K.CLIENT
    assert comps["SFU (mediasoup)"].instances == 3
    assert pairs_of(board) == {
        ("Participants", "TURN / STUN"),
        ("Participants", "SFU (mediasoup)"),
    }


def test_numbered_members_in_a_titled_box_are_one_cluster_an_arrow_into_it_reaches():
    board = scene(
        box("api", 0, 100, "Lock API"),
        {"id": "ens", "type": "rectangle", "x": 300, "y": 0, "width": 330, "height": 200},
        text("title", 312, 8, "ZooKeeper ensemble", w=163),
        box("z1", 312, 70, "zk1", w=95, h=60),
        box("z2", 417, 70, "zk2", w=95, h=60),
        box("z3", 522, 70, "zk3", w=95, h=60),
        arrow("a", (162, 135), (298, 135), "api", "ens", label="ephemeral znodes"),
    )
    comps = by_label(board)
    assert set(comps) == {"Lock API", "ZooKeeper ensemble"}
    assert comps["ZooKeeper ensemble"].instances == 3
    assert comps["ZooKeeper ensemble"].kind == K.DATABASE
    assert pairs_of(board) == {("Lock API", "ZooKeeper ensemble")}
    assert "ZooKeeper ensemble" not in fired(board, "NO_REPLICATION")


def test_a_read_and_a_write_arrow_between_one_pair_are_two_paths():
    board = scene(
        box("svc", 0, 0, "Wallet-Dienst"),
        box("db", 400, 0, "Kontostand-DB"),
        arrow("w", (162, 20), (398, 20), "svc", "db", label="schreiben (stark konsistent)"),
        arrow("r", (162, 50), (398, 50), "svc", "db", label="lesen (eventual, veraltet ok)"),
    )
    assert len(board.edges) == 2
    assert fired(board, "SHARED_STORE_MIXED_CONSISTENCY") == ["Kontostand-DB"]


def test_a_box_repeated_in_a_second_mermaid_block_under_another_id_is_one_box():
    source = (
        "```mermaid\nflowchart LR\n d((Phones)) --> gw[WS GW<br/>x20] --> ps[Presence svc]\n"
        "```\n\n```mermaid\nflowchart TD\n f[Fan-out svc] -->|push| gw2[WS GW<br/>x20]\n"
        " f --> db[(Friends DB)]\n```\n"
    )
    board = parse_board(source, name="p.md")
    assert [c.label for c in board.components.values()].count("WS GW") == 1
    assert ("Fan-out svc", "WS GW") in pairs_of(board)
    # within one block two boxes may share a name (two "DB" boxes are two databases)
    one = mermaid("flowchart LR\n a[Svc A] --> d1[(DB)]\n b[Svc B] --> d2[(DB)]\n")
    assert [c.label for c in one.components.values()].count("DB") == 2


# ---- E: what a label means ---------------------------------------------------------------------


def test_service_words_in_german_and_abbreviations_read_as_their_kinds():
    from agent.whiteboard.label_meaning import classify_label

    expected = {
        "Wallet-Dienst": K.SERVICE,
        "Benachrichtigungen": K.SERVICE,
        "Betrugs- erkennung": K.SERVICE,
        "Routing svc": K.SERVICE,
        "SFU (mediasoup)": K.SERVICE,
        "TURN / STUN": K.SERVICE,
        "Inbound MTA": K.SERVICE,
        "Market data publisher": K.SERVICE,
        "Trade journal (PG)": K.DATABASE,
        "Snapshots (PG)": K.DATABASE,
        "CH (raw plays)": K.DATABASE,
        "etcd cluster": K.DATABASE,
        "Journal standby": K.DATABASE,
        "Phones": K.CLIENT,
        "Flink traffic speeds": K.STREAM_PROCESSOR,
        "Kontostand-Datenbank": K.DATABASE,
    }
    assert {label: classify_label(label)[0] for label in expected} == expected


def test_a_name_wrapped_over_two_lines_is_one_name_and_a_description_stays_a_note():
    board = mermaid(
        "flowchart LR\n a[3rd-party<br/>apps] --> g[Kong config<br/>DB (PG)]\n"
        " g --> r[Redis<br/>sliding window counters]\n g --> i[Indexer<br/>MapReduce, nightly]\n"
        " g --> n[[NATS<br/>op fan-out]]\n"
    )
    comps = by_label(board)
    assert comps["3rd-party apps"].kind == K.CLIENT
    assert comps["Kong config DB (PG)"].kind == K.DATABASE
    assert comps["Redis"].notes == ("sliding window counters",)
    assert comps["Indexer"].notes == ("MapReduce, nightly",)
    assert comps["NATS"].kind == K.QUEUE


def test_a_technology_in_the_note_says_what_the_store_is():
    board = mermaid("flowchart LR\n s[Presence svc] --> kv[(Presence KV<br/>Redis Cluster)]\n")
    kv = by_label(board)["Presence KV"]
    assert kv.kind == K.CACHE and "Redis Cluster" in kv.notes
    assert fired(board, "CACHE_NO_TTL") == ["Presence KV"]


def test_boxes_that_only_send_into_the_front_door_are_clients():
    board = mermaid(
        "flowchart LR\n b[Brokers (FIX)] --> gw[Order GW] --> m[Matching engine]\n"
        " m --> q[[Order events broker]] --> w[Worker]\n"
    )
    comps = by_label(board)
    assert comps["Brokers (FIX)"].kind == K.CLIENT
    assert comps["Order events broker"].kind == K.QUEUE
    assert "Brokers (FIX)" not in fired(board, "UNBOUNDED_QUEUE")
    board = mermaid(
        "flowchart LR\n j[Job schedulers] --> lb[L4 LB] --> api[Lock API] --> db[(Tokens DB)]\n"
        " cron[Cleanup worker] --> api\n"
    )
    comps = by_label(board)
    assert comps["Job schedulers"].kind == K.CLIENT
    assert comps["Cleanup worker"].kind == K.SERVICE  # it calls a service, not the front door


def test_a_stream_processing_framework_is_a_cluster_not_a_single_instance():
    source = (
        "flowchart LR\n p[Players] --> i[Play ingest] --> q[[Pulsar plays]] --> f[{name}]\n"
        " f --> c[(Top-K cache<br/>TTL 2m)]\n f --> ch[(ClickHouse<br/>3 shards, RF=2)]\n"
        " w[Web app] --> api[Trending API] --> c\n"
    )
    assert "Flink count-min" not in fired(mermaid(source.format(name="Flink count-min")), "SPOF")
    # the same box named as a single process is still asked about
    single = mermaid(source.format(name="Count-min aggregator<br/>single instance"))
    assert "Count-min aggregator" in fired(single, "SPOF")


def test_figures_are_a_note_only_when_nothing_connects_to_them():
    board = scene(
        box("u", 0, 0, "100M users", kind="ellipse"),
        box("api", 300, 0, "API"),
        box("n", 0, 300, "300M mailboxes, ~40B msgs stored", w=300),
        arrow("a", (162, 35), (298, 35), "u", "api"),
    )
    comps = by_label(board)
    assert comps["100M users"].kind == K.CLIENT
    assert "300M mailboxes, ~40B msgs stored" not in comps
    assert any("300M mailboxes" in a for a in board.annotations)


def test_new_words_do_not_take_over_longer_names():
    from agent.whiteboard.label_meaning import classify_label

    expected = {
        "API replicas": K.SERVICE,
        "Nachrichten-Dienst": K.SERVICE,
        "Journal service": K.SERVICE,
        "Phone verification service": K.SERVICE,
        "Kunden-DB": K.DATABASE,
        "Cache svc": K.SERVICE,
    }
    assert {label: classify_label(label)[0] for label in expected} == expected


def test_the_head_of_a_name_comes_before_a_prepositional_phrase():
    from agent.whiteboard.label_meaning import classify_label

    expected = {
        "SDKs in services": K.CLIENT,
        "Rate limiter per API": K.RATE_LIMITER,
        "Search service": K.SERVICE,
        "APIs": K.SERVICE,
    }
    assert {label: classify_label(label)[0] for label in expected} == expected


def test_a_live_board_is_read_with_the_same_rules():
    from agent.whiteboard import Board

    board = Board()
    board.add_component("Brokers", id="b")
    board.add_component("Order GW", id="gw")
    board.add_component("Matching engine", id="m")
    board.add_component("Orders DB", id="db")
    board.add_component("300M orders/day, 2 TB", id="n")
    board.add_edge("b", "gw")
    board.add_edge("gw", "m")
    board.add_edge("m", "db")
    assert board.components["b"].kind == K.QUEUE  # as drawn; the reading is a copy
    found = analyze(board)
    assert not [f for f in found if f.code in ("UNBOUNDED_QUEUE", "ORPHAN")]
    assert [f.components[0] for f in found if f.code == "DB_NOT_SHARDED"] == ["db"]


def test_facts_written_in_german_count_and_a_negation_is_not_a_replica():
    from agent.whiteboard.note_facts import read_facts

    assert read_facts("Kontostand-DB", ["Replikat in Zone B"]).replicated
    assert read_facts("Session-Cache", ["TTL läuft ab nach 5 min"]).ttl
    assert read_facts("Cache", ["verfällt nach 1h"]).ttl
    assert read_facts("Orders DB", ["partitioniert nach user_id"]).sharded
    assert read_facts("Orders DB", ["eine Instanz"]).single
    for negated in ("no replicas", "keine Replikation"):
        facts = read_facts("Orders DB", [negated])
        assert not facts.replicated and facts.single, negated
    assert read_facts("Orders DB", ["single node + 2 replicas"]).replicated
    board = mermaid("flowchart LR\n a[API] --> db[(Orders DB<br/>no replicas)]\n")
    assert fired(board, "NO_REPLICATION") == ["Orders DB"]
    german = mermaid(
        "flowchart LR\n u[Nutzer] --> a[Zahlungsdienst] --> db[(Konten-DB)]\n"
        " a --> c[(Cache)]\n m[Überwachung der Konten]\n"
    )
    assert fired(german, "NO_MONITORING") == []
