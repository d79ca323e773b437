"""Find the statements in a sentence: "<subject> is <expression>, about <result>".

The scanner does not decide what a statement means (a claim to check, an assumption, a named
fact); the session does, because that depends on what was said before. The scanner only cuts
a sentence into: the subject words, the marker words ("so", "that's", "is about"), the
expression (a chain of quantities, names and "that"s joined by operators) and the stated result.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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
        "leaves",
        "then",
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
        "or",
        "actually",
        "summarize",
        "recap",
        "at",
        "one",
    }
)
_LEAD_ARTICLES = frozenset({"the", "our", "each", "a", "an", "that", "this", "those", "every"})
_ASSIGN_MARKS = frozenset({"is", "are", "was", "=", "equals", "becomes", ":"})


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
    last_end = i
    if implicit_left and toks[i].kind == "op":
        out.append(Token("ref", "that", toks[i].start, toks[i].start, words=("that",)))
        expect_operand = False
    while j < n:
        tok = toks[j]
        if expect_operand:
            if _is_operand(tok):
                out.append(tok)
                j += 1
                last_end = j
                expect_operand = tok.kind == "qty" and tok.multiplier and _next_operand(toks, j)
                continue
            if tok.kind == "lparen":
                depth += 1
                out.append(tok)
                j += 1
                continue
            # "times the payload", "+ counter (8B)": a couple of words before the operand
            if tok.kind == "word" and out and out[-1].kind in ("op", "lparen"):
                k = j
                while k < n and k - j < 2 and toks[k].kind == "word":
                    k += 1
                if k < n and (_is_operand(toks[k]) or toks[k].kind == "lparen"):
                    j = k
                    continue
            break
        # expecting an operator: skip up to three descriptive words before it ("keys ×")
        k = j
        while (
            k < n
            and k - j < 3
            and (
                toks[k].kind == "word" or (toks[k].kind == "var" and out and out[-1].kind == "qty")
            )
        ):
            k += 1
        if (
            k < n
            and toks[k].kind == "op"
            and toks[k].op in "+-*/^"
            and k + 1 < n
            and (
                _is_operand(toks[k + 1])
                or toks[k + 1].kind == "lparen"
                or (toks[k + 1].kind == "word" and k + 2 < n)
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
            last_end = j
            continue
        break
    while out and out[-1].kind in ("op", "lparen"):
        out.pop()
    return out, max(last_end, i + 1)


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


_CONJUNCTIONS = frozenset({"and", "but", "while", "whereas", "then", "plus"})
# "is more like 83,000", "is actually 4 TB", "is closer to 9": words a result is said through
_FILLERS = frozenset(
    {"what", "um", "uh", "like", "say", "roughly", "basically", "so", "well"}
    | {"more", "actually", "really", "closer", "exactly"}
    | {"let", "me", "see", "lemme", "think", "hmm"}  # "that's, let me see, 16 MB": thinking
)
_TRUE_HEDGES = frozenset(
    {"about", "roughly", "around", "approximately", "approx", "almost", "nearly", "~", "like"}
)
_LEADING_OPS = frozenset(
    {"times", "×", "*", "x", "multiplied by", "divided by", "divide by", "plus", "+", "doubled"}
)


def _stated_after(
    toks: list[Token], end: int, expression: bool, powers: bool = False
) -> tuple[int, list[str]] | None:
    """Index of the stated result after an expression ending at `end`, and the words between.

    "…, about 3,500", "is 2.4 MB", "so that's 60 MB per second", "for replication, that's 90 TB".
    Content words after a comma or "and" followed by "is" start a new subject instead ("and
    the payload is 2 KB"); words after the marker ("so for a million QPS") mean the number is
    an input, not a result."""
    n = len(toks)
    k = end
    words: list[str] = []
    result = plain = hedged = broken = new_subject = after_mark = False
    content = content_after_break = 0
    while k < n:
        tok = toks[k]
        if tok.kind == "comma":
            broken = True
        elif tok.kind == "word":
            w = tok.words[0]
            if w in _CONJUNCTIONS:
                broken = True
            elif w not in _FILLERS:
                content += 1
                if content > 4:
                    return None
                if result or plain:
                    after_mark = True
                elif broken:
                    new_subject = True
                    content_after_break += 1
        elif tok.kind == "mark":
            if tok.words[0] in RESULT_MARKS:
                result = True
            else:
                if new_subject:
                    return None
                plain = True
            after_mark = False
        elif tok.kind == "var" and k == end and end > 0 and toks[end - 1].kind == "qty":
            content += 1  # "over 2,000 workers is …": a name said as the noun of a number
        elif tok.kind == "hedge":
            hedged = hedged or tok.words[0] in _TRUE_HEDGES
            if tok.words[0] == "rounding":  # "…, rounding a day up, is 500": an aside
                while k + 1 < n and toks[k + 1].kind not in ("comma", "sep", "mark"):
                    k += 1
        else:
            break
        words.extend(tok.words or (tok.text,))
        k += 1
    if k >= n or after_mark:
        return None
    tok = toks[k]
    # "10 to the 9 over 10 to the 5 is 10 to the 4": a power is a result only of powers
    if tok.kind != "qty" or tok.multiplier or (tok.power and not powers):
        return None
    nxt = toks[k + 1] if k + 1 < n else None
    if tok.bare and tok.number == 1 and nxt is not None and nxt.kind == "word":
        return None  # "so one core handles…": a determiner, not a result
    if nxt is not None and nxt.kind == "op" and k + 2 < n and _is_operand(toks[k + 2]):
        return None
    marked = result or (plain and not new_subject)
    # "…divided by 3600 seconds, about 3,500", "times 3 for replication, 3 PB"
    marked = marked or (expression and (hedged or broken) and not content_after_break)
    # "a 10 Gbps NIC moves about 1.25 GB per second": a verb and a hedge
    marked = marked or (hedged and not broken and 0 < content <= 2)
    return (k, words) if marked else None


_MAY_START = frozenset({"qty", "var", "ref", "lparen", "op"})
"""Token kinds an expression can start with (an operand, a bracket, a leading operator)."""


def scan(toks: list[Token], have_last: bool) -> list[Statement]:
    """Statements of one sentence, in order."""
    out: list[Statement] = []
    n = len(toks)
    i = 0
    clause_start = 0
    while i < n:
        tok = toks[i]
        if tok.kind not in _MAY_START:  # words, marks, commas: nothing starts here
            i += 1
            continue
        nxt = toks[i + 1] if i + 1 < n else None
        subject_var = (  # "peak QPS is 50,000", "make each message 2 KB"
            tok.kind == "var"
            and nxt is not None
            and (
                (nxt.kind == "mark" and nxt.words[0] in _ASSIGN_MARKS)
                or (nxt.kind == "qty" and not nxt.multiplier)
            )
        )
        determiner = (  # "one Redis node", "a single box": not a number in play
            tok.kind == "qty"
            and tok.bare
            and tok.number == 1
            and nxt is not None
            and nxt.kind == "word"
        )
        starts = (_is_operand(tok) or tok.kind == "lparen") and not subject_var and not determiner
        leading_op = (
            tok.kind == "op"
            and tok.text.lower() in _LEADING_OPS
            and (have_last or bool(out))
            and nxt is not None
            and _is_operand(nxt)
        )
        if not (starts or leading_op):
            i += 1
            continue
        chain, end = _collect_chain(toks, i, implicit_left=leading_op)
        node = _parse(chain)
        if node is None:
            i += 1
            continue
        if out and node.op != "leaf" and _chained_result(toks, out[-1], i):
            # "30 d → ~780 TB × 3 = ~2.3 PB": the figure opening this working is the result
            # of the one before it, said once for both
            out[-1] = replace(out[-1], stated=tok, end=tok.end)
        before = toks[clause_start:i]
        expression = node.op != "leaf" or (node.token is not None and node.token.power)
        powers = node.op != "leaf" and any(t.power for t in node.leaves())
        found = _stated_after(toks, end, expression, powers)
        stated = toks[found[0]] if found else None
        after_i = found[0] + 1 if found else end
        after_words: list[str] = []
        for t in toks[end : end + 3]:
            if t.kind != "word":
                break
            after_words.append(t.words[0])
        after = tuple(after_words)
        subject, marks, words = _subject(before)
        out.append(
            Statement(
                subject,
                marks,
                words,
                tuple(chain),
                node,
                stated,
                tuple(found[1]) if found else (),
                after,
                (before[0].start if before else tok.start),
                (stated.end if stated is not None else toks[end - 1].end),
            )
        )
        i = after_i
        clause_start = i
    return out


_CHAIN_MARKS = frozenset({("→",), ("=",), ("≈",)})


def _chained_result(toks: list[Token], previous: Statement, i: int) -> bool:
    """The figure at `i` follows the previous statement's working across only a written
    arrow or equals sign (and hedges), and that working has no result of its own."""
    if previous.stated is not None or toks[i].kind != "qty" or toks[i].multiplier:
        return False
    k = i - 1
    while k >= 0 and toks[k].kind == "hedge":
        k -= 1
    if k < 1 or toks[k].kind != "mark" or toks[k].words not in _CHAIN_MARKS:
        return False
    return toks[k - 1].end == previous.end and toks[k - 1].kind in ("qty", "rparen", "var")


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
            split = tok.text.lower().replace("_", " ").split()
            words.extend(split)
            subject.extend(w for w in split if w not in SUBJECT_STOP)
    return tuple(subject), tuple(marks), tuple(words)


def subject_name(words: tuple[str, ...]) -> str:
    """Normalised name for a subject ("peak qps"); empty when there is none."""
    return " ".join(w for w in words if w not in SUBJECT_STOP)[:60].strip()
