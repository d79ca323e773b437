"""Turn a judged claim into the words an interviewer says."""

from __future__ import annotations

from contextvars import ContextVar

from estimation.calculator import Node
from estimation.diagnosis import Diagnosis, diagnose, multiplier_slip, say
from estimation.formatting import format_like, format_number, format_quantity
from estimation.memory import Memory
from estimation.operand import Operand
from estimation.quantity import COUNT, DATA, Dimension, Quantity
from estimation.report import CORRECT, UNCHECKED, ClaimCheck
from estimation.units import TIME_UNITS
from estimation.verdicts import Judgement, judge

SAID_PERIODS: ContextVar[dict[str, float] | None] = ContextVar("said_periods", default=None)
"""The candidate's own period conventions ("call a day 100,000 seconds") while a turn is
checked: a figure said back per day uses their day, so "a hundred gigs a day" is not said back
as 86.4 GB a day."""

_WORDS = {"*": "times", "/": "divided by", "+": "plus", "-": "minus", "^": "to the"}


def render(node: Node, memory: Memory, spoken: bool = True) -> str:
    """The expression as words ("1 billion a day divided by 86,400") or calculator syntax."""
    if node.op == "leaf":
        assert node.token is not None
        try:
            text = memory.resolve(node.token).text or node.token.text
        except KeyError:
            text = node.token.text
        return text if spoken or node.token.kind != "ref" else f"({text})"
    assert node.left is not None
    left = render(node.left, memory, spoken)
    if node.op == "neg":
        return f"minus {left}" if spoken else f"-{left}"
    assert node.right is not None
    right = render(node.right, memory, spoken)
    if node.right.op in "+-" or (node.op == "/" and node.right.op in "*/"):
        right = f"({right})"
    if node.left.op in "+-" and node.op in "*/^":
        left = f"({left})"
    return f"{left} {_WORDS[node.op] if spoken else node.op} {right}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


_PERIOD_WORDS = ("minute", "hour", "day", "week", "month", "year")
_BIT_STEPS = [(1e12, "terabits"), (1e9, "gigabits"), (1e6, "megabits"), (1e3, "kilobits")]


def said_in_bits(op: Operand) -> bool:
    unit = op.unit.split(" ")[0] if op.unit else ""
    return unit.endswith("b") or "bps" in op.unit.lower() or "bit" in op.unit.lower()


def say_like(q: Quantity, like: Operand) -> str:
    """`q` in the candidate's own units and period: "4 TB a day" when they said "400 GB a
    day", "10 Gbps" when they spoke in bits, "500 million minutes" rather than "951 years"."""
    d = q.dimension
    period = next(
        (u for u, p in like.time_units if p == -1 and u in _PERIOD_WORDS),
        None,
    )
    if period is not None and d.time == -1 and like.quantity.dimension == d:
        seconds = (SAID_PERIODS.get() or {}).get(period, TIME_UNITS[period])
        amount = Quantity(q.value * seconds, Dimension(d.data, 0, d.money))
        if d.data and said_in_bits(like):
            return f"{_bits(amount.value)} a {period}"
        return f"{format_quantity(amount)} a {period}"
    own = SAID_PERIODS.get() or {}
    spans = [u for u, p in like.time_units if p == 1 and u in own]
    if d == like.quantity.dimension and d.time == 1 and not d.data and not d.money and spans:
        # "thirty days" with a day called 100,000 seconds is 30 of their days
        count = q.value / own[spans[0]]
        return f"{format_number(count)} {spans[0]}{'' if count == 1 else 's'}"
    if d.data == 1 and d.time in (0, -1) and not d.money and said_in_bits(like):
        return _bits(q.value) + (" a second" if d.time else "")
    if d == like.quantity.dimension == DATA and like.quantity.value:
        scale = like.quantity.value / like.nominal.value if like.nominal.value else 1.0
        if not 0.1 <= abs(q.value / scale) < 1000:  # "146 PB", not "146,000 TB"
            return format_quantity(q)
    return format_like(q, like.unit)


def _leaves(node: Node, memory: Memory) -> list[Operand]:
    out = []
    for leaf in node.leaves():
        try:
            out.append(memory.resolve(leaf))
        except KeyError:
            continue
    return out


def _bits(value_bytes: float) -> str:
    bits = value_bytes * 8
    for scale, name in _BIT_STEPS:
        if abs(bits) >= scale * 0.9995:
            return f"{format_number(bits / scale)} {name}"
    return f"{format_number(bits)} bits"


def build_claim(
    node: Node,
    memory: Memory,
    stated: Operand,
    text: str,
    name: str,
    tolerance: float,
    multiplier: tuple[Operand, Operand] | None = None,
    judged: Judgement | None = None,
) -> ClaimCheck:
    """Judge `node` against `stated` and explain the verdict in one spoken sentence.
    `judged`: the verdict already worked out for exactly these arguments, if any."""
    j = judged if judged is not None else judge(node, memory.resolve, stated, tolerance)
    words = render(node, memory)
    expression = render(node, memory, spoken=False)
    slip = ""
    if j.verdict == CORRECT:
        assert j.computed is not None
        computed = say_like(j.computed, stated)
        explanation = (
            f"{_cap(words)} is about {computed}, so {say_like(j.stated, stated)} holds up."
        )
    elif j.verdict == UNCHECKED:
        explanation = (
            f"I can't line up the units of {words} with {say(stated.quantity)}, "
            "so I left it unchecked."
        )
    else:
        assert j.computed is not None
        diag: Diagnosis | None = None
        explanation = ""
        if multiplier is not None:
            base, mult = multiplier
            base_q = Quantity(base.quantity.value, j.computed.dimension)
            diag = multiplier_slip(base_q, mult.quantity.value, j.stated)
            if diag is not None:
                explanation = f"{_cap(diag.remark)}, not {say(mult.quantity)}x."
        if diag is None:
            total = j.stated.dimension.time >= 0 and j.stated.dimension != COUNT
            bits = said_in_bits(stated) or any(said_in_bits(op) for op in _leaves(node, memory))
            diag = diagnose(j.computed, j.stated, total, bits)
            explanation = (
                f"{_cap(words)} is about {say_like(j.computed, stated)}; you said "
                f"{say_like(j.stated, stated)} — {diag.remark}."
            )
        slip = diag.slip
    return ClaimCheck(text, expression, j.stated, j.computed, j.verdict, explanation, slip, name)
