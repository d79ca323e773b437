"""Reconstruct the arithmetic behind a result said without its expression.

"That's 1 million log lines per second" after "5,000 servers, each emitting 200 lines a second":
the candidate multiplied two recent values. We look for the product or quotient of recent
values that has the stated dimension, preferring the values just mentioned. The search never
picks a reading because its number matches; it picks by dimension and recency, and reports
"unchecked" rather than guess when several readings disagree.
"""

from __future__ import annotations

import itertools

from estimation.calculator import Node
from estimation.memory import Memory
from estimation.operand import Operand, from_quantity
from estimation.quantity import COUNT, RATE, TIME, Quantity
from estimation.report import CORRECT
from estimation.verdicts import Judgement, judge

TOTAL_WORDS = frozenset({"total", "combined", "together", "overall", "sum", "altogether", "plus"})


class Candidate:
    """One reading of an implicit result; its expression tree is built only when needed."""

    __slots__ = ("_memory", "_node", "first", "judgement", "kind", "op", "parts")

    def __init__(self, memory: Memory, op: str, parts: tuple[Operand, ...], kind: str, first: bool):
        self._memory = memory
        self._node: Node | None = None
        self.op = op
        """"leaf", "*", "/", "+"."""
        self.parts = parts
        self.kind = kind
        """single (a restatement), pair or triple."""
        self.first = first
        """Involves the newest value."""
        self.judgement: Judgement | None = None
        """The verdict `choose` found holding up, so the claim is not judged twice."""

    @property
    def node(self) -> Node:
        if self._node is None:
            leaves = [Node("leaf", self._memory.leaf(p)) for p in self.parts]
            if self.op == "leaf":
                self._node = leaves[0]
            elif len(leaves) == 3:
                inner = Node("*", left=leaves[0], right=leaves[1])
                self._node = Node("*", left=inner, right=leaves[2])
            else:
                self._node = Node(self.op, left=leaves[0], right=leaves[1])
        return self._node


def _tuple(q: Quantity) -> tuple[int, int, int]:
    d = q.dimension
    return d.data, d.time, d.money


def _nominal_dim(op: Operand) -> tuple[int, int]:
    d = op.nominal.dimension
    return d.data, d.money


def _fits(
    q: Quantity, nominal: tuple[int, int], stated: Operand, a: Operand, b: Operand, op: str
) -> bool:
    """The combination has the stated dimension in SI, or as spoken with consistent time units."""
    if q.dimension == stated.quantity.dimension:
        return True
    if nominal != _nominal_dim(stated) or not (q.dimension.time or stated.quantity.dimension.time):
        return False
    if a.converts_time or b.converts_time:
        return True
    times = dict(a.time_units)
    sign = -1 if op == "/" else 1
    for unit, power in b.time_units:
        times[unit] = times.get(unit, 0) + sign * power
    times = {u: p for u, p in times.items() if p}
    said = dict(stated.time_units)
    if not said and len(times) == 1 and next(iter(times.values())) == -1:
        return True  # "500 million a day times 2 MB, that's 1 PB": a daily total
    if not said and times == {"second": 1} and op == "*" and stated.quantity.dimension.data:
        # "50 million series times 525,600 minutes, at 1.37 bytes, 36 TB": a count of
        # periods (one point a minute) times a size, read as spoken
        return any(p > 0 for x in (a, b) for _, p in x.time_units) and any(
            x.nominal.value != x.quantity.value and x.quantity.dimension.time > 0 for x in (a, b)
        )
    return not times or times == said


def _complements(ops: list[Operand]) -> list[Operand]:
    """A hit ratio of 90% also means a 10% miss ratio."""
    out = []
    for op in ops:
        out.append(op)
        if op.percent and 0 < op.quantity.value < 1:
            rest = 1 - op.quantity.value
            out.append(from_quantity(Quantity(rest), f"{rest * 100:g}%"))
    return out


def candidates(
    memory: Memory, stated: Operand, words: set[str], prefer: Operand | None
) -> list[Candidate]:
    """Readings of an implicit result, most plausible first."""
    recent = memory.recent(5)
    for first in (memory.last_result, prefer):
        if first is not None:
            recent = [first] + [r for r in recent if r is not first]
    recent = [op for op in recent if not (op.bare and op.quantity.value == 1)][:5]
    target = stated.quantity.dimension
    out: list[Candidate] = []
    totals = bool(words & TOTAL_WORDS)
    if not totals and target != COUNT:
        for op in recent[:2]:
            if (
                op.quantity.dimension == target
                or _nominal_dim(op) == _nominal_dim(stated)
                and (op.quantity.dimension.time and target.time)
            ):
                out.append(Candidate(memory, "leaf", (op,), "single", op is recent[0]))
    if target == RATE:  # "50 ms of CPU per request, so one core handles 20 a second"
        one = from_quantity(Quantity(1.0), "1")
        for op in recent[:3]:
            if op.quantity.dimension == TIME and op.quantity.value > 0:
                out.append(Candidate(memory, "/", (one, op), "single", op is recent[0]))
    pool = _complements(recent)
    pairs: list[Candidate] = []
    si = [_tuple(op.quantity) for op in pool]
    nom = [_nominal_dim(op) for op in pool]
    want_si, want_nom = _tuple(stated.quantity), _nominal_dim(stated)
    for (ia, a), (ib, b) in itertools.permutations(enumerate(pool), 2):
        if a is b or (a.percent and b.percent):
            continue
        for op in ("*", "/", "+"):
            if op in "*+" and ia > ib:
                continue
            if op == "+" and not (totals and a.quantity.dimension == b.quantity.dimension):
                continue
            same_si = False  # the combination's SI dimension is the stated one
            if op != "+":  # cheap dimension test before any arithmetic
                (d1, t1, m1), (d2, t2, m2) = si[ia], si[ib]
                (nd1, nm1), (nd2, nm2) = nom[ia], nom[ib]
                if op == "/":
                    d2, t2, m2, nd2, nm2 = -d2, -t2, -m2, -nd2, -nm2
                same_si = (d1 + d2, t1 + t2, m1 + m2) == want_si
                if not same_si and (nd1 + nd2, nm1 + nm2) != want_nom:
                    continue
            try:
                if op == "*":
                    q = a.quantity * b.quantity
                    nominal = (
                        a.nominal.dimension.data + b.nominal.dimension.data,
                        a.nominal.dimension.money + b.nominal.dimension.money,
                    )
                elif op == "/":
                    q = a.quantity / b.quantity
                    nominal = (
                        a.nominal.dimension.data - b.nominal.dimension.data,
                        a.nominal.dimension.money - b.nominal.dimension.money,
                    )
                else:
                    q = a.quantity + b.quantity
                    nominal = _nominal_dim(a)
            except (ValueError, ZeroDivisionError):
                continue
            if not same_si and not _fits(q, nominal, stated, a, b, op):
                continue
            if target == COUNT and op == "/" and stated.quantity.value >= 1 > q.value:
                continue
            pairs.append(Candidate(memory, op, (a, b), "pair", a is recent[0] or b is recent[0]))
    # products read more naturally than quotients for sizes and rates; quotients for counts
    pairs.sort(key=lambda c: (not c.first, (c.op == "/") != (target == COUNT)))
    out += pairs
    if not pairs and target != COUNT:
        for a, b, c in itertools.combinations(recent, 3):
            q = a.quantity * b.quantity * c.quantity
            if q.dimension == target:
                out.append(Candidate(memory, "*", (a, b, c), "triple", True))
    return out


def _value(parts: tuple[Operand, ...], op: str, nominal: bool) -> float | None:
    values = [p.nominal.value if nominal else p.quantity.value for p in parts]
    if op == "leaf":
        return values[0]
    if op == "/":
        return values[0] / values[1] if values[1] else None
    if op == "+":
        return values[0] + values[1]
    out = 1.0
    for v in values:
        out *= v
    return out


def _may_hold(cand: Candidate, stated: Operand, tolerance: float) -> bool:
    """A cheap, conservative pre-test: False only when no reading can be within tolerance."""
    if stated.alt is not None or stated.quantity.dimension == COUNT:
        return True
    if any(p.alt is not None for p in cand.parts):
        return True
    for nominal, said in ((False, stated.quantity.value), (True, stated.nominal.value)):
        value = _value(cand.parts, cand.op, nominal)
        if value and abs(said - value) <= tolerance * abs(value) * 1.01:
            return True
    return False


def choose(
    memory: Memory,
    stated: Operand,
    found: list[Candidate],
    tolerance: float,
    restating: bool,
) -> Candidate | None:
    """The reading to judge: any that holds up; else the one reading we are sure of."""
    for cand in found:
        if _may_hold(cand, stated, tolerance):
            judged = judge(cand.node, memory.resolve, stated, tolerance)
            if judged.verdict == CORRECT:
                cand.judgement = judged
                return cand
    singles = [c for c in found if c.kind == "single"]
    if restating and singles and singles[0].first:
        return singles[0]
    for cand in singles:  # "50 million a day, so 50 million per second": a unit slip
        op = cand.parts[0]
        if op is not None and abs(op.nominal.value - stated.nominal.value) <= 1e-9 * max(
            1.0, abs(stated.nominal.value)
        ):
            return cand
    pairs = [c for c in found if c.kind == "pair"]
    if pairs and pairs[0].first and (len(pairs) == 1 or not pairs[1].first):
        return pairs[0]
    if pairs and pairs[0].first:
        # several readings with the newest value: only sure when they agree on the number
        values = set()
        for c in pairs:
            if c.first:
                computed = judge(c.node, memory.resolve, stated, tolerance).computed
                values.add(round(computed.value, 6) if computed is not None else None)
        if len(values) == 1:
            return pairs[0]
        preferred = [
            c for c in pairs if c.first and (c.op == "/") == (stated.quantity.dimension == COUNT)
        ]
        if len(preferred) == 1:
            return preferred[0]
        return None
    if len(found) == 1:
        return found[0]
    return None
