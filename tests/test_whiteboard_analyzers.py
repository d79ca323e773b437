"""Every analyzer on a board where it should fire and one where it should stay quiet."""

from __future__ import annotations

import pytest

from agent.whiteboard import CODES, Board, analyze
from agent.whiteboard.scenario_view import Operation, ScaleFigure, ScenarioView
from scenarios import load_scenarios


def build(spec: str, notes: dict[str, list[str]] | None = None) -> Board:
    """A board from "A -> B; B <-> C; D" (labels are ids; `->` one way, `<->` both ways,
    `~>` async)."""
    board = Board()
    notes = notes or {}

    def comp(label: str) -> str:
        label = label.strip()
        if label not in board.components:
            board.add_component(label, id=label, notes=notes.get(label, ()))
        return label

    for part in spec.split(";"):
        part = part.strip()
        for arrow in ("<->", "~>", "->"):
            if arrow in part:
                left, _, rest = part.partition(arrow)
                right, _, label = rest.partition(":")
                board.add_edge(
                    comp(left),
                    comp(right),
                    bidirectional=arrow == "<->",
                    mode="async" if arrow == "~>" else "sync",
                    label=label.strip(),
                )
                break
        else:
            if part:
                comp(part)
    return board


def codes(board: Board, scenario=None) -> list[str]:
    return [f.code for f in analyze(board, scenario)]


def only(board: Board, code: str, scenario=None):
    found = [f for f in analyze(board, scenario) if f.code == code]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def library():
    return load_scenarios()


# ---- SPOF -------------------------------------------------------------------------------------


def test_spof_fires_on_a_single_load_balancer_in_front_of_everything():
    board = build(
        "Users -> Load balancer; Load balancer -> API servers; API servers -> Orders DB",
        notes={"Orders DB": ["primary + standby"]},
    )
    finding = only(board, "SPOF")
    assert finding.components[0] == "Load balancer"
    assert "What happens when Load balancer goes down?" in finding.question
    assert "API servers" in finding.question


def test_spof_quiet_when_replicated_or_managed():
    board = build(
        "Users -> Load balancer; Load balancer -> API servers; API servers -> Orders DB",
        notes={"Load balancer": ["active-passive pair"], "Orders DB": ["primary/replica"]},
    )
    assert "SPOF" not in codes(board)
    board = build("Users -> ALB; ALB -> API servers; API servers -> DynamoDB")
    assert "SPOF" not in codes(board)


def test_spof_quiet_inside_a_frame_that_says_it_repeats():
    board = build("Users -> Rate limiter; Rate limiter -> API servers; API servers -> Orders DB")
    board.add_group("Edge node (x100)", id="edge")
    board.add_note("Orders DB", "primary/replica")
    assert "SPOF" in codes(board)
    board.update_component("Rate limiter", group="edge")
    assert "SPOF" not in codes(board)


def test_spof_fires_on_a_shared_database_everyone_writes_to():
    board = build(
        "Orders service -> Postgres; Payments service -> Postgres; Users service -> Postgres"
    )
    finding = only(board, "SPOF")
    assert finding.components[0] == "Postgres"
    assert "depend on it" in finding.question


# ---- NO_MONITORING ----------------------------------------------------------------------------


def test_no_monitoring_fires_and_names_the_rate_limiter():
    board = build("Clients -> Rate limiter; Rate limiter -> API servers; Rate limiter <-> Redis")
    finding = only(board, "NO_MONITORING")
    assert finding.question == (
        "I don't see a monitoring or alerting component. How would you know if your Rate "
        "limiter is dropping legitimate traffic?"
    )


def test_a_board_with_prometheus_is_not_told_it_lacks_monitoring():
    board = build("Clients -> Rate limiter; Rate limiter -> API servers; Prometheus")
    assert "NO_MONITORING" not in codes(board)


def test_monitoring_written_as_a_note_counts():
    board = build("Clients -> API; API -> DB", notes={"API": ["metrics + alerts on p99"]})
    assert "NO_MONITORING" not in codes(board)


# ---- CACHE_NO_TTL -----------------------------------------------------------------------------


def test_cache_without_ttl_fires_naming_the_writer():
    board = build("Price Calculator -> Pricing cache")
    finding = only(board, "CACHE_NO_TTL")
    assert finding.components == ("Pricing cache", "Price Calculator")
    assert finding.question.startswith(
        "Your Pricing cache has no TTL annotation. If Price Calculator"
    )


@pytest.mark.parametrize("note", ["TTL 30s", "LRU eviction", "expires after 1 min"])
def test_cache_with_ttl_or_eviction_is_quiet(note):
    board = build("Price Calculator -> Pricing cache", notes={"Pricing cache": [note]})
    assert "CACHE_NO_TTL" not in codes(board)


# ---- BIDIRECTIONAL_SYNC -----------------------------------------------------------------------


def test_two_way_sync_between_stateful_components_fires():
    board = build("Local counter <-> Redis: async sync")
    finding = only(board, "BIDIRECTIONAL_SYNC")
    assert "which direction takes priority" in finding.question
    assert set(finding.components) == {"Local counter", "Redis"}


def test_two_opposite_sync_arrows_count_as_two_way():
    board = build("Primary DB -> Replica DB: replicate; Replica DB -> Primary DB: replicate")
    assert "BIDIRECTIONAL_SYNC" in codes(board)


def test_two_way_sync_with_stated_priority_is_quiet():
    board = build("Local counter <-> Redis: async sync, Redis wins on conflict")
    assert "BIDIRECTIONAL_SYNC" not in codes(board)
    board = build("Local counter <-> Redis", notes={"Redis": ["source of truth"]})
    assert "BIDIRECTIONAL_SYNC" not in codes(board)


def test_request_response_both_ways_is_not_sync():
    board = build("Mobile app <-> API server")
    assert "BIDIRECTIONAL_SYNC" not in codes(board)


# ---- DB_NOT_SHARDED ---------------------------------------------------------------------------

BIG = ScenarioView(
    id="big",
    peak_writes=ScaleFigure("peak_qps", 35_000, "35,000 per second"),
    storage=ScaleFigure("log_storage", 30e12, "30 TB"),
)
SMALL = ScenarioView(
    id="small",
    peak_writes=ScaleFigure("peak_qps", 500, "500 per second"),
    storage=ScaleFigure("storage", 50e9, "50 GB"),
)


def test_single_database_at_scale_fires_with_the_figures():
    board = build("Posts API -> Post storage (MySQL)")
    finding = only(board, "DB_NOT_SHARDED", BIG)
    assert "35,000 per second at peak" in finding.question
    assert "30 TB of data" in finding.question
    assert "shard key" in finding.question


def test_database_quiet_when_sharded_small_or_no_scenario():
    board = build(
        "Posts API -> Post storage (MySQL)", notes={"Post storage (MySQL)": ["16 shards"]}
    )
    assert "DB_NOT_SHARDED" not in codes(board, BIG)
    board = build("Posts API -> Cassandra")
    assert "DB_NOT_SHARDED" not in codes(board, BIG)
    board = build("Posts API -> Post storage (MySQL)")
    assert "DB_NOT_SHARDED" not in codes(board, SMALL)
    assert "DB_NOT_SHARDED" not in codes(board, None)


def test_db_not_sharded_reads_the_real_scenario_scale(library):
    board = build("Notification API -> Notification log (Postgres)")
    finding = only(board, "DB_NOT_SHARDED", library.get("notification-system"))
    assert "30 TB" in finding.question
    # The rate limiter's 1M QPS is not database traffic: its quota store stays quiet.
    board = build("Rate limiter -> Quota config store")
    assert "DB_NOT_SHARDED" not in codes(board, library.get("rate-limiter"))


# ---- NO_REPLICATION ---------------------------------------------------------------------------


def test_store_without_replicas_fires():
    finding = only(build("Order service -> Orders DB"), "NO_REPLICATION")
    assert "If its disk dies, do you lose every write Order service made" in finding.question


def test_replicated_or_managed_stores_and_caches_are_quiet():
    board = build("Order service -> Orders DB", notes={"Orders DB": ["RF=3"]})
    assert "NO_REPLICATION" not in codes(board)
    assert "NO_REPLICATION" not in codes(build("Order service -> S3"))
    assert "NO_REPLICATION" not in codes(build("Order service -> Redis cache"))


# ---- UNBOUNDED_QUEUE --------------------------------------------------------------------------


def test_queue_without_a_bound_fires_naming_consumer_and_producer():
    finding = only(build("API -> Job queue; Job queue -> Workers"), "UNBOUNDED_QUEUE")
    assert finding.question.startswith(
        "Your Job queue has no bound. When Workers falls an hour behind API"
    )


@pytest.mark.parametrize(
    "note", ["max 100k jobs", "retention 7 days", "DLQ", "backpressure to API", "bounded"]
)
def test_bounded_queue_is_quiet(note):
    board = build("API -> Job queue; Job queue -> Workers", notes={"Job queue": [note]})
    assert "UNBOUNDED_QUEUE" not in codes(board)


# ---- SHARED_STORE_MIXED_CONSISTENCY -----------------------------------------------------------

SURGE = ScenarioView(
    id="surge",
    operations=(Operation("Get price", "AP"), Operation("Update surge", "CP")),
)


def test_one_database_for_an_ap_read_and_a_cp_write_fires():
    board = build("Price API -> Database; Surge updater -> Database")
    finding = only(board, "SHARED_STORE_MIXED_CONSISTENCY", SURGE)
    assert finding.question.startswith("I see you've drawn a single Database node.")
    assert "get price (AP)" in finding.question and "update surge (CP)" in finding.question


def test_mixed_consistency_from_edge_labels_without_a_scenario():
    board = build("Price API -> Database: read (AP); Flink -> Database: write (CP)")
    assert "SHARED_STORE_MIXED_CONSISTENCY" in codes(board)


def test_mixed_consistency_quiet_when_chosen_or_split():
    board = build(
        "Price API -> Database; Surge updater -> Database",
        notes={"Database": ["strongly consistent"]},
    )
    assert "SHARED_STORE_MIXED_CONSISTENCY" not in codes(board, SURGE)
    board = build("Price API -> Price replica DB; Surge updater -> Surge DB")
    assert "SHARED_STORE_MIXED_CONSISTENCY" not in codes(board, SURGE)
    board = build("Price API -> Database; Surge updater -> Database")
    assert "SHARED_STORE_MIXED_CONSISTENCY" not in codes(board, None)


# ---- UPSTREAM_STOPS ---------------------------------------------------------------------------


def test_stream_processor_feeding_a_service_fires_in_seed_style():
    board = build("Kafka -> Flink aggregator; Flink aggregator -> Price Calculator")
    finding = only(board, "UPSTREAM_STOPS")
    assert finding.question == (
        "Your Flink aggregator feeds into Price Calculator. What happens if Flink aggregator "
        "experiences a partition and stops producing updates? Does Price Calculator serve stale "
        "data, or does it fail closed?"
    )


def test_queue_consumer_filling_a_read_store_is_a_feeder():
    board = build(
        "Kafka -> Fan-out workers; Fan-out workers -> Timeline cache; Feed API -> Timeline cache"
    )
    finding = only(board, "UPSTREAM_STOPS")
    assert finding.question.startswith(
        "What happens when the link between Fan-out workers and Timeline cache goes down? "
        "Does Feed API keep serving the last values in Timeline cache"
    )
    assert finding.components == ("Fan-out workers", "Timeline cache", "Feed API")


def test_upstream_quiet_when_degradation_is_stated():
    board = build(
        "Kafka -> Flink aggregator; Flink aggregator -> Price Calculator",
        notes={"Price Calculator": ["serves last known multiplier, stale after 5 min"]},
    )
    assert "UPSTREAM_STOPS" not in codes(board)
    board = build(
        "Kafka -> Fan-out workers; Fan-out workers -> Timeline cache; Feed API -> Timeline cache",
        notes={"Timeline cache": ["TTL 10 min"]},
    )
    assert "UPSTREAM_STOPS" not in codes(board)
    # A worker that writes only to its own log has no reader to serve stale data to.
    assert "UPSTREAM_STOPS" not in codes(build("SQS -> Sender workers; Sender workers -> Log DB"))


# ---- ORPHAN -----------------------------------------------------------------------------------


def test_orphan_fires_on_an_unconnected_box():
    finding = only(build("API -> DB; Search index"), "ORPHAN")
    assert finding.components == ("Search index",)
    assert "isn't connected to anything" in finding.question


def test_orphan_quiet_for_connected_boxes_and_monitoring():
    assert "ORPHAN" not in codes(build("API -> DB; Grafana"))
    assert "ORPHAN" not in codes(build("API"))


# ---- all together -----------------------------------------------------------------------------


def test_every_code_is_covered_and_findings_are_ordered_by_severity():
    assert set(CODES) == {
        "SPOF",
        "NO_MONITORING",
        "CACHE_NO_TTL",
        "BIDIRECTIONAL_SYNC",
        "DB_NOT_SHARDED",
        "NO_REPLICATION",
        "UNBOUNDED_QUEUE",
        "SHARED_STORE_MIXED_CONSISTENCY",
        "UPSTREAM_STOPS",
        "ORPHAN",
    }
    board = build("Users -> LB; LB -> API; API -> Cache; API -> DB; Lonely box")
    order = {"high": 0, "medium": 1, "low": 2}
    ranks = [order[f.severity.value] for f in analyze(board)]
    assert ranks == sorted(ranks) and ranks


def test_a_well_drawn_board_has_no_findings():
    board = build(
        "Users -> CloudFront; Users -> ALB; ALB -> API servers; API servers -> Timeline cache; "
        "API servers -> Posts (DynamoDB); API servers -> SQS; SQS -> Fan-out workers; "
        "Fan-out workers -> Timeline cache; Prometheus",
        notes={
            "Timeline cache": ["TTL 24h, LRU", "3 replicas"],
            "SQS": ["DLQ after 5 retries"],
        },
    )
    assert analyze(board) == []


def test_analyze_works_on_an_empty_board():
    assert analyze(Board()) == []


# ---- the reachability engine behind SPOF -------------------------------------------------------


@pytest.mark.parametrize("seed", range(12))
def test_closure_and_dominators_match_brute_force(seed):
    import random

    from agent.whiteboard.analyzers.reach import closure, dominated

    rng = random.Random(seed)
    n = rng.randrange(2, 25)
    succ = [sorted({rng.randrange(n) for _ in range(rng.randrange(0, 4))}) for _ in range(n)]
    roots = rng.sample(range(n), rng.randrange(1, 3))

    def walk(starts, blocked=None):
        seen = {s for s in starts if s != blocked}
        todo = list(seen)
        while todo:
            for nxt in succ[todo.pop()]:
                if nxt not in seen and nxt != blocked:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    reach = closure(succ)
    dom = dominated(succ, roots)
    everything = walk(roots)
    for node in range(n):
        strict = walk(succ[node])
        assert reach[node] == sum(1 << i for i in strict), node
        expected = everything - walk(roots, blocked=node) - {node} if node in everything else set()
        assert dom[node] == sum(1 << i for i in expected), node


def test_the_seed_articles_link_question():
    board = build("Kafka -> Flink cluster; Flink cluster -> Redis cache; Price API -> Redis cache")
    finding = only(board, "UPSTREAM_STOPS")
    assert finding.question.startswith(
        "What happens when the link between Flink cluster and Redis cache goes down?"
    )
