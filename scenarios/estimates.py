"""Recompute a scenario's reference estimates with the estimation calculator.

The expected strings in the data files are what a candidate would say ("35,000 per second");
this module is what keeps them honest: each expression is evaluated over the scale inputs and
the earlier estimates, and compared with the parsed expected value within the tolerance.
`estimation` is imported on first use so `import scenarios` stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from scenarios.model import ReferenceEstimate, Scenario

if TYPE_CHECKING:
    from estimation.quantity import Quantity


@dataclass(frozen=True)
class EstimateResult:
    """One reference estimate, recomputed."""

    estimate: ReferenceEstimate
    computed: Quantity | None
    """None when the expression or an input did not evaluate."""
    expected: Quantity | None
    error: str = ""
    """Why it disagrees or did not evaluate; empty when it agrees."""

    @property
    def ok(self) -> bool:
        return not self.error


def scale_quantities(scenario: Scenario) -> dict[str, Quantity]:
    """The scale inputs parsed into quantities; raises ValueError naming the bad input."""
    _, parse_quantity = _calculator()
    values: dict[str, Quantity] = {}
    for name, text in scenario.scale.items():
        try:
            values[name] = parse_quantity(text)
        except ValueError as error:
            raise ValueError(f"scale {name!r} = {text!r}: {error}") from error
    return values


def compute_estimates(scenario: Scenario) -> list[EstimateResult]:
    """Every reference estimate in order; later ones may use earlier ones' names."""
    evaluate, parse_quantity = _calculator()
    results: list[EstimateResult] = []
    try:
        variables: dict[str, Quantity] = scale_quantities(scenario)
    except ValueError as error:
        return [EstimateResult(e, None, None, str(error)) for e in scenario.reference_estimates]
    for estimate in scenario.reference_estimates:
        try:
            expected = parse_quantity(estimate.expected)
        except ValueError as error:
            results.append(EstimateResult(estimate, None, None, f"expected: {error}"))
            continue
        try:
            computed = evaluate(estimate.expression, variables)
        except ValueError as error:
            results.append(EstimateResult(estimate, None, expected, f"expression: {error}"))
            continue
        variables[estimate.name] = computed
        results.append(
            EstimateResult(
                estimate, computed, expected, _disagreement(estimate, computed, expected)
            )
        )
    return results


def _calculator():
    """(evaluate, parse_quantity) from `estimation`, imported on first use."""
    from estimation import evaluate, parse_quantity

    return evaluate, parse_quantity


def _disagreement(estimate: ReferenceEstimate, computed: Quantity, expected: Quantity) -> str:
    if computed.dimension != expected.dimension:
        return f"computed {computed.unit} but expected {expected.unit}"
    if expected.value == 0:
        return "" if computed.value == 0 else f"computed {computed.value:g}, expected 0"
    off = abs(computed.value - expected.value) / abs(expected.value)
    if off > estimate.tolerance:
        return (
            f"computed {computed.value:.4g} {computed.unit}, expected {estimate.expected!r} "
            f"({off:.0%} off, tolerance {estimate.tolerance:.0%})"
        )
    return ""
