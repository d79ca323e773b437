"""Facts read from a box's label and notes: TTL, eviction, replicas, shards, bounds, priority.

People write these the way they talk ("TTL 30s", "LRU", "x3", "3 replicas", "sharded by user",
"max 10k msgs", "Redis wins on conflict"), so this is a handful of forgiving patterns rather than
a grammar. An analyzer asks `component.facts.ttl`, never greps labels itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TTL = re.compile(
    r"\bttl\b[^,;]*|\bexpir(?:y|es|e|ation)\b[^,;]*|\btime[- ]to[- ]live\b[^,;]*|"
    r"\bstale after\b[^,;]*",
    re.I,
)
_EVICTION = re.compile(
    r"\b(?:lru|lfu|mru|arc|evict(?:ion|s)?(?: policy)?|allkeys-\w+|volatile-\w+|maxmemory\b"
    r"[^,;]*|memory limit[^,;]*)",
    re.I,
)
_COUNT = r"(\d{1,4})"
_REPLICA_COUNT = re.compile(
    rf"{_COUNT}\s*(?:x\s*)?(?:replicas?|instances?|nodes?|copies|servers?|pods?|brokers?|hosts?)\b|"
    rf"\b(?:replicas?|instances?|nodes?|rf|replication factor)\s*[:=]?\s*{_COUNT}\b|"
    rf"(?:^|[\s(\[])[x×]\s*{_COUNT}\b|\b{_COUNT}\s*[x×](?=[\s)\]]|$)",
    re.I,
)
_REPLICATED = re.compile(
    r"\b(?:replica(?:s|ted|tion)?|primary[ /-](?:replica|secondary|standby)|"
    r"leader[ /-]follower|master[ /-](?:slave|replica)|standby|fail-?over|multi[- ]?(?:az|region)"
    r"|\bha\b|high(?:ly)? availab\w*|cluster(?:ed)?|quorum|raft|paxos|active[- ]active|"
    r"active[- ]passive|sentinel|auto[- ]?scal\w*|fleet|pool|local|in[- ]process|embedded|sidecar|"
    r"per[- ](?:node|host|instance|pod|server))\b",
    re.I,
)
_SHARD_COUNT = re.compile(
    rf"{_COUNT}\s*(?:shards?|partitions?)\b|\b(?:shards?|partitions?)\s*[:=]?\s*{_COUNT}\b", re.I
)
_SHARDED = re.compile(
    r"\b(?:shard(?:s|ed|ing)?|partition(?:s|ed|ing)?(?: key)?|consistent hash\w*|hash ring|"
    r"vitess|citus|range[- ]partition\w*|split by)\b",
    re.I,
)
_BOUNDED = re.compile(
    r"\b(?:bounded|max(?:imum)?(?: size| depth| length| len)?\s*[:=]?\s*\d[\w.]*|"
    r"retention[^,;]*|dlq|dead[- ]letter\w*|back-?pressure|capacity\s*[:=]?\s*\d[\w.]*|"
    r"depth limit|size limit|limit(?:ed)? to \d[\w.]*|drop (?:oldest|newest)|load shedding|"
    r"ttl\b[^,;]*)",
    re.I,
)
_PRIORITY = re.compile(
    r"\b(?:priority|prio|wins?|source of truth|authoritative|last[- ]writ(?:e|er)[- ]wins|lww|"
    r"crdts?|vector clocks?|conflict resolution|on conflict[^,;]*|fail[- ](?:open|closed))\b",
    re.I,
)
_CONSISTENCY = re.compile(
    r"\b(?:(ap)|(cp)|(strong(?:ly)?[- ]consisten\w*|linearizab\w*|serializab\w*)|"
    r"(eventual(?:ly)?[- ]consisten\w*|eventual))\b",
    re.I,
)


@dataclass(frozen=True)
class NoteFacts:
    """What the candidate wrote about a component, beyond its name."""

    ttl: str | None = None
    """The TTL/expiry text as written, e.g. "TTL 30s"."""
    eviction: str | None = None
    """The eviction policy as written, e.g. "LRU"."""
    replicas: int | None = None
    """An explicit instance count ("x3", "3 replicas"); None when not written."""
    replicated: bool = False
    """Any sign of more than one copy: a count above one, "replicas", "cluster", "multi-AZ"."""
    shards: int | None = None
    sharded: bool = False
    bounded: bool = False
    """For queues: a size/retention/DLQ/backpressure limit is stated."""
    priority: str | None = None
    """For two-way sync: who wins, or how conflicts resolve, as written."""
    consistency: str | None = None
    """"AP" or "CP" when stated (strong consistency reads as CP, eventual as AP)."""


def read_facts(label: str, notes: tuple[str, ...] | list[str] = ()) -> NoteFacts:
    """Read the facts from a label and its notes (notes win where both say something)."""
    text = " ; ".join([label, *notes])
    replicas = _first_int(_REPLICA_COUNT, text)
    shards = _first_int(_SHARD_COUNT, text)
    return NoteFacts(
        ttl=_match(_TTL, text),
        eviction=_match(_EVICTION, text),
        replicas=replicas,
        replicated=(replicas is not None and replicas > 1) or bool(_REPLICATED.search(text)),
        shards=shards,
        sharded=(shards is not None and shards > 1) or bool(_SHARDED.search(text)),
        bounded=bool(_BOUNDED.search(text)),
        priority=_match(_PRIORITY, text),
        consistency=consistency_of(text),
    )


def consistency_of(text: str) -> str | None:
    """ "AP"/"CP" if the text states a consistency model, else None."""
    match = _CONSISTENCY.search(text)
    if not match:
        return None
    return "AP" if match.group(1) or match.group(4) else "CP"


def _match(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0).strip(" ;") if match else None


def _first_int(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    if not match:
        return None
    return int(next(g for g in match.groups() if g))
