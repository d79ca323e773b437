"""The estimation session: claims, assumptions and named quantities accumulate across turns.

The interviewer calls `EstimationSession.add(utterance)` once per candidate turn and gets the
verdicts for that turn; `report()` returns everything so far. `check_transcript` is the same
over a whole text. Each sentence is cut into statements (`claims.scan`); this module decides
what each one is: a claim to recompute, an assumption, a named fact, or a restatement of an
earlier result (which must agree with it).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from estimation.calculator import Node
from estimation.claims import ASSUME_WORDS, Statement, scan
from estimation.claims import subject_name as _subject_name
from estimation.diagnosis import diagnose, say
from estimation.explain import build_claim, said_in_bits, say_like
from estimation.formatting import format_number
from estimation.inference import candidates, choose
from estimation.lexer import MAX_CHARS, tokenize
from estimation.memory import Memory, compatible
from estimation.notes import Layout, lay_out
from estimation.operand import Operand, from_quantity, from_token
from estimation.quantity import COUNT, DATA, MONEY, RATE, TIME, Quantity
from estimation.readings import RESULT_WORDS as _RESULT_WORDS
from estimation.readings import (
    OperandReading,
    Said,
    another_reading,
    find_reading,
    plausible_slip,
    result_position,
    working_value,
)
from estimation.reference import capacity_findings
from estimation.report import (
    CORRECT,
    INCORRECT,
    UNCHECKED,
    Assumption,
    CheckReport,
    ClaimCheck,
    Finding,
)
from estimation.speech import drop_abandoned
from estimation.statements import (
    DERIVED_WORDS,
    PERIODS,
    PREPOSITIONS,
    after_name,
    connector_name,
    is_conversion,
    multiplier_concept,
    name_of,
    result_marked,
)
from estimation.tokens import Token
from estimation.tradeoffs import Assumptions as TradeoffAssumptions
from estimation.tradeoffs import TradeoffRow, tradeoff_matrix
from estimation.units import TIME_UNITS
from estimation.verdicts import Judgement, reads_loosely, within

IntentRule = Callable[["EstimationSession", ClaimCheck, Operand], "ClaimCheck | None"]
IntentRules = tuple[tuple[tuple[str, ...] | None, IntentRule], ...]

_SENTENCE = re.compile(r"(?<=[.?!;])\s+|\n+(?=[A-Z0-9×*÷=≈→~+$])")
_WRAPPED = re.compile(r"(?<![.?!;:])\n+(?![A-Z0-9×*÷=≈→~+$])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]+")
MAX_SENTENCES = 2_000
MAX_SENTENCE_NUMBERS = 60
"""A sentence with more numbers than this is not an estimate anyone says; it is left unchecked
(the statement grammar and the reading search grow faster than linearly with it)."""
MAX_NESTING = 16
"""Parentheses nested deeper than this leave the sentence unchecked."""
_APPROXIMATE = re.compile(r"(?<=[0-9a-z])-(?=(?:ish|odd|something)\b)", re.IGNORECASE)
"""The hyphen of "60-ish", "twenty-odd": not a minus sign."""
_HIT = re.compile(r"\bhit\b|\bhits\b|cache(?:d)?\b")
_MISSES = re.compile(
    r"\b(db|database|databases|origin|backend|backends|misses|miss|storage tier|db tier)\b"
)
_GROWTH = re.compile(r"\b(growth|grow|grows|growing|higher|increase|more than|another)\b")
_ONE_MORE_EACH = re.compile(
    r"\b(plus|and|another|one more)\b.*\b(for|per|with) (each|every)\b", re.I
)
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}
_N = r"(\d+|two|three|four|five|six|seven|ten)"
_COPIES_N = re.compile(
    rf"\b{_N}\s*x?\s*(?:replicas|copies|renditions|times for (?:replication|qps|redundancy))\b"
    rf"|\b(?:rf|replication factor)\s*(?:=|of|is)?\s*{_N}\b",
    re.I,
)
_KEEP_N = re.compile(
    rf"\b(?:keep|retain|retention of|store)\s+{_N}\s+(days?|weeks?|years?)\b", re.I
)
_YEARLY = re.compile(r"\b(yearly|per year|a year|annually|for a year|over a year)\b", re.I)
_DAYS = {"day": 1.0, "week": 7.0, "year": 365.0}


def _number(text: str | None) -> float:
    if not text:
        return 0.0
    low = text.lower()
    return float(_NUMBER_WORDS.get(low, 0) or (low.isdigit() and int(low)) or 0)


_WORD_OF = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 8: "eight", 10: "ten"}
_AGAIN = re.compile(r"\b(again|another)\b", re.I)
_RATIO = re.compile(r"\b(\d[\d,]*)\s*(?:to|:)\s*1\b")


def _key(value: float) -> float:
    return float(f"{value:.6g}")


def _is_time_factor(value: float) -> bool:
    return any(abs(value - f) <= 0.01 * f for f in (24, 60, 365, 30, 7, 12, 3600, 86400, 1440))


_COPIES = re.compile(r"\b(replicas?|copies|copy|primary|standby|followers?)\b", re.I)
_NAMED_FACTORS = re.compile(
    r"\b(365|three sixty five|years?|yearly|annual|12 months|30 days|months?)\b", re.I
)
"""A dropped factor is only named as the slip when the candidate named the factor."""
_LINK = re.compile(r"(?:\w+\s+)?(?:link|uplink|nic|card|port|pipe|interface|connection)s?\b")
"""Words that make a figure in bits a network link ("10 gigabit link", "10 Gbps NIC")."""
_LINK_BEFORE = re.compile(r"\b(?:link|uplink|nic|card|port|interface)\b")
_SIZING = re.compile(
    r"\b(?:need|needs|enough|plenty|fits?|handles?|covers?|so|get|buy|one|a single)\b"
)
"""A link named as what it takes ("so we need one 10 gigabit link")."""
_GUESSES = frozenset({("maybe",), ("perhaps",), ("probably",), ("say",)})
"""Hedges that give an input as a guess ("each entry is maybe 100 bytes")."""
_SPAN_AFTER = re.compile(r"\s+(?:[a-z]+\s+){1,2}?(second|minute|hour|day|week|month|year)s?\b")
_FILLER_WORDS = frozenset({("um",), ("uh",), ("er",), ("hmm",), ("like",), ("well",)})
_EXPLAINING = frozenset(
    {("from",), ("because",), ("since",), ("as",), ("given",), (":",), ("=",), ("≈",), ("→",)}
    | {("@",), ("for",)}
)
_FILLER = re.compile(r"(?:,[ \t]*)?\b(?:um+|uh+|er+|erm|hmm+)\b(?:[ \t]*,)?(?=[ \t]*\S)", re.I)
"""Spoken fillers with their commas: "80 billion over, um, 1,440" is one working."""
_STRONG_MARKS = frozenset({("so",), ("that's",), ("it's",), ("=",), ("≈",), ("→",), ("call", "it")})
_GIG_LINK = re.compile(
    r"(?<=\d )gig(?= (?:nics?|links?|cards?|network|ethernet|ports?|uplinks?|pipes?|interfaces?)\b)",
    re.IGNORECASE,
)
"""A "10 gig NIC" is ten gigabits a second."""


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _kind(q: Quantity, multiplier: bool) -> str:
    if multiplier:
        return "multiplier"
    kinds = {DATA: "size", TIME: "duration", RATE: "rate", COUNT: "count", MONEY: "money"}
    return kinds.get(q.dimension, "quantity")


class EstimationSession:
    """Checks utterances one at a time, remembering what the candidate assumed and derived."""

    def __init__(self, tolerance: float = 0.15) -> None:
        if not 0 < tolerance < 10:
            raise ValueError("tolerance must be a fraction such as 0.15")
        self.tolerance = tolerance
        self.memory = Memory()
        self.claims: list[ClaimCheck] = []
        self.assumptions: list[Assumption] = []
        self.findings: list[Finding] = []
        self._sentence_start = 0
        self._sentence_count = 0
        self._pending_sentence = -1
        self._offset = 0
        self._pool_mark = 0
        self._previous_mark = 0
        self._toks: list[Token] = []
        self._layout = Layout("")
        self._factors: dict[float, set[float]] = {}
        """Result value -> the plain factors that made it (to spot a factor applied twice)."""
        self._named_factors: Counter[float] = Counter()
        """Small factors said as factors ("three replicas", "a 3x peak"), each time said."""
        self._priced_per: dict[float, float] = {}
        """Price value -> the batch it is priced per ("$0.005 per 1,000 requests" -> 1,000)."""
        self._each: dict[float, tuple[float, str, int]] = {}
        """Count -> the things each of them has, and the sentence ("50M devices, 2 conns
        each" -> 50M: (2, "conns", n))."""
        self._open_working: tuple[Node, int, Operand] | None = None
        """A working that ended its sentence with no result ("330K times 3 times 3..."), and
        that sentence's number: the result said right after the pause is its result."""
        self._prev_toks: list[Token] = []
        """The tokens of the sentence before (a list of parts said there is summed here)."""
        self._applied: dict[float, Counter[float]] = {}
        """Result value -> the small plain factors in its lineage, each time applied."""
        self._bigger_side: dict[float, str] = {}
        """Multiplier value -> the side it makes bigger ("peak" for "4x peak", "read" for
        "read to write 100 to 1")."""
        self._growth: set[float] = set()
        """Shares the candidate said as growth ("growing about 40% a year")."""
        self._misstated: dict[str, tuple[float, int]] = {}
        """A period the candidate gave the wrong length ("a day is 10^4 seconds"), and the
        sentence that said so."""
        self._right_value: dict[int, Quantity] = {}
        """An earlier result judged wrong (by id) -> the value its working gives: saying
        that value for it is the fix ("58 Gbps" then "let me fix that: 58 GB/s")."""
        self._worked: list[tuple[int, frozenset[float]]] = []
        """This sentence's judged results (where each starts in the text) and the values of
        the operands each was worked out from."""
        self._text = ""
        self._span = (-1, -1)
        """Where the stated number being judged sits in the current sentence."""

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
        # length-preserving clean-up, so claim offsets point into the caller's text
        text = text.replace("\r", " ").replace("=>", "= ").replace("⇒", "=").replace("->", "→ ")
        layout = lay_out(text)  # bullets, headings and tables, while lines are still lines
        self._layout = layout
        text = self._text = _WRAPPED.sub(_blank, layout.text)
        text = _CONTROL.sub(_blank, text)
        text = drop_abandoned(text)
        text = _FILLER.sub(_blank, text)
        text = _APPROXIMATE.sub(" ", text)
        text = _GIG_LINK.sub("Gb ", text)
        pos = 0
        pieces: list[tuple[int, str]] = []
        for cut in _SENTENCE.finditer(text):
            pieces.append((pos, text[pos : cut.start()]))
            pos = cut.end()
        pieces.append((pos, text[pos:]))
        for count, (offset, sentence) in enumerate(pieces):
            if count >= MAX_SENTENCES:
                break
            if sentence.strip():
                self._offset = offset
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
        """A named quantity the candidate stated or derived ("peak qps"), in SI units."""
        found = self.memory.find_name(name.lower().replace("_", " "))
        return self.memory.names[found].quantity if found else None

    def tradeoffs(self) -> list[TradeoffRow]:
        """The conservative (the candidate's assumptions) vs aggressive matrix so far.
        Raises ValueError until a request rate has been stated."""
        m = self.memory
        rates = [op for op in m.pool if op.quantity.dimension == RATE and "peak" not in op.name]
        if not rates:
            raise ValueError("no request rate has been stated yet")
        base = TradeoffAssumptions()
        sizes = [
            op
            for op in m.pool
            if op.quantity.dimension == DATA and m.origin.get(op.name) in ("assumption", "fact")
        ]
        retention = m.names.get("retention")
        peak, replication = m.multipliers.get("peak"), m.multipliers.get("replication")
        column = TradeoffAssumptions(
            peak.quantity.value if peak else base.peak_multiplier,
            sizes[-1].quantity if sizes else base.payload,
            retention.quantity if retention else base.retention,
            replication.quantity.value if replication else base.replication,
        )
        return tradeoff_matrix(rates[0].quantity, column)

    # -- sentences ----------------------------------------------------------------------------
    def _sentence(self, sentence: str) -> None:
        self._previous_mark = self._pool_mark
        self._pool_mark = len(self.memory.pool)
        self._sentence_start = len(self.claims)
        self._worked.clear()
        self._sentence_count += 1
        m = self.memory
        toks = _span_of_period(tokenize(sentence, m.conventions, m.name_index()))
        if _oversized(toks):
            self._leave_unchecked(sentence)
            return
        self._toks = toks
        self._name_factors(toks)
        skip = self._convention(toks, sentence)
        if skip is not None:
            toks = _span_of_period(tokenize(sentence, m.conventions, m.name_index()))
            self._toks = toks
        for st in scan(toks, m.last_result is not None or bool(m.pool)):
            if skip is not None and any(t.start == skip for t in st.chain):
                if st.stated is not None:  # "a month is 2.5M seconds, so that's 40 a second"
                    self._result_without_expression(st.stated, st, sentence)
                continue
            if skip is not None and st.stated is not None and st.stated.start == skip:
                continue
            self._statement(st, sentence)
        self._grown([t for t in toks if t.kind == "qty"])  # remember shares said as growth
        self._remember_sides(toks, sentence)
        self._leftovers(toks, sentence)
        self.findings.extend(capacity_findings(toks, sentence, m.pool))
        self._prev_toks = toks

    def _leave_unchecked(self, sentence: str) -> None:
        if any(f.code == "input_unchecked" for f in self.findings):
            return  # said once per session, not once per hostile sentence
        self.findings.append(
            Finding(
                "input_unchecked",
                f"That had more than {MAX_SENTENCE_NUMBERS} numbers or brackets nested more "
                f"than {MAX_NESTING} deep in one sentence; I left it unchecked.",
                "info",
                sentence[:80],
            )
        )

    def _remember_sides(self, toks: list[Token], sentence: str) -> None:
        lowered = sentence.lower()
        ratio = _RATIO.search(lowered)
        if ratio and "read" in lowered[: ratio.start() + 40]:
            self._bigger_side[float(ratio.group(1).replace(",", ""))] = "read"
        if "peak" in lowered:
            for tok in toks:
                if tok.kind == "qty" and tok.multiplier and tok.quantity is not None:
                    self._bigger_side.setdefault(round(tok.quantity.value, 9), "peak")

    def _leftovers(self, toks: list[Token], sentence: str) -> None:
        """Results the statement grammar did not take ("the rest, 980K, go through", "~460
        MB/s (40M/day × 1 MB ÷ 86,400)"): confirmed when the candidate's own numbers nearby
        give them, otherwise left unchecked. Never accused: nothing says which numbers made them."""
        lo = self._offset
        taken = [(c.start - lo, c.end - lo) for c in self.claims[self._sentence_start :]]
        for i, tok in enumerate(toks):
            if tok.kind != "qty" or tok.quantity is None:
                continue
            if tok.percent and i + 1 < len(toks) and toks[i + 1].words[:1] == ("of",):
                continue  # "a tenth of that": a share applied, not a result
            if any(tok.start < end and start < tok.end for start, end in taken):
                continue
            if self._an_input_of_a_later_result(toks, i):
                continue  # "ten million players, ten matches each, that's 100 million a day"
            how = result_position(toks, i)
            hedged = i > 0 and toks[i - 1].kind == "hedge"
            if (
                tok.percent
                and how != "strong"
                and not (i > 0 and toks[i - 1].words[:1] in _STRONG_MARKS)
            ):
                continue  # "~25% connected at peak": a share given, not worked out
            if (
                not how
                or (tok.multiplier or tok.power)
                and not (hedged or how == "strong" or toks[i - 1].words[:1] in _STRONG_MARKS)
            ):
                continue  # "peak is 3x": an assumption; "so roughly 5x": a result
            stated = self._op(tok)
            self._span = (tok.start, tok.end)
            first = not any(t.kind == "qty" for t in toks[:i])
            trailing = i == 0 and "..." in self._text[max(0, self._offset - 6) : self._offset]
            strong = (
                hedged
                or how == "strong"
                or trailing  # "…the same size, so... 80 terabytes a day stored"
                or (i > 0 and toks[i - 1].words[:1] in _STRONG_MARKS)
            )
            if first and how == "marked" and not strong:
                continue  # "Storage is 30 GB a day", "We need 2.5 million QPS": a given
            k = i - 1
            while k >= 0 and toks[k].kind == "hedge":
                k -= 1
            marked = (k >= 0 and toks[k].words[:1] in _STRONG_MARKS) or how == "strong" or trailing
            if first and not marked and not self._explained_after(toks, i):
                continue  # "Each payload is about 1 KB, so that's 36 MB/s": an input
            alone = not any(t.quantity != tok.quantity for t in self._near_tokens(False))
            earlier = bool(self.memory.pool[: self._pool_mark])  # something to derive it from
            in_table = bool(self._row_extras()[0]) or self._in_table_row()
            if alone and not ((hedged or marked and earlier) and (tok.unit_text or in_table)):
                continue  # "So one billion notifications a day.": a figure to work from
            text = sentence[tok.start : tok.end]
            claim = ClaimCheck(text, "", stated.quantity, None, UNCHECKED, "")
            if alone and not earlier:
                claim = replace(
                    claim, explanation=f"How did you get {say_like(stated.quantity, stated)}?"
                )
            else:
                claim = self._unsure(claim, stated)
            claim = self._read_intent(claim, stated, self._LEFTOVER_INTENT)
            start, end = tok.start + lo, tok.end + lo
            self.claims.append(self._worded(replace(claim, start=start, end=end), stated))

    def _an_input_of_a_later_result(self, toks: list[Token], i: int) -> bool:
        """The figure, and every figure said before it in the sentence, are operands of one
        result said later in it, and nothing presents the figure as a result ("so", "that's",
        "=", "is about"; "is maybe" guesses): the working of that result ("each entry is maybe
        100 bytes, so …"), not a result of its own ("so that's 160 CPU-seconds, so 160 cores")."""
        k = i - 1
        guessed = False
        while k >= 0 and toks[k].kind == "hedge":
            guessed = guessed or toks[k].words[:1] in _GUESSES
            k -= 1
        before = toks[k] if k >= 0 else None
        if (
            not guessed
            and before is not None
            and (before.kind == "mark" or before.words[:1] in _STRONG_MARKS)
        ):
            return False
        said = [t for t in toks[: i + 1] if t.kind == "qty" and t.quantity is not None]

        def values(t: Token) -> set[float]:
            assert t.quantity is not None and t.nominal is not None
            return {_key(t.quantity.value), _key(t.nominal.value), _key(t.number)} - {0.0}

        return any(
            start > toks[i].start and all(values(t) & used for t in said)
            for start, used in self._worked
        )

    @staticmethod
    def _explained_after(toks: list[Token], i: int) -> bool:
        """A figure said first is a result when the working follows as its explanation
        ("~460 MB/s (40M/day × 1 MB ÷ 86,400)", "10,000 a second, because 864 million a day
        over 86,400") or nothing follows; not when it feeds a result ("…, so that's 36 MB/s")."""
        later = toks[i + 1 :]
        if not any(t.kind == "qty" for t in later):
            return True
        for t in later:
            if t.kind == "qty":
                return False
            if t.kind == "lparen" or t.words[:1] in _EXPLAINING:
                return True
        return False

    def _convention(self, toks: list[Token], sentence: str) -> int | None:
        """Declared time conventions: "round a day to 100,000 seconds", "a month is 2.5
        million seconds". Returns the position of the seconds figure when the sentence
        declares (or misstates) a period."""
        words = [t.words[0] for t in toks if t.kind == "word"]
        period = next((w for w in words if w in PERIODS), None)
        secs = [t for t in toks if t.kind == "qty" and t.unit_text == "second"]
        if len(secs) == 1 and secs[0].quantity is not None:
            self._misstated_in_passing(sentence.lower(), secs[0].quantity.value)
        if period is None or len(secs) != 1 or secs[0].quantity is None:
            return None
        lowered = sentence.lower()
        declared = any(w in words for w in ("round", "call", "treat", "approximate")) or re.search(
            rf"\b(a|one|1|each)\s+{period}\s+(is|has|as)\b", lowered
        )
        if not declared:
            return None
        value = secs[0].quantity.value
        self._span = (secs[0].start, secs[0].end)
        true = TIME_UNITS[period]
        text = sentence.strip()
        if within(value, true, 0.25):
            self.memory.conventions[period] = value
            self.assumptions.append(
                Assumption(f"seconds per {period}", secs[0].quantity, "convention", text)
            )
        else:
            self._misstated[period] = (value, self._sentence_count)
            period_op = from_quantity(Quantity(true, TIME), f"a {period}")
            node = Node("leaf", self.memory.leaf(period_op))
            self._record(
                build_claim(node, self.memory, from_token(secs[0]), text, "", self.tolerance),
                from_token(secs[0]),
            )
        return secs[0].start

    def _misstated_in_passing(self, lowered: str, seconds: float) -> None:
        """ "times 10^4 seconds in a day": a period misstated inside a working, which goes on."""
        for period in PERIODS:
            if period in TIME_UNITS and re.search(
                rf"\bseconds?\s+(?:in|per)\s+(?:a|one|each|every)\s+{period}\b", lowered
            ):
                if not within(seconds, TIME_UNITS[period], 0.25):
                    self._misstated[period] = (seconds, self._sentence_count)
                return

    def _statement(self, st: Statement, sentence: str) -> None:
        m = self.memory
        m.synthetic.clear()  # leaves of the previous statement's inferred expressions
        self._adopt(st)
        spot = st.stated if st.stated is not None else st.single
        if spot is None and st.chain:
            spot = st.chain[-1]
        self._span = (spot.start, spot.end) if spot is not None else (st.start, st.end)
        text = sentence[st.start : st.end] if st.end > st.start else sentence
        text = text.strip(" \t,;:.—–-")
        name = name_of(st)
        result_name = connector_name(st) or name
        assume = any(w in ASSUME_WORDS for w in st.words)
        single = st.single
        if st.stated is None and single is not None and self._after_paused_working(single, text):
            return
        if st.stated is not None:
            stated = from_token(st.stated)
            if single is not None and single.kind == "qty":
                op = from_token(single)
                concept = multiplier_concept(st, single)
                self._span = (single.start, single.end)  # the first figure is judged first
                # "That's 10 GB per second, so 10 Gbps": a result, then said again
                if (
                    not concept
                    and not single.power
                    and result_marked(st)
                    and not assume
                    and self._implicit(op, text, name, st)
                ):
                    self._span = (st.stated.start, st.stated.end)
                    if is_conversion(op, stated, ()):
                        leaf = Node("leaf", m.leaf(m.last_result or op))
                        self._claim(leaf, stated, text, result_name)
                    else:
                        self._result_without_expression(st.stated, st, sentence)
                    return
                self._span = (st.stated.start, st.stated.end)
                if concept:
                    self._remember_multiplier(concept, op, text)
                    base = m.base(stated.quantity)
                    if base is not None:
                        self._multiplier_claim(base, op, stated, text, result_name)
                    return
                before = sentence[: single.start].split()[-1:]
                into = bool(before) and before[0].lower() in PREPOSITIONS | {"over"}
                if single.power or (not into and is_conversion(op, stated, st.connector)):
                    self._claim(st.node, stated, text, result_name)
                    return
                self._assign(name or after_name(st), op, text, assume, st)
                if not self._implicit(stated, text, result_name, st, own=op):
                    self._assign(connector_name(st) or st.stated.noun, stated, text, False, st)
                return
            try:
                ops = [m.resolve(t) for t in st.node.leaves()]
            except KeyError:
                self._unchecked(stated, text, st, result_name)
                return
            if (
                single is not None
                and not compatible(ops[0].quantity, stated.quantity)
                and self._implicit(stated, text, result_name, st, prefer=ops[0])
            ):
                return
            self._claim(st.node, stated, text, result_name)
            return
        if single is not None and single.kind == "qty":
            op = from_token(single)
            concept = multiplier_concept(st, single)
            if concept:
                self._remember_multiplier(concept, op, text)
                return
            known = m.find_name(name, op.quantity, fuzzy=bool(st.subject))
            if known and m.origin.get(known) == "result":
                self._assign(name, op, text, assume, st)
                return
            derived = any(w in DERIVED_WORDS for w in st.subject)
            # "with replication factor 3, 300 machines": right after a multiplier
            fresh = m.pending is not None and self._pending_sentence == self._sentence_count
            if (
                not assume
                and (result_marked(st) or (derived and st.marks) or (fresh and not st.subject))
                and self._implicit(op, text, name, st)
            ):
                return
            self._assign(name or after_name(st), op, text, assume, st)
            return
        if single is None:
            try:
                value = st.node.evaluate(lambda t: m.resolve(t).quantity)
                leaves = [m.resolve(t) for t in st.node.leaves()]
                if any(op.bare and op.converts_time for op in leaves) and any(
                    p < 0 for op in leaves for _, p in op.time_units
                ):
                    # "100 million a day over 86,400": the factor converts, it does not divide
                    value = st.node.evaluate(
                        lambda t: (
                            Quantity(1.0)
                            if m.resolve(t).bare and m.resolve(t).converts_time
                            else m.resolve(t).quantity
                        )
                    )
            except (KeyError, ValueError, ZeroDivisionError):
                return
            result = from_quantity(value, text, name)
            if name:
                self._set_name(name, result, "result")
            m.last_result = result
            m.add_value(result)
            if st.node.op != "leaf" and sentence[st.end :].strip().startswith(("...", "…")):
                self._open_working = (st.node, self._sentence_count, result)

    def _after_paused_working(self, single: Token, text: str) -> bool:
        """ "330K times 3 times 3... about 9 million": a figure opening the sentence after a
        working that trailed off is that working's result, checked against it."""
        working = self._open_working
        if working is None or working[1] != self._sentence_count - 1 or single.kind != "qty":
            return False
        before = [t for t in self._toks if t.end <= single.start]
        if not all(t.kind in ("hedge", "comma") for t in before):
            return False
        if "..." not in self._text[max(0, self._offset - 6) : self._offset]:
            return False
        self._open_working = None
        pool = self.memory.pool
        if pool and pool[-1] is working[2]:
            pool.pop()  # the working's value is this result, not an earlier one it repeats
        self._span = (single.start, single.end)
        self._claim(working[0], from_token(single), text, "")
        return True

    def _adopt(self, st: Statement) -> None:
        """A bare number in the working that repeats a figure said with units takes its
        units: "100 million short links a day … 100 million divided by 3,600"."""
        m = self.memory
        m.adopted.clear()
        if st.node.op == "leaf":
            return
        said = [from_token(t) for t in self._toks if t.kind == "qty" and t.end <= st.start]
        said += m.recent(8)
        for tok in st.node.leaves():
            if tok.kind != "qty" or not tok.bare or tok.quantity is None:
                continue
            value = tok.quantity.value
            if abs(value) < 10 or tok.power and value < 1e6:
                continue

            def same(op: Operand, value: float = value) -> bool:
                return abs(op.nominal.value - value) <= 1e-9 * abs(value) or (
                    abs(op.number - value) <= 1e-9 * abs(value)
                )

            twins = {
                (op.quantity.value, op.quantity.dimension)
                for op in said
                if not op.bare and op.quantity.dimension != COUNT and same(op)
            }
            if len(twins) == 1:
                twin = next(
                    op for op in said if not op.bare and op.quantity.dimension != COUNT and same(op)
                )
                m.adopted[id(tok)] = twin.named(twin.name, tok.text)

    def _result_without_expression(self, tok: Token, st: Statement, sentence: str) -> None:
        """A stated result whose expression was consumed elsewhere: infer it or remember it."""
        stated = from_token(tok)
        self._span = (tok.start, tok.end)
        text = sentence[tok.start : tok.end]
        name = connector_name(st)
        if not self._implicit(stated, text, name, st):
            self._assign(name, stated, text, False, st)

    # -- memory -------------------------------------------------------------------------------
    def _set_name(self, name: str, op: Operand, origin: str) -> None:
        self.memory.remember(name, op, origin)

    def _remember_multiplier(self, concept: str, op: Operand, text: str) -> None:
        m = self.memory
        m.multipliers[concept] = op
        m.pending = (concept, op)
        self._pending_sentence = self._sentence_count
        self.assumptions.append(Assumption(concept, op.quantity, "multiplier", text))

    def _assign(self, name: str, op: Operand, text: str, assume: bool, st: Statement) -> None:
        m = self.memory
        fuzzy = bool(st.marks) and bool(name) and name == _subject_name(st.subject)
        known = m.find_name(name, op.quantity, fuzzy)
        if known:
            old = m.names[known]
            agrees = within(op.quantity.value, old.quantity.value, self.tolerance)
            if m.origin.get(known) == "result":
                # Names are matched by guess; a figure over 1000x away from the earlier one is
                # a misread ("4 shards, so 12K times the 4 shards"), not a changed mind: ask.
                ratio = abs(op.quantity.value) / max(abs(old.quantity.value), 1e-12)
                unsure = not 1e-3 <= ratio <= 1e3
                verdict = "correct" if agrees else UNCHECKED if unsure else INCORRECT
                explanation = (
                    f"That matches the {say(old.quantity)} you worked out for {known}."
                    if agrees
                    else f"Earlier you had {say(old.quantity)} for {known}, now "
                    f"{say(op.quantity)}. Which one holds?"
                    if unsure
                    else f"Earlier you worked out {say(old.quantity)} for {known}; "
                    f"now you say {say(op.quantity)}."
                )
                self._record(
                    ClaimCheck(
                        text,
                        known.replace(" ", "_"),
                        op.quantity,
                        old.quantity,
                        verdict,
                        explanation,
                        "" if agrees or unsure else "contradicts_earlier",
                        known,
                    ),
                    op if not agrees else old,
                )
                return
            if not agrees and (fuzzy or m.origin.get(known) == "assumption"):
                self.findings.append(
                    Finding(
                        "changed_assumption",
                        f"Earlier you assumed {say(old.quantity)} for {known}; now it's "
                        f"{say(op.quantity)}. Which one holds? I'll use {say(op.quantity)} "
                        "from here on.",
                        "warning",
                        text,
                    )
                )
            name = known
        kind = _kind(op.quantity, op.multiplier)
        if assume or name:
            self.assumptions.append(Assumption(name or kind, op.quantity, kind, text))
        if name:
            self._set_name(name, op, "assumption" if assume else "fact")
            op = m.names[name]
        m.add_value(op)

    # -- claims -------------------------------------------------------------------------------
    def _multiplier_claim(
        self, base: Operand, mult: Operand, stated: Operand, text: str, name: str
    ) -> None:
        m = self.memory
        if "replica" in text.lower() and "factor" not in text.lower():
            # "two replicas" usually means three copies; either reading holds
            plus_one = from_quantity(
                mult.quantity + 1, f"{format_number(mult.quantity.value + 1)}x"
            )
            if within(
                stated.quantity.value, base.quantity.value * plus_one.quantity.value, self.tolerance
            ):
                mult = plus_one
        node = Node("*", left=Node("leaf", m.leaf(base)), right=Node("leaf", m.leaf(mult)))
        m.pending = None
        self._claim(node, stated, text, name, multiplier=(base, mult))

    def _implicit(
        self,
        stated: Operand,
        text: str,
        name: str,
        st: Statement,
        prefer: Operand | None = None,
        own: Operand | None = None,
    ) -> bool:
        """A result with no expression ("so 60,000", "that's 60 MB per second"). `own`: the
        figure the statement itself gives as its working ("one post every two days means
        100 million posts a day"): a reading that leaves it out is a guess."""
        m = self.memory
        if m.pending is not None:
            concept, mult = m.pending
            base = m.base(stated.quantity)
            if base is not None:
                self._multiplier_claim(base, mult, stated, text, name or concept)
                return True
        words = set(st.words) | set(st.subject) | set(st.connector)
        if "peak" in words and "peak" in m.multipliers:
            base = next(
                (
                    op
                    for op in m.recent(8)
                    if op.quantity.dimension == RATE and "peak" not in op.name
                ),
                None,
            )
            if base is not None and compatible(base.quantity, stated.quantity):
                self._multiplier_claim(base, m.multipliers["peak"], stated, text, name or "peak")
                return True
        restating = len(self.claims) > self._sentence_start or bool(words & {"or", "which"})
        if self._breath_claim(stated, text, name, words, restating):
            return True
        found = candidates(m, stated, words, prefer)
        chosen = choose(m, stated, found, self.tolerance, restating)
        if chosen is None:
            return False
        # said in this breath: this sentence or the one before it
        breath = {id(op) for op in m.pool[self._previous_mark :]}
        said_now = all(id(p) in breath for p in chosen.parts)
        if own is not None and not any(p.quantity == own.quantity for p in chosen.parts):
            said_now = False  # a new quantity with its own derivation, not an earlier rate
        if reads_loosely(chosen.node, m.resolve, stated):
            said_now = False  # "1 TB, over 30 days, 33 GB": spread out or accumulated?
        self._claim(chosen.node, stated, text, name, judged=chosen.judgement, inferred=not said_now)
        return True

    def _breath_claim(
        self, stated: Operand, text: str, name: str, words: set[str], restating: bool
    ) -> bool:
        """A result whose working is the two figures said just before it in this sentence
        ("460,000 a second across 1,000 servers is 46 per server"; "3.65 billion pastes, at 200
        bytes each, 73 GB"): when they combine one way only, that is the working, and readings
        built on earlier turns' numbers must not excuse it."""
        m = self.memory
        fresh = m.pool[self._pool_mark :]
        start = max((k for k, op in enumerate(fresh) if op is m.last_result), default=0)
        working: list[Operand] = []
        for op in fresh[start:]:
            if op.multiplier or (op.bare and op.quantity.value == 1) or op is stated:
                continue
            if not any(op is w for w in working):
                working.append(op)
        if len(working) != 2 or any(op.percent for op in working):
            return False
        breath = replace(m, pool=working[::-1], last_result=None)  # read in the order said
        found = [c for c in candidates(breath, stated, words, None) if c.op in "*/"]
        chosen = choose(breath, stated, found, self.tolerance, restating)
        if chosen is None or {id(p) for p in chosen.parts} != {id(op) for op in working}:
            return False  # a total of listed parts, or no single reading: not this breath's
        if reads_loosely(chosen.node, m.resolve, stated):
            return False
        self._claim(chosen.node, stated, text, name, judged=chosen.judgement)
        return True

    def _unchecked(self, stated: Operand, text: str, st: Statement, name: str) -> None:
        missing = [t.text for t in st.node.leaves() if t.kind in ("var", "ref")]
        claim = ClaimCheck(
            text,
            " ".join(t.text for t in st.chain),
            stated.quantity,
            None,
            UNCHECKED,
            f"I can't recompute {say(stated.quantity)}: I don't know what "
            f"{' and '.join(missing) or 'the inputs'} refers to.",
            "",
            name,
        )
        self._record(claim, stated.named(name) if name else stated)

    def _claim(
        self,
        node: Node,
        stated: Operand,
        text: str,
        name: str,
        multiplier: tuple[Operand, Operand] | None = None,
        judged: Judgement | None = None,
        inferred: bool = False,
    ) -> None:
        claim = build_claim(
            node, self.memory, stated, text, name, self.tolerance, multiplier, judged
        )
        if claim.verdict == INCORRECT and node.op == "leaf" and node.token is not None:
            claim = self._a_fix(claim, node.token, stated) or claim
        if claim.verdict == INCORRECT:
            # one figure of this breath in other units has one reading, whatever the ratio
            converted = (
                self._own_conversion(claim, node, stated)
                if not inferred and multiplier is None
                else None
            )
            if not converted and (
                inferred or not plausible_slip(claim, node.op == "leaf" and multiplier is None)
            ):
                # guessed operands may confirm, never accuse; a wild ratio means a missed parse
                claim = self._unsure(claim, stated)
            else:
                meant = self._meant(node, stated, multiplier)
                if meant is not None:
                    claim = self._confirmed(claim, meant, stated)
                elif self._another_reading(stated):
                    claim = self._unsure(claim, stated)
                elif not self._recognised(claim, node, stated, multiplier is not None):
                    claim = converted or self._unsure(claim, stated)
        elif claim.verdict == UNCHECKED:
            claim = self._unsure(claim, stated)
        leaves = self._leaf_operands(node) if not inferred else []
        applied = self._applied_factors(node, leaves)
        if claim.verdict == CORRECT and leaves:
            claim = self._multiplier_twice(claim, node, leaves, stated) or claim
        if claim.verdict == CORRECT and leaves:
            claim = self._applied_more_than_named(claim, applied, stated) or claim
        if claim.verdict == CORRECT and leaves:
            claim = self._price_per_batch(claim, node, leaves, stated) or claim
        if claim.verdict == CORRECT and leaves:
            claim = self._utilisation_margin(claim, leaves, stated) or claim
        if claim.verdict == CORRECT and leaves and not inferred:
            claim = self._multiplier_inverted(claim, node, leaves, stated) or claim
        if claim.verdict == CORRECT and leaves and not inferred:
            claim = self._split_or_each(claim, node, stated) or claim
        result = stated.named(name) if name else stated
        if applied and claim.verdict == CORRECT:
            self._applied[_key(result.quantity.value)] = applied
            self._applied[_key(result.nominal.value)] = applied  # "600 GB" of "600 GB per year"
        if claim.verdict != UNCHECKED:
            used = self._leaf_operands(node)
            values = {
                _key(v) for op in used for v in (op.quantity.value, op.nominal.value, op.number)
            }
            self._worked.append((self._span[0], frozenset(values - {0.0})))
        if leaves:
            self._factors[_key(result.quantity.value)] = {
                round(op.quantity.value, 9)
                for op in leaves
                if op.multiplier and 1 < op.quantity.value <= 1000  # said as "3x", "8x"
            }
        self._record(claim, result)

    def _own_conversion(self, claim: ClaimCheck, node: Node, stated: Operand) -> ClaimCheck | None:
        """A figure said just now in this sentence, said again per another period ("one
        million a day is about 1,000 per second"): a unit conversion has one reading, so it is
        wrong whatever the ratio. Not when a peak, a burst or busy hours are in the sentence
        (the second figure may be a peak) or the two periods are the same."""
        if node.op != "leaf" or node.token is None or node.token.kind != "qty":
            return None
        tok = node.token
        if not 0 <= tok.end <= self._span[0] or claim.computed is None:
            return None
        op = self.memory.resolve(tok)
        was = next((u for u, p in op.time_units if p < 0), None)
        now = next((u for u, p in stated.time_units if p < 0), None)
        if was is None or now is None or was == now or op.bare or stated.bare:
            return None
        if op.quantity.dimension != stated.quantity.dimension or len(op.time_units) != 1:
            return None
        if _NOT_A_PLAIN_CONVERSION.search(self._sentence_text().lower()):
            return None
        if was not in TIME_UNITS or now not in TIME_UNITS:
            return None
        seconds = TIME_UNITS[was] / TIME_UNITS[now]  # how many `now` periods in one `was`
        used = op.nominal.value / stated.nominal.value if stated.nominal.value else 0.0
        remark = "looks like per day vs per second"
        if used and used != seconds and float(f"{used:.2g}") == round(used, 6):
            remark = f"a {was} has {format_number(seconds)} {now}s, not {format_number(used)}"
        words = op.text or say(op.quantity)
        return replace(
            claim,
            expression=words,
            slip="per_day_vs_per_second",
            explanation=f"{words[:1].upper()}{words[1:]} is about "
            f"{say_like(claim.computed, stated)}; you said {say_like(claim.stated, stated)} — "
            f"{remark}.",
        )

    def _a_fix(self, claim: ClaimCheck, tok: Token, stated: Operand) -> ClaimCheck | None:
        """A result judged wrong, said again with the value its working gives ("…is 58
        Gbps." "Let me fix that: 58 gigabytes a second"): the fix, not another slip."""
        try:
            earlier = self.memory.resolve(tok)
        except KeyError:
            return None
        right = self._right_value.get(id(earlier))
        if right is None or right.dimension != stated.quantity.dimension:
            return None
        if not within(stated.quantity.value, right.value, self.tolerance):
            return None
        return replace(
            claim,
            computed=right,
            verdict=CORRECT,
            slip="",
            explanation=f"That fixes it: {say_like(right, stated)} is right.",
        )

    def _leaf_operands(self, node: Node) -> list[Operand]:
        out = []
        for leaf in node.leaves():
            try:
                out.append(self.memory.resolve(leaf))
            except KeyError:
                return []
        return out

    def _name_factors(self, toks: list[Token]) -> None:
        for n, tok in enumerate(toks[:-2]):
            f = _small_factor(tok.quantity.value if tok.quantity is not None else 0.0)
            thing, each = toks[n + 1], toks[n + 2]
            if not (f and tok.bare and thing.kind == "word" and each.words[:1] == ("each",)):
                continue
            base = next(
                (t for t in reversed(toks[:n]) if t.kind == "qty" and t.quantity is not None),
                None,
            )
            if base is not None and base.quantity is not None and base.quantity.value >= 100:
                noun = thing.words[0] if thing.words else ""
                self._each[_key(base.quantity.value)] = (f, noun, self._sentence_count)
        for n, tok in enumerate(toks):
            if tok.kind == "qty" and tok.quantity is not None and tok.quantity.dimension == MONEY:
                batch = _batch_after(toks[n + 1 : n + 3])
                if batch:
                    self._priced_per[_key(tok.quantity.value)] = batch
            f = _small_factor(tok.quantity.value if tok.quantity is not None else 0.0)
            if tok.kind != "qty" or not f or not (tok.bare or tok.multiplier):
                continue
            prev = toks[n - 1] if n else None
            nxt = toks[n + 1] if n + 1 < len(toks) else None
            if (prev is not None and prev.kind == "op") or (nxt is not None and nxt.kind == "op"):
                continue  # an operand of a working, not a factor named
            if tok.multiplier or (nxt is not None and nxt.kind == "word"):
                self._named_factors[f] += 1

    def _share_of_another_period(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """A share of a span that gives the share of another span ("a year is 525,600 minutes,
        and 0.1% of that is about 43 minutes": 43 is 0.1% of a month). Only when the share
        and the span were said in this sentence, before the result, and the result is off by
        exactly the ratio of two calendar periods."""
        lo = self._span[0]
        said = stated.quantity
        if lo < 0 or said.dimension != TIME:
            return None
        before = self._toks_before(lo)
        shares = [t for t in before if t.percent and t.quantity is not None]
        spans = [
            t
            for t in before
            if t.kind == "qty" and t.quantity is not None and t.quantity.dimension == TIME
        ]
        if len(shares) != 1 or not spans or shares[0].quantity is None:
            return None
        share, span = shares[0].quantity.value, spans[-1]
        assert span.quantity is not None
        right = span.quantity * share
        if within(said.value, right.value, self.tolerance):
            return None
        for other in ("month", "week", "day", "hour"):
            ratio = span.quantity.value / TIME_UNITS[other]
            if ratio < 2 or not within(said.value, right.value / ratio, 0.08):
                continue
            return replace(
                claim,
                computed=right,
                verdict=INCORRECT,
                slip="percent_base",
                explanation=f"{shares[0].text} of {span.text} is about "
                f"{say_like(right, stated)}; {say_like(said, stated)} is {shares[0].text} of "
                f"a {other}.",
            )
        return None

    def _sum_missing_a_part(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """A total of parts just listed that leaves one of them out ("50 for the client, 10 at
        the gateway, 20 for the cache and 60 for the DB. So that's 80 ms gone"). Only for a
        result said as a total (gone, in total, altogether, used) of three or more parts, when
        the sum of all of them is not it and leaving exactly one out is."""
        lo, hi = self._span
        if lo < 0 or stated.quantity.dimension == COUNT:
            return None
        after = self._sentence_text()[hi:][:24].lower()
        before = self._sentence_text()[:lo][-30:].lower()
        if not (_TOTAL_AFTER.match(after) or _TOTAL_BEFORE.search(before)):
            return None
        parts = [
            t.number
            for t in self._prev_toks + self._toks_before(lo)
            if t.kind == "qty"
            and t.quantity is not None
            and t.number > 0
            and not t.percent
            and not t.multiplier
            and (t.bare or t.quantity.dimension == stated.quantity.dimension)
        ]
        said = stated.number
        if len(parts) < 3 or not said:
            return None
        whole = sum(parts)
        # other readings: a part that is a count ("two DB writes at 25 each, so 50") or the
        # component of another part said with that count is not a part of its own
        counts = [p for p in parts if p <= 10 and p == int(p)]
        shares = [p for p in parts if any(within(q, k * p, 0.02) for q in parts for k in counts)]
        readings = {whole, whole - sum(counts), whole - sum(shares), whole - sum(counts + shares)}
        if any(within(said, r, 0.02) for r in readings):
            return None
        left_out = [p for p in parts if within(said, whole - p, 0.02)]
        if len(set(left_out)) != 1:
            return None
        expected = stated.quantity * (whole / said)
        return replace(
            claim,
            computed=expected,
            verdict=INCORRECT,
            slip="dropped_factor",
            explanation=f"That leaves out the {format_number(left_out[0])}: all "
            f"{len(parts)} parts add up to about {say_like(expected, stated)}, not "
            f"{say_like(stated.quantity, stated)}.",
        )

    def _one_for_the_fleet(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """One machine's figure said as the whole fleet's ("each of our 20K hosts ... 2.6 MB a
        day. So a year for the whole fleet is 950 MB"): the count of machines was left out.
        Only when the count was said as "each of (our) N things", the result is said for the
        whole fleet (all the things), it is one machine's figure (over a period) and nothing
        said since was scaled by the count."""
        lo = self._span[0]
        if lo < 0 or stated.quantity.dimension == COUNT:
            return None
        passage = self._text[max(0, self._offset - 400) : self._offset + lo].lower()
        each = list(_EACH_OF_N.finditer(passage))
        if not each:
            return None
        said_count = [t for t in tokenize(each[-1].group(1)) if t.kind == "qty" and t.quantity]
        count = said_count[0].quantity.value if said_count and said_count[0].quantity else 0.0
        noun = each[-1].group(2).rstrip("s")
        here = self._sentence_text()[:lo].lower()
        if count < 2 or not re.search(
            rf"\b(?:whole|entire)\s+(?:fleet|cluster)\b|\ball\s+(?:the\s+|our\s+)?{noun}s?\b"
            rf"|\bacross\s+(?:all\s+)?(?:the\s+)?{noun}s\b|\bfleet[- ]wide\b",
            here,
        ):
            return None
        recent = [op for op in self.memory.recent(8) if op is not stated]
        if any(
            within(a.nominal.value, b.nominal.value * count, 0.05) for a in recent for b in recent
        ):
            return None  # something was already scaled to the fleet
        said = stated.nominal.value
        for earlier in recent:
            if earlier.quantity.dimension.data != stated.quantity.dimension.data:
                continue
            for span in (1.0, 365.0, 30.0, 7.0, 24.0):
                if not within(said, earlier.nominal.value * span, 0.05):
                    continue
                expected = stated.quantity * count
                return replace(
                    claim,
                    computed=expected,
                    verdict=INCORRECT,
                    slip="dropped_factor",
                    explanation=f"That is one {noun}'s; the fleet has {format_number(count)}, "
                    f"so about {say_like(expected, stated)}, not "
                    f"{say_like(stated.quantity, stated)}.",
                )
        return None

    def _span_total_off_by_prefix(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """A year (month, week) of a per-day figure said with the digits right and the prefix
        wrong ("a petabyte a day; for a year, 365 terabytes"). Only when the span is named
        right before the total and the digits match the per-day figure times the span."""
        lo = self._span[0]
        said = stated.quantity
        if lo < 0 or stated.time_units or said.dimension.time != 0 or said.dimension == COUNT:
            return None
        lead = _SPAN_LEAD.search(self._sentence_text()[:lo][-60:].lower())
        if lead is None:
            return None
        days = _DAYS_IN[lead.group(1)]
        for earlier in self.memory.recent(6):
            if earlier is stated or ("day", -1) not in earlier.time_units:
                continue
            if earlier.quantity.dimension.data != said.dimension.data:
                continue
            expected = Quantity(earlier.nominal.value * days, said.dimension)
            diag = diagnose(expected, said, True)
            if diag.slip != "unit_prefix":
                continue
            return replace(
                claim,
                expression=f"{earlier.text} * {format_number(days)}",
                computed=expected,
                verdict=INCORRECT,
                slip="unit_prefix",
                explanation=f"{earlier.text[:1].upper()}{earlier.text[1:]} for a "
                f"{lead.group(1)} is about {say_like(expected, stated)}, not "
                f"{say_like(said, stated)} — {diag.remark}.",
            )
        return None

    def _each_left_out(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """A total of things said as the count that has them ("50M devices, 2 conns each",
        later "total conns = 50M"): the "each" was never multiplied in. Only when the total
        names those things and equals that count."""
        lo = self._span[0]
        found = self._each.get(_key(stated.quantity.value))
        if lo < 0 or found is None or stated.quantity.dimension != COUNT:
            return None
        factor, noun, when = found
        if when >= self._sentence_count or len(noun) < 3:
            return None
        here = self._sentence_text()[:lo].lower()
        if not re.search(rf"\b{re.escape(noun.lower().rstrip('s'))}", here):
            return None
        expected = stated.quantity * factor
        return replace(
            claim,
            computed=expected,
            verdict=INCORRECT,
            slip="dropped_factor",
            explanation=f"That leaves out the {format_number(factor)} {noun} each: about "
            f"{say_like(expected, stated)}, not {say_like(stated.quantity, stated)}.",
        )

    def _rate_as_period_total(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """A per-second rate said again as the total of a longer period ("7 MB a second, so a
        day is about 7 MB"): the period was never multiplied in. Only when the period is named
        right before the total and the rate was said in this sentence or the one before."""
        lo = self._span[0]
        said = stated.quantity
        if lo < 0 or stated.time_units or said.dimension.time != 0 or said.dimension == COUNT:
            return None
        lead = _PERIOD_TOTAL.search(self._sentence_text()[:lo][-40:].lower())
        if lead is None or lead.group(1) not in TIME_UNITS:
            return None
        for op in reversed(self.memory.pool[self._previous_mark :]):
            if op is stated or ("second", -1) not in op.time_units:
                continue
            if op.quantity.dimension.data != said.dimension.data:
                continue
            if not within(said.value, op.nominal.value, 0.05):
                continue
            expected = Quantity(op.quantity.value * TIME_UNITS[lead.group(1)], said.dimension)
            return replace(
                claim,
                expression=f"{op.text} * 1 {lead.group(1)}",
                computed=expected,
                verdict=INCORRECT,
                slip="per_day_vs_per_second",
                explanation=f"That's per second, not per {lead.group(1)}: {op.text} for a "
                f"{lead.group(1)} is about {say_like(expected, stated)}, not "
                f"{say_like(said, stated)}.",
            )
        return None

    def _hit_from_backend(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """A hit ratio worked out as what the backend takes over the total ("the DB handles
        10K of 200K reads, so a hit ratio of 10K over 200K, 5%"): that share is the misses;
        the cache must hit the rest. Only when the numerator was said as the database's (or
        origin's, backend's) share, and the result is called a hit ratio."""
        lo = self._span[0]
        v = stated.quantity.value
        if lo < 0 or not stated.percent or not 0 < v < 0.5:
            return None
        here = self._sentence_text()[:lo].lower()
        if not _HIT_RATIO.search(here[-80:]) or "miss" in here[-80:]:
            return None
        before = [t for t in self._toks_before(lo) if t.kind == "qty" and t.quantity is not None]
        passage = self._text[: self._offset + lo].lower()
        for part in before:
            for whole in before:
                assert part.quantity is not None and whole.quantity is not None
                if whole.quantity.value <= part.quantity.value or not within(
                    v, part.quantity.value / whole.quantity.value, self.tolerance
                ):
                    continue
                first = passage.find(part.text.lower())
                if first < 0 or not _MISSES.search(passage[max(0, first - 50) : first]):
                    continue
                expected = Quantity(1 - part.quantity.value / whole.quantity.value)
                return replace(
                    claim,
                    computed=expected,
                    verdict=INCORRECT,
                    slip="percent_base",
                    explanation=f"{part.text} over {whole.text} is what still reaches the "
                    f"backend, the misses; the hit ratio is the rest, about "
                    f"{format_number(round(expected.value * 100))}%, not "
                    f"{self._sentence_text()[lo : self._span[1]]}.",
                )
        return None

    def _utilisation_margin(
        self, claim: ClaimCheck, leaves: list[Operand], stated: Operand
    ) -> ClaimCheck | None:
        """Machines sized for a target utilisation with the share added or taken off as a
        margin ("at most 40% busy, so add 40%: 5 x 1.4"; "at 75% CPU, want 50%, so take 25%
        off 20"): running N machines' load at u takes N x current / u. Only when the target
        was named, the working uses that share, and no reading of it gives the stated count."""
        if stated.quantity.dimension != COUNT or stated.percent:
            return None
        nearby = self._text[max(0, self._offset - 300) : self._offset + self._span[0]].lower()
        if not _MACHINES.search(nearby) or _GROWTH.search(self._sentence_text().lower()):
            return None
        targets = [float(m.group(1)) / 100 for m in _TARGET_UTIL.finditer(nearby)]
        if not targets or not 0 < targets[-1] < 1:
            return None
        target = targets[-1]
        current = [float(m.group(1)) / 100 for m in _CURRENT_UTIL.finditer(nearby)]
        now = current[-1] if current and current[-1] != target else 1.0
        shares = [target, now - target] if now < 1 else [target, 1 - target]
        margins = {round(v, 6) for p in shares if p > 0 for v in (p, 1 + p, 1 - p)}
        used = [op for op in leaves if round(op.quantity.value, 6) in margins]
        bases = [
            op
            for op in leaves
            if op.quantity.dimension == COUNT and op.quantity.value >= 2 and op not in used
        ]
        if not used or not bases:
            return None
        right = bases[0].quantity.value * now / target
        said = stated.quantity.value
        if within(said, right, self.tolerance) or within(said, math.ceil(right), self.tolerance):
            return None
        expected = Quantity(right)
        return replace(
            claim,
            computed=expected,
            verdict=INCORRECT,
            slip="percent_base",
            explanation=f"To run at {format_number(target * 100)}% busy, {bases[0].text}"
            f"{' at ' + format_number(now * 100) + '%' if now < 1 else ''} needs {bases[0].text}"
            f"{' times ' + format_number(now) if now < 1 else ''} divided by "
            f"{format_number(target)}, about {format_number(math.ceil(right - 1e-9))}, "
            f"not {say_like(stated.quantity, stated)}.",
        )

    def _price_per_batch(
        self, claim: ClaimCheck, node: Node, leaves: list[Operand], stated: Operand
    ) -> ClaimCheck | None:
        """A price quoted per batch ("$0.005 per 1,000 requests", "$2 per million") times a
        count of single items, with the batch never divided out: the total is the batch size
        too big. Only a plain product whose operands include that price and not the batch."""
        if claim.computed is None or not _product_only(node):
            return None
        if _IN_BATCHES.search(self._sentence_text()):
            return None  # "30 thousands of requests at $0.005": already counted in batches
        for op in leaves:
            if op.quantity.dimension != MONEY:
                continue
            batch = self._priced_per.get(_key(op.quantity.value))
            if not batch or any(within(o.quantity.value, batch, 0.001) for o in leaves):
                continue
            expected = claim.computed / batch
            return replace(
                claim,
                computed=expected,
                verdict=INCORRECT,
                slip="dropped_factor",
                explanation=f"{op.text} is per {format_number(batch)}: that makes it about "
                f"{say_like(expected, stated)}, not {say_like(stated.quantity, stated)}.",
            )
        return None

    def _applied_factors(self, node: Node, leaves: list[Operand]) -> Counter[float]:
        """The small plain factors of a product, with those of the results it multiplies."""
        if not leaves or not _product_only(node):
            return Counter()
        applied: Counter[float] = Counter()
        for op in leaves:
            f = _small_factor(op.quantity.value)
            if f and op.quantity.dimension == COUNT and not op.time_units and not op.percent:
                applied[f] += 1
            elif op.quantity.dimension != COUNT:
                inherited = self._applied.get(_key(op.quantity.value))
                if inherited is None:
                    inherited = self._applied.get(_key(op.nominal.value), Counter())
                applied.update(inherited)
        return applied

    def _applied_more_than_named(
        self, claim: ClaimCheck, applied: Counter[float], stated: Operand
    ) -> ClaimCheck | None:
        """A factor applied more often than the candidate named it ("three replicas and a 3x
        peak, so 330K times 3 times 3 times 3"; "3 replicas: 200 GB x 3 = 600 GB, then 600 GB
        x 365 x 3"). Only a factor named at least once; one never named says nothing."""
        if claim.computed is None or _AGAIN.search(self._sentence_text()):
            return None
        for f, times in applied.items():
            named = self._named_factors.get(f, 0)
            if not named or times <= named:
                continue
            extra = times - named
            expected = claim.computed / f**extra
            return replace(
                claim,
                computed=expected,
                verdict=INCORRECT,
                slip="multiplier",
                explanation=f"You named the {format_number(f)}x {_TIMES.get(named, f'{named} times')} "
                f"but applied it {_TIMES.get(times, f'{times} times')}: that makes it about "
                f"{say_like(expected, stated)}, not {say_like(stated.quantity, stated)}.",
            )
        return None

    def _multiplier_twice(
        self, claim: ClaimCheck, node: Node, leaves: list[Operand], stated: Operand
    ) -> ClaimCheck | None:
        """A factor applied again to a result that already has it ("1.6 million [200K x 8]
        times 1.5 times 8", "600 GB [200 GB x 3] x 365 x 3")."""
        if node.op != "*" or _AGAIN.search(self._sentence_text()):
            return None  # "double that again": meant twice
        for base in leaves:
            used = self._factors.get(_key(base.quantity.value))
            if not used:
                continue
            for op in leaves:
                if op is base or op.quantity.dimension != COUNT or op.time_units:
                    continue
                f = round(op.quantity.value, 9)
                if f not in used or _is_time_factor(f):
                    continue
                expected = claim.computed / f if claim.computed is not None else None
                if expected is None:
                    return None
                return replace(
                    claim,
                    computed=expected,
                    verdict=INCORRECT,
                    slip="multiplier",
                    explanation=f"The {format_number(f)}x is already in {base.text}; applied "
                    f"once that's about {say_like(expected, stated)}, not "
                    f"{say_like(stated.quantity, stated)}.",
                )
        return None

    def _on_each_of(self, number: str) -> bool:
        """The result is said "on each replica" (per node, for every shard) right after a
        working that multiplied by the number of those replicas ("3 replicas")."""
        after = self._sentence_text()[self._span[1] :][:40].lower()
        each = re.match(
            r"[\s\w]{0,24}?\b(?:on|per|for|to|at|in)\s+(?:each|every)\s+([a-z]+)", after
        )
        each = each or re.match(r"[\s\w]{0,24}?\bper\s+([a-z]+)", after)
        if each is None:
            return False
        noun = each.group(1).rstrip("s")
        said = self._text[max(0, self._offset - 200) : self._offset + self._span[0]].lower()
        return len(noun) > 2 and bool(re.search(rf"\b{number}\s+{noun}s\b", said))

    def _split_or_each(self, claim: ClaimCheck, node: Node, stated: Operand) -> ClaimCheck | None:
        """A count applied the wrong way round: traffic "split evenly" across 3 regions
        multiplied by 3, or "4 renditions, each on its own worker" / "2 devices per user"
        divided by it."""
        if node.op not in "*/" or node.right is None or node.right.op != "leaf":
            return None
        try:
            count = self.memory.resolve(node.right.token)
        except KeyError:
            return None
        if count.quantity.dimension != COUNT or not 1 < count.quantity.value <= 100:
            return None
        n = count.quantity.value
        text = (self._text[max(0, self._offset - 200) : self._offset] + " ") + (
            self._sentence_text()[: self._span[0]]
        )
        text = text.lower()
        number = rf"(?:{format_number(n)}|{_WORD_OF.get(int(n), '#')})"
        if node.op == "*" and re.search(
            rf"\b{number}\s+(?:regions|zones|shards|nodes|brokers|boxes|servers|partitions)\b"
            r"[^.]*\b(?:split|spread|evenly|divided)\b",
            text,
        ):
            factor, words = 1 / (n * n), f"split across {format_number(n)} means divide by it"
        elif node.op == "*" and self._on_each_of(number):
            factor, words = (
                1 / (n * n),
                (f"{format_number(n)} sharing it means divided by {format_number(n)}, not times"),
            )
        elif node.op == "/" and re.search(
            rf"\b{number}\s+\w+\s+(?:per|each|a)\s+(?:user|device|request|upload|video)\b"
            rf"|\b{number}\s+\w+,?\s+each\s+(?:on|with|needs|gets)\b",
            text,
        ):
            factor, words = n * n, f"{format_number(n)} each means multiply by it"
        else:
            return None
        if claim.computed is None:
            return None
        expected = claim.computed * factor
        return replace(
            claim,
            computed=expected,
            verdict=INCORRECT,
            slip="multiplier",
            explanation=f"{words[:1].upper()}{words[1:]}: about {say_like(expected, stated)}, "
            f"not {say_like(stated.quantity, stated)}.",
        )

    def _multiplier_inverted(
        self, claim: ClaimCheck, node: Node, leaves: list[Operand], stated: Operand
    ) -> ClaimCheck | None:
        """Divided by a multiplier that makes the result bigger ("peak would be 14K divided
        by 4" after "peak-to-average is 4x"; "reads are 1,200 divided by 100" after "read to
        write is 100 to 1")."""
        if node.op != "/" or node.right is None or node.right.op != "leaf":
            return None
        try:
            divisor = self.memory.resolve(node.right.token)
        except KeyError:
            return None
        bigger = self._bigger_side.get(round(divisor.quantity.value, 9))
        if not bigger or divisor.quantity.dimension != COUNT:
            return None
        clause = self._sentence_text()[: self._span[1]].lower()
        if not re.search(rf"\b{bigger}", clause):
            return None
        f = divisor.quantity.value
        expected = claim.computed * (f * f) if claim.computed is not None else None
        if expected is None:
            return None
        return replace(
            claim,
            computed=expected,
            verdict=INCORRECT,
            slip="multiplier",
            explanation=f"{bigger.capitalize()} is {format_number(f)}x more, so multiply: about "
            f"{say_like(expected, stated)}, not {say_like(stated.quantity, stated)}.",
        )

    def _recognised(
        self, claim: ClaimCheck, node: Node, stated: Operand, said_multiplier: bool
    ) -> bool:
        """The accusation names a slip people make. A plain arithmetic slip is off by a
        little (1.5x, 2.6x), not by 57x: that says the parse missed part of the working. Bits
        and bytes get mixed up only where bits were said."""
        if claim.computed is None or not claim.computed.value:
            return False
        if stated.quantity.dimension == COUNT and claim.computed.dimension != COUNT:
            after = self._text[self._offset + self._span[1] :][:24].lower()
            if re.match(r"[\s-]*(?:ish\s+)?[a-z]", after) and not re.match(
                r"[\s-]*(?:a|per|every|each)\b", after
            ):
                return False  # "60-ish nodes": a count of things, not 60 TB
        ratio = abs(claim.stated.value / claim.computed.value)
        big = max(ratio, 1 / ratio) if ratio else math.inf
        if claim.slip == "arithmetic":
            if node.op == "leaf":  # a restatement: bits and a prefix at once ("100 MB/s, 100 Gbps")
                return any(abs(big / f - 1) <= 0.05 for f in (125.0, 8000.0))
            if said_multiplier:
                return big <= 20.0
            leaves = node.leaves()
            explicit = 2 <= len(leaves) <= 3 and all(
                t.kind == "qty" and self._span[0] > t.start >= 0 for t in leaves
            )
            # "one billion divided by 86,400 is about 50,000": every operand said just now
            return big <= (5.0 if explicit else 3.0)
        if claim.slip == "dropped_factor":
            return bool(
                _NAMED_FACTORS.search(self._text[max(0, self._offset - 300) : self._offset + 300])
            )
        if claim.slip == "bits_vs_bytes":
            leaves = []
            for leaf in node.leaves():
                try:
                    leaves.append(self.memory.resolve(leaf))
                except KeyError:
                    continue
            return said_in_bits(stated) or any(said_in_bits(op) for op in leaves)
        return True

    def _confirmed(self, claim: ClaimCheck, reading: OperandReading, stated: Operand) -> ClaimCheck:
        values = {_key(v) for op, _ in reading.parts for v in (op.quantity.value, op.number)}
        self._worked.append((self._span[0], frozenset(values - {0.0})))
        words = reading.words()
        return replace(
            claim,
            expression=words,
            computed=reading.value,
            verdict=CORRECT,
            slip="",
            explanation=f"{words[:1].upper()}{words[1:]} is about "
            f"{say_like(reading.value, stated)}, so {say_like(claim.stated, stated)} holds up.",
        )

    def _unsure(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck:
        """Not accused: confirmed if the nearby numbers give it, else a question."""
        reading = self._confirm(stated)
        if reading is not None:
            return self._confirmed(claim, reading, stated)
        slipped = self._slip_in_working(claim, stated) or self._misstated_period(claim, stated)
        if slipped is not None:
            return slipped
        return replace(
            claim,
            verdict=UNCHECKED,
            computed=None,
            slip="",
            explanation=f"How did you get {say_like(stated.quantity, stated)}?",
        )

    def _slip_in_working(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """A result right after its working, said as a list of numbers in one breath ("10
        million users uploading 2 photos of 200 KB each, we store 400 GB a day"), that is off
        from the working by a unit slip: bits and bytes, a time base, a prefix, a power of ten."""
        lo = self._span[0]
        claimed = [c.end - self._offset for c in self.claims[self._sentence_start :]]
        begin = max([e for e in claimed if e <= lo], default=0)
        working = [
            t
            for t in self._toks
            if t.kind == "qty" and t.quantity is not None and begin <= t.start and t.end <= lo
        ]
        if any(t.kind == "op" and begin <= t.start < lo for t in self._toks):
            return None  # an explicit expression the grammar already read its own way
        working = [t for t in working if not (t.bare and t.number == 1)]  # "one broker"
        ops = [self._op(t) for t in working]
        if not ops and begin > 0:
            # "…, 250 terabytes, and we need to ingest that, so 250 terabytes a second": the
            # result just said, said again in other units
            before = [
                t
                for t in self._toks
                if t.kind == "qty" and t.end == begin and t.quantity is not None
            ]
            restating_here = self._said_as_result(lo) and bool(before)
            if restating_here:
                ops = [self._op(before[0])]
        if not ops and begin == 0:
            # "…3.2 terabits a second. In bytes that's 3.2 terabytes a second": the result
            # of the sentence before, said again in other units
            m = self.memory
            last = m.last_result
            said_before = m.pool[self._previous_mark : self._pool_mark]
            k = next((n for n, t in enumerate(self._toks) if t.start == lo), 0) - 1
            while k >= 0 and (
                self._toks[k].kind in ("hedge", "comma") or self._toks[k].words[:1] in _FILLER_WORDS
            ):
                k -= 1
            trailing = "..." in self._text[max(0, self._offset - 6) : self._offset]
            restating = (k >= 0 and self._toks[k].words[:1] in _STRONG_MARKS) or (
                k < 0 and trailing  # "25 GB a day, so... about 290 MB a second"
            )
            if restating and last is not None and any(op is last for op in said_before):
                ops = [last]
                working = []
        if len(ops) == 1 and not (ops[0].unit or ops[0].quantity.dimension != COUNT):
            return None  # a bare number said again is a count, not a conversion
        if not self._said_as_result(lo):
            return None  # ", 3 sessions/day" in a list of inputs
        restated = len(ops) == 1 and (
            not working
            or any(ops[0] is op or ops[0].quantity == op.quantity for op in self._results_so_far())
        )
        if len(ops) == 1 and not restated and said_in_bits(ops[0]) == said_in_bits(stated):
            return None  # one input said again in other units: the rest of the working is unsaid
        value = working_value(ops, stated, self._said_as())
        if value is None or not value.value:
            return None
        bits = said_in_bits(stated) or any(said_in_bits(op) for op in ops)
        diag = diagnose(value, stated.quantity, stated.quantity.dimension.time >= 0, bits)
        if diag.slip not in ("per_day_vs_per_second", "unit_prefix", "order_of_magnitude") and not (
            diag.slip == "bits_vs_bytes" and bits
        ):
            return None
        if (
            len(ops) == 1
            and diag.slip == "bits_vs_bytes"
            and said_in_bits(ops[0]) == bits
            and (said_in_bits(stated) == said_in_bits(ops[0]))
        ):
            return None
        words = " times ".join(op.text for op in ops)
        return replace(
            claim,
            expression=words,
            computed=value,
            verdict=INCORRECT,
            slip=diag.slip,
            explanation=f"{words[:1].upper()}{words[1:]} is about {say_like(value, stated)}; "
            f"you said {say_like(stated.quantity, stated)} — {diag.remark}.",
        )

    def _dropped(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """An earlier result said again as if a factor named just before did not apply ("we
        keep 7 days, so 43 TB on the cluster"; "4 renditions, so 80 TB a day stored"; "and
        yearly 120 GB" after 120 GB a day)."""
        lo = self._span[0]
        if lo < 0:
            return None
        here = self._sentence_text()[:lo]
        before = self._text[max(0, self._offset - 160) : self._offset] + " " + here
        said = stated.quantity
        k = next((n for n, t in enumerate(self._toks) if t.start == lo), 0) - 1
        while k >= 0 and self._toks[k].kind == "hedge":
            k -= 1
        if k >= 0 and (self._toks[k].kind == "op" or self._toks[k].multiplier):
            return None  # "times about 3 megabits": an operand of the working, not a result
        per_day = bool(re.search(r"\b(a day|per day|daily)\b", before, re.I))
        copies = _COPIES_N.search(here) or _COPIES_N.search(before[-120:])
        keep = _KEEP_N.search(here)
        yearly = _YEARLY.search(here)
        for earlier in self.memory.recent(6):
            if earlier.quantity.dimension == COUNT or earlier is stated:
                continue
            same = earlier.quantity.dimension == said.dimension and within(
                said.value, earlier.quantity.value, 0.05
            )
            daily = (("day", -1) in earlier.time_units) and within(
                said.value, earlier.nominal.value, 0.05
            )
            if not (same or daily):
                continue
            factor, what = 0.0, ""
            if copies:
                factor, what = _number(copies.group(1)), copies.group(0).strip()
            elif (daily or same and per_day) and said.dimension.time == 0 and keep:
                days = _number(keep.group(1)) * _DAYS[keep.group(2).rstrip("s")]
                factor, what = days, keep.group(0).strip()
            elif daily and said.dimension.time == 0 and yearly:
                factor, what = 365.0, yearly.group(0).strip()
            if factor < 2:
                continue
            phrase = copies or keep or yearly
            in_here = phrase.re.search(here) if phrase is not None else None
            after = in_here.end() if in_here is not None else 0
            used = [
                t
                for t in self._toks
                if t.kind == "qty" and after <= t.start and t.end <= lo and t.quantity is not None
            ]
            if any(abs(t.quantity.value - factor) < 1e-9 for t in used):
                return None  # "5 renditions … 200 times 5 times 3 megabits": it was applied
            expected = said * factor
            return replace(
                claim,
                expression=f"{earlier.text} * {format_number(factor)}",
                computed=expected,
                verdict=INCORRECT,
                slip="dropped_factor",
                explanation=f"That leaves out the {what}: {earlier.text} times "
                f"{format_number(factor)} is about {say_like(expected, stated)}, not "
                f"{say_like(said, stated)}.",
            )
        return None

    def _percent_base(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """A share applied to the wrong base: the hit rate where the misses were meant ("80%
        hit rate, the database sees 80% of that"), the growth where the new total was meant
        ("40% growth, so this year it's 40% of 500K")."""
        lo = self._span[0]
        if lo < 0 or stated.percent:
            return None  # "the database sees 10%": a share said, not a share of something
        sentence = self._sentence_text().lower()
        before = self._toks_before(lo)

        def around(k: int) -> str:
            return " ".join(
                w for t in before[max(0, k - 4) : k + 5] for w in (t.words or (t.text.lower(),))
            )

        miss_rates = [
            t.quantity.value
            for k, t in enumerate(before)
            if t.percent and t.quantity is not None and _MISS_RATE.search(around(k))
        ]
        for k, tok in enumerate(before):
            if not tok.percent or tok.quantity is None or not 0 < tok.quantity.value < 1:
                continue
            share = tok.quantity.value
            near = around(k)
            missed = next((m for m in miss_rates if abs(share + m - 1) <= 0.01), None)
            backend = _BACKEND.search(near)
            if missed is not None and backend is not None and not _MISS_RATE.search(near):
                # "a 5% miss rate, the origin serves 95% of that": the origin gets the misses
                right = missed
                who = "database" if backend.group(1) == "db" else backend.group(1)
                reason = (
                    f"with a {format_number(missed * 100)}% miss rate the {who} only sees the "
                    f"misses, {format_number(missed * 100)}%"
                )
                base = self._base_of_share(claim, stated, tok, before)
                if base is not None:
                    return self._share_slip(claim, stated, base, right, reason)
            hit = self._names_a_hit_rate(before, k) and not _MISS_RATE.search(near)
            if hit and _MISSES.search(sentence):
                right, what = 1 - share, "the misses"
                reason = f"with a {format_number(share * 100)}% hit rate {what} are " + (
                    f"{format_number(right * 100)}%"
                )
            elif _GROWTH.search(near) or share in self._growth:
                hit = False
                right = 1 + share
                reason = f"{format_number(share * 100)}% growth means {format_number(right * 100)}% of it"
            else:
                continue
            for base_tok in before:
                if base_tok is tok or base_tok.quantity is None or base_tok.percent:
                    continue
                base = self._op(base_tok)
                if not within(stated.quantity.value, share * base.quantity.value, self.tolerance):
                    continue
                if within(share, right, self.tolerance):
                    return None
                expected = base.quantity * right
                return replace(
                    claim,
                    expression=f"{base_tok.text} * {format_number(right)}",
                    computed=Quantity(expected.value, stated.quantity.dimension),
                    verdict=INCORRECT,
                    slip="percent_base",
                    explanation=f"{reason[:1].upper()}{reason[1:]}: {base_tok.text} gives about "
                    f"{say_like(Quantity(expected.value, stated.quantity.dimension), stated)}; "
                    f"you said {say_like(stated.quantity, stated)}.",
                )
            if hit and not within(share, right, self.tolerance):
                base = self._base_of_share(claim, stated, tok, [])  # "90% of them", earlier
                if base is not None:
                    return self._share_slip(claim, stated, base, right, reason)
        return None

    @staticmethod
    def _names_a_hit_rate(toks: list[Token], k: int) -> bool:
        """The share at k is the one a hit word goes with ("a 90% hit rate", "99% cache hits",
        "hit rate of 90%"), not another share said near it ("99% cache hits, the database
        sees 1% of …")."""
        for step in (1, -1):
            n = k + step
            while 0 <= n < len(toks) and abs(n - k) <= 3:
                tok = toks[n]
                if tok.percent or tok.kind in ("comma", "sep"):
                    break
                if _HIT.search(" ".join(tok.words or (tok.text.lower(),))):
                    return True
                n += step
        return False

    def _base_of_share(
        self, claim: ClaimCheck, stated: Operand, share: Token, before: list[Token]
    ) -> Operand | None:
        """What a share was taken of: a figure said before it, or what "that" stood for in
        the working that gave the result ("95% of that")."""
        assert share.quantity is not None
        part = share.quantity.value
        for tok in before:
            if tok is share or tok.quantity is None or tok.percent:
                continue
            base = self._op(tok)
            if within(stated.quantity.value, part * base.quantity.value, self.tolerance):
                return base
        k = self._toks.index(share)
        of = [t.kind if t.kind == "ref" else t.text.lower() for t in self._toks[k + 1 : k + 3]]
        if of == ["of", "ref"]:  # "90% of it": the last result, or the latest figure
            m = self.memory
            for base in ([m.last_result] if m.last_result else []) + m.recent(8):
                if base.percent or base.quantity.dimension != stated.quantity.dimension:
                    continue
                if within(stated.quantity.value, part * base.quantity.value, self.tolerance):
                    return base
                break
        for base in reversed(self.memory.pool[self._previous_mark :]):
            # "the DB handles the other 85%, 85,000 a second" after 100,000 a second
            if base.percent or base.quantity.dimension != stated.quantity.dimension:
                continue
            if within(stated.quantity.value, part * base.quantity.value, self.tolerance):
                return base
        if claim.computed is None or claim.verdict != CORRECT or share.text not in claim.expression:
            return None
        return from_quantity(claim.computed * (1 / part), "")

    def _share_slip(
        self, claim: ClaimCheck, stated: Operand, base: Operand, right: float, reason: str
    ) -> ClaimCheck:
        dim = stated.quantity.dimension
        whole = Quantity(base.quantity.value, dim)
        expected = Quantity(base.quantity.value * right, dim)
        same_units = said_in_bits(base) == said_in_bits(stated)
        of = base.text if base.text and same_units else say_like(whole, stated)
        return replace(
            claim,
            expression=f"{of} * {format_number(right * 100)}%",  # the share as said
            computed=expected,
            verdict=INCORRECT,
            slip="percent_base",
            explanation=f"{reason[:1].upper()}{reason[1:]}: {of} gives about "
            f"{say_like(expected, stated)}; you said {say_like(stated.quantity, stated)}.",
        )

    def _grown(self, near: list[Token]) -> list[Operand]:
        """1 + p for a share said as growth ("growing 40% a year", "another 40%")."""
        out = []
        for tok in near:
            if not tok.percent or tok.quantity is None:
                continue
            k = self._toks.index(tok)
            around = " ".join(
                w for t in self._toks[max(0, k - 4) : k + 5] for w in (t.words or (t.text.lower(),))
            )
            share = tok.quantity.value
            if _GROWTH.search(around) or share in self._growth:
                self._growth.add(share)
                out.append(from_quantity(Quantity(1 + share), f"1 + {tok.text}"))
        return out

    def _toks_before(self, lo: int) -> list[Token]:
        """Tokens of this sentence (and its clause) before the stated number."""
        return [t for t in self._toks if t.end <= lo]

    def _said_as_result(self, lo: int) -> bool:
        """The number at `lo` follows a result marker or a hedge, not just a comma."""
        k = next((n for n, t in enumerate(self._toks) if t.start == lo), None)
        if k is None:
            return False
        k -= 1
        if k >= 0 and self._toks[k].kind == "hedge":
            return True
        prev = self._toks[k] if k >= 0 else None
        return prev is not None and (
            prev.kind == "mark" or (bool(prev.words) and prev.words[0] in _RESULT_WORDS)
        )

    def _results_so_far(self) -> list[Operand]:
        """Values the candidate stated as results in this sentence and the one before."""
        lo = self._span[0]
        out = [
            self._op(t)
            for t in self._toks
            if t.kind == "qty"
            and t.quantity is not None
            and t.end <= lo
            and any(c.start - self._offset == t.start for c in self.claims[self._sentence_start :])
        ]
        last = self.memory.last_result
        if last is not None:
            out.append(last)
        return out

    def _misstated_period(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """A rate worked out with a period the candidate misstated moments ago ("a day is 10^4
        seconds, so 1 billion a day is 100,000 a second"): the slip is that period."""
        for period, (seconds, when) in self._misstated.items():
            if self._sentence_count - when > 1 or stated.quantity.dimension.time != -1:
                continue
            for tok in self._near_tokens(True):
                op = self._op(tok)
                if (period, -1) not in op.time_units or op.quantity.dimension.time != -1:
                    continue
                if not within(stated.quantity.value, op.nominal.value / seconds, self.tolerance):
                    continue
                right = op.quantity
                return replace(
                    claim,
                    expression=f"{op.text} / {format_number(TIME_UNITS[period])}",
                    computed=right,
                    verdict=INCORRECT,
                    slip="order_of_magnitude",
                    explanation=f"A {period} is {format_number(TIME_UNITS[period])} seconds, "
                    f"not {format_number(seconds)}: {op.text} is about "
                    f"{say_like(right, stated)}; you said {say_like(stated.quantity, stated)}.",
                )
        return None

    def _link_in_bits(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """A link said in bits sized, or filled, as if it were bytes: "58 MB a second, so a 58
        megabit link"; "2 GB a second, so one 10 gigabit link"; "1.5 GB a second on a 10 gig
        uplink, 15% utilisation". Only when the link is named as one (link, uplink, NIC, card,
        port) in this sentence, the rate in bytes was said in this sentence or the one
        before, and the stated figure holds only if the bits were bytes."""
        lo, hi = self._span
        if lo < 0:
            return None
        said = stated.quantity
        toks = self._toks
        link = None
        for n, tok in enumerate(toks):
            if tok.kind != "qty" or tok.quantity is None or tok.quantity.dimension.data != 1:
                continue
            after = " ".join(w for t in toks[n + 1 : n + 3] for w in t.words)
            before = " ".join(w for t in toks[max(0, n - 2) : n] for w in t.words)
            named = _LINK.match(after) or _LINK_BEFORE.search(before)
            if named and said_in_bits(self._op(tok)):
                link = tok
                break
        if link is None or link.quantity is None:
            return None
        capacity = link.quantity.value  # bytes (a second) the link really carries
        recent = self.memory.pool[self._previous_mark :]
        rates = [
            op
            for op in reversed(recent)
            if op is not stated
            and op.quantity.dimension.data == 1
            and op.quantity.dimension.time == -1
            and not said_in_bits(op)
            and op.unit
        ]
        if not rates:
            return None
        rate = rates[0].quantity.value
        at = toks.index(link)
        count, sharing = 1.0, False
        if link.start == lo:
            expected = Quantity(rate, said.dimension)  # the link it takes, in its own bits
        elif at > 0 and toks[at - 1].start == lo and said.dimension == COUNT and said.value >= 1:
            count = said.value  # "one 10 gigabit link"
            expected = Quantity(float(math.ceil(rate / capacity * 0.99)))
        else:
            expected = Quantity(0.0)
        if expected.value:
            sizing = _SIZING.search(self._sentence_text()[:lo].lower())
            if sizing and count * capacity >= 0.9 * rate:
                # "one 40 gigabit link" for 3 GB a second: the link (or the count) holds up
                return replace(
                    claim,
                    expression=f"{rates[0].text} on {link.text}",
                    computed=said,
                    verdict=CORRECT,
                    slip="",
                    explanation=f"{link.text[:1].upper()}{link.text[1:]} carries about "
                    f"{say_like(Quantity(capacity, rates[0].quantity.dimension), rates[0])}, "
                    f"enough for {rates[0].text}.",
                )
            fits_as_bytes = count * capacity < 0.9 * rate <= count * capacity * 8
            if not (sizing and fits_as_bytes):
                return None
        elif claim.verdict == INCORRECT:
            return None
        elif (
            link.end <= lo
            and said.dimension == COUNT
            and 0 < said.value <= 1
            and within(said.value, rate / capacity, self.tolerance)
        ):
            return replace(
                claim,
                expression=f"{rates[0].text} / {link.text}",
                computed=said,
                verdict=CORRECT,
                slip="",
                explanation=f"{rates[0].text[:1].upper()}{rates[0].text[1:]} on {link.text} is "
                f"about {format_number(round(rate / capacity * 100))}% of it, so that holds up.",
            )
        elif (
            link.end <= lo
            and said.dimension == COUNT
            and 0 < said.value <= 1
            and within(said.value, rate / (capacity * 8), self.tolerance)
            and not within(said.value, rate / capacity, self.tolerance)
        ):
            expected = Quantity(rate / capacity)  # the share of the link it fills
            sharing = True
        else:
            return None
        words = f"{rates[0].text} on {link.text}"
        carries = say_like(Quantity(capacity, rates[0].quantity.dimension), rates[0])
        if sharing:
            needs = f"fills about {format_number(round(expected.value * 100))}% of it"
        else:
            needs = f"needs about {say_like(expected, stated)}"
        return replace(
            claim,
            expression=words,
            computed=expected,
            verdict=INCORRECT,
            slip="bits_vs_bytes",
            explanation=f"Looks like bits and bytes: {link.text} carries about {carries}, so "
            f"{rates[0].text} {needs}; you said {self._sentence_text()[lo:hi]}.",
        )

    def _span_in_other_units(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """A per-day figure times a span said in years, months or weeks, multiplied by the bare
        count of the span ("20 TB a day, kept 5 years, so 20 TB times 5, 100 TB"): the days in
        the span were dropped. Only when the count is said in the working, the span was named
        with its unit, and no copies of the same count were named."""
        lo = self._span[0]
        said = stated.quantity
        if lo < 0 or said.dimension.time != 0 or said.dimension == COUNT:
            return None
        working = [
            t.number for t in self._toks_before(lo) if t.kind == "qty" and t.bare and t.number > 1
        ]
        recent = self.memory.recent(8)
        nearby = self._text[max(0, self._offset - 300) : self._offset + lo]
        for span in recent:
            units = dict(span.time_units)
            unit = next((u for u in ("year", "month", "week") if units.get(u) == 1), None)
            if unit is None or span.quantity.dimension != TIME or len(units) != 1:
                continue
            count = span.number or span.nominal.value
            if not any(within(n, count, 0.001) for n in working):
                continue
            copies = _COPIES_N.search(nearby)
            if copies and within(_number(copies.group(1)), count, 0.001):
                continue
            for earlier in recent:
                period = next((u for u, p in earlier.time_units if p == -1), None)
                if period not in ("day", "hour", "week", "month") or earlier is stated:
                    continue
                if earlier.quantity.dimension.data != said.dimension.data or (
                    earlier.quantity.dimension.money != said.dimension.money
                ):
                    continue
                factor = TIME_UNITS[unit] / TIME_UNITS[period]
                if factor < 2 or not within(
                    said.value, earlier.nominal.value * count, self.tolerance
                ):
                    continue
                expected = Quantity(earlier.nominal.value * count * factor, said.dimension)
                per = f"{format_number(factor)} {period}s a {unit}"
                return replace(
                    claim,
                    expression=f"{earlier.text} * {format_number(count)} {unit}s",
                    computed=expected,
                    verdict=INCORRECT,
                    slip="dropped_factor",
                    explanation=f"That leaves out the {per}: {earlier.text} for "
                    f"{span.text} is about {say_like(expected, stated)}, not "
                    f"{say_like(said, stated)}.",
                )
        return None

    def _span_count_left_out(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """The mirror of `_span_in_other_units`: a working that turns a daily figure into one
        year's (or month's) worth with a bare 365 (30, 12, 52), while the span kept was named
        in the same breath as several years ("we keep them for 10 years, so 100 million times
        500 bytes times 365 is 18 TB"): that is one year of the ten. Quiet when the result is
        said per year, when the span's count is in the working, or when a later figure in the
        turn multiplies by it ("18 TB a year, so 180 TB")."""
        lo, hi = self._span
        said = stated.quantity
        if lo < 0 or said.dimension.time != 0 or stated.time_units or claim.computed is None:
            return None
        working = [t for t in self._toks_before(lo) if t.kind == "qty" and t.quantity is not None]
        if len(working) < 2:
            return None
        after = self._text[self._offset + hi : self._offset + hi + 24].lower()
        if _PER_PERIOD_AFTER.match(after):
            return None  # "18 TB a year"
        breath = self.memory.pool[self._previous_mark :]
        for span in reversed(breath):
            units = dict(span.time_units)
            unit = next((u for u in ("year", "month") if units.get(u) == 1), None)
            if unit is None or span.quantity.dimension != TIME or len(units) != 1:
                continue
            count = span.number or span.nominal.value
            if count < 2 or count != int(count):
                continue
            factors = _FACTORS_OF_ONE[unit]
            used = [
                t for t in working if t.bare and any(within(t.number, f, 0.02) for f in factors)
            ]
            if not used or any(t.bare and within(t.number, count, 0.001) for t in working):
                continue  # "… times 365 times 10": the years are in
            label = self._text[self._offset + used[0].end : self._offset + lo].lower()
            here = self._text[self._offset : self._offset + lo].lower()
            since = max(here.rfind(span.text.lower()), 0)
            if _ONE_PERIOD.search(label) or _ONE_PERIOD.search(here[since:]):
                return None  # "… a year is 100 million times 500 bytes times 365, 18 TB"
            if self._carried_on(said.value * count, count):
                return None
            expected = claim.computed * count
            words = claim.expression.replace(" * ", " times ") or say_like(said, stated)
            return replace(
                claim,
                expression=f"({claim.expression}) * {format_number(count)}",
                computed=expected,
                verdict=INCORRECT,
                slip="dropped_factor",
                explanation=f"That's one {unit} of the {span.text} you keep: {words} times "
                f"{format_number(count)} is about {say_like(expected, stated)}, not "
                f"{say_like(said, stated)}.",
            )
        return None

    def _carried_on(self, total: float, count: float) -> bool:
        """A later figure of the turn carries on with the count or the total it gives."""
        rest = self._text[self._offset + self._span[1] :]
        m = self.memory
        for tok in tokenize(rest, m.conventions, m.name_index()):
            if tok.kind != "qty" or tok.quantity is None:
                continue
            if within(tok.quantity.value, total, self.tolerance) or within(
                tok.number or tok.quantity.value, count, 0.001
            ):
                return True
        return False

    def _carried_period(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """A result worked out, in this sentence, with a period the candidate misstated ("a
        day is 10^4 seconds, so 5 billion over 10^4 is 500K a second"; "50 GB a second times
        10^4 seconds in a day, 500 TB a day"): right by its own arithmetic, off by the period.
        Only when the misstated figure is said in the working and an earlier figure gives the
        result through it."""
        lo = self._span[0]
        said = stated.quantity
        for period, (seconds, when) in self._misstated.items():
            if self._sentence_count - when > 1 or lo < 0:
                continue
            if not any(
                t.kind == "qty" and t.end <= lo and within(t.number, seconds, 0.01)
                for t in self._toks
            ):
                continue
            true = TIME_UNITS[period]
            for earlier in self.memory.recent(6):
                if earlier is stated or earlier.quantity.dimension == COUNT and earlier.bare:
                    continue
                per_second = ("second", -1) in stated.time_units
                if (
                    per_second
                    and (period, -1) in earlier.time_units
                    and within(said.value, earlier.nominal.value / seconds, self.tolerance)
                ):
                    expected = said * (seconds / true)  # a total over the period, per second
                elif (
                    not per_second
                    and ("second", -1) in earlier.time_units
                    and within(
                        stated.nominal.value, earlier.nominal.value * seconds, self.tolerance
                    )
                ):
                    expected = said * (true / seconds)  # a per-second rate over the period
                else:
                    continue
                return replace(
                    claim,
                    expression=f"{earlier.text} with a {period} of {format_number(true)} s",
                    computed=expected,
                    verdict=INCORRECT,
                    slip="order_of_magnitude",
                    explanation=f"A {period} is about {format_number(true)} seconds, not "
                    f"{format_number(seconds)}: {earlier.text} gives about "
                    f"{say_like(expected, stated)}; you said {say_like(said, stated)}.",
                )
        return None

    def _op(self, tok: Token) -> Operand:
        """The operand a token stands for; a bare table cell takes its column's unit, a bare
        number repeating a figure said with units takes those units ("40% of 400" after "400
        terabytes")."""
        unit = self._layout.units.get(tok.start + self._offset)
        if tok.quantity is None:
            return from_token(tok)
        if unit is not None:
            return from_quantity(unit * tok.quantity.value, tok.text)
        if tok.bare and not tok.power and abs(tok.quantity.value) >= 10:
            value = tok.quantity.value
            said = [from_token(t) for t in self._toks if t.kind == "qty" and t.end <= tok.start]
            twins = [
                op
                for op in said + self.memory.recent(8)
                if not op.bare
                and op.quantity.dimension != COUNT
                and (
                    abs(op.nominal.value - value) <= 1e-9 * abs(value)
                    or abs(op.number - value) <= 1e-9 * abs(value)
                )
            ]
            if twins and all(op.quantity == twins[0].quantity for op in twins):
                return twins[0].named(twins[0].name, tok.text)
        return from_token(tok)

    def _in_table_row(self) -> bool:
        line = self._text.rfind("\n", 0, self._offset + 1) + 1
        return line in self._layout.operands

    def _row_extras(self) -> tuple[list[Operand], frozenset[float]]:
        """Numbers and a period named in the table header above this row, if any."""
        line = self._text.rfind("\n", 0, self._offset + 1) + 1
        ops = [from_token(t) for t in self._layout.operands.get(line, [])]
        period = self._layout.periods.get(line)
        return ops, frozenset([TIME_UNITS[period]] if period else [])

    def _near_tokens(self, before_only: bool) -> list[Token]:
        """Numbers of this sentence, nearest to the stated result first (those before it
        first), leaving out the result itself and figures already accused."""
        lo, hi = self._span
        accused = [
            (c.start - self._offset, c.end - self._offset)
            for c in self.claims[self._sentence_start :]
            if c.verdict == INCORRECT
        ]
        return sorted(
            (
                t
                for t in self._toks
                if t.kind == "qty"
                and t.quantity is not None
                and not (lo <= t.start < hi)
                and (t.end <= lo or not before_only)
                and not any(a <= t.start < b for a, b in accused)
            ),
            key=lambda t: (t.start > lo, abs(t.start - lo)),
        )

    def _confirm(self, stated: Operand) -> OperandReading | None:
        """A product or quotient of up to three nearby numbers that gives the result."""
        said_as = self._said_as()
        earlier = [op for op in self.memory.pool[: self._pool_mark][-8:] if not op.multiplier]
        earlier = list(reversed(earlier))[:3]
        header, periods = self._row_extras()
        if periods:
            said_as = replace(said_as, periods=said_as.periods | periods)
        first = not self._near_tokens(True)
        at = next((n for n, t in enumerate(self._toks) if t.start == self._span[0]), None)
        explained = at is not None and self._explained_after(self._toks, at)
        for before_only in (True, False):  # the working said before it reads most naturally
            if not before_only and not (first and explained):
                break  # numbers after a result are worked out from it, unless they explain it
            said = self._said_as().number
            near = [
                t
                for t in self._near_tokens(before_only)
                if t.quantity != stated.quantity or t.number != said  # not itself said again
            ]
            if not near:
                continue
            ops = [self._op(t) for t in near[:5]] + header + earlier
            ops += self._grown(near)  # "another 40%": times 1.4
            if before_only:  # "… 550 TB with three replicas": a factor said right after it
                ops += self._after_factors()
            found = find_reading([], ops, stated, self.tolerance, 3, said_as)
            if found is not None:
                return found
        return None

    def _meant(
        self, node: Node, stated: Operand, multiplier: tuple[Operand, Operand] | None
    ) -> OperandReading | None:
        """The candidate's own operands read as people say them: "A divided by B times C"
        as A/(B·C), a conversion factor that only restates units, a factor said right after
        the result ("with three replicas"), the multiplier applied to the value it names."""
        m = self.memory
        said_as = self._said_as()
        if multiplier is not None:
            used = list(multiplier)
            mult = multiplier[1]
            for base in m.recent(6):  # "5x average, 17,500": another recent value
                if base.quantity.dimension != stated.quantity.dimension:
                    continue
                for factor in (mult.quantity.value, mult.quantity.value + 1):
                    if within(stated.quantity.value, base.quantity.value * factor, self.tolerance):
                        times = from_quantity(Quantity(factor), f"{format_number(factor)}x")
                        value = base.quantity * factor
                        return OperandReading(((base, 1), (times, 1)), value)
        else:
            used = []
            for leaf in node.leaves():
                try:
                    used.append(m.resolve(leaf))
                except KeyError:
                    return None
        found = another_reading(used, self._after_factors(), stated, self.tolerance, said_as)
        if found is None and _COPIES.search(self._sentence_text()):
            # "a primary plus two replicas": three copies
            for k, op in enumerate(used):
                if op.bare and 1 <= op.quantity.value <= 10:
                    plus = from_quantity(op.quantity + 1, f"{op.text} plus one")
                    others = [o for n, o in enumerate(used) if n != k]
                    for variant in ([*others, plus], [o for o in others if not o.bare] + [plus]):
                        found = another_reading(variant, [], stated, self.tolerance, said_as)
                        if found is not None:
                            return found
        if found is None and multiplier is None:
            found = self._spans_with_a_word_between(node, used, stated, said_as)
        return found

    def _spans_with_a_word_between(
        self, node: Node, used: list[Operand], stated: Operand, said_as: Said
    ) -> OperandReading | None:
        """A count of periods with a word between ("the 8 busy hours", "3 peak months") is
        a span: "a million orders a day, so during the 8 busy hours about 35 a second" reads
        as a day's million over 8 hours."""
        lo = self._span[0]
        for k, op in enumerate(used):
            leaf = next(
                (
                    t
                    for t in reversed(self._toks)
                    if t.kind == "qty" and t.text == op.text and t.end <= lo
                ),
                None,
            )
            if leaf is None or not op.bare:
                continue
            after = _SPAN_AFTER.match(self._text[self._offset + leaf.end :][:32].lower())
            if after is None or after.group(1) not in TIME_UNITS:
                continue
            span = from_quantity(
                Quantity(op.quantity.value * TIME_UNITS[after.group(1)], TIME),
                f"{leaf.text} {after.group(1)}s",
            )
            others = [
                from_quantity(o.nominal, o.text) if o.time_units else o
                for n, o in enumerate(used)
                if n != k
            ]
            found = another_reading([*others, span], [], stated, self.tolerance, said_as)
            if found is not None:
                return found
        return None

    def _sentence_text(self) -> str:
        end = self._toks[-1].end if self._toks else 0
        return self._text[self._offset : self._offset + end]

    def _after_factors(self) -> list[Operand]:
        """Multipliers said right after the result ("550 TB with three replicas")."""
        hi = self._span[1]
        return [
            from_token(t)
            for t in self._toks
            if t.kind == "qty"
            and t.quantity is not None
            and hi <= t.start < hi + 40
            and (t.multiplier or (t.bare and 1 < t.quantity.value <= 10))
        ]

    def _another_reading(self, stated: Operand) -> bool:
        """A restatement of a number just said, or working said after the result ("that's
        2 partitions at 10 MB a second each"): the accusation would rest on a misreading."""
        m = self.memory
        said_as = self._said_as()
        near = self._near_tokens(True)
        grown = self._grown(near)
        ops = [from_token(t) for t in near[:5]] + grown
        if m.last_result is not None:
            ops.append(m.last_result)
            last = m.last_result
            ops += [  # "another 40%, about 225": the last result grown
                from_quantity(last.quantity * g.quantity.value, f"{last.text} times {g.text}")
                for g in grown
            ]
            if _ONE_MORE_EACH.search(self._sentence_text()):  # "plus a count query for each"
                ops.append(from_quantity(last.quantity * 2, f"twice {last.text}"))
        if find_reading([], ops, stated, self.tolerance, 1, said_as) is not None:
            return True
        hi = self._span[1]
        later = [
            from_token(t)
            for n, t in enumerate(self._toks)
            if t.kind == "qty"
            and t.quantity is not None
            and hi <= t.start < hi + 40
            and not result_position(self._toks, n)  # "…, and a year is 3.3 TB": derived
        ]
        return any(
            find_reading([op], ops, stated, self.tolerance, 1, said_as) is not None
            for op in later
            if not within(op.quantity.value, stated.quantity.value, self.tolerance)
        )

    def _said_as(self) -> Said:
        """The spoken number, the periods named and bits-ness of the stated result."""
        lo, hi = self._span
        tok = next((t for t in self._toks if t.start == lo and t.kind == "qty"), None)
        words = {w for t in self._toks if t.kind == "word" for w in t.words}
        periods = frozenset(TIME_UNITS[w] for w in PERIODS if w in words and w in TIME_UNITS)
        unit = tok.unit_text if tok is not None else ""
        bits = unit.split(" ")[0].endswith("b") or "bps" in unit.lower() or "bit" in unit.lower()
        number = tok.number if tok is not None and tok.number else None
        return Said(number, periods, bits)

    @staticmethod
    def _worded(claim: ClaimCheck, stated: Operand) -> ClaimCheck:
        """The stated and expected values in the candidate's own units and period."""
        expected = say_like(claim.computed, stated) if claim.computed is not None else ""
        return replace(claim, stated_words=say_like(claim.stated, stated), expected_words=expected)

    def _record(self, claim: ClaimCheck, result: Operand) -> None:
        m = self.memory
        hi = self._span[1]
        nxt = next((t for t in self._toks if t.start >= hi), None)
        if claim.verdict == UNCHECKED and nxt is not None and nxt.kind == "op":
            m.add_value(result)  # "it's 40% of 400": an operand of what follows, not a result
            return
        if claim.start < 0 and self._span[0] >= 0:
            start, end = self._span
            claim = replace(claim, start=start + self._offset, end=end + self._offset)
        claim = self._read_intent(claim, result, self._RESULT_INTENT)
        if claim.verdict == CORRECT or claim.slip in ("per_day_vs_per_second", "arithmetic"):
            claim = self._carried_period(claim, result) or claim
        claim = self._worded(claim, result)
        self.claims.append(claim)
        if claim.name:
            self._set_name(claim.name, result, "result")
            result = m.names[claim.name]
        if claim.verdict == INCORRECT and claim.computed is not None:
            self._right_value[id(result)] = claim.computed
        m.last_result = result
        m.add_value(result)
        m.pending = None

    def _factor_misread(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        return self._percent_base(claim, stated) or self._dropped(claim, stated)

    def _read_intent(self, claim: ClaimCheck, stated: Operand, rules: IntentRules) -> ClaimCheck:
        """Apply the intent readings in order, each to the verdicts it may revise (None: any)."""
        for verdicts, rule in rules:
            if verdicts is None or claim.verdict in verdicts:
                claim = rule(self, claim, stated) or claim
        return claim

    # A result the statement grammar took, and one only the leftover scan found (a subset: the
    # readings that need a worked statement have nothing to read there).
    _RESULT_INTENT: IntentRules = (
        ((CORRECT,), _factor_misread),
        ((CORRECT,), _span_in_other_units),
        ((CORRECT,), _span_count_left_out),
        (None, _link_in_bits),
        ((CORRECT, UNCHECKED), _hit_from_backend),
        ((CORRECT,), _rate_as_period_total),
        ((CORRECT, UNCHECKED), _each_left_out),
        ((UNCHECKED,), _span_total_off_by_prefix),
        ((CORRECT, UNCHECKED), _one_for_the_fleet),
        ((UNCHECKED,), _sum_missing_a_part),
        ((UNCHECKED,), _share_of_another_period),
    )
    _LEFTOVER_INTENT: IntentRules = (
        ((CORRECT,), _factor_misread),
        (None, _link_in_bits),
        ((UNCHECKED,), _span_total_off_by_prefix),
        ((CORRECT, UNCHECKED), _one_for_the_fleet),
        ((UNCHECKED,), _sum_missing_a_part),
        ((UNCHECKED,), _share_of_another_period),
    )


def check_transcript(text: str, tolerance: float = 0.15) -> CheckReport:
    """Check a whole transcript; the same as one session given the text as one turn."""
    session = EstimationSession(tolerance)
    session.add(text)
    return session.report()


def _oversized(toks: list[Token]) -> bool:
    """More numbers or deeper parentheses than any estimate: checking it would only burn time
    (and, for a parse tree that deep, the recursion limit)."""
    numbers = depth = 0
    for tok in toks:
        if tok.kind in ("qty", "var", "ref"):
            numbers += 1
            if numbers > MAX_SENTENCE_NUMBERS:
                return True
        elif tok.kind == "lparen":
            depth += 1
            if depth > MAX_NESTING:
                return True
        elif tok.kind == "rparen":
            depth = max(0, depth - 1)
    return False


_PERIOD_TOTAL = re.compile(
    r"\b(?:a|one|per|each|every|over a|in a|for a|for the)\s+(day|hour|month|year|week)"
    r"(?:'s worth)?\s*(?:is|that's|it's|comes to|gives|would be|=|of that is)?\s*"
    r"(?:about|around|roughly|~)?\s*$"
)
"""A period named right before a total ("so a day is about", "per day that's")."""
_TOTAL_AFTER = re.compile(
    r"\s*(?:\w+\s+)?(?:gone|in total|total|altogether|all in|combined|used up|spent)\b"
)
_TOTAL_BEFORE = re.compile(
    r"\b(?:in total|total(?:s| is)?|altogether|all in|adds? up to|sums? to)\W*(?:about |roughly )?$"
)
_EACH_OF_N = re.compile(
    r"\beach of (?:our |the |those |these )?((?:\d[\d,.]*\s*[km]?)|\w+ thousand)\s+([a-z]+)"
)
"""A fleet named one machine at a time ("each of our 20K hosts")."""
_SPAN_LEAD = re.compile(r"\b(?:for|over|in|per|after|of)\s+(?:a|one|the)\s+(year|month|week)\b")
_DAYS_IN = {"year": 365.0, "month": 30.0, "week": 7.0}
_MISS_RATE = re.compile(r"\bmiss(?:es)?\b|\bmiss (?:rate|ratio)\b")
_BACKEND = re.compile(r"\b(origin|origins|backend|backends|database|databases|db|storage tier)\b")
_PER_PERIOD_AFTER = re.compile(
    r"[\s,]*(?:a|per|/|each|every|in a|for a|for one|for the first)\s*(?:year|yr|month)\b"
    r"|[\s,]*(?:yearly|annually|monthly)\b"
)
_ONE_PERIOD = re.compile(
    r"\b(?:a|one|per|each|every|first|single)\s+(?:year|month)\b|\b(?:yearly|annually|monthly)\b"
)
_FACTORS_OF_ONE = {"year": (365.0, 12.0, 52.0), "month": (30.0, 31.0, 4.0)}
"""Bare factors that make one year's (month's) worth of a daily, monthly or weekly figure."""
_NOT_A_PLAIN_CONVERSION = re.compile(
    r"\b(peak|peaks|burst|bursts|spike|spikes|busiest|busy|business hours|working hours|"
    r"daytime|prime time|evening|waking|hours? of|average|averages|at most|at least|up to)\b"
)
"""Words that make the second figure something other than the first in other units."""
_HIT_RATIO = re.compile(r"\bhit (?:ratio|rate)\b")
_MACHINES = re.compile(
    r"\b(servers?|box(?:es)?|nodes?|machines?|workers?|replicas?|shards?|instances?|hosts?|pods?|vms?)\b"
)
_UTIL_WORDS = r"(?:busy|utili[sz]ation|utili[sz]ed|cpu|load|capacity)"
_TARGET_UTIL = re.compile(
    r"\b(?:at most|no more than|under|below|want(?:\s+to)?(?:\s+run)?(?:\s+at)?|target(?:ing)?"
    r"|run (?:them |it |each )?at|keep (?:it |them |each \w+ )?(?:at|under|below))\s+"
    r"(?:about |around |roughly )?(\d+(?:\.\d+)?)\s*(?:%|percent)"
    rf"(?:\s+{_UTIL_WORDS})?"
)
"""A target utilisation named ("at most 40% busy", "we want to run at 50%")."""
_CURRENT_UTIL = re.compile(
    r"\b(?:running|currently|today|right now|now)\b[^.%]{0,30}?\b(\d+(?:\.\d+)?)\s*(?:%|percent)"
    rf"\s+{_UTIL_WORDS}"
)
"""The utilisation the machines run at now ("20 servers running at about 75% CPU")."""
_IN_BATCHES = re.compile(r"\b(thousands|millions|batch(?:es)?|blocks of|units of|lots of)\b", re.I)
_BATCH_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def _batch_after(toks: list[Token]) -> float:
    """The batch a price is quoted per ("per 1,000", "per thousand", "per 1M"), else 0."""
    if len(toks) < 2 or toks[0].words[:1] != ("per",):
        return 0.0
    nxt = toks[1]
    if nxt.kind == "word":
        return _BATCH_WORDS.get(nxt.words[0] if nxt.words else "", 0.0)
    if nxt.kind == "qty" and nxt.bare and nxt.quantity is not None:
        return nxt.quantity.value if nxt.quantity.value >= 100 else 0.0
    return 0.0


_TIMES = {1: "once", 2: "twice", 3: "three times"}


def _small_factor(value: float) -> float:
    """A whole factor people name (2 to 16, not a time factor), else 0."""
    if 2 <= value <= 16 and abs(value - round(value)) < 1e-9 and not _is_time_factor(value):
        return float(round(value))
    return 0.0


def _product_only(node: Node) -> bool:
    if node.op == "leaf":
        return True
    if node.op != "*" or node.left is None or node.right is None:
        return False
    return _product_only(node.left) and _product_only(node.right)


def _span_of_period(toks: list[Token]) -> list[Token]:
    """ "730 hours in a month", "86,400 seconds in a day": the period qualifies the span
    before it; it is not a figure of its own (nor the subject of the result after it)."""
    out: list[Token] = []
    skip = 0
    for n, tok in enumerate(toks):
        if skip:
            skip -= 1
            continue
        out.append(tok)
        if (
            tok.kind == "qty"
            and tok.quantity is not None
            and tok.quantity.dimension == TIME
            and n + 2 < len(toks)
            and toks[n + 1].words[:1] in (("in",), ("per",))
            and toks[n + 2].kind == "qty"
            and toks[n + 2].number == 1
            and toks[n + 2].quantity is not None
            and toks[n + 2].quantity.dimension == TIME
        ):
            skip = 2
    return out
