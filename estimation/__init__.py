"""Spoken numbers, quantities with units, claims, the deterministic calculator and its verdicts."""
