"""The deterministic calculator: a small recursive-descent parser over the lexer's tokens.

No `eval`: the only things an expression can do are + - * / ^, parentheses, spoken quantities
("1 KB", "86,400 s", "1e9", "3x", "2 to the 32") and named variables. The same parse tree is
evaluated two ways by the claim checker: in SI units, and "as spoken" (time units stripped),
because candidates convert by hand ("1 billion a day divided by 86,400").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from estimation.lexer import tokenize
from estimation.quantity import Quantity
from estimation.tokens import Token

MAX_DEPTH = 50
MAX_TOKENS = 300
"""Longer than any estimate: refused before parsing, because the tree (and the recursion that
walks it) grows with every operand and every stacked minus sign."""


@dataclass(frozen=True)
class Node:
    """A parse-tree node: a leaf token, a binary operation, or a negation."""

    op: str
    """"leaf", "neg", or one of + - * / ^."""
    token: Token | None = None
    left: Node | None = None
    right: Node | None = None

    def __init__(
        self,
        op: str,
        token: Token | None = None,
        left: Node | None = None,
        right: Node | None = None,
    ) -> None:
        fields = self.__dict__  # frozen, without an `object.__setattr__` call per field
        fields["op"] = op
        fields["token"] = token
        fields["left"] = left
        fields["right"] = right

    def leaves(self) -> list[Token]:
        if self.op == "leaf":
            return [self.token] if self.token else []
        return (self.left.leaves() if self.left else []) + (
            self.right.leaves() if self.right else []
        )

    def is_percent(self) -> bool:
        return self.op == "leaf" and self.token is not None and self.token.percent

    def evaluate(self, leaf: Callable[[Token], Quantity]) -> Quantity:
        """Evaluate with `leaf` giving each token's value; raises ValueError/ZeroDivisionError."""
        if self.op == "leaf":
            assert self.token is not None
            return leaf(self.token)
        assert self.left is not None
        if self.op == "neg":
            return -self.left.evaluate(leaf)
        assert self.right is not None
        a, b = self.left.evaluate(leaf), self.right.evaluate(leaf)
        if self.op in "+-" and self.right.is_percent() and not self.left.is_percent():
            # "38 plus 20% headroom" is 38 grown by a fifth, not 38.2
            return a * (1 + b.value) if self.op == "+" else a * (1 - b.value)
        if self.op == "+":
            return a + b
        if self.op == "-":
            return a - b
        if self.op == "*":
            return a * b
        if self.op == "/":
            return a / b
        return a**b


class ParseError(ValueError):
    """The expression is not well formed."""


_ATOMS = ("qty", "var", "ref", "lparen")


class Parser:
    """expr := term (+|- term)*; term := unary ((*|/)? unary)*; unary := -unary | power;
    power := atom (^ unary)?; atom := quantity | name | ( expr )."""

    def __init__(self, tokens: list[Token]) -> None:
        if len(tokens) > MAX_TOKENS:
            raise ParseError(f"more than {MAX_TOKENS} numbers and operators is not an estimate")
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    def peek(self) -> Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        node = self.expr()
        tok = self.peek()
        if tok is not None:
            raise ParseError(f"unexpected {tok.text!r}")
        return node

    def expr(self) -> Node:
        node = self.term()
        while (tok := self.peek()) is not None and tok.kind == "op" and tok.op in "+-":
            self.take()
            node = Node(tok.op, left=node, right=self.term())
        return node

    def term(self) -> Node:
        node = self.unary()
        while (tok := self.peek()) is not None:
            if tok.kind == "op" and tok.op in "*/":
                self.take()
                node = Node(tok.op, left=node, right=self.unary())
            elif tok.kind in _ATOMS:  # implicit product: "3x peak_qps", "2 (1 KB)"
                node = Node("*", left=node, right=self.unary())
            else:
                break
        return node

    def unary(self) -> Node:
        tok = self.peek()
        if tok is not None and tok.kind == "op" and tok.op == "-":
            self.take()
            return Node("neg", left=self.unary())
        return self.power()

    def power(self) -> Node:
        node = self.atom()
        tok = self.peek()
        if tok is not None and tok.kind == "op" and tok.op == "^":
            self.take()
            node = Node("^", left=node, right=self.unary())
        return node

    def atom(self) -> Node:
        tok = self.peek()
        if tok is None:
            raise ParseError("the expression ends too early")
        if tok.kind == "lparen":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ParseError("too many nested parentheses")
            self.take()
            node = self.expr()
            close = self.peek()
            if close is None or close.kind != "rparen":
                raise ParseError("a '(' is never closed")
            self.take()
            self.depth -= 1
            return node
        if tok.kind in ("qty", "var", "ref"):
            self.take()
            return Node("leaf", token=tok)
        raise ParseError(f"expected a number or a name, got {tok.text!r}")


def parse_expression(text: str, names: Mapping[str, object] = {}) -> Node:  # noqa: B006
    """Parse calculator syntax into a tree; raises ParseError with a readable message."""
    tokens = tokenize(text, names=names.keys())
    for tok in tokens:
        if tok.kind in ("word", "mark", "hedge", "comma", "sep"):
            raise ParseError(f"don't know {tok.text!r}")
    if not tokens:
        raise ParseError("empty expression")
    return Parser(tokens).parse()


def evaluate(
    expression: str,
    variables: Mapping[str, Quantity | str] = {},  # noqa: B006 - read only
) -> Quantity:
    """Evaluate calculator syntax to a Quantity in SI base units.

    Variables map names to Quantities or to strings parsed with `parse_quantity` ("1 billion").
    Raises ValueError (ParseError is one) on bad syntax, unknown names, mixed-dimension sums
    and division by zero.
    """
    lowered = {k.lower(): v for k, v in variables.items()}
    node = parse_expression(expression, lowered)
    values: dict[str, Quantity] = {}

    def leaf(tok: Token) -> Quantity:
        if tok.kind == "qty":
            assert tok.quantity is not None
            return tok.quantity
        if tok.kind == "var":
            if tok.op not in values:
                raw = lowered[tok.op]
                values[tok.op] = raw if isinstance(raw, Quantity) else parse_quantity(raw)
            return values[tok.op]
        raise ParseError(f"don't know what {tok.text!r} refers to")

    try:
        return node.evaluate(leaf)
    except ZeroDivisionError as error:
        raise ValueError(f"division by zero in {expression!r}") from error


def parse_quantity(text: str) -> Quantity:
    """One spoken quantity in SI base units: "1 KB", "1 billion", "86,400 s", "3x",
    "12,000 per second", "10 Gbps", "30 days", "100K", "2^32".

    Descriptive words are ignored ("1 billion users"); anything else falls back to `evaluate`.
    Raises ValueError with the reason when there is no quantity in the text.
    """
    if not isinstance(text, str):
        raise ValueError(f"expected text, got {type(text).__name__}")
    tokens = tokenize(text)
    quantities = [t for t in tokens if t.kind == "qty"]
    others = [t for t in tokens if t.kind not in ("qty", "word", "hedge")]
    if len(quantities) == 1 and not others:
        assert quantities[0].quantity is not None
        return quantities[0].quantity
    if not quantities:
        raise ValueError(f"no number in {text.strip()[:80]!r}")
    try:
        return evaluate(text)
    except ValueError as error:
        raise ValueError(f"cannot read {text.strip()[:80]!r} as a quantity: {error}") from error
