"""Acknowledgements that refer to the turn: a corrected number said back ("Right — 36,000 a
second at peak, and 36 MB/s."), a gap covered aloud ("Good — alerting in Prometheus covers
monitoring."), the components just named. A bare "Mm-hm." is only the fallback when the turn
holds nothing concrete to refer to."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import Any

from agent.interviewer.checked_claim import Amount, ClaimRecord
from agent.interviewer.followups import is_correction
from estimation import format_quantity
from scenarios import Scenario

CORRECTED = ("Right — {n}.", "Yes, that's it — {n}.", "Good, {n}.")
NUMBERS = ("Okay, {n}.", "Got it: {n}.", "Right, {n}.", "Noted: {n}.")
COMPONENTS = ("Okay — {c}.", "Got it: {c}.", "Right, {c} — got it.")
COVERED = ("Good — {how} covers {topic}.", "{How} — good, that covers {topic}.")
COVERED_PLAIN = ("Good, that covers {topic}.", "Good, you've covered {topic}.")
ALSO = ("And {how} covers {topic}.", "{How} covers {topic}, too.")
ALSO_PLAIN = ("And that covers {topic}.", "That covers {topic}, too.")
"""After another acknowledgement ("Good: exponential backoff."), without a second "Good"."""
TOPICS = {
    "NO_MONITORING": (
        "monitoring",
        r"monitor\w*|alert\w*|prometheus|grafana|datadog|cloudwatch|metrics|dashboards?|"
        r"observab\w*|pager\w*",
    ),
    "CACHE_NO_TTL": ("expiry", r"\bttls?\b|expir\w*|evict\w*|invalidat\w*"),
    "NO_REPLICATION": ("replication", r"replica\w*|replicat\w*|standby|multi-az"),
    "SPOF": ("failover", r"replica\w*|failover|redundan\w*|standby|active.active"),
}
"""Finding code -> (topic as said back, what the candidate may say that covers it)."""
_TOOLS = re.compile(r"\b(prometheus|grafana|datadog|cloudwatch|pagerduty)\b", re.IGNORECASE)
MAX_ITEMS = 2


def spoken(amount: Amount) -> str:
    """ "36,000 a second", "36 MB/s": a quantity as it is said back."""
    return format_quantity(amount.quantity()).replace(" per second", " a second")


def numbers(
    turn_claims: Sequence[ClaimRecord], fixes: Sequence[Amount], text: str = ""
) -> tuple[bool, list[str]]:
    """(corrected?, the turn's correct results as said back, first the corrected ones)."""
    fixed, plain = [], []
    seen: list[Amount] = []
    for claim in turn_claims:
        if not claim.counts_as_right:
            continue  # only what the engine confirmed is said back as right
        if any(claim.stated.near(amount, 0.03) for amount in seen):
            continue  # "36 gigabytes, about 290 gigabits a second" is one figure said twice
        seen.append(claim.stated)
        said = spoken(claim.stated)
        if re.search(r"\bpeak", _around(claim.text, text), re.IGNORECASE):
            said += " at peak"
        if claim.correction or is_correction(claim.stated, fixes):
            fixed.append(said)
        else:
            plain.append(said)
    return bool(fixed), list(dict.fromkeys(fixed + plain))


def _around(claim_text: str, text: str) -> str:
    """The claim and the few words after it ("36,000 per second at peak": the engine's claim
    text stops at the unit)."""
    at = text.find(claim_text) if claim_text else -1
    return claim_text if at < 0 else text[at : at + len(claim_text) + 12]


def covered_topics(
    text: str, pending: Sequence[str], earlier: Sequence[str] = ()
) -> list[tuple[str, str]]:
    """(topic, how the candidate put it) for pending finding codes this turn covers aloud for
    the first time."""
    out = []
    for code in pending:
        topic, pattern = TOPICS.get(code, ("", ""))
        if not topic or any(t == topic for t, _ in out):
            continue
        if any(re.search(pattern, e, re.IGNORECASE) for e in earlier):
            continue
        if re.search(pattern, text, re.IGNORECASE):
            out.append((topic, _how(code, text)))
    return out


def _how(code: str, text: str) -> str:
    if code != "NO_MONITORING":
        return ""
    tool = _TOOLS.search(text)
    if tool is None:
        return ""
    name = tool.group(1)
    name = name[:1].upper() + name[1:].lower()
    return f"alerting in {name}" if re.search(r"\balert", text, re.IGNORECASE) else name


def covered_line(
    text: str,
    pending: Sequence[str],
    earlier: Sequence[str],
    rng: random.Random,
    also: bool = False,
) -> str | None:
    """ "Good — alerting in Prometheus covers monitoring.", or None; `also` when it follows
    another acknowledgement."""
    topics = covered_topics(text, pending, earlier)
    if not topics:
        return None
    topic, how = topics[0]
    if how:
        frame = rng.choice(ALSO if also else COVERED)
        return frame.format(how=how, How=how[:1].upper() + how[1:], topic=topic)
    return rng.choice(ALSO_PLAIN if also else COVERED_PLAIN).format(topic=topic)


def components(scenario: Scenario, text: str) -> list[str]:
    """Component names as the candidate said them, in the order said (proper names first)."""
    lowered = text.lower()
    found: list[tuple[int, str]] = []
    for component in scenario.components:
        for name in sorted(component.names(), key=len, reverse=True):
            m = re.search(rf"\b{re.escape(name)}\b", lowered)
            if m:
                found.append((m.start(), text[m.start() : m.end()]))
                break
    found.sort()
    names = [n for _, n in found]
    proper = [n for n in names if any(ch.isupper() for ch in n)]
    return list(dict.fromkeys(proper + [n for n in names if n not in proper]))


def acknowledge(
    text: str,
    scenario: Scenario,
    turn_claims: Sequence[dict[str, Any]],
    fixes: Sequence[dict[str, Any]],
    pending: Sequence[str],
    earlier: Sequence[str],
    rng: random.Random,
) -> str | None:
    """One sentence about something concrete in this turn, or None when there is nothing:
    its numbers (a correction first), a pending gap it covers, the components it names."""
    corrected, said = numbers(turn_claims, fixes, text)
    if said:
        frames = CORRECTED if corrected else NUMBERS
        return rng.choice(frames).format(n=_join(said[:MAX_ITEMS], ", and "))
    line = covered_line(text, pending, earlier, rng)
    if line:
        return line
    names = components(scenario, text)
    if names:
        return rng.choice(COMPONENTS).format(c=_join(names[:3], " and "))
    return None


def _join(items: Sequence[str], last: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + last + items[-1]
