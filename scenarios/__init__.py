"""The scenario library: interview briefs with facts, reference estimates, expected components,
per-operation consistency, probes, rubric hints and speech vocabulary.

    from scenarios import load_scenarios
    library = load_scenarios([hotseat_home() / "scenarios"])
    scenario = library.get("notification-system")

`compute_estimates` (which imports `estimation`) recomputes the reference estimates.
"""

from scenarios.estimates import EstimateResult, compute_estimates, scale_quantities
from scenarios.loader import (
    BUNDLED_DIR,
    ScenarioError,
    ScenarioLibrary,
    UnknownScenarioError,
    load_file,
    load_scenarios,
)
from scenarios.model import (
    COMPONENT_KINDS,
    DEFAULT_UNKNOWN_ANSWER,
    PROBE_PLACEHOLDERS,
    RUBRIC_DIMENSIONS,
    ExpectedComponent,
    Fact,
    OperationConsistency,
    Probe,
    ReferenceEstimate,
    Scenario,
)

__all__ = [
    "BUNDLED_DIR",
    "COMPONENT_KINDS",
    "DEFAULT_UNKNOWN_ANSWER",
    "PROBE_PLACEHOLDERS",
    "RUBRIC_DIMENSIONS",
    "EstimateResult",
    "ExpectedComponent",
    "Fact",
    "OperationConsistency",
    "Probe",
    "ReferenceEstimate",
    "Scenario",
    "ScenarioError",
    "ScenarioLibrary",
    "UnknownScenarioError",
    "compute_estimates",
    "load_file",
    "load_scenarios",
    "scale_quantities",
]
