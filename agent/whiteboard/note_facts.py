"""Facts read from a box's label and notes: TTL, eviction, replicas, shards, bounds, priority.

People write these the way they talk ("TTL 30s", "LRU", "x3", "3 replicas", "sharded by user",
"max 10k msgs", "Redis wins on conflict"), so this is a handful of forgiving patterns rather than
a grammar. An analyzer asks `component.facts.ttl`, never greps labels itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TTL = re.compile(
    r"\bttl\b[^,;]*|\bexpir(?:y|es|e|ation|ed)\b[^,;]*|\btime[- ]to[- ]live\b[^,;]*|"
    r"\bstale after\b[^,;]*|\b(?:set|setex)\b[^,;]*\bex\s+\d+[^,;]*|\b(?-i:EX)\s+\d+[^,;]*|\bpx\s+\d+|"
    r"\bexpira\w*[^,;]*|\bcaduc\w*|\bablauf\w*[^,;]*|\bverf[äa]ll\w*[^,;]*|\bl[äa]uft\b[^,;]*\bab\b|过期[^,;]*|有效期[^,;]*|期限[^,;]*|有効期限[^,;]*",
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
    r"\b(?:replica(?:s|ted|tion|te|ting)?|r[ée]plicas?|replicad\w*|replica[çc][ãa]o|replik\w*|"
    r"replicaci[óo]n|secondar(?:y|ies)|followers?|mirror\w*|replica set|"
    r"primary[ /-](?:replica|secondary|standby)|"
    r"leader[ /-]follower|master[ /-](?:slave|replica)|standby|fail-?over|multi[- ]?(?:az|region)"
    r"|\bha\b|high(?:ly)? availab\w*|cluster(?:ed)?|quorum|raft|paxos|active[- ]active|"
    r"active[- ]passive|sentinel|auto[- ]?scal\w*|fleet|pool|local|in[- ]process|embedded|sidecar|"
    r"per[- ](?:node|host|instance|pod|server)|one per [\w-]+|any node|every node|pods|"
    r"workers|fleet|~\d+(?:\.\d+)?k\+?\s+\w+|[x×]\s*n|n\s*[x×]|rf\s*[:=]\s*[2-9]|n\s*=\s*[2-9])\b|"
    r"副本|复制|主从|備份|レプリカ|冗長",
    re.I,
)
_SINGLE = re.compile(
    r"\b(?:single(?:[- ]instance| node| server| box| host| vm| machine| ec2\w*| pod)|"
    r"(?:1|one) (?:vm|instance|node|server|box|host|machine|pod)|no replicas?|"
    r"no (?:redundancy|failover|ha)|unreplicated|instância única|instancia única|"
    r"(?:eine|einzelne) instanz|einzelinstanz|keine replik\w*)\b",
    re.I,
)
_SHARD_COUNT = re.compile(
    rf"{_COUNT}\s*(?:shards?|partitions?)\b|\b(?:shards?|partitions?)\s*[:=]?\s*{_COUNT}\b", re.I
)
_SHARDED = re.compile(
    r"\b(?:shard(?:s|ed|ing)?|partition(?:s|ed|ing)?(?: key)?|consistent hash\w*|hash ring|"
    r"vitess|citus|range[- ]partition\w*|split by|particionad\w*|fragmentad\w*|"
    r"partici[óo]n\w*|partitioni\w*|vnodes?)\b|分区|分片|分割|シャード|パーティション",
    re.I,
)
_BOUNDED = re.compile(
    r"x-max-length\w*|retention\.\w+|\b(?:limite|l[ií]mite|cap(?:ped)?\s*(?:at\s*)?[:=]?\s*\d[\w.]*|"
    r"\d[\w.]*\s*(?:gb|tb|mb)\s*cap|block(?:s|ing)? when full|reject[- ]publish|overflow\b|"
    r"producers? blocks?|max[- ]?len\w*)|上限|容量|"
    r"\b(?:bounded|begrenzt\w*|h[öo]chstens\s+\d[\w.]*|"
    r"max(?:imum|imal|\.)?(?: size| depth| length| len)?\s*[:=]?\s*\d[\w.]*|"
    r"retention[^,;]*|dlq|dead[- ]letter\w*|back-?pressure|capacity\s*[:=]?\s*\d[\w.]*|"
    r"depth limit|size limit|limit(?:ed)? to \d[\w.]*|drop (?:oldest|newest)|load shedding|"
    r"ttl\b[^,;]*)",
    re.I,
)
_UNBOUNDED = re.compile(
    r"\b(?:no|without|missing|unbounded|unlimited|infinite)\b[^,;]*?"
    r"\b(?:limit|bound|cap|max\w*|retention|dlq|backpressure)\w*(?:\s+\w+)?",
    re.I,
)
_PRIORITY = re.compile(
    r"\b(?:priority|prio|wins?|source of truth|authoritative|last[- ]writ(?:e|er)[- ]wins|lww|"
    r"crdts?|vector clocks?|conflict resolution|conflicts?\s*:[^,;]*|on conflict[^,;]*|"
    r"fail[- ](?:open|closed)|quorum|r\s*\+\s*w\s*>\s*n|version vectors?|lamport|"
    r"newest wins|latest wins|timestamp wins|merge (?:rule|policy))\b",
    re.I,
)
_CONSISTENCY = re.compile(
    r"\b(?:(ap)|(cp)|(strong(?:ly)?[- ]consisten\w*|linearizab\w*|serializab\w*|"
    r"(?:stark|streng)[- ]konsistent\w*|fuertemente consistente)|"
    r"(eventual(?:ly)?[- ]consisten\w*|eventual|eventuell\w*|letztendlich konsistent\w*))\b",
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
    single: str | None = None
    """Single-instance wording as written ("single EC2 box", "(1 VM)")."""


def read_facts(label: str, notes: tuple[str, ...] | list[str] = ()) -> NoteFacts:
    """Read the facts from a label and its notes (notes win where both say something)."""
    text = " ; ".join([label, *notes])
    replicas = _first_int(_REPLICA_COUNT, text)
    shards = _first_int(_SHARD_COUNT, text)
    return NoteFacts(
        ttl=_match(_TTL, text),
        eviction=_match(_EVICTION, text),
        replicas=replicas,
        # "no replicas" says the opposite of "replicas"
        replicated=(replicas is not None and replicas > 1)
        or bool(_REPLICATED.search(_SINGLE.sub(" ", text))),
        shards=shards,
        sharded=(shards is not None and shards > 1) or bool(_SHARDED.search(text)),
        bounded=bool(_BOUNDED.search(_UNBOUNDED.sub(" ", text))),
        priority=_match(_PRIORITY, text),
        consistency=consistency_of(text),
        single=_match(_SINGLE, text),
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


_SCALE = re.compile(
    r"(?<![\w.])\d[\d,.]*\s*(?:m|b|bn|million|billion|mil|milhões|millones|億|万)\+?\s*"
    r"(?:/\s*\w+\s*)?(?:dau|mau|daily active users|users?|pages?|orders?|requests?|writes?|"
    r"reads?|messages?|msgs?|events?|photos?|posts?|urls?|links?|videos?|uploads?|rows?|"
    r"records?|clicks?|rides?|trips?|payments?|transactions?|tx|docs?|documents?|devices?|"
    r"accounts?|keys?|items?|products?|files?)\b"
    r"|(?<![\w.])\d[\d,.]*\s*k\+?\s*(?:\w+\s*)?(?:/\s*(?:s|sec|second|min|minute)\b|qps|rps|tps|"
    r"writes?/s|per (?:second|minute))"
    r"|(?<![\w.])\d[\d,.]*\s*(?:tb|pb)\b",
    re.I,
)


def scale_in(text: str) -> str | None:
    """A written scale an unsharded database would not survive ("300M DAU", "50k orders/min",
    "1B pages / month", "40 TB"), as written; None when the text states none."""
    return _match(_SCALE, text)
