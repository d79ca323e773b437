"""The knowledge base loads, every figure has a source and parses, and every detection rule has a
case that fires and one that does not."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from agent.cli.main import cli
from agent.knowledge import load_knowledge, search
from agent.knowledge.board_patterns import CHECKS, recognise_on_board
from agent.knowledge.speech_patterns import recognise_in_speech
from agent.knowledge.thresholds import threshold_probes
from agent.whiteboard import Board, analyze
from estimation import check_transcript, parse_quantity

KB = load_knowledge()

REQUIRED_PATTERNS = {
    "cqrs", "event-sourcing", "saga-orchestrated", "saga-choreographed", "circuit-breaker",
    "bulkhead", "outbox", "idempotency-keys", "leader-election", "consistent-hashing",
    "fan-out-on-write", "fan-out-on-read", "cache-aside", "write-through", "write-back",
    "sharding", "read-replicas", "quorum", "backpressure",
}  # fmt: skip
REQUIRED_ANTI_PATTERNS = {
    "single-point-of-failure", "unbounded-queue", "hashing-without-virtual-nodes",
    "chatty-synchronous-chain", "hot-partition", "dual-write-without-outbox",
    "cache-without-invalidation", "retries-without-backoff",
}  # fmt: skip
REQUIRED_TECHNOLOGIES = {
    "redis", "memcached", "kafka", "kinesis", "sqs", "dynamodb", "cassandra", "postgresql",
    "mysql", "elasticsearch", "s3", "cdn",
}  # fmt: skip


def test_required_entries_exist():
    assert set(KB.patterns) >= REQUIRED_PATTERNS
    assert set(KB.anti_patterns) >= REQUIRED_ANTI_PATTERNS
    assert set(KB.technologies) >= REQUIRED_TECHNOLOGIES
    assert {"timeline-fan-out", "chat-at-whatsapp-scale", "url-shortening"} <= set(KB.case_studies)


def test_every_figure_has_a_source_and_parses():
    figures = [
        (t.id, limit.value, limit.source) for t in KB.technologies.values() for limit in t.limits
    ]
    figures += [(c.id, f.value, f.source) for c in KB.case_studies.values() for f in c.figures]
    assert len(figures) >= 25
    for entry_id, value, source in figures:
        assert source.url.startswith("https://"), entry_id
        assert parse_quantity(value).value > 0, (entry_id, value)


def test_cross_references_resolve():
    for threshold in KB.thresholds.values():
        KB.limit(threshold.limit)
        parse_quantity(threshold.above or threshold.below)
    known = set(KB.patterns) | set(KB.anti_patterns) | set(KB.technologies) | set(KB.case_studies)
    for entry in [*KB.anti_patterns.values(), *KB.case_studies.values(), *KB.thresholds.values()]:
        assert set(entry.related) <= known, (entry.id, set(entry.related) - known)


# Every pattern: a sentence that reaches for it and one that does not.
PATTERN_SPEECH = {
    "cqrs": ("We'd use CQRS with a separate read model for the feed.", "We read from the primary."),
    "event-sourcing": (
        "The ledger is event sourced, we replay the events.",
        "The ledger is a table.",
    ),
    "saga-orchestrated": (
        "An orchestrator saga drives booking, payment and tickets.",
        "One transaction does it.",
    ),
    "saga-choreographed": (
        "It's a choreographed saga: each service reacts to the previous event.",
        "One service does it.",
    ),
    "circuit-breaker": (
        "A circuit breaker around the payment provider.",
        "We call the payment provider.",
    ),
    "bulkhead": ("Separate thread pools per dependency, a bulkhead.", "One pool for everything."),
    "outbox": ("We publish through an outbox table.", "We publish the event."),
    "idempotency-keys": ("Each charge carries an idempotency key.", "Each charge is a request."),
    "leader-election": (
        "The scheduler uses leader election through etcd.",
        "The scheduler runs on a box.",
    ),
    "consistent-hashing": ("Keys go on a hash ring.", "Keys go modulo N."),
    "fan-out-on-write": ("Fan-out on write into each follower's timeline.", "We store the post."),
    "fan-out-on-read": ("Fan-out on read for celebrities.", "We store the post."),
    "cache-aside": ("Cache-aside: on a miss we read the database.", "We read the database."),
    "write-through": ("A write-through cache.", "A cache."),
    "write-back": ("A write-behind cache absorbs bursts.", "A cache."),
    "sharding": ("We shard users by user id.", "One database holds users."),
    "read-replicas": ("Reads go to read replicas.", "Reads go to the database."),
    "quorum": ("Quorum writes with W=2 of 3.", "Writes go to every node."),
    "backpressure": ("Producers get backpressure when consumers lag.", "Producers keep sending."),
}


@pytest.mark.parametrize("pattern_id", sorted(PATTERN_SPEECH))
def test_pattern_recognised_in_speech(pattern_id):
    fires, quiet = PATTERN_SPEECH[pattern_id]
    assert pattern_id in {h.entry_id for h in recognise_in_speech(KB, fires)}
    assert pattern_id not in {h.entry_id for h in recognise_in_speech(KB, quiet)}


ANTI_SPEECH = {
    "single-point-of-failure": (
        "Everything goes to a single database.",
        "A single database with a hot standby and failover.",
    ),
    "unbounded-queue": (
        "We just put everything in a queue.",
        "We just put everything in a queue with a bounded max size.",
    ),
    "hashing-without-virtual-nodes": (
        "We use consistent hashing for the cache.",
        "Consistent hashing with 200 virtual nodes.",
    ),
    "chatty-synchronous-chain": (
        "The API calls orders which calls payments which calls fraud.",
        "The API calls orders and payments in parallel.",
    ),
    "hot-partition": ("We partition the events by date.", "We partition the events by user id."),
    "dual-write-without-outbox": (
        "The service saves the order in the database and then publishes to Kafka.",
        "The service saves the order in the database and the outbox relay publishes it.",
    ),
    "cache-without-invalidation": (
        "We put a cache in front of the database.",
        "We put a cache in front with a TTL of 60 seconds.",
    ),
    "retries-without-backoff": (
        "Clients retry on failure.",
        "Clients retry with exponential backoff and jitter.",
    ),
}


@pytest.mark.parametrize("anti_id", sorted(ANTI_SPEECH))
def test_anti_pattern_speech_rule(anti_id):
    fires, quiet = ANTI_SPEECH[anti_id]
    assert anti_id in {h.entry_id for h in recognise_in_speech(KB, fires)}
    assert anti_id not in {h.entry_id for h in recognise_in_speech(KB, quiet)}


def test_unless_looks_at_earlier_turns():
    history = "We place keys with 150 virtual nodes per server."
    hits = recognise_in_speech(KB, "So consistent hashing spreads the keys.", history)
    assert "hashing-without-virtual-nodes" not in {h.entry_id for h in hits}


def _board(labels, edges, notes=None, edge_labels=None):
    board = Board()
    ids = {label: board.add_component(label).id for label in labels}
    for label, text in (notes or {}).items():
        board.add_note(ids[label], text)
    for index, (source, target) in enumerate(edges):
        label = (edge_labels or {}).get(index, "")
        board.add_edge(ids[source], ids[target], label=label)
    return board, ids


def _board_hits(board):
    return {h.entry_id: h for h in recognise_on_board(KB, board, analyze(board))}


BOARD_CASES = {
    "hash_ring_without_vnodes": (
        _board(["Router", "Consistent hash ring"], [("Router", "Consistent hash ring")]),
        _board(["Router", "Consistent hash ring"], [("Router", "Consistent hash ring")], {"Consistent hash ring": "256 virtual nodes"}),
        "hashing-without-virtual-nodes",
    ),
    "long_sync_chain": (
        _board(["API gateway", "Order service", "Payment service", "Fraud service", "Notify service"],
               [("API gateway", "Order service"), ("Order service", "Payment service"), ("Payment service", "Fraud service"), ("Fraud service", "Notify service")]),
        _board(["API gateway", "Order service", "Payment service"],
               [("API gateway", "Order service"), ("Order service", "Payment service")]),
        "chatty-synchronous-chain",
    ),
    "timestamp_shard_key": (
        _board(["Events DB"], [], {"Events DB": "sharded by date"}),
        _board(["Events DB"], [], {"Events DB": "sharded by user id"}),
        "hot-partition",
    ),
    "dual_write": (
        _board(["Order service", "Postgres", "Kafka"], [("Order service", "Postgres"), ("Order service", "Kafka")]),
        _board(["Order service", "Postgres", "Outbox relay", "Kafka"], [("Order service", "Postgres"), ("Outbox relay", "Kafka")]),
        "dual-write-without-outbox",
    ),
    "retry_edge_without_backoff": (
        _board(["Worker", "APNs"], [("Worker", "APNs")], edge_labels={0: "retry"}),
        _board(["Worker", "APNs"], [("Worker", "APNs")], edge_labels={0: "retry with backoff"}),
        "retries-without-backoff",
    ),
}  # fmt: skip


def test_every_board_check_has_a_case():
    assert set(BOARD_CASES) == set(CHECKS)


@pytest.mark.parametrize("check", sorted(BOARD_CASES))
def test_board_check(check):
    (fires, _), (quiet, _), entry_id = BOARD_CASES[check]
    assert entry_id in _board_hits(fires)
    assert entry_id not in _board_hits(quiet)


def test_chain_hit_counts_hops_and_names_the_start():
    (board, ids), _, _ = BOARD_CASES["long_sync_chain"]
    hit = _board_hits(board)["chatty-synchronous-chain"]
    assert hit.count == 4 and hit.components[0] == ids["API gateway"]


def test_analyzer_findings_map_to_anti_patterns():
    cached, _ = _board(
        ["API server", "Redis cache", "Postgres"],
        [("API server", "Redis cache"), ("API server", "Postgres")],
    )
    assert "cache-without-invalidation" in _board_hits(cached)
    with_ttl, _ = _board(
        ["API server", "Redis cache", "Postgres"],
        [("API server", "Redis cache"), ("API server", "Postgres")],
        {"Redis cache": "TTL 60s, LRU"},
    )
    assert "cache-without-invalidation" not in _board_hits(with_ttl)


def test_pattern_on_board_from_labels():
    board, _ = _board(["Order service", "Outbox relay"], [("Order service", "Outbox relay")])
    assert "outbox" in _board_hits(board)
    assert "outbox" not in _board_hits(_board(["Order service"], [])[0])


def test_rate_limiter_memory_fits_in_ram():
    """The seed's rate limiter: 100,000 keys x 24 bytes is 2.4 MB per node, even when said wrong."""
    report = check_transcript("100,000 keys times 24 bytes is 24 MB per edge node.")
    hits = threshold_probes(KB, report.claims)
    assert [h.entry_id for h in hits] == ["per-node-memory-fits-in-ram"]
    assert "2.4 MB" in hits[0].question


def test_threshold_quiet_below_the_limit_and_out_of_context():
    report = check_transcript("10 TB times 4 is 40 TB of RAM per node.")
    assert "per-node-memory-fits-in-ram" not in {
        h.entry_id for h in threshold_probes(KB, report.claims)
    }


def test_storage_above_one_disk():
    turn = "1 billion times 1 KB times 30 is 30 TB of storage."
    hits = {h.entry_id: h for h in threshold_probes(KB, check_transcript(turn).claims, turn)}
    assert (
        "storage-above-single-disk" in hits
        and "30 TB" in hits["storage-above-single-disk"].question
    )
    small = "1 million times 1 KB times 30 is 30 GB of storage."
    quiet = threshold_probes(KB, check_transcript(small).claims, small)
    assert "storage-above-single-disk" not in {h.entry_id for h in quiet}


def test_search_ranks_the_named_entry_first():
    assert search(KB, "virtual nodes")[0].id in {
        "hashing-without-virtual-nodes",
        "consistent-hashing",
    }
    assert search(KB, "no such thing anywhere") == []


def test_cli_show_and_search_json():
    runner = CliRunner()
    shown = json.loads(runner.invoke(cli, ["kb", "show", "outbox", "--json"]).output)
    assert shown["kind"] == "pattern" and shown["sources"]
    found = json.loads(runner.invoke(cli, ["kb", "search", "redis", "--json"]).output)
    assert "redis" in {hit["id"] for hit in found["hits"]}
    missing = runner.invoke(cli, ["kb", "show", "outbx"])
    assert missing.exit_code == 1 and "did you mean outbox" in missing.output


def test_speech_hit_quotes_whole_words_and_names_the_component():
    (hit,) = [
        h
        for h in recognise_in_speech(KB, "Everything goes to a single database.")
        if h.kind == "anti-pattern"
    ]
    assert hit.matched == "a single database" and hit.component == "database"
    ring = {h.entry_id: h for h in recognise_in_speech(KB, "We use consistent hashing.")}
    assert ring["hashing-without-virtual-nodes"].matched == "consistent hashing"
    assert ring["hashing-without-virtual-nodes"].component == ""


def test_questions_fill_their_placeholders():
    from agent.knowledge.cite import fill

    spof = KB.anti_patterns["single-point-of-failure"]
    assert fill(spof.question, "database") == "If that one database goes down, what still works?"
    chain = KB.anti_patterns["chatty-synchronous-chain"]
    assert "API gateway waits on 4 synchronous hops" in fill(chain.question, "API gateway", 4)
    for anti in KB.anti_patterns.values():  # nothing is left unfilled, with or without a label
        for question in filter(None, (anti.question, anti.speech_question)):
            assert "{" not in fill(question) and "{" not in fill(question, "X", 3)


def test_unreplicated_database_is_a_single_point_of_failure():
    board, _ = _board(["API server", "Postgres"], [("API server", "Postgres")])
    findings = analyze(board)
    assert "NO_REPLICATION" in {f.code for f in findings}
    assert "single-point-of-failure" in _board_hits(board)
    replicated, _ = _board(
        ["API server", "Postgres"],
        [("API server", "Postgres")],
        {"Postgres": "primary + 2 replicas, failover"},
    )
    assert "single-point-of-failure" not in _board_hits(replicated)
