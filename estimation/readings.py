"""Other reasonable readings of a result before it is called wrong.

The parser reads one expression per statement, but people speak arithmetic loosely: "A divided
by B times C" means A/(B·C), a replication factor is said after the result ("550 TB with three
replicas"), a conversion factor such as 86,400 or 365 turns a rate into a daily or yearly total.
Before an accusation stands, `another_reading` searches small products and quotients of the
candidate's own numbers in the same breath (the sentence, plus the last results before it)
under the stated dimension. If one of them lands within the tolerance, the accusation is not
safe: the claim is left unchecked.

Readings are built in SI units, so units carry the conversion (a day of "1 billion a day" is
already 86,400 s). A bare conversion factor (86,400, 3,600, 24, 365, 30, 10^5...) may be left
out (it only restates units) or, when the result is a period total ("that's 36 TB a year"),
turns a rate into that period's total. Complements of percentages are not readings: taking 80%
where 20% was meant is a slip, not a way of speaking.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from estimation.formatting import format_quantity
from estimation.operand import Operand
from estimation.quantity import COUNT, Dimension, Quantity
from estimation.report import ClaimCheck
from estimation.tokens import Token
from estimation.units import TIME_UNITS

_PERIOD_OF_FACTOR = {
    86_400.0: 86_400.0,
    100_000.0: 86_400.0,
    24.0: 86_400.0,
    1440.0: 86_400.0,
    3600.0: 3600.0,
    60.0: 3600.0,
    7.0: 604_800.0,
    30.0: 2_592_000.0,
    31.0: 2_592_000.0,
    365.0: 31_536_000.0,
    12.0: 31_536_000.0,
    52.0: 31_536_000.0,
    2.5e6: 2_592_000.0,
    2.6e6: 2_592_000.0,
    2.592e6: 2_592_000.0,
    3e7: 31_536_000.0,
    3.15e7: 31_536_000.0,
    3.1536e7: 31_536_000.0,
}
"""Bare numbers people use to convert time, and the period whose total they produce."""


def _period(op: Operand) -> float | None:
    if not op.bare:
        return None
    v = op.nominal.value
    for factor, period in _PERIOD_OF_FACTOR.items():
        if abs(v - factor) <= 0.02 * factor:
            return period
    return None


def _close(said: float, value: float, tolerance: float, count: bool) -> bool:
    if value == 0:
        return said == 0
    if abs(said - value) <= tolerance * abs(value):
        return True
    return count and value > 0 and said == math.ceil(value - 1e-9) and said <= 1000


def _usable(op: Operand) -> bool:
    v = op.quantity.value
    return v > 0 and math.isfinite(v)


@dataclass(frozen=True)
class OperandReading:
    """A product/quotient of the candidate's numbers that gives the stated result."""

    parts: tuple[tuple[Operand, int], ...]
    """Each operand with +1 (multiplied) or -1 (divided)."""
    value: Quantity
    """What the reading computes, in the stated dimension."""

    def words(self) -> str:
        out = ""
        for op, sign in self.parts:
            text = op.text or format_quantity(op.quantity)
            out = text if not out else f"{out} {'times' if sign == 1 else 'divided by'} {text}"
        return out


@dataclass(frozen=True)
class Said:
    """What else the words around a result tell about it."""

    number: float | None = None
    """The bare number spoken ("80" of "80 terabytes"): arithmetic done on bare numbers
    ("20 times 4, 80 terabytes") gives it."""
    periods: frozenset[float] = frozenset()
    """Periods named in the sentence ("per day that's 330 TB"), in seconds."""
    bits: bool = False
    """Said in bits: a factor 8 only converts units."""


def find_reading(
    required: list[Operand],
    optional: list[Operand],
    stated: Operand,
    tolerance: float,
    max_optional: int = 3,
    said_as: Said = Said(),
) -> OperandReading | None:
    """A reading that uses every `required` operand and up to `max_optional` of `optional`
    (nearest first), each multiplied or divided, and lands within the tolerance."""
    required = [op for op in required if _usable(op)]
    optional = [op for op in optional if _usable(op)]
    periods = set(said_as.periods)
    for op in required + optional:  # "100 GB a day times 365": a total over its own period
        for unit, power in op.time_units:
            if power < 0 and unit in TIME_UNITS and TIME_UNITS[unit] >= 60:
                periods.add(TIME_UNITS[unit])
    said = stated.quantity
    options = [said] + ([stated.alt] if stated.alt is not None else [])
    # dimensions (as exponent tuples) a reading may have to be compared at all
    wanted: set[tuple[int, int, int]] = set()
    for want in options:
        d = want.dimension
        wanted |= {
            (d.data, d.time, d.money),
            (d.data, d.time - 1, d.money),
            (d.data, d.time + 1, d.money),
            (0, -1, 0),
            (d.data, -1, d.money),
        }
    if said_as.number:
        wanted.add((0, 0, 0))
    if any(want.dimension == COUNT for want in options):
        wanted.add((1, 0, 0))  # "about 225" meaning 225 TB
    facts = {
        id(op): (
            op.quantity.dimension.data,
            op.quantity.dimension.time,
            op.quantity.dimension.money,
            op.quantity.value,
        )
        for op in required + optional
    }
    for extra in range(0, min(max_optional, len(optional)) + 1):
        for chosen in itertools.combinations(optional, extra):
            subset = required + list(chosen)
            if not subset:
                continue
            parts = [facts[id(op)] for op in subset]
            for signs in itertools.product((1, -1), repeat=len(subset)):
                if signs[0] == -1:
                    continue
                data = time = money = 0
                value = 1.0
                for (a, b, c, v), sign in zip(parts, signs, strict=True):
                    if sign == 1:
                        data, time, money, value = data + a, time + b, money + c, value * v
                    else:
                        data, time, money, value = data - a, time - b, money - c, value / v
                if (data, time, money) not in wanted:
                    continue
                dim = Dimension(data, time, money)
                for want in options:
                    got = _matches(value, dim, want, periods, tolerance, said_as.bits)
                    if (
                        got is None
                        and said_as.number
                        and len(subset) > 1
                        and not want.dimension.time
                        and all(op.bare for op in subset)
                        and _close(said_as.number, value, tolerance, False)
                    ):
                        got = Quantity(want.value * value / said_as.number, want.dimension)
                    if got is not None:
                        return OperandReading(tuple(zip(subset, signs, strict=True)), got)
    return None


def another_reading(
    used: list[Operand],
    after: list[Operand],
    stated: Operand,
    tolerance: float,
    said_as: Said = Said(),
) -> OperandReading | None:
    """The reading, if any, of the operands the candidate used (`used`), each multiplied or
    divided, with a bare conversion factor optionally left out and up to two factors said
    right after the result (`after`), that gives `stated` within the tolerance."""
    used = [op for op in used if _usable(op)]
    if not used or len(used) > 7:
        return None

    def converts(op: Operand) -> bool:
        return _period(op) is not None or (said_as.bits and op.bare and op.quantity.value == 8)

    required = [op for op in used if not converts(op)]
    optional = [op for op in used if converts(op)]
    optional += [op for op in after if _usable(op)][:2]
    return find_reading(required, optional, stated, tolerance, said_as=said_as)


def _matches(
    value: float,
    dim: Dimension,
    want: Quantity,
    periods: set[float],
    tolerance: float,
    bits: bool = True,
) -> Quantity | None:
    """The reading's value in the stated dimension when it lands within the tolerance."""
    d = want.dimension
    count = d == COUNT
    if dim == d and _close(want.value, value, tolerance, count):
        return Quantity(value, d)
    if count and dim.time == -1 and dim.data == 0 and dim.money == 0:
        # a bare "so 60,000" after rates
        return Quantity(value, d) if _close(want.value, value, tolerance, False) else None
    if count and dim.data == 1 and dim.time == 0 and not dim.money:
        for scale in (1e3, 1e6, 1e9, 1e12, 1e15):  # "…, about 225" meaning 225 TB
            if _close(want.value, value / scale, tolerance, False):
                return Quantity(value / scale, d)
    # a link rate said without "per second" ("600 MB a second, about 5 gigabits")
    link = bits and d.time == 0 and d.data and dim == Dimension(d.data, -1, d.money)
    if link and _close(want.value, value, tolerance, False):
        return Quantity(value, d)
    for period in periods:
        # a rate read as a period total ("times 365, that's 36 TB")
        if (
            d.time == 0
            and dim == Dimension(d.data, d.time - 1, d.money)
            and _close(want.value, value * period, tolerance, count)
        ):
            return Quantity(value * period, d)
        # a total read as a rate of the stated period ("… so 100 GB a day")
        if (
            dim.time == 0
            and dim == Dimension(d.data, d.time + 1, d.money)
            and _close(want.value, value / period, tolerance, count)
        ):
            return Quantity(value / period, d)
    return None


_CONVERSIONS = (
    8.0,
    10.0,
    100.0,
    125.0,
    8e3,
    1e3,
    86_400.0,
    3600.0,
    24.0,
    60.0,
    1440.0,
    1024.0,
)
"""Factors a restated number is off by when a unit slipped (bits, prefixes, time bases)."""
_FAR_CONVERSIONS = (1e6, 1e9, 86_400.0, 3600.0, 8e3)


def _near_any(ratio: float, factors: tuple[float, ...], slack: float) -> bool:
    return any(abs(ratio / f - 1) <= slack for f in factors)


def plausible_slip(claim: ClaimCheck, restated: bool) -> bool:
    """Whether an "incorrect" verdict looks like a slip a person makes rather than a reading
    the parser got wrong. A number restated from one other number ("10 gigabit, so 10 GB a
    second") is off by a unit factor; any result off by more than 1000x is off by a clean
    unit factor (86,400, a million); anything else says the parse missed part of the working."""
    if claim.computed is None or not claim.computed.value or not claim.stated.value:
        return False
    ratio = abs(claim.stated.value / claim.computed.value)
    big = ratio if ratio >= 1 else 1 / ratio
    if restated:
        return _near_any(big, _CONVERSIONS, 0.1)
    if big > 1100:
        return _near_any(big, _FAR_CONVERSIONS, 0.2)
    return True


RESULT_WORDS = frozenset(
    {"leaves", "leaving", "gives", "need", "needs", "total", "is", "are", "be", "rest", "get", "or"}
    | {"store", "stores", "storing", "ingest", "ingesting", "serve", "serving", "generate"}
    | {"see", "sees", "create", "creates", "produce", "produces"}  # "the disks see 3.6 GB/s"
)
_INPUT_VERBS = frozenset(
    {"at", "with", "of", "each", "per", "for", "pulling", "using", "uses", "sends", "sending"}
    | {"takes", "holds", "handles", "does", "receives", "receiving", "is", "are", "weighs"}
)
"""Words before a hedged number that make it an input ("each one is pulling about 5 Mbps")."""
_INPUT_WORDS = frozenset({"say", "assume", "assuming", "suppose", "let's", "lets", "guess"})


_RESULT_PHRASES = (
    "close to",
    "out to",
    "up to",
    "round to",
    "round up to",
    "comes to",
    "plan for",
    "provision for",
    "budget for",
    "size for",
    "grows by",
    "grow by",
    "we're at",
    "we are at",
    "yearly",
    "daily",
    "monthly",
    "per year",
    "a year",
    "yeah",
    "okay",
    "right",
    "ok",
    "gives us a",
    "total",
    "leaves",
    "leaving",
    "left",
    "slack",
    "used",
    "remaining",
    "is a",
    "so a",
    "about a",
    "like a",
)
"""Words that introduce a result though no marker does ("which averages out to, um, 23K")."""


def _phrase_before(toks: list[Token], j: int) -> str:
    """The words (fillers and commas skipped) ending at token j, lower case."""
    words: list[str] = []
    k = j
    while k >= 0 and len(words) < 4:
        tok = toks[k]
        if tok.kind in ("comma",) or tok.words[:1] in (("um",), ("uh",)):
            k -= 1
            continue
        if tok.kind not in ("word", "mark", "hedge"):
            break
        words[:0] = [w.lower() for w in (tok.words or (tok.text.lower(),))]
        k -= 1
    return " ".join(words)


def result_position(toks: list[Token], i: int) -> str:
    """How the number at `i` is said: "marked" as a result (right after a result marker or
    a hedge: "so that's 80 ms", "~460 MB/s", "which leaves 120 ms", "call it 1,200"),
    "closing" a working (", 20 servers" after numbers earlier in the clause), or "" when
    it reads as an input ("say 50 for the client", "at 1 KB each")."""
    j = i - 1
    hedged = False
    while j >= 0 and toks[j].kind == "hedge":
        hedged = True
        j -= 1
    prev = toks[j] if j >= 0 else None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt.kind == "op":
        return ""
    after = toks[i + 2] if i + 2 < len(toks) else None
    if (
        nxt is not None
        and nxt.words[:1] in (("is",), ("are",))
        and after is not None
        and after.kind == "qty"
        and not (i > 0 and toks[i - 1].kind == "hedge")
    ):
        return ""  # "1 billion a day is 100,000 a second": the subject of a conversion
    for k in range(j, max(-1, j - 6), -1):
        if toks[k].kind in ("comma", "sep"):
            break
        if toks[k].words and toks[k].words[0] in _INPUT_WORDS:
            return ""
    if prev is None:
        return "marked" if hedged else ""
    if prev.kind == "mark":
        return "marked"
    phrase = _phrase_before(toks, j)
    if any(phrase.endswith(p) for p in _RESULT_PHRASES):
        return "strong"  # "comes out to 23K", "plan for 400K", "grows by 730 TB", "yearly 120 GB"
    if hedged and not (prev.kind == "word" and prev.words[0] in _INPUT_VERBS):
        return "marked"  # ", about 1,300", "so roughly 5x"; not "pulling about 5 Mbps"
    if prev.kind == "word" and prev.words[0] in RESULT_WORDS:
        return "marked"
    if prev.kind == "comma" and any(t.kind == "qty" for t in toks[max(0, j - 8) : j]):
        return "closing"
    return ""


def working_value(ops: list[Operand], stated: Operand, said_as: Said) -> Quantity | None:
    """What a working said as a plain list of numbers gives in the stated dimension: "10
    million daily users uploading 2 photos of 200 KB each" is their product; one of them may
    divide when only that fits the units ("2 TB a day over 100K seconds"). None when no
    single reading fits."""
    ops = [op for op in ops if _usable(op)]
    if len(ops) > 5 or not ops:
        return None
    periods = set(said_as.periods)
    want = stated.quantity.dimension
    if len(ops) == 1:  # "a 10 gigabit card gives us 10 GB a second": a link speed restated
        q = ops[0].quantity
        link = q.dimension.data == want.data == 1 and not q.dimension.money and not want.money
        unit = ops[0].unit.split(" ")[0] if ops[0].unit else ""
        in_bits = unit.endswith("b") or "bps" in ops[0].unit.lower()
        if link and in_bits and q.dimension.time == 0 and want.time == -1:
            return Quantity(q.value, want)
    for unit, power in stated.time_units:  # "… we store 400 GB a day": a day's total
        if power < 0 and unit in TIME_UNITS and TIME_UNITS[unit] >= 60:
            periods = {TIME_UNITS[unit]}
    if not periods and want.time == -1:
        periods = {86_400.0}  # a total said as a per-second rate: a day's worth, most often
    for divided in [None, *range(len(ops) if len(ops) > 1 else 0)]:
        dim = Dimension()
        value = 1.0
        for k, op in enumerate(ops):
            q = op.quantity
            if k == divided:
                dim, value = dim / q.dimension, value / q.value
            else:
                dim, value = dim * q.dimension, value * q.value
        if dim == want:
            return Quantity(value, want)
        if dim == Dimension(want.data, want.time + 1, want.money) and len(periods) == 1:
            return Quantity(value / next(iter(periods)), want)
        if dim == Dimension(want.data, want.time - 1, want.money) and len(periods) == 1:
            return Quantity(value * next(iter(periods)), want)  # "for a year, 365 TB"
        if divided is None and dim.data == want.data and dim.money == want.money:
            continue
    return None


COMPARATIVES = frozenset(
    {"cheaper", "pricier", "costlier", "more", "less", "over", "bigger", "larger", "smaller"}
    | {"faster", "slower", "higher", "lower", "fewer", "greater", "heavier", "lighter", "than"}
    | {"denser", "longer", "shorter", "too", "the", "as", "what", "of", "difference", "gap"}
)
"""Words after an "Nx" that make it a ratio of two figures ("about six x cheaper", "nearly 5x
over", "5x the size of"), not a factor to apply."""


@dataclass(frozen=True)
class Ratio:
    """Two of the candidate's figures whose ratio is a stated "Nx"."""

    bigger: Operand
    smaller: Operand

    @property
    def value(self) -> float:
        return self.bigger.quantity.value / self.smaller.quantity.value


def ratio_reading(figures: list[Operand], said: float, tolerance: float) -> Ratio | None:
    """The nearest pair of figures of one dimension (money or not) whose bigger over smaller
    is the "Nx" said, within the tolerance. `figures` are nearest first."""
    usable = [op for op in figures if _usable(op) and not op.multiplier and not op.bare]
    usable += [op for op in figures if _usable(op) and op.bare and not op.multiplier]
    for i, a in enumerate(usable[:6]):
        for b in usable[i + 1 : 6]:
            da, db = a.quantity.dimension, b.quantity.dimension
            if (da.data, da.time) != (db.data, db.time) or a.bare != b.bare:
                continue
            big, small = (a, b) if a.quantity.value >= b.quantity.value else (b, a)
            pair = Ratio(big, small)
            if said > 1 and abs(pair.value - said) <= tolerance * said:
                return pair
    return None


def range_verdict(claim: ClaimCheck, spread: tuple[float, float], tolerance: float) -> str:
    """The verdict on a range said as a result ("between 2 and 2.5 TB a day"), judged by its
    working's value: "correct" when the range (with the tolerance) holds it, or holds the
    whole machines it rounds up to; "incorrect" only when it lies well outside both ends (by
    twice the tolerance); otherwise "unchecked". "" when the claim has no working value."""
    if claim.computed is None:
        return ""
    low, high = spread
    truth = claim.computed.value
    whole = claim.stated.dimension == COUNT and low <= math.ceil(truth - 1e-9) <= high
    if low * (1 - tolerance) <= truth <= high * (1 + tolerance) or whole:
        return "correct"
    if truth < low * (1 - 2 * tolerance) or truth > high * (1 + 2 * tolerance):
        return "incorrect"
    return "unchecked"
