"""The estimation session: claims, assumptions and named quantities accumulate across turns.

The interviewer calls `EstimationSession.add(utterance)` once per candidate turn and gets the
verdicts for that turn; `report()` returns everything so far. `check_transcript` is the same
over a whole text.
"""

from __future__ import annotations

import itertools
import re

from estimation.calculator import Node
from estimation.claims import ASSUME_WORDS, RESULT_MARKS, Statement, scan, subject_name
from estimation.diagnosis import Diagnosis, diagnose, multiplier_slip, say
from estimation.lexer import MAX_CHARS, tokenize
from estimation.operand import Operand, from_quantity, from_token
from estimation.quantity import COUNT, DATA, MONEY, RATE, TIME, Quantity
from estimation.report import (
    CORRECT,
    INCORRECT,
    UNCHECKED,
    Assumption,
    CheckReport,
    ClaimCheck,
    Finding,
)
from estimation.tokens import Token
from estimation.tradeoffs import Assumptions as TradeoffAssumptions
from estimation.tradeoffs import TradeoffRow, tradeoff_matrix
from estimation.verdicts import judge, within

_SENTENCE = re.compile(r"(?<=[.?!;])\s+|\n+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]+")
MAX_SENTENCES = 2_000
DERIVED_WORDS = frozenset(
    {
        "peak",
        "storage",
        "bandwidth",
        "throughput",
        "total",
        "memory",
        "qps",
        "rps",
        "tps",
        "writes",
        "reads",
        "traffic",
        "egress",
        "ingress",
        "capacity",
        "shards",
        "nodes",
        "servers",
        "machines",
        "partitions",
        "space",
        "disk",
        "ram",
        "cost",
        "average",
        "load",
        "volume",
        "rate",
        "requests",
    }
)
_MULTIPLIER_NAMES = {
    "replication": ("replication", "replicas", "replica", "copies"),
    "peak": ("peak", "spike", "burst", "headroom"),
}


def _kind(q: Quantity, multiplier: bool) -> str:
    if multiplier:
        return "multiplier"
    return {DATA: "size", TIME: "duration", RATE: "rate", COUNT: "count", MONEY: "money"}.get(
        q.dimension, "quantity"
    )


def _render(node: Node, resolve, spoken: bool = True) -> str:
    """The expression as words ("1 billion a day divided by 86,400") or calculator syntax."""
    if node.op == "leaf":
        assert node.token is not None
        text = resolve(node.token).text or node.token.text
        return text if spoken or node.token.kind != "ref" else f"({text})"
    assert node.left is not None
    left = _render(node.left, resolve, spoken)
    if node.op == "neg":
        return f"minus {left}" if spoken else f"-{left}"
    assert node.right is not None
    right = _render(node.right, resolve, spoken)
    if node.right.op in "+-" or (node.op == "/" and node.right.op in "*/"):
        right = f"({right})"
    if node.left.op in "+-" and node.op in "*/^":
        left = f"({left})"
    if spoken:
        word = {"*": "times", "/": "divided by", "+": "plus", "-": "minus", "^": "to the"}
        return f"{left} {word[node.op]} {right}"
    return f"{left} {node.op} {right}"


class EstimationSession:
    """Checks utterances one at a time, remembering what the candidate assumed and derived."""

    def __init__(self, tolerance: float = 0.15) -> None:
        if not 0 < tolerance < 10:
            raise ValueError("tolerance must be a fraction such as 0.15")
        self.tolerance = tolerance
        self.conventions: dict[str, float] = {}
        self.names: dict[str, Operand] = {}
        self.origin: dict[str, str] = {}
        self.pool: list[Operand] = []
        self.last_result: Operand | None = None
        self.pending: tuple[str, Operand] | None = None
        self.multipliers: dict[str, Operand] = {}
        self.claims: list[ClaimCheck] = []
        self.assumptions: list[Assumption] = []
        self.findings: list[Finding] = []
        self._synthetic: dict[str, Operand] = {}

    # -- public -------------------------------------------------------------------------------
    def add(self, utterance: str) -> CheckReport:
        """Check one candidate turn; returns only what this turn produced."""
        marks = (len(self.claims), len(self.assumptions), len(self.findings))
        text = utterance if isinstance(utterance, str) else str(utterance)
        if len(text) > MAX_CHARS:
            self.findings.append(
                Finding(
                    "input_truncated",
                    f"That was very long; I only checked the first {MAX_CHARS:,} characters.",
                    "info",
                )
            )
            text = text[:MAX_CHARS]
        text = _CONTROL.sub(" ", text)
        for count, sentence in enumerate(_SENTENCE.split(text)):
            if count >= MAX_SENTENCES:
                break
            if sentence.strip():
                self._sentence(sentence)
        return CheckReport(
            tuple(self.claims[marks[0] :]),
            tuple(self.assumptions[marks[1] :]),
            tuple(self.findings[marks[2] :]),
        )

    def report(self) -> CheckReport:
        """Everything checked so far."""
        return CheckReport(tuple(self.claims), tuple(self.assumptions), tuple(self.findings))

    def value_of(self, name: str) -> Quantity | None:
        """A named quantity the candidate stated or derived ("peak qps"), SI."""
        op = self.names.get(name.lower())
        return op.quantity if op else None

    def tradeoffs(self) -> list[TradeoffRow]:
        """The conservative (the candidate's assumptions) vs aggressive matrix for this session.
        Raises ValueError until a request rate has been stated."""
        rates = [op for op in self.pool if op.quantity.dimension == RATE and "peak" not in op.name]
        if not rates:
            raise ValueError("no request rate has been stated yet")
        base = TradeoffAssumptions()
        sizes = [
            op
            for op in self.pool
            if op.quantity.dimension == DATA and self.origin.get(op.name) in ("assumption", "fact")
        ]
        retention = self.names.get("retention")
        peak = self.multipliers.get("peak")
        replication = self.multipliers.get("replication")
        column = TradeoffAssumptions(
            peak.quantity.value if peak else base.peak_multiplier,
            sizes[-1].quantity if sizes else base.payload,
            retention.quantity
            if retention and retention.quantity.dimension == TIME
            else base.retention,
            replication.quantity.value if replication else base.replication,
        )
        return tradeoff_matrix(rates[0].quantity, column)

    # -- sentences ----------------------------------------------------------------------------
    def _sentence(self, sentence: str) -> None:
        toks = tokenize(sentence, self.conventions, self.names.keys())
        if self._convention(toks, sentence):
            return
        for st in scan(toks, self.last_result is not None):
            self._statement(st, sentence)
        from estimation.reference import capacity_findings

        self.findings.extend(capacity_findings(toks, sentence, self.pool))

    def _convention(self, toks: list[Token], sentence: str) -> bool:
        """ "Round a day to 100,000 seconds", "a month is 2.5 million seconds"."""
        words = [t.words[0] for t in toks if t.kind == "word"]
        period = next((w for w in words if w in ("day", "month", "year", "week", "hour")), None)
        secs = [t for t in toks if t.kind == "qty" and t.unit_text == "second"]
        if period is None or len(secs) != 1:
            return False
        lowered = sentence.lower()
        if not (
            any(w in words for w in ("round", "call", "treat", "roughly", "approximate"))
            or re.search(rf"\b(a|one|1|each)\s+{period}\s+(is|has|as)\b", lowered)
        ):
            return False
        assert secs[0].quantity is not None
        self.conventions[period] = secs[0].quantity.value
        self.assumptions.append(
            Assumption(f"seconds per {period}", secs[0].quantity, "convention", sentence.strip())
        )
        return True

    def _resolve(self, tok: Token) -> Operand:
        if tok.kind == "qty":
            return from_token(tok)
        if tok.kind == "ref":
            if self.last_result is None:
                raise KeyError("nothing to refer to")
            return self.last_result
        if tok.kind == "var":
            op = self._synthetic.get(tok.op) or self.names.get(tok.op.replace("_", " "))
            if op is None:
                op = self.names.get(tok.op)
            if op is None:
                raise KeyError(tok.op)
            return op
        raise KeyError(tok.text)

    def _can_resolve(self, node: Node) -> bool:
        try:
            for tok in node.leaves():
                self._resolve(tok)
        except KeyError:
            return False
        return True

    def _statement(self, st: Statement, sentence: str) -> None:
        text = sentence[st.start : st.end] if st.end > st.start else sentence
        text = text.strip(" \t,;:.—–-")
        name = _name(st)
        assume = any(w in ASSUME_WORDS for w in st.words)
        single = st.single
        if st.stated is not None:
            stated = from_token(st.stated)
            if single is not None and single.kind == "qty":
                op = from_token(single)
                if single.multiplier:
                    self._remember_multiplier(name, op, text)
                    if self.last_result is not None:
                        self._multiplier_claim(self.last_result, op, stated, text, name)
                    return
                if _is_conversion(op, stated):
                    self._claim(st.node, stated, text, name)
                    return
                self._assign(name or _after_name(st), op, text, assume, st)
                self._implicit(stated, text, name, st)
                return
            if not self._can_resolve(st.node):
                self._unchecked(stated, text, st, name)
                return
            if single is not None:  # "that's 60 MB per second", "peak, so 60 MB/s"
                op = self._resolve(single)
                if op.quantity.dimension != stated.quantity.dimension and self._implicit(
                    stated, text, name, st, prefer=op
                ):
                    return
            self._claim(st.node, stated, text, name)
            return
        if single is not None and single.kind == "qty":
            op = from_token(single)
            if single.multiplier:
                self._remember_multiplier(name or _after_name(st), op, text)
                return
            result_marked = any(m in RESULT_MARKS for m in st.marks)
            derived = any(w in DERIVED_WORDS for w in st.subject)
            if (
                not assume
                and (result_marked or (derived and st.marks))
                and self._implicit(op, text, name, st)
            ):
                return
            self._assign(name or _after_name(st), op, text, assume, st)
            return
        if single is None and self._can_resolve(st.node):
            try:
                value = st.node.evaluate(lambda t: self._resolve(t).quantity)
            except (ValueError, ZeroDivisionError):
                return
            result = from_quantity(value, text, name)
            if name:
                self._set_name(name, result, "result")
            self.last_result = result
            self.pool.append(result)

    # -- memory -------------------------------------------------------------------------------
    def _set_name(self, name: str, op: Operand, origin: str) -> None:
        self.names[name] = op.named(name)
        self.origin[name] = origin

    def _remember_multiplier(self, name: str, op: Operand, text: str) -> None:
        concept = next(
            (c for c, words in _MULTIPLIER_NAMES.items() if any(w in text.lower() for w in words)),
            name or "multiplier",
        )
        self.multipliers[concept] = op
        self.pending = (concept, op)
        self.assumptions.append(Assumption(concept, op.quantity, "multiplier", text))

    def _assign(self, name: str, op: Operand, text: str, assume: bool, st: Statement) -> None:
        op = op.named(name) if name else op
        if name and name in self.names:
            old = self.names[name]
            same_dim = old.quantity.dimension == op.quantity.dimension
            if same_dim and not within(op.quantity.value, old.quantity.value, self.tolerance):
                if self.origin.get(name) == "result":
                    self._record(
                        ClaimCheck(
                            text,
                            name.replace(" ", "_"),
                            op.quantity,
                            old.quantity,
                            INCORRECT,
                            f"Earlier you worked out {say(old.quantity)} for {name}; "
                            f"now you say {say(op.quantity)}.",
                            "contradicts_earlier",
                            name,
                        ),
                        op,
                    )
                    return
                self.findings.append(
                    Finding(
                        "changed_assumption",
                        f"Earlier you assumed {say(old.quantity)} for {name}; now it's "
                        f"{say(op.quantity)}. Which one holds? Everything after uses "
                        f"{say(op.quantity)}.",
                        "warning",
                        text,
                    )
                )
        kind = _kind(op.quantity, op.multiplier)
        if assume or name:
            self.assumptions.append(Assumption(name or kind, op.quantity, kind, text))
        if name:
            self._set_name(name, op, "assumption" if assume else "fact")
        if kind == "duration" and "for" in st.words and not name:
            self._set_name("retention", op, "assumption")
        self.pool.append(op)

    # -- claims -------------------------------------------------------------------------------
    def _synthetic_leaf(self, op: Operand) -> Token:
        key = f"#{len(self._synthetic)}"
        self._synthetic[key] = op
        return Token("var", op.text, 0, 0, op=key)

    def _multiplier_claim(
        self, base: Operand, mult: Operand, stated: Operand, text: str, name: str
    ) -> None:
        node = Node(
            "*",
            left=Node("leaf", self._synthetic_leaf(base)),
            right=Node("leaf", self._synthetic_leaf(mult)),
        )
        self.pending = None
        self._claim(node, stated, text, name, multiplier=(base, mult))

    def _implicit(
        self, stated: Operand, text: str, name: str, st: Statement, prefer: Operand | None = None
    ) -> bool:
        """A result with no expression ("so 60,000", "that's 60 MB per second")."""
        if self.pending is not None and self.last_result is not None:
            concept, mult = self.pending
            base = self.last_result
            if _compatible(base.quantity, stated.quantity):
                self._multiplier_claim(base, mult, stated, text, name or concept)
                return True
        words = set(st.words) | set(st.subject)
        if "peak" in words and "peak" in self.multipliers:
            base = next(
                (
                    op
                    for op in reversed(self.pool + [self.last_result] if self.last_result else [])
                    if op is not None and op.quantity.dimension == RATE and "peak" not in op.name
                ),
                None,
            )
            if base is not None and _compatible(base.quantity, stated.quantity):
                self._multiplier_claim(base, self.multipliers["peak"], stated, text, name or "peak")
                return True
        return self._search(stated, text, name, prefer)

    def _search(self, stated: Operand, text: str, name: str, prefer: Operand | None) -> bool:
        """Find the product/quotient of recent values that has the stated dimension."""
        recent: list[Operand] = []
        for op in reversed(self.pool):
            if all(op is not r for r in recent) and not op.multiplier:
                recent.append(op)
            if len(recent) == 4:
                break
        for first in (self.last_result, prefer):
            if first is not None:
                recent = [first] + [r for r in recent if r is not first]
        target = stated.quantity.dimension
        levels: list[list[Node]] = [[], []]
        for (ia, a), (ib, b) in itertools.permutations(enumerate(recent[:5]), 2):
            for op in ("*", "/"):
                if op == "*" and ia > ib:
                    continue
                q = a.quantity * b.quantity if op == "*" else a.quantity / b.quantity
                if q.dimension == target and (target != COUNT or op == "/"):
                    level = 0 if (a is recent[0] or b is recent[0]) else 1
                    levels[level].append(
                        Node(
                            op,
                            left=Node("leaf", self._synthetic_leaf(a)),
                            right=Node("leaf", self._synthetic_leaf(b)),
                        )
                    )
        if target != COUNT and not any(levels):
            for a, b, c in itertools.combinations(recent[:5], 3):
                q = a.quantity * b.quantity * c.quantity
                if q.dimension == target:
                    leaf = [Node("leaf", self._synthetic_leaf(x)) for x in (a, b, c)]
                    levels[1].append(
                        Node("*", left=Node("*", left=leaf[0], right=leaf[1]), right=leaf[2])
                    )
        for nodes in levels:
            if not nodes:
                continue
            for node in nodes:
                j = judge(node, self._resolve, stated, self.tolerance)
                if j.verdict == CORRECT:
                    self._claim(node, stated, text, name)
                    return True
            if len(nodes) == 1:
                self._claim(nodes[0], stated, text, name)
                return True
            return False
        return False

    def _unchecked(self, stated: Operand, text: str, st: Statement, name: str) -> None:
        missing = [t.text for t in st.node.leaves() if t.kind in ("var", "ref")]
        self._record(
            ClaimCheck(
                text,
                " ".join(t.text for t in st.chain),
                stated.quantity,
                None,
                UNCHECKED,
                f"I can't recompute {say(stated.quantity)}: I don't know what "
                f"{' and '.join(missing) or 'the inputs'} refers to.",
                "",
                name,
            ),
            stated.named(name) if name else stated,
        )

    def _claim(
        self,
        node: Node,
        stated: Operand,
        text: str,
        name: str,
        multiplier: tuple[Operand, Operand] | None = None,
    ) -> None:
        j = judge(node, self._resolve, stated, self.tolerance)
        words = _render(node, self._resolve)
        expression = _render(node, self._resolve, spoken=False)
        slip = ""
        if j.verdict == CORRECT:
            explanation = f"{_cap(words)} is about {say(j.computed)}, so {say(j.stated)} holds up."
        elif j.verdict == UNCHECKED:
            explanation = (
                f"I can't line up the units of {words} with {say(stated.quantity)}, "
                "so I left it unchecked."
            )
        else:
            assert j.computed is not None
            diag: Diagnosis | None = None
            if multiplier is not None:
                base, mult = multiplier
                base_q = Quantity(base.quantity.value, j.computed.dimension)
                diag = multiplier_slip(base_q, mult.quantity.value, j.stated)
                if diag is not None:
                    explanation = f"{_cap(diag.remark)}, not {say(mult.quantity)}x."
            if diag is None:
                diag = diagnose(j.computed, j.stated)
                explanation = (
                    f"{_cap(words)} is about {say(j.computed)}; you said {say(j.stated)} — "
                    f"{diag.remark}."
                )
            slip = diag.slip
        self._record(
            ClaimCheck(text, expression, j.stated, j.computed, j.verdict, explanation, slip, name),
            stated.named(name) if name else stated,
        )

    def _record(self, claim: ClaimCheck, result: Operand) -> None:
        self.claims.append(claim)
        if claim.name:
            self._set_name(claim.name, result, "result")
        self.last_result = result
        self.pool.append(result)
        self.pending = None


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


_VERBS = frozenset(
    {
        "send",
        "sends",
        "keep",
        "store",
        "stores",
        "retain",
        "hold",
        "have",
        "has",
        "get",
        "gets",
        "handle",
        "serve",
        "process",
        "receive",
        "see",
        "expect",
        "write",
        "read",
        "ingest",
        "upload",
        "uploads",
        "generate",
        "post",
        "posts",
        "support",
        "need",
        "needs",
        "do",
        "does",
        "take",
        "takes",
        "use",
        "uses",
        "make",
        "makes",
    }
)
_RETAIN = frozenset({"keep", "store", "retain", "hold", "retention"})


def _name(st: Statement) -> str:
    """What a statement's value is called: its subject, or the nouns after a verb phrase."""
    subject = [w for w in st.subject if w not in ("them", "it", "everything", "data")]
    if (
        st.single is not None
        and st.single.kind == "qty"
        and st.single.unit_text
        in (
            "day",
            "month",
            "year",
            "week",
            "hour",
        )
        and _RETAIN & (set(st.subject) | set(st.words))
    ):
        return "retention"
    if any(w in _VERBS for w in subject):
        return _after_name(st)
    return subject_name(tuple(subject))


def _after_name(st: Statement) -> str:
    if st.single is not None and st.single.noun:
        return st.single.noun
    return " ".join(w for w in st.after[:2] if w.isalpha() and len(w) > 1)


def _compatible(a: Quantity, b: Quantity) -> bool:
    return a.dimension == b.dimension or a.dimension == COUNT or b.dimension == COUNT


def _is_conversion(op: Operand, stated: Operand) -> bool:
    """ "1 billion a day is about 12,000 a second": same dimension, spoken in other units."""
    if not op.time_units and not stated.time_units:
        return False
    same = op.quantity.dimension == stated.quantity.dimension
    return same and op.time_units != stated.time_units and not op.bare and not stated.bare


def check_transcript(text: str, tolerance: float = 0.15) -> CheckReport:
    """Check a whole transcript; equivalent to one session fed the text in one turn."""
    session = EstimationSession(tolerance)
    session.add(text)
    return session.report()
