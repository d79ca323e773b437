"""What the session remembers between statements: named values, recent values, the last
result, multipliers the candidate assumed."""

from __future__ import annotations

from dataclasses import dataclass, field

from estimation.lexer import NameIndex
from estimation.operand import Operand, from_token
from estimation.quantity import COUNT, Quantity
from estimation.tokens import Token

MAX_NAMES = 200
"""An interview names a few dozen quantities; bounding it keeps every lookup cheap."""


def compatible(a: Quantity, b: Quantity) -> bool:
    """Same dimension, or one side a bare number that adopts the other's units."""
    return a.dimension == b.dimension or a.dimension == COUNT or b.dimension == COUNT


@dataclass
class Memory:
    names: dict[str, Operand] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)
    """name -> "assumption", "fact" or "result" (worked out by the candidate)."""
    pool: list[Operand] = field(default_factory=list)
    """Every value in play, oldest first."""
    last_result: Operand | None = None
    pending: tuple[str, Operand] | None = None
    """A multiplier assumed since the last result ("peak is 3x")."""
    multipliers: dict[str, Operand] = field(default_factory=dict)
    conventions: dict[str, float] = field(default_factory=dict)
    synthetic: dict[str, Operand] = field(default_factory=dict)
    index: NameIndex = field(default_factory=NameIndex)
    """The names, prepared for the lexer."""
    by_word: dict[str, set[str]] = field(default_factory=dict)
    adopted: dict[int, Operand] = field(default_factory=dict)
    """Bare numbers of the current statement that repeat a figure said with units ("100
    million short links a day … 100 million divided by 3,600"), by token id."""

    def remember(self, name: str, op: Operand, origin: str) -> None:
        """Name a value; the oldest names are forgotten beyond MAX_NAMES."""
        if name not in self.names:
            while len(self.names) >= MAX_NAMES:
                self._forget(next(iter(self.names)))
            self.index.add(name)
            for word in name.split():
                self.by_word.setdefault(word, set()).add(name)
        self.names[name] = op.named(name)
        self.origin[name] = origin

    def _forget(self, name: str) -> None:
        del self.names[name]
        self.origin.pop(name, None)
        self.index.remove(name)
        for word in name.split():
            self.by_word.get(word, set()).discard(name)

    def add_value(self, op: Operand) -> None:
        """Put a value in play (only the recent ones matter, so the pool stays bounded)."""
        self.pool.append(op)
        if len(self.pool) > 2 * MAX_NAMES:
            del self.pool[:MAX_NAMES]

    def name_index(self) -> NameIndex:
        return self.index

    def find_name(self, name: str, like: Quantity | None = None, fuzzy: bool = True) -> str | None:
        """The remembered name for `name`: exact, or (fuzzy) one name's words inside the
        other's, with the same dimension ("payload" for "notification payload", "peak" for
        "peak qps")."""
        if not name:
            return None
        if name in self.names:
            same = like is None or self.names[name].quantity.dimension == like.dimension
            return name if same else None
        if not fuzzy:
            return None
        words = set(name.split())
        near = set().union(*(self.by_word.get(w, set()) for w in words))
        order = {k: i for i, k in enumerate(self.names)} if len(near) > 1 else {}
        for known in sorted(near, key=lambda k: order.get(k, 0), reverse=True):
            op = self.names[known]
            if like is not None and op.quantity.dimension != like.dimension:
                continue
            known_words = set(known.split())
            if known_words <= words or words <= known_words:
                return known
        return None

    def recent(self, limit: int = 5) -> list[Operand]:
        """Most recent distinct values, newest first (multipliers left out)."""
        out: list[Operand] = []
        for op in reversed(self.pool):
            if op.multiplier or any(op is r for r in out):
                continue
            out.append(op)
            if len(out) == limit:
                break
        return out

    def base(self, like: Quantity | None = None) -> Operand | None:
        """The value a bare "that" or a multiplier refers to: the last result, else the most
        recent value (of a compatible dimension when `like` is given)."""
        candidates = ([self.last_result] if self.last_result else []) + self.recent()
        for op in candidates:
            if like is None or compatible(op.quantity, like):
                return op
        return None

    def leaf(self, op: Operand) -> Token:
        """A token standing for a remembered value inside a synthetic expression."""
        key = f"#{len(self.synthetic)}"
        self.synthetic[key] = op
        return Token("var", op.text, 0, 0, op=key)

    def resolve(self, tok: Token) -> Operand:
        """The value behind a token; KeyError when a name or "that" has nothing behind it."""
        if tok.kind == "qty":
            return self.adopted.get(id(tok)) or from_token(tok)
        if tok.kind == "ref":
            op = self.base()
            if op is None:
                raise KeyError("nothing to refer to")
            return op
        if tok.kind == "var":
            op = self.synthetic.get(tok.op) or self.names.get(tok.op.replace("_", " "))
            if op is None:
                raise KeyError(tok.op)
            return op
        raise KeyError(tok.text)
