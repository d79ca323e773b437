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
    clear_cache,
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
from scenarios.parse_cache import CACHE_FILE, ParseCache

__all__ = [
    "BUNDLED_DIR",
    "CACHE_FILE",
    "COMPONENT_KINDS",
    "DEFAULT_UNKNOWN_ANSWER",
    "PROBE_PLACEHOLDERS",
    "RUBRIC_DIMENSIONS",
    "EstimateResult",
    "ExpectedComponent",
    "Fact",
    "OperationConsistency",
    "ParseCache",
    "Probe",
    "ReferenceEstimate",
    "Scenario",
    "ScenarioError",
    "ScenarioLibrary",
    "UnknownScenarioError",
    "clear_cache",
    "compute_estimates",
    "load_file",
    "load_scenarios",
    "scale_quantities",
]
