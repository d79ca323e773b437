"""The estimation engine fed one candidate turn at a time, as the interviewer feeds it: the
claims of the last turn, or the one on a given figure."""

from __future__ import annotations

from estimation import EstimationSession
from estimation.report import ClaimCheck


def claims_after(*lines: str) -> list[ClaimCheck]:
    """The claims of the last turn after feeding every turn in order."""
    session = EstimationSession()
    claims: list[ClaimCheck] = []
    for line in lines:
        claims = list(session.add(line).claims)
    return claims


def claim_for(figure: str, *lines: str) -> ClaimCheck:
    """The claim on `figure` in the last turn after feeding every turn in order."""
    text = lines[-1]
    found = [c for c in claims_after(*lines) if figure in text[c.start : c.end]]
    assert found, f"no claim for {figure!r}"
    return found[0]
