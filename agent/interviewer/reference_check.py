"""Check what the candidate said against the scenario's reference estimates.

The estimation engine judges arithmetic it can parse. Two things it cannot know are the
scenario's own numbers: a result that is arithmetically fine but ten times what the brief's
inputs give ("peak is 350,000 a second" from an assumed 10 billion a day), and a spoken result
the engine did not read as a claim ("100,000 keys at 24 bytes is 24 MB"). Both are caught here
by recomputing the scenario's reference estimates once and comparing by dimension and inputs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from estimation import Quantity, format_quantity, parse_quantity
from scenarios import Scenario, compute_estimates, scale_quantities

_NAME = re.compile(r"[a-z_][a-z0-9_]*")
_NUMBER_SPAN = re.compile(
    r"(?<![\w.])\d[\d,]*(?:\.\d+)?\s*(?:[kmbt]\b|thousand|million|billion|trillion)?",
    re.IGNORECASE,
)
_RESULT = re.compile(
    r"\b(?:is|are|=|equals|equal to|comes to|comes out to|gives(?: us)?|that's|thats|makes|"
    r"works out to|so)\s+(?:about|roughly|around|approximately|~|like|maybe)?\s*"
    r"(\d[\d,]*(?:\.\d+)?\s*[a-zA-Z/]*(?:\s+(?:per|a|an)\s+[a-z]+)?)",
    re.IGNORECASE,
)
_STOP_TEXT = """per the of a an and at to for if each every about with from into over under one
    second seconds minute minutes hour hours day days month months year years bytes total
    number rate average notifications requests users"""
_STOP = frozenset(_STOP_TEXT.split())


@dataclass(frozen=True)
class Reference:
    """One reference estimate, recomputed."""

    name: str
    kind: str
    description: str
    value: Quantity
    inputs: tuple[tuple[str, str, Quantity], ...]
    """(scale name, as written in the scenario, value) for every scale input it uses directly."""
    direct: bool
    """Every variable in the expression is a scale input (no earlier estimate)."""

    @property
    def spoken(self) -> str:
        return format_quantity(self.value)

    def words(self) -> set[str]:
        text = f"{self.name.replace('_', ' ')} {self.kind} {self.description}".lower()
        return {w for w in re.findall(r"[a-z]+", text) if w not in _STOP and len(w) > 2}


@dataclass(frozen=True)
class Mismatch:
    """A stated number that disagrees with a reference estimate."""

    reference: Reference
    stated: Quantity
    text: str
    """The candidate's words."""
    arithmetic: bool
    """True when the candidate used the brief's own inputs (so it is an arithmetic slip)."""

    @property
    def ratio(self) -> float:
        return self.stated.value / self.reference.value.value if self.reference.value.value else 0


def references(scenario: Scenario) -> list[Reference]:
    """The scenario's reference estimates that evaluate, in file order."""
    try:
        scale = scale_quantities(scenario)
    except ValueError:
        return []
    out: list[Reference] = []
    for result in compute_estimates(scenario):
        if result.computed is None or not result.computed.value:
            continue
        estimate = result.estimate
        names = [n for n in _NAME.findall(estimate.expression.lower()) if n in scale or "_" in n]
        inputs = tuple((n, scenario.scale[n], scale[n]) for n in names if n in scale)
        direct = all(n in scale for n in names) and bool(inputs)
        out.append(
            Reference(
                estimate.name,
                estimate.kind,
                estimate.description,
                result.computed,
                inputs,
                direct,
            )
        )
    return out


def numbers_in(text: str) -> list[float]:
    """Every written number in the text, with K/M/B and thousand/million scales applied."""
    values: list[float] = []
    for match in _NUMBER_SPAN.finditer(text):
        try:
            values.append(parse_quantity(match.group(0).strip()).value)
        except ValueError:
            continue
    return values


def stated_results(text: str) -> list[tuple[Quantity, str]]:
    """Results spoken after "is", "=", "comes to"...: (quantity, the words), longest parse."""
    out: list[tuple[Quantity, str]] = []
    for match in _RESULT.finditer(text):
        words = match.group(1).split()
        for size in range(len(words), 0, -1):
            span = " ".join(words[:size]).rstrip(".,;")
            try:
                out.append((parse_quantity(span), span))
                break
            except ValueError:
                continue
    return out


def _close(a: float, b: float, tolerance: float = 0.01) -> bool:
    return abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-12)


def _applicable(text: str, refs: list[Reference]) -> list[Reference]:
    """Direct reference estimates whose every input the turn states."""
    spoken = numbers_in(text)
    return [
        ref
        for ref in refs
        if ref.direct
        and len(ref.inputs) >= 2
        and all(any(_close(v, q.value) for v in spoken) for _, _, q in ref.inputs)
    ]


def unread_slip(text: str, refs: list[Reference], tolerance: float = 0.15) -> Mismatch | None:
    """A result computed from the brief's own inputs and wrong: every direct input of a
    reference estimate appears in the turn, and no stated result of the same dimension is
    within the tolerance of it."""
    results = stated_results(text)
    if not results:
        return None
    for ref in _applicable(text, refs):
        same = [
            (q, words)
            for q, words in results
            if q.dimension == ref.value.dimension
            and not any(_close(q.value, i.value) for _, _, i in ref.inputs)
        ]
        if not same or any(_within(q, ref.value, tolerance) for q, _ in same):
            continue
        quantity, words = same[0]
        return Mismatch(ref, quantity, words, True)
    return None


def confirms(text: str, stated: Quantity, refs: list[Reference], tolerance: float = 0.15) -> bool:
    """Whether a scenario estimate whose inputs the turn states agrees with `stated`: the
    brief's own arithmetic backs the candidate, whatever a parser made of the sentence."""
    return any(
        ref.value.dimension == stated.dimension and _within(stated, ref.value, tolerance)
        for ref in _applicable(text, refs)
    )


def _within(a: Quantity, b: Quantity, tolerance: float) -> bool:
    return abs(a.value - b.value) <= tolerance * abs(b.value)


def off_reference(
    name: str, stated: Quantity, text: str, refs: list[Reference], factor: float = 2.0
) -> Mismatch | None:
    """A named result (arithmetically fine or unchecked) more than `factor` away from the
    reference estimate it is about: same dimension and a shared meaningful word."""
    words = {w for w in re.findall(r"[a-z]+", f"{name} {text}".lower()) if len(w) > 2}
    words -= _STOP
    same = [ref for ref in refs if ref.value.dimension == stated.dimension]
    if any(abs(stated.value - r.value.value) <= 0.15 * abs(r.value.value) for r in same):
        return None  # it matches one of the brief's estimates: nothing to push back on
    best = max(same, key=lambda r: len(r.words() & words), default=None)
    if best is None or not (best.words() & words):
        return None
    ratio = stated.value / best.value.value
    if ratio > factor or ratio < 1 / factor:
        return Mismatch(best, stated, text, False)
    return None
