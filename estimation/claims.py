"""Find the statements in a sentence: "<subject> is <expression>, about <result>".

The scanner does not decide what a statement means (a claim to check, an assumption, a named
fact); the session does, because that depends on what was said before. The scanner only cuts
a sentence into: the subject words, the marker words ("so", "that's", "is about"), the
expression (a chain of quantities, names and "that"s joined by operators) and the stated result.
"""

from __future__ import annotations

from dataclasses import dataclass

from estimation.calculator import Node, ParseError, Parser
from estimation.tokens import Token

ASSUME_WORDS = frozenset(
    {"assume", "assuming", "assumption", "say", "suppose", "let's", "lets", "guess", "estimate"}
)
RESULT_MARKS = frozenset(
    {
        "so",
        "that's",
        "thats",
        "it's",
        "which",
        "gives",
        "giving",
        "means",
        "works",
        "comes",
        "need",
        "=",
        "≈",
        "→",
        "equals",
        "equal",
        "makes",
        "yields",
        "get",
        "becomes",
        "lands",
    }
)
SUBJECT_STOP = frozenset(
    {
        "the",
        "our",
        "each",
        "every",
        "a",
        "an",
        "so",
        "and",
        "then",
        "we",
        "have",
        "let's",
        "lets",
        "let",
        "us",
        "assume",
        "assuming",
        "say",
        "i'll",
        "i",
        "will",
        "suppose",
        "of",
        "that",
        "with",
        "about",
        "roughly",
        "around",
        "which",
        "okay",
        "ok",
        "um",
        "uh",
        "well",
        "now",
        "if",
        "it",
        "this",
        "be",
        "to",
        "in",
        "on",
        "just",
        "also",
        "like",
        "want",
        "need",
        "do",
        "is",
        "are",
        "was",
        "there",
        "these",
        "those",
        "maybe",
        "probably",
        "but",
        "my",
        "you",
        "your",
        "i'd",
        "we'd",
        "we'll",
        "for",
        "by",
        "call",
        "get",
    }
)
_LEAD_ARTICLES = frozenset({"the", "our", "each", "a", "an", "that", "this", "those", "every"})
_ASSIGN_MARKS = frozenset({"is", "are", "was", "=", "equals", "becomes"})


@dataclass(frozen=True)
class Statement:
    """One "subject marks expression [connectors stated]" run inside a sentence."""

    subject: tuple[str, ...]
    """Content words before the expression ("peak", "tweet qps"), lower case."""
    marks: tuple[str, ...]
    """Marker and hedge words between subject and expression ("so", "is", "about")."""
    words: tuple[str, ...]
    """Every word of the clause before the expression (for "assume", "peak", "for")."""
    chain: tuple[Token, ...]
    node: Node
    stated: Token | None
    """The stated result after the expression, when a marker introduces one."""
    connector: tuple[str, ...]
    """Words between the expression and the stated result ("for replication", "so")."""
    after: tuple[str, ...]
    """Words right after the expression or result ("users", "per node")."""
    start: int
    end: int

    @property
    def single(self) -> Token | None:
        """The expression's only token, when it is a single quantity, name or reference."""
        return self.node.token if self.node.op == "leaf" else None


def _is_operand(tok: Token) -> bool:
    return tok.kind in ("qty", "var", "ref")


def _collect_chain(toks: list[Token], i: int, implicit_left: bool) -> tuple[list[Token], int]:
    """Tokens of the expression starting at i (filler nouns dropped) and the index after it."""
    out: list[Token] = []
    j = i
    n = len(toks)
    depth = 0
    expect_operand = True
    if implicit_left and toks[i].kind == "op":
        out.append(Token("ref", "that", toks[i].start, toks[i].start, words=("that",)))
        expect_operand = False
    while j < n:
        tok = toks[j]
        if expect_operand:
            if _is_operand(tok):
                out.append(tok)
                j += 1
                expect_operand = tok.kind == "qty" and tok.multiplier and _next_operand(toks, j)
                continue
            if tok.kind == "lparen":
                depth += 1
                out.append(tok)
                j += 1
                continue
            if tok.kind == "word" and tok.words[0] in _LEAD_ARTICLES and out:
                j += 1
                continue
            break
        # expecting an operator: skip up to three filler words before it ("keys ×")
        k = j
        while k < n and k - j < 3 and toks[k].kind == "word":
            k += 1
        if (
            k < n
            and toks[k].kind == "op"
            and toks[k].op in "+-*/^"
            and k + 1 < n
            and (
                _is_operand(toks[k + 1])
                or toks[k + 1].kind == "lparen"
                or (toks[k + 1].kind == "word" and toks[k + 1].words[0] in _LEAD_ARTICLES)
            )
        ):
            out.append(toks[k])
            j = k + 1
            expect_operand = True
            continue
        if tok.kind == "rparen" and depth > 0:
            depth -= 1
            out.append(tok)
            j += 1
            continue
        break
    while out and out[-1].kind in ("op", "lparen"):
        out.pop()
        j -= 1
    return out, j


def _next_operand(toks: list[Token], j: int) -> bool:
    return j < len(toks) and (_is_operand(toks[j]) and toks[j].kind != "qty")


def _parse(chain: list[Token]) -> Node | None:
    if not chain:
        return None
    # close parentheses the speaker never closed; drop stray closers
    depth = 0
    fixed: list[Token] = []
    for tok in chain:
        if tok.kind == "rparen":
            if depth == 0:
                continue
            depth -= 1
        elif tok.kind == "lparen":
            depth += 1
        fixed.append(tok)
    fixed += [Token("rparen", ")", 0, 0)] * depth
    try:
        return Parser(fixed).parse()
    except ParseError:
        return None


def scan(toks: list[Token], have_last: bool) -> list[Statement]:
    """Statements of one sentence, in order."""
    out: list[Statement] = []
    n = len(toks)
    i = 0
    clause_start = 0
    while i < n:
        tok = toks[i]
        if tok.kind == "comma":
            i += 1
            continue
        subject_var = (
            tok.kind == "var"
            and i + 1 < n
            and toks[i + 1].kind == "mark"
            and (toks[i + 1].words[0] in _ASSIGN_MARKS)
        )
        starts = (_is_operand(tok) or tok.kind == "lparen") and not subject_var
        leading_op = (
            tok.kind == "op"
            and tok.op in "*/+"
            and (have_last or out)
            and i + 1 < n
            and _is_operand(toks[i + 1])
        )
        if not (starts or leading_op):
            i += 1
            continue
        chain, end = _collect_chain(toks, i, implicit_left=leading_op)
        node = _parse(chain)
        if node is None:
            i += 1
            continue
        before = toks[clause_start:i]
        k = end
        connector: list[str] = []
        marked = False
        words_seen = 0
        while k < n and toks[k].kind in ("mark", "hedge", "comma", "word"):
            kind = toks[k].kind
            if kind == "word":
                words_seen += 1
                if words_seen > 3 or marked:
                    break
            if kind in ("mark", "hedge"):
                marked = True
            connector.extend(toks[k].words or (toks[k].text,))
            k += 1
        stated = None
        if marked and k < n and toks[k].kind == "qty" and not toks[k].multiplier:
            nxt = toks[k + 1] if k + 1 < n else None
            if nxt is None or nxt.kind != "op" or (k + 2 < n and not _is_operand(toks[k + 2])):
                stated = toks[k]
        after_i = k + 1 if stated is not None else end
        after = tuple(t.words[0] for t in toks[after_i : after_i + 3] if t.kind == "word")
        subject, marks, words = _subject(before)
        out.append(
            Statement(
                subject,
                marks,
                words,
                tuple(chain),
                node,
                stated,
                tuple(connector) if stated is not None else (),
                after,
                (before[0].start if before else tok.start),
                (stated.end if stated is not None else toks[end - 1].end),
            )
        )
        i = after_i
        clause_start = i
    return out


def _subject(before: list[Token]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    # only the last clause before the expression counts as its subject
    cut = 0
    for idx, tok in enumerate(before):
        if tok.kind in ("comma", "sep"):
            cut = idx + 1
    clause = before[cut:]
    words: list[str] = []
    subject: list[str] = []
    marks: list[str] = []
    for tok in clause:
        if tok.kind in ("mark", "hedge"):
            marks.extend(tok.words)
            words.extend(tok.words)
        elif tok.kind in ("word", "var"):
            text = tok.text.lower().replace("_", " ")
            words.extend(text.split())
            subject.extend(w for w in text.split() if w not in SUBJECT_STOP)
    return tuple(subject), tuple(marks), tuple(words)


def subject_name(words: tuple[str, ...]) -> str:
    """Normalised name for a subject ("peak qps"); empty when there is none."""
    return " ".join(w for w in words if w not in SUBJECT_STOP)[:60].strip()
