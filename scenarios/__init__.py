"""The scenario library: interview briefs with facts, reference estimates and probes."""
