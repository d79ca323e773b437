"""The conservative vs aggressive estimation matrix an interviewer lays out.

For the assumptions in play (peak multiplier, payload size, retention, replication factor) it
puts a conservative column (the candidate's own numbers, or lean defaults) next to an
aggressive one (what a cautious operator would provision for) and shows what each choice does
downstream: peak QPS, peak bandwidth, storage.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from estimation.formatting import format_number, format_quantity
from estimation.quantity import DATA, RATE, TIME, Quantity
from estimation.units import DAY


@dataclass(frozen=True)
class Assumptions:
    """One column of the matrix."""

    peak_multiplier: float = 3.0
    payload: Quantity = Quantity(1000.0, DATA)
    retention: Quantity = Quantity(7 * DAY, TIME)
    replication: float = 2.0


AGGRESSIVE = Assumptions(10.0, Quantity(4000.0, DATA), Quantity(90 * DAY, TIME), 3.0)


@dataclass(frozen=True)
class TradeoffRow:
    """One line: a knob or a downstream figure under both columns."""

    metric: str
    conservative: Quantity
    aggressive: Quantity
    tradeoff: str
    """What each side costs, as an interviewer would say it."""
    derived: bool = False
    """True for downstream rows (peak QPS, bandwidth, storage) rather than knobs."""

    def to_dict(self) -> dict[str, object]:
        return {
            "metric": self.metric,
            "conservative": self.conservative.to_dict(),
            "aggressive": self.aggressive.to_dict(),
            "conservative_text": _say(self.metric, self.conservative),
            "aggressive_text": _say(self.metric, self.aggressive),
            "tradeoff": self.tradeoff,
            "derived": self.derived,
        }


def _say(metric: str, q: Quantity) -> str:
    if metric in ("Peak multiplier", "Replication factor"):
        return f"{format_number(q.value)}x"
    return format_quantity(q)


def aggressive_for(conservative: Assumptions) -> Assumptions:
    """A cautious operator's column relative to the candidate's: never below the defaults."""
    return Assumptions(
        max(conservative.peak_multiplier * 2, AGGRESSIVE.peak_multiplier),
        Quantity(max(conservative.payload.value * 4, AGGRESSIVE.payload.value), DATA),
        Quantity(max(conservative.retention.value * 3, AGGRESSIVE.retention.value), TIME),
        max(conservative.replication + 1, AGGRESSIVE.replication),
    )


def tradeoff_matrix(
    average_rate: Quantity,
    conservative: Assumptions | None = None,
    aggressive: Assumptions | None = None,
) -> list[TradeoffRow]:
    """Rows for the knobs and their downstream effect, given the average request rate."""
    if average_rate.dimension != RATE:
        raise ValueError("average_rate must be a rate (per second)")
    low = conservative or Assumptions()
    high = aggressive or aggressive_for(low)

    def downstream(a: Assumptions) -> tuple[Quantity, Quantity, Quantity]:
        peak = average_rate * a.peak_multiplier
        bandwidth = peak * a.payload
        storage = average_rate * a.retention * a.payload * a.replication
        return peak, bandwidth, storage

    lp, lb, ls = downstream(low)
    hp, hb, hs = downstream(high)
    return [
        TradeoffRow(
            "Peak multiplier",
            Quantity(low.peak_multiplier),
            Quantity(high.peak_multiplier),
            "Over-provisioning cost vs. risk of dropping requests in a spike",
        ),
        TradeoffRow(
            "Payload size",
            low.payload,
            high.payload,
            "Bandwidth and storage cost vs. room for richer payloads",
        ),
        TradeoffRow(
            "Retention",
            low.retention,
            high.retention,
            "Storage cost vs. analytics, audit and replay capability",
        ),
        TradeoffRow(
            "Replication factor",
            Quantity(low.replication),
            Quantity(high.replication),
            "Availability and durability vs. storage overhead",
        ),
        TradeoffRow("Peak QPS", lp, hp, "Servers and cache nodes to provision", True),
        TradeoffRow("Peak bandwidth", lb, hb, "Network egress and NIC headroom", True),
        TradeoffRow("Storage", ls, hs, "Disks, and how long backups and rebuilds take", True),
    ]


def with_overrides(base: Assumptions, **changes: object) -> Assumptions:
    """A column with some knobs changed (`peak_multiplier=5`)."""
    return replace(base, **changes)  # type: ignore[arg-type]
