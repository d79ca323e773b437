"""What a box on the board is (its kind) and which layer of the system it belongs to."""

from __future__ import annotations

from enum import StrEnum


class ComponentKind(StrEnum):
    """The role of a component; analyzers reason about kinds, never about raw labels."""

    CLIENT = "client"
    DNS = "dns"
    CDN = "cdn"
    LOAD_BALANCER = "load_balancer"
    API_GATEWAY = "api_gateway"
    SERVICE = "service"
    CACHE = "cache"
    DATABASE = "database"
    QUEUE = "queue"
    STREAM_PROCESSOR = "stream_processor"
    BLOB_STORE = "blob_store"
    SEARCH = "search"
    MONITORING = "monitoring"
    AUTH = "auth"
    RATE_LIMITER = "rate_limiter"
    EXTERNAL = "external"
    """A third-party API (Stripe, SendGrid, APNs): not yours to replicate or shard."""
    OTHER = "other"


class Layer(StrEnum):
    """The seed article's decomposition: each layer is scored on its own."""

    INGESTION = "ingestion"
    PROCESSING = "processing"
    STORAGE = "storage"
    SERVING = "serving"
    CROSS_CUTTING = "cross_cutting"


class EdgeMode(StrEnum):
    """Whether the caller waits for the callee (sync) or hands work off (async)."""

    SYNC = "sync"
    ASYNC = "async"


DEFAULT_LAYER: dict[ComponentKind, Layer] = {
    ComponentKind.CLIENT: Layer.INGESTION,
    ComponentKind.DNS: Layer.INGESTION,
    ComponentKind.CDN: Layer.SERVING,
    ComponentKind.LOAD_BALANCER: Layer.INGESTION,
    ComponentKind.API_GATEWAY: Layer.INGESTION,
    ComponentKind.SERVICE: Layer.PROCESSING,
    ComponentKind.CACHE: Layer.SERVING,
    ComponentKind.DATABASE: Layer.STORAGE,
    ComponentKind.QUEUE: Layer.INGESTION,
    ComponentKind.STREAM_PROCESSOR: Layer.PROCESSING,
    ComponentKind.BLOB_STORE: Layer.STORAGE,
    ComponentKind.SEARCH: Layer.SERVING,
    ComponentKind.MONITORING: Layer.CROSS_CUTTING,
    ComponentKind.AUTH: Layer.CROSS_CUTTING,
    ComponentKind.RATE_LIMITER: Layer.CROSS_CUTTING,
    ComponentKind.EXTERNAL: Layer.SERVING,
    ComponentKind.OTHER: Layer.PROCESSING,
}

STORE_KINDS = frozenset({ComponentKind.DATABASE, ComponentKind.BLOB_STORE, ComponentKind.CACHE})
