"""Reference numbers with sources, capacity findings, the trade-off matrix."""

from __future__ import annotations

import pytest

from estimation import (
    RATE,
    EstimationSession,
    Quantity,
    check_transcript,
    lookup,
    reference_numbers,
    tradeoff_matrix,
)
from estimation.reference import get


def test_every_reference_number_has_a_source_and_a_value():
    refs = reference_numbers()
    assert len(refs) >= 30
    for ref in refs:
        assert ref.source_url.startswith("https://"), ref.id
        assert ref.value.value > 0, ref.id


@pytest.mark.parametrize(
    ("ref_id", "value"),
    [
        ("redis.ops_per_node", 100_000),
        ("dynamodb.table_rcu", 40_000),
        ("dynamodb.table_wcu", 40_000),
        ("dynamodb.partition_rcu", 3_000),
        ("dynamodb.partition_wcu", 1_000),
        ("kafka.partition_throughput", 10e6),
        ("latency.main_memory", 100e-9),
        ("nic.10g", 1.25e9),
    ],
)
def test_headline_figures(ref_id, value):
    assert get(ref_id).value.value == pytest.approx(value)


def test_lookup_by_words():
    assert {r.id for r in lookup("dynamodb partition")} == {
        "dynamodb.partition_rcu",
        "dynamodb.partition_wcu",
    }
    assert lookup("disk seek")[0].id == "latency.disk_seek"


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("We can put it all on one Redis node for 1M ops/s.", "redis.ops_per_node"),
        (
            "Ingest is 500 MB per second on a Kafka topic with 4 partitions.",
            "kafka.partition_throughput",
        ),
        (
            "The hot key takes 5,000 writes per second on one DynamoDB partition.",
            "dynamodb.partition_wcu",
        ),
        ("We need 100,000 reads per second from one DynamoDB table.", "dynamodb.table_rcu"),
        ("80,000 writes per second on a single Postgres instance.", "postgresql.writes_per_node"),
    ],
)
def test_capacity_contradicting_the_reference_is_a_finding(text, reference):
    findings = check_transcript(text).findings
    assert [f.reference for f in findings] == [reference]
    assert "needs at least" in findings[0].message


@pytest.mark.parametrize(
    "text",
    [
        "With 1M QPS we need at least 10 Redis shards.",
        "1,150 orders a second on a single Postgres primary is fine.",
        "Kafka with 60 partitions for 500 MB per second.",
    ],
)
def test_enough_capacity_is_not_a_finding(text):
    assert check_transcript(text).findings == ()


def test_tradeoff_matrix_rows_and_effects():
    rows = tradeoff_matrix(Quantity(11_574, RATE))
    by_metric = {r.metric: r for r in rows}
    assert list(by_metric)[:4] == [
        "Peak multiplier",
        "Payload size",
        "Retention",
        "Replication factor",
    ]
    peak = by_metric["Peak QPS"]
    assert peak.conservative.value == pytest.approx(11_574 * 3)
    assert peak.aggressive.value > peak.conservative.value
    storage = by_metric["Storage"]
    assert storage.aggressive.value / storage.conservative.value == pytest.approx(
        4 * 90 / 7 * 3 / 2
    )
    assert storage.to_dict()["conservative_text"].endswith("TB")


def test_session_tradeoffs_use_the_candidates_assumptions():
    session = EstimationSession()
    session.add(
        "1 billion notifications a day is about 12,000 a second. Peak is 3x. "
        "Each payload is 1 KB. We keep them for 30 days."
    )
    rows = {r.metric: r for r in session.tradeoffs()}
    assert rows["Payload size"].conservative.value == 1000
    assert rows["Retention"].conservative.value == 30 * 86_400
    assert rows["Peak multiplier"].conservative.value == 3
    with pytest.raises(ValueError):
        EstimationSession().tradeoffs()
