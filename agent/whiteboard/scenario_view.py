"""What the analyzers and the score table need from a scenario, read once and cached.

The scenario library (`scenarios.Scenario`) is the source; this view keeps only the expected
components, the per-operation consistency models and the scale figures that decide whether one
database node is enough. Everything here also works with no scenario at all.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from agent.whiteboard.kinds import ComponentKind

_POPULATION_WORDS = ("user", "device", "account", "customer", "subscriber", "member", "rider")
_PER_UNIT_WORDS = ("per_node", "per_worker", "per_shard", "per_partition", "per_server", "ops_per")


@dataclass(frozen=True)
class ExpectedBox:
    """A box the scenario expects, with every name that counts as drawing it (lower case)."""

    kind: ComponentKind
    label: str
    critical: bool
    names: tuple[str, ...]
    purpose: str = ""


@dataclass(frozen=True)
class Operation:
    """One operation and the side of CAP it needs ("Update surge", "CP")."""

    name: str
    model: str


@dataclass(frozen=True)
class ScaleFigure:
    """A scale figure that matters for one database node, as value + how to say it."""

    name: str
    value: float
    spoken: str


@dataclass(frozen=True)
class ScenarioView:
    """The scenario as the whiteboard analyzers see it."""

    id: str | None = None
    title: str = ""
    expected: tuple[ExpectedBox, ...] = ()
    operations: tuple[Operation, ...] = ()
    peak_writes: ScaleFigure | None = None
    """Peak write-ish rate per second (an estimate of kind `peak`, or a scale named *write*)."""
    storage: ScaleFigure | None = None
    """Largest stored data in bytes before replication."""
    population: ScaleFigure | None = None
    """Users/devices/accounts, as a plain count."""

    @property
    def present(self) -> bool:
        return self.id is not None


NO_SCENARIO = ScenarioView()
_CACHE: OrderedDict[int, tuple[Any, ScenarioView]] = OrderedDict()


def scenario_view(scenario: Any) -> ScenarioView:
    """A view of a `scenarios.Scenario` (or None → the empty view). Cached per object."""
    if scenario is None:
        return NO_SCENARIO
    if isinstance(scenario, ScenarioView):
        return scenario
    key = id(scenario)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is scenario:
        return hit[1]
    view = _build(scenario)
    _CACHE[key] = (scenario, view)
    if len(_CACHE) > 16:
        _CACHE.popitem(last=False)
    return view


def _build(scenario: Any) -> ScenarioView:
    expected = []
    for item in getattr(scenario, "components", ()) or ():
        try:
            kind = ComponentKind(getattr(item, "kind", "other"))
        except ValueError:
            kind = ComponentKind.OTHER
        label = str(getattr(item, "label", "") or kind.value)
        aliases = tuple(str(a) for a in getattr(item, "aliases", ()) or ())
        expected.append(
            ExpectedBox(
                kind,
                label,
                bool(getattr(item, "critical", False)),
                tuple(n.lower() for n in (label, *aliases)),
                str(getattr(item, "purpose", "") or ""),
            )
        )
    operations = tuple(
        Operation(str(op.operation), str(op.model).upper())
        for op in getattr(scenario, "consistency", ()) or ()
    )
    peak, storage, population = _scale(scenario)
    return ScenarioView(
        str(getattr(scenario, "id", "scenario")),
        str(getattr(scenario, "title", "") or ""),
        tuple(expected),
        operations,
        peak,
        storage,
        population,
    )


def _scale(scenario: Any) -> tuple[ScaleFigure | None, ScaleFigure | None, ScaleFigure | None]:
    """Peak writes, storage and population from scale inputs and recomputed estimates."""
    values: list[tuple[str, str, Any]] = []  # (name, estimate kind, quantity)
    try:
        from scenarios import compute_estimates, scale_quantities

        for name, quantity in scale_quantities(scenario).items():
            values.append((name, "scale", quantity))
        for result in compute_estimates(scenario):
            if result.computed is not None:
                values.append((result.estimate.name, result.estimate.kind, result.computed))
    except (ImportError, ValueError, TypeError, AttributeError):
        return None, None, None
    peak = storage = population = None
    for name, kind, quantity in values:
        lowered = name.lower()
        if any(word in lowered for word in _PER_UNIT_WORDS):
            continue
        unit = getattr(quantity, "unit", "")
        value = float(getattr(quantity, "value", 0.0))
        if unit == "per second" and (kind == "peak" or "write" in lowered):
            peak = _bigger(peak, name, value, quantity)
        elif unit == "bytes" and kind == "storage" and "replicat" not in lowered:
            storage = _bigger(storage, name, value, quantity)
        elif unit == "" and any(word in lowered for word in _POPULATION_WORDS):
            population = _bigger(population, name, value, quantity)
    return peak, storage, population


def _bigger(current: ScaleFigure | None, name: str, value: float, quantity: Any) -> ScaleFigure:
    if current is not None and current.value >= value:
        return current
    return ScaleFigure(name, value, _say(quantity))


def _say(quantity: Any) -> str:
    try:
        from estimation.formatting import format_quantity

        return format_quantity(quantity)
    except (ImportError, ValueError, TypeError):
        return f"{quantity.value:,.0f} {quantity.unit}".strip()
