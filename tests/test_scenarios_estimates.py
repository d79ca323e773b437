"""Every reference estimate in the library is recomputed by the estimation calculator and must
agree with its stated answer within its tolerance (default ±15%)."""

from __future__ import annotations

import re

import pytest

from scenarios import ReferenceEstimate, Scenario, compute_estimates, load_scenarios

LIBRARY = load_scenarios()


@pytest.mark.parametrize("scenario", list(LIBRARY), ids=lambda s: s.id)
def test_reference_estimates_recompute(scenario: Scenario):
    results = compute_estimates(scenario)
    assert len(results) == len(scenario.reference_estimates) >= 3
    failures = [f"{r.estimate.name}: {r.error}" for r in results if not r.ok]
    assert not failures, "\n".join(failures)
    for result in results:
        assert result.computed is not None and result.expected is not None


def test_every_scale_input_is_used():
    for scenario in LIBRARY:
        used = " ".join(e.expression for e in scenario.reference_estimates)
        unused = [name for name in scenario.scale if not re.search(rf"\b{name}\b", used)]
        assert not unused, f"{scenario.id}: unused scale inputs {unused}"


def _with_estimate(scenario: Scenario, **changes) -> Scenario:
    first = scenario.reference_estimates[0]
    changed = ReferenceEstimate.model_validate(first.model_dump() | changes)
    return scenario.model_copy(
        update={"reference_estimates": (changed, *scenario.reference_estimates[1:])}
    )


def test_a_wrong_expected_value_is_caught():
    scenario = LIBRARY.get("notification-system")
    wrong = _with_estimate(scenario, expected="20,000 per second")
    [first, *_] = compute_estimates(wrong)
    assert not first.ok and "off" in first.error


def test_tolerance_widens_the_check():
    scenario = LIBRARY.get("notification-system")
    loose = _with_estimate(scenario, expected="10,000 per second", tolerance=0.2)
    assert compute_estimates(loose)[0].ok
    assert not compute_estimates(_with_estimate(scenario, expected="10,000 per second"))[0].ok


def test_unit_mismatch_and_bad_expression_are_reported():
    scenario = LIBRARY.get("notification-system")
    assert (
        "expected" in compute_estimates(_with_estimate(scenario, expected="11,574 bytes"))[0].error
    )
    broken = compute_estimates(_with_estimate(scenario, expression="daily_notifications / / 2"))
    assert broken[0].error.startswith("expression")
