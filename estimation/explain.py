"""Turn a judged claim into the words an interviewer says."""

from __future__ import annotations

from estimation.calculator import Node
from estimation.diagnosis import Diagnosis, diagnose, multiplier_slip, say
from estimation.formatting import format_like
from estimation.memory import Memory
from estimation.operand import Operand
from estimation.quantity import Quantity
from estimation.report import CORRECT, UNCHECKED, ClaimCheck
from estimation.verdicts import Judgement, judge

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
        computed = format_like(j.computed, stated.unit)
        explanation = f"{_cap(words)} is about {computed}, so {say(j.stated)} holds up."
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
            diag = diagnose(j.computed, j.stated)
            explanation = (
                f"{_cap(words)} is about {format_like(j.computed, stated.unit)}; you said "
                f"{say(j.stated)} — {diag.remark}."
            )
        slip = diag.slip
    return ClaimCheck(text, expression, j.stated, j.computed, j.verdict, explanation, slip, name)
