"""Reference numbers with sources, and capacity findings that contradict them.

The knowledge base (`data/reference_numbers.json`) holds ballpark limits an interviewer quotes:
one Redis node ~100K ops/s, a Kafka partition ~10 MB/s, DynamoDB 40K RCU/WCU per table and
3,000 RCU / 1,000 WCU per partition, PostgreSQL on one primary, latency numbers every programmer
should know, NIC and disk bandwidth. It is loaded on first use, so importing `estimation` stays
fast. `capacity_findings` turns "one Redis node for 1M ops/s" into a finding.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from estimation.calculator import parse_quantity
from estimation.formatting import format_number, format_quantity
from estimation.operand import Operand
from estimation.quantity import BANDWIDTH, COUNT, RATE, Quantity
from estimation.report import Finding
from estimation.tokens import Token

UNIT_WORDS = {
    "node": "node",
    "nodes": "node",
    "instance": "node",
    "instances": "node",
    "server": "node",
    "servers": "node",
    "machine": "node",
    "machines": "node",
    "box": "node",
    "boxes": "node",
    "primary": "node",
    "shard": "shard",
    "shards": "shard",
    "partition": "partition",
    "partitions": "partition",
    "broker": "broker",
    "brokers": "broker",
    "table": "table",
    "tables": "table",
    "prefix": "prefix",
    "prefixes": "prefix",
    "disk": "disk",
    "disks": "disk",
    "drive": "disk",
    "drives": "disk",
    "cluster": "node",
}
# A shard of a sharded store is one node's worth of capacity.
_SAME_AS_NODE = {"shard", "node", "broker", "server"}


@dataclass(frozen=True)
class ReferenceNumber:
    """One ballpark figure with where it comes from."""

    id: str
    technology: str
    aliases: tuple[str, ...]
    metric: str
    value: Quantity
    spoken: str
    """The figure as written in the data file ("100,000 per second")."""
    per: str
    """What one unit of capacity is: node, partition, table, shard, disk; empty for latencies."""
    applies_to: str
    """"read", "write" or "" (both)."""
    capacity: bool
    """Whether capacity findings use it."""
    note: str
    source_title: str
    source_url: str

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "technology": self.technology,
            "metric": self.metric,
            "value": self.value.to_dict(),
            "spoken": self.spoken,
            "per": self.per,
            "note": self.note,
            "source": {"title": self.source_title, "url": self.source_url},
        }


@functools.cache
def reference_numbers() -> tuple[ReferenceNumber, ...]:
    """Every reference number (loaded once from the bundled JSON file)."""
    import json
    import os

    path = os.path.join(os.path.dirname(__file__), "data", "reference_numbers.json")
    with open(path, encoding="utf-8") as handle:
        raw = json.load(handle)
    return tuple(
        ReferenceNumber(
            id=item["id"],
            technology=item["technology"],
            aliases=tuple(a.lower() for a in item.get("aliases", ())),
            metric=item["metric"],
            value=parse_quantity(item["value"]),
            spoken=item["value"],
            per=item.get("per", ""),
            applies_to=item.get("applies_to", ""),
            capacity=bool(item.get("capacity", False)),
            note=item.get("note", ""),
            source_title=item["source"]["title"],
            source_url=item["source"]["url"],
        )
        for item in raw["numbers"]
    )


def lookup(term: str) -> list[ReferenceNumber]:
    """Reference numbers whose id, technology, alias or metric mentions `term` ("redis",
    "dynamodb partition", "disk seek")."""
    words = term.lower().split()
    out = []
    for ref in reference_numbers():
        hay = " ".join((ref.id, ref.technology.lower(), ref.metric.lower(), *ref.aliases))
        if words and all(w in hay for w in words):
            out.append(ref)
    return out


def get(ref_id: str) -> ReferenceNumber:
    """One reference number by id; KeyError names the id."""
    for ref in reference_numbers():
        if ref.id == ref_id:
            return ref
    raise KeyError(f"no reference number {ref_id!r}")


@functools.cache
def _aliases() -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    """First words of every capacity alias (a quick filter) and (alias, technology) pairs."""
    pairs = tuple(
        (f" {alias} ", ref.technology)
        for ref in reference_numbers()
        if ref.capacity
        for alias in ref.aliases
    )
    return frozenset(a.split()[0] for a, _ in pairs), pairs


def _technology(words: list[str]) -> str | None:
    firsts, pairs = _aliases()
    if firsts.isdisjoint(words):
        return None
    joined = f" {' '.join(words)} "
    best: tuple[int, str] | None = None
    for alias, technology in pairs:
        at = joined.find(alias)
        if at >= 0 and (best is None or at < best[0]):
            best = (at, technology)
    return best[1] if best else None


def _limit(technology: str, unit: str, load: Quantity, words: set[str]) -> ReferenceNumber | None:
    direction = (
        "write"
        if words & {"write", "writes", "wcu", "insert", "inserts", "produce", "ingest"}
        else "read"
        if words & {"read", "reads", "rcu", "lookups", "get", "gets", "queries"}
        else ""
    )
    best = None
    for ref in reference_numbers():
        if ref.technology != technology or not ref.capacity:
            continue
        if ref.value.dimension != load.dimension:
            continue
        if ref.per != unit and not (ref.per in _SAME_AS_NODE and unit in _SAME_AS_NODE):
            continue
        if direction and ref.applies_to and ref.applies_to != direction:
            continue
        # without a direction, judge by the more generous figure
        if best is None or ref.value.value > best.value.value:
            best = ref
    return best


def _count(toks: list[Token]) -> tuple[float, str] | None:
    """The capacity the sentence settles on: "10 Redis shards", "one node", "a single
    Postgres instance" -> (count, unit). The last one wins: "a single node does 100K, so we
    need ten shards" settles on ten."""
    found: list[tuple[float, str]] = []
    for i, tok in enumerate(toks):
        if tok.kind == "qty" and tok.quantity is not None and tok.bare:
            for nxt in toks[i + 1 : i + 4]:
                if nxt.kind != "word":
                    break
                unit = UNIT_WORDS.get(nxt.words[0])
                if unit:
                    found.append((tok.quantity.value, unit))
                    break
        if tok.kind == "word" and tok.words[0] in ("single", "lone"):
            unit = next(
                (
                    UNIT_WORDS[t.words[0]]
                    for t in toks[i + 1 : i + 4]
                    if t.kind == "word" and t.words[0] in UNIT_WORDS
                ),
                "node",
            )
            found.append((1.0, unit))
    return found[-1] if found else None


def capacity_findings(toks: list[Token], sentence: str, pool: list[Operand]) -> list[Finding]:
    """Findings for capacity claims in one sentence that the reference numbers contradict."""
    words = [w for t in toks if t.kind in ("word", "var") for w in t.text.lower().split()]
    if not words:
        return []
    technology = _technology(words)
    if technology is None:
        return []
    counted = _count(toks)
    if counted is None:
        return []
    count, unit = counted
    loads = [t.quantity for t in toks if t.kind == "qty" and t.quantity is not None]
    loads = [q for q in loads if q.dimension in (RATE, BANDWIDTH)]
    if not loads:
        recent = reversed(pool[-5:])
        loads = [op.quantity for op in recent if op.quantity.dimension in (RATE, BANDWIDTH)][:1]
    findings = []
    for load in loads:
        ref = _limit(technology, unit, load, set(re.findall(r"[a-z]+", sentence.lower())))
        if ref is None or count <= 0 or ref.value.value <= 0:
            continue
        if load.value == ref.value.value * count or load.dimension == COUNT:
            continue
        needed = load.value / ref.value.value
        if count * 1.15 >= needed:
            continue
        at_least = math.ceil(needed - 1e-9)
        findings.append(
            Finding(
                "capacity_exceeded",
                f"A single {technology} {ref.per or unit} does about "
                f"{format_quantity(ref.value)} ({ref.metric}), so {format_quantity(load)} "
                f"needs at least {format_number(at_least)} {_plural(ref.per or unit, at_least)}, "
                f"not {format_number(count)}.",
                "warning",
                sentence.strip(),
                ref.id,
                ref.source_url,
            )
        )
        break
    return findings


def _plural(unit: str, n: float) -> str:
    return unit if n == 1 else ("prefixes" if unit == "prefix" else f"{unit}s")
