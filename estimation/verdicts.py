"""Recompute a claim and compare it with what the candidate said.

Candidates do arithmetic two ways and both are legitimate: with units ("1 billion a day is
11,600 a second") and by hand-converting time ("1 billion a day divided by 86,400", "times 30"
for a month of storage). So an expression is read in SI units and, when the candidate visibly
converts time (a bare 86,400, 24, 3600, 30…) or leaves units out, also "as spoken". A claim is
correct when a legitimate reading lands within the tolerance; a per-day vs per-second slip
cannot hide behind the as-spoken reading because that reading is refused when the time units
do not line up and nothing converts them.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

from estimation.calculator import Node
from estimation.operand import Operand
from estimation.quantity import BANDWIDTH, COUNT, DATA, RATE, TIME, Dimension, Quantity
from estimation.report import CORRECT, INCORRECT, UNCHECKED
from estimation.tokens import Token

Resolve = Callable[[Token], Operand]

_DISPLAY_SCALES: dict[Dimension, tuple[float, ...]] = {
    DATA: (1e18, 1e15, 1e12, 1e9, 1e6, 1e3, 1.0),
    BANDWIDTH: (1e12, 1e9, 1e6, 1e3, 1.0),
    TIME: (365 * 86400.0, 86400.0, 3600.0, 60.0, 1.0, 1e-3),
    RATE: (1.0,),
}


@dataclass(frozen=True)
class Judgement:
    """The verdict on one claim and the numbers behind it."""

    verdict: str
    computed: Quantity | None
    """The recomputed value in the dimension the comparison used."""
    stated: Quantity
    """The stated value in that same dimension (a bare "about 30" read as 30 TB)."""
    reading: str = "si"
    """"si" or "spoken" (hand-converted time)."""

    @property
    def ratio(self) -> float:
        if self.computed is None or not self.computed.value:
            return math.inf
        return self.stated.value / self.computed.value


def within(stated: float, computed: float, tolerance: float) -> bool:
    if computed == 0:
        return stated == 0
    return abs(stated - computed) <= tolerance * abs(computed)


def _rounded_up(stated: Quantity, computed: Quantity) -> bool:
    """3.1 machines means 4: counts of things are rounded up."""
    return (
        stated.dimension == COUNT
        and computed.value > 0
        and stated.value == math.ceil(computed.value - 1e-9)
        and stated.value <= 1000
    )


def _display_scale(q: Quantity) -> float:
    scales = _DISPLAY_SCALES.get(q.dimension, (1.0,))
    for scale in scales:
        if abs(q.value) >= scale * 0.9995:
            return scale
    return scales[-1]


def _line_up(computed: Quantity, stated: Quantity) -> tuple[Quantity, Quantity] | None:
    """Put both in one dimension; a bare number on either side adopts the other's units."""
    if computed.dimension == stated.dimension:
        return computed, stated
    if computed.dimension == COUNT:
        return Quantity(computed.value, stated.dimension), stated
    if stated.dimension == COUNT:
        return computed, Quantity(stated.value * _display_scale(computed), computed.dimension)
    return None


def _periods_left(time_map: dict[str, int]) -> bool:
    """A rate per one period times a span of another left in the spoken figures ({second: -1,
    day: 1}): multiplied as said they give nothing; only in SI do the periods cancel."""
    return any(p > 0 for p in time_map.values()) and any(p < 0 for p in time_map.values())


def _time_map(node: Node, resolve: Resolve) -> dict[str, int] | None:
    if node.op == "leaf":
        assert node.token is not None
        return dict(resolve(node.token).time_units)
    assert node.left is not None
    left = _time_map(node.left, resolve)
    if node.op == "neg" or left is None:
        return left
    assert node.right is not None
    right = _time_map(node.right, resolve)
    if right is None:
        return None
    if node.op in "+-":
        return left if left == right or not right else right if not left else None
    if node.op == "^":
        return left
    sign = 1 if node.op == "*" else -1
    out = dict(left)
    for unit, power in right.items():
        out[unit] = out.get(unit, 0) + sign * power
    return {u: p for u, p in out.items() if p}


def _unit_readings(
    node: Node, pick: Callable[[Token], Operand], dimension: Dimension
) -> list[Quantity]:
    """The expression in SI units with the hand conversion factors taken as the unit
    identities they stand for (86,400 seconds per day is 1): what the working should give."""
    out = []
    for drop_times in (False, True):

        def value(tok: Token, drop_times: bool = drop_times) -> Quantity:
            op = pick(tok)
            if op.converts_time and (op.bare or drop_times):
                return Quantity(1.0)
            return op.quantity

        try:
            q = node.evaluate(value)
        except (ValueError, ZeroDivisionError):
            continue
        if q.dimension == dimension and math.isfinite(q.value) and q.value:
            out.append(q)
    return out


def _time_powers(op: Operand, strict: bool = False) -> tuple[int, int]:
    """The powers of time a value may have as spoken: a duration said with its unit ("30
    days") is time; any other figure may be per some period, said or left unsaid ("1 TB a
    day", "1 billion" meaning a billion a day, "128 kilobits" meaning a link rate); a bare
    time factor (86,400, 365) stands for a period or its inverse."""
    durations = sum(p for _, p in op.time_units if p > 0)
    periods = sum(p for _, p in op.time_units if p < 0)
    if op.bare and op.converts_time:
        return -1, 1
    if durations or strict:
        return durations + periods, durations
    return min(periods, -1), 0


def _meaningless(
    node: Node, pick: Callable[[Token], Operand], said: Operand, strict: bool = False
) -> bool:
    """The as-spoken reading strips "a day" from "1 TB a day", but a duration said with its
    unit stays a duration: "1 TB a day over 30 days is 33 GB" divides an amount by a time and
    calls it an amount, and "30 GB times 30 days is 900 GB a day" is a size times a time.
    Neither is a reading; "a billion a day over 86,400 seconds, 11,600 a second" is."""

    def powers(n: Node) -> tuple[int, int]:
        if n.op == "leaf":
            assert n.token is not None
            return _time_powers(pick(n.token), strict)
        assert n.left is not None
        lo, hi = powers(n.left)
        if n.op == "neg":
            return lo, hi
        assert n.right is not None
        rlo, rhi = powers(n.right)
        if n.op == "*":
            return lo + rlo, hi + rhi
        if n.op == "/":
            return lo - rhi, hi - rlo
        if n.op in "+-":
            return max(lo, rlo), min(hi, rhi)
        raise ValueError(n.op)

    if said.bare or said.quantity.dimension == COUNT:
        return False  # "= 3.75M": a bare result may be in any unit
    try:
        lo, hi = powers(node)
    except ValueError:
        return False
    durations = sum(p for _, p in said.time_units if p > 0)
    said_lo = durations + sum(p for _, p in said.time_units if p < 0)
    said_hi = durations  # "30 GB" is an amount; "1 TB a day" a rate or a day's amount
    return lo > hi or hi < said_lo or said_hi < lo


def reads_loosely(node: Node, resolve: Resolve, stated: Operand) -> bool:
    """The working only makes sense if a figure said without a period is taken as per some
    period ("1 TB … over 30 days": a day's terabyte, or a terabyte spread out?). Such a
    reading may confirm a result, but it is not certain enough to accuse one."""
    return not _meaningless(node, resolve, stated) and _meaningless(
        node, resolve, stated, strict=True
    )


def judge(node: Node, resolve: Resolve, stated: Operand, tolerance: float) -> Judgement:
    """Verdict for `node` (leaves resolved by `resolve`) against the stated operand."""
    leaves = node.leaves()
    operands = {id(tok): resolve(tok) for tok in leaves}
    ambiguous = [tok for tok, op in operands.items() if op.alt is not None]
    stated_options = [stated] + ([stated.with_alt()] if stated.alt is not None else [])
    converts = any(op.converts_time for op in operands.values())
    by_hand = any(op.converts_time and op.bare for op in operands.values())  # "times 86,400"
    time_map = _time_map(node, lambda t: operands[id(t)])
    readings: list[tuple[str, bool, Quantity, Quantity]] = []
    choices = (
        list(itertools.product((False, True), repeat=len(ambiguous)))
        if len(ambiguous) <= 3
        else [(False,) * len(ambiguous), (True,) * len(ambiguous)]
    )
    for choice in choices:
        picked = {
            tok: (operands[tok].with_alt() if use_alt else operands[tok])
            for tok, use_alt in zip(ambiguous, choice, strict=True)
        }

        def pick(tok: Token, picked: dict[int, Operand] = picked) -> Operand:
            return picked.get(id(tok)) or operands[id(tok)]

        for said in stated_options:
            try:
                si = node.evaluate(lambda t, pick=pick: pick(t).quantity)
            except (ValueError, ZeroDivisionError):
                si = None
            if si is not None and math.isfinite(si.value):
                lined = _line_up(si, said.quantity)
                if lined is not None:
                    strict = si.dimension == said.quantity.dimension
                    readings.append(("si", strict, *lined))
            said_times = dict(said.time_units)
            if _meaningless(node, pick, said):
                continue
            if not (converts or time_map is None or not time_map or not said_times) and (
                time_map != said_times
            ):
                continue
            if not by_hand and time_map and not said_times and _periods_left(time_map):
                continue  # "1,160 a second times 1 KB times 30 days": days are not seconds
            if (
                not converts
                and not time_map
                and said_times
                and any(p < 0 for p in said_times.values())
                and node.op == "leaf"
                and pick(leaves[0]).quantity.dimension not in (COUNT,)
            ):
                continue  # "250 TB, so 250 TB a second": a total is not its own rate
            intended: list[Quantity] = []
            if converts and time_map and said_times and time_map != said_times:
                # converting by hand: the factors must be the ones the units call for
                intended = _unit_readings(node, pick, said.quantity.dimension)
            try:
                spoken = node.evaluate(lambda t, pick=pick: pick(t).nominal)
            except (ValueError, ZeroDivisionError):
                continue
            if not math.isfinite(spoken.value):
                continue
            lined = _line_up(spoken, said.nominal)
            if lined is None:
                continue
            computed, said_nominal = lined
            factor = said.quantity.value / said.nominal.value if said.nominal.value else 1.0
            dimension = said.quantity.dimension
            if said.nominal.dimension == COUNT and computed.dimension != COUNT:
                factor, dimension = (
                    1.0,
                    Dimension(
                        computed.dimension.data,
                        said.quantity.dimension.time,
                        computed.dimension.money,
                    ),
                )
            if (  # a bare "so 60,000" after rates: say it in the rate's units
                dimension == COUNT
                and si is not None
                and si.dimension != COUNT
                and math.isclose(si.value, computed.value, rel_tol=1e-9)
            ):
                dimension = si.dimension
            by_hand = Quantity(computed.value * factor, dimension)
            if intended and not any(within(by_hand.value, q.value, tolerance) for q in intended):
                # "100 million a day divided by 3,600": the wrong factor for the units
                readings.extend(("intended", True, q, said.quantity) for q in intended)
                continue
            readings.append(
                (
                    "spoken",
                    spoken.dimension == said.nominal.dimension,
                    by_hand,
                    Quantity(said_nominal.value * factor, dimension),
                )
            )
    if not readings:
        return Judgement(UNCHECKED, None, stated.quantity)
    readings.sort(key=lambda r: not r[1])  # a reading that needed no unit guessing first
    for label, _strict, computed, said_q in readings:
        if within(said_q.value, computed.value, tolerance) or _rounded_up(said_q, computed):
            return Judgement(CORRECT, computed, said_q, label)
    # A visible hand conversion means the candidate meant the as-spoken arithmetic.
    readings.sort(key=lambda r: (r[0] != "spoken", not r[1]) if converts else (not r[1], r[0]))
    readings.sort(key=lambda r: r[0] != "intended")
    label, _strict, computed, said_q = readings[0]
    if _prefix_guessed(stated, computed, said_q, tolerance):
        return Judgement(UNCHECKED, None, stated.quantity)
    return Judgement(INCORRECT, computed, said_q, label)


def _prefix_guessed(stated: Operand, computed: Quantity, said: Quantity, tolerance: float) -> bool:
    """ "10 million gigs times 0.004, 40 grand": a result said without a data unit takes the
    working's prefix only as a guess, so a result off by a whole prefix (x1000, x10^6…) may
    just be in other units (a price per gig, thousands of GB): ask, never accuse."""
    if stated.nominal.dimension != COUNT or said.dimension.data == 0 or not computed.value:
        return False
    ratio = abs(said.value / computed.value)
    return any(within(ratio, 1000.0**k, tolerance) for k in range(-6, 7) if k)
