"""Label classification: the vocabulary, misspellings from speech/handwriting, shapes, notes."""

from __future__ import annotations

import pytest

from agent.whiteboard import (
    ComponentKind,
    Layer,
    classify_label,
    meaning_of,
    read_facts,
    vocabulary,
)
from scenarios import COMPONENT_KINDS

K = ComponentKind


def test_vocabulary_is_curated_and_large():
    vocab = vocabulary()
    assert len(vocab) >= 150
    kinds = {term.kind for term in vocab.terms.values()}
    assert kinds == set(ComponentKind)
    assert {k.value for k in ComponentKind} == COMPONENT_KINDS  # scenarios spell kinds too


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Redis", K.CACHE),
        ("Memcached", K.CACHE),
        ("Kafka", K.QUEUE),
        ("Kinesis", K.QUEUE),
        ("SQS", K.QUEUE),
        ("Pulsar", K.QUEUE),
        ("Flink", K.STREAM_PROCESSOR),
        ("Spark", K.STREAM_PROCESSOR),
        ("Cassandra", K.DATABASE),
        ("DynamoDB", K.DATABASE),
        ("MySQL", K.DATABASE),
        ("Postgres", K.DATABASE),
        ("S3", K.BLOB_STORE),
        ("CloudFront", K.CDN),
        ("ALB", K.LOAD_BALANCER),
        ("Nginx", K.LOAD_BALANCER),
        ("Envoy", K.LOAD_BALANCER),
        ("Elasticsearch", K.SEARCH),
        ("Prometheus", K.MONITORING),
        ("Grafana", K.MONITORING),
        ("fan-out workers", K.SERVICE),
        ("timeline cache", K.CACHE),
        ("Route 53", K.DNS),
        ("API Gateway", K.API_GATEWAY),
        ("Auth service", K.AUTH),
        ("OAuth server", K.AUTH),
        ("Token bucket rate limiter", K.RATE_LIMITER),
        ("Mobile app", K.CLIENT),
        ("Users", K.CLIENT),
        ("Zookeeper", K.DATABASE),  # a quorum store of critical state, like etcd
    ],
)
def test_technology_and_role_names(label, kind):
    assert classify_label(label)[0] == kind


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Timeline Cache (Redis)", K.CACHE),
        ("Redis rate limiter", K.RATE_LIMITER),  # the role beats the technology
        ("User Service", K.SERVICE),  # the head noun comes last
        ("User DB", K.DATABASE),
        ("Kafka consumers", K.SERVICE),
        ("Post Storage (MySQL)", K.DATABASE),
        ("Search service", K.SERVICE),  # a service that searches, not the index
        ("Search index", K.SEARCH),
        ("Api Gateway (Load balancer, rate limiting)", K.API_GATEWAY),  # the rest describes it
        ("Kafka (ledger-events)", K.QUEUE),
        ("Content Store (S3)", K.BLOB_STORE),  # the technology says what the store is
        ("Ledger service", K.SERVICE),
        ("Quote service", K.SERVICE),
        ("Score Service (single instance)", K.SERVICE),  # "score" is not a misspelt "store"
        ("Trip Service", K.SERVICE),
        ("APIGateway", K.API_GATEWAY),  # camelCase ids
        ("RulesDB", K.DATABASE),
        ("user_profile_cache", K.CACHE),  # snake_case
        ("SendGrid", K.EXTERNAL),
        ("Gateway de Pagamento (externo)", K.EXTERNAL),
        ("Serviço de Notificação", K.SERVICE),
        ("Balanceador de Carga", K.LOAD_BALANCER),
        ("消息服务", K.SERVICE),
        ("在线状态缓存", K.CACHE),
        ("広告主レポート画面", K.CLIENT),
        ("Tweets", K.OTHER),
        ("Elastic Load Balancer", K.LOAD_BALANCER),
        ("Spark Streaming job", K.STREAM_PROCESSOR),
        ("Amazon SQS queue", K.QUEUE),
        ("Notification service", K.SERVICE),
    ],
)
def test_multi_word_labels_pick_the_role(label, kind):
    assert classify_label(label)[0] == kind


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Kafak", K.QUEUE),
        ("Reddis", K.CACHE),
        ("postgress", K.DATABASE),
        ("PostgresQL", K.DATABASE),
        ("load balancr", K.LOAD_BALANCER),
        ("Elastisearch", K.SEARCH),
        ("Cassandara", K.DATABASE),
        ("rate limitter", K.RATE_LIMITER),
        ("monitorng", K.MONITORING),
        ("Memcahced", K.CACHE),
        ("Promethues", K.MONITORING),
        ("Databse", K.DATABASE),
        ("cach", K.CACHE),
    ],
)
def test_misspellings_are_tolerated(label, kind):
    assert classify_label(label)[0] == kind


@pytest.mark.parametrize("label", ["Stuff", "Foo bar", "", "42"])
def test_unknown_labels_are_other(label):
    assert classify_label(label)[0] == K.OTHER


def test_common_words_are_not_bent_into_technologies():
    # Short or unrelated words must not be "corrected" into a vocabulary word.
    assert meaning_of("feed").term is None
    assert meaning_of("post").term is None
    assert classify_label("Posts")[0] == K.OTHER


def test_shape_decides_when_the_label_does_not():
    assert classify_label("", "cylinder") == (K.DATABASE, Layer.STORAGE)
    assert classify_label("Users", "cylinder")[0] == K.DATABASE
    assert classify_label("Orders", "cylinder")[0] == K.DATABASE
    assert classify_label("Kafka", "cylinder")[0] == K.QUEUE  # a named technology beats the shape
    assert classify_label("Redis", "cylinder")[0] == K.CACHE


def test_layers_follow_role():
    assert classify_label("Ingestion service")[1] == Layer.INGESTION
    assert classify_label("Query service")[1] == Layer.SERVING
    assert classify_label("Prometheus")[1] == Layer.CROSS_CUTTING
    assert classify_label("Cassandra")[1] == Layer.STORAGE
    assert classify_label("Flink")[1] == Layer.PROCESSING


def test_lookup_reports_technology_and_distribution():
    found = meaning_of("Timeline Cache (Redis)")
    assert found.term == "timeline cache" and found.technology == "redis"
    assert not found.distributed
    assert meaning_of("DynamoDB").distributed
    assert meaning_of("S3 media bucket").distributed


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("TTL 30s", "ttl", "TTL 30s"),
        ("expires after 5 min", "ttl", "expires after 5 min"),
        ("LRU", "eviction", "LRU"),
        ("maxmemory 4gb", "eviction", "maxmemory 4gb"),
        ("x3", "replicas", 3),
        ("3 replicas", "replicas", 3),
        ("replicas: 5", "replicas", 5),
        ("primary/replica", "replicated", True),
        ("16 shards", "shards", 16),
        ("sharded by user_id", "sharded", True),
        ("max 10k messages", "bounded", True),
        ("DLQ after 5 retries", "bounded", True),
        ("Redis wins on conflict", "priority", "wins"),
        ("last write wins", "priority", "last write wins"),
        ("strongly consistent", "consistency", "CP"),
        ("read (AP)", "consistency", "AP"),
    ],
)
def test_note_facts(text, field, value):
    assert getattr(read_facts("box", [text]), field) == value


def test_no_facts_in_a_plain_label():
    facts = read_facts("Pricing cache")
    assert facts.ttl is None and facts.eviction is None and not facts.replicated
    assert not facts.bounded and facts.priority is None and facts.consistency is None
