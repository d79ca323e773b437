"""What one statement says about itself: what its value is called, whether its words present
a result or an input, whether it is a multiplier, whether it restates a value in other units.

Pure functions of a `claims.Statement`; the session decides what to do with the answers.
"""

from __future__ import annotations

from estimation.claims import RESULT_MARKS, SUBJECT_STOP, Statement
from estimation.claims import subject_name as _subject_name
from estimation.lexer import HEDGES
from estimation.operand import Operand
from estimation.tokens import Token

DERIVED_WORDS = frozenset(
    [
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
        "overall",
    ]
)
_MULTIPLIER_CONCEPTS = {
    "replication": ("replication", "replicas", "replica", "copies", "replicated"),
    "peak": ("peak", "spike", "burst", "headroom"),
}
_VERBS = frozenset(
    [
        "send",
        "sends",
        "keep",
        "store",
        "stores",
        "retain",
        "hold",
        "holds",
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
        "emit",
        "emits",
        "open",
        "opens",
    ]
)
_RETAIN = frozenset({"keep", "store", "retain", "hold", "retention", "keeps"})
PERIODS = ("day", "month", "year", "week", "hour")


PREPOSITIONS = frozenset({"for", "with", "at", "of", "in", "on", "to", "from", "by", "into"})


def result_marked(st: Statement) -> bool:
    """The words before a number present it as a result ("so", "that's", "or about"), not as
    an input ("so for 10 GB per second", "and about 10 MB per partition")."""
    if st.words and st.words[-1] in PREPOSITIONS:
        return False
    hedged = (
        bool(st.words)
        and all(w in HEDGES or w == "or" for w in st.words)
        and any(w in HEDGES for w in st.words)
    )
    return any(w in RESULT_MARKS for w in st.marks) or hedged


def name_of(st: Statement) -> str:
    """What a statement's value is called: its subject, or the nouns after a verb phrase."""
    subject = [w for w in st.subject if w not in ("them", "it", "everything", "data")]
    single = st.single
    if (
        single is not None
        and single.kind == "qty"
        and single.unit_text in PERIODS
        and _RETAIN & (set(st.subject) | set(st.words))
    ):
        return "retention"
    verbs = [i for i, w in enumerate(subject) if w in _VERBS]
    if verbs and verbs[-1] + 1 < len(subject):
        return _subject_name(tuple(subject[verbs[-1] + 1 :]))  # "make each message 2 KB"
    if verbs or not st.marks:
        return after_name(st)
    return _subject_name(tuple(subject))


def after_name(st: Statement) -> str:
    if st.single is not None and st.single.noun:
        return st.single.noun
    return " ".join(w for w in st.after[:2] if w.isalpha() and len(w) > 1 and w not in SUBJECT_STOP)


_MARK_TAILS = frozenset({"out", "to", "us", "you", "it", "is", "get", "need", "at"})


def connector_name(st: Statement) -> str:
    """The name between the expression and the result ("so peak QPS is 36,000")."""
    words = [
        w
        for w in st.connector
        if w.isalpha()
        and w not in SUBJECT_STOP
        and w not in RESULT_MARKS
        and w not in HEDGES
        and w not in _MARK_TAILS
    ]
    return " ".join(words[-3:])


def multiplier_concept(st: Statement, tok: Token) -> str:
    """The concept a multiplier belongs to ("peak", "replication"); empty if it is none."""
    words = set(st.subject) | set(st.words) | set(st.after)
    text = " ".join(words)
    concept = next(
        (c for c, keys in _MULTIPLIER_CONCEPTS.items() if any(k in text for k in keys)), ""
    )
    if tok.multiplier:
        return concept or "multiplier"
    if concept == "replication" and tok.bare and 1 < tok.number <= 10:
        return concept
    return ""


_PER_ITEM = frozenset({"each", "per", "apiece", "every", "a", "an"})


def is_conversion(op: Operand, stated: Operand, connector: tuple[str, ...]) -> bool:
    """Same dimension spoken in other units: "1 billion a day is about 12,000 a second".
    Not "1 KB each, so 200 GB": a per-item size leads to a product, not a conversion."""
    if op.bare or stated.bare or op.quantity.dimension != stated.quantity.dimension:
        return False
    content = [w for w in connector if w.isalpha() and w not in SUBJECT_STOP]
    content = [w for w in content if w not in RESULT_MARKS and w not in HEDGES]
    if _PER_ITEM & set(connector) or content:
        return False
    return op.unit != stated.unit
