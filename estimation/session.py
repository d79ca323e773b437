"""The estimation session: claims, assumptions and named quantities accumulate across turns.

The interviewer calls `EstimationSession.add(utterance)` once per candidate turn and gets the
verdicts for that turn; `report()` returns everything so far. `check_transcript` is the same
over a whole text. Each sentence is cut into statements (`claims.scan`); this module decides
what each one is: a claim to recompute, an assumption, a named fact, or a restatement of an
earlier result (which must agree with it). The intent readings (a result right by its own
arithmetic, wrong by what the candidate said they meant) live in `estimation.intent`, which
this class extends.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace

from estimation.calculator import Node
from estimation.claims import ASSUME_WORDS, Statement, scan
from estimation.claims import subject_name as _subject_name
from estimation.diagnosis import diagnose, say
from estimation.explain import SAID_PERIODS, build_claim, render, said_in_bits, say_like
from estimation.formatting import format_number
from estimation.inference import Candidate, candidates, choose
from estimation.intent import (
    _GROWTH,
    IntentReadings,
    _is_time_factor,
    _key,
    _product_only,
    every_periods,
)
from estimation.lexer import MAX_CHARS, tokenize
from estimation.memory import Memory, compatible
from estimation.notes import Layout, lay_out
from estimation.operand import Operand, from_quantity, from_token
from estimation.quantity import COUNT, DATA, MONEY, RATE, TIME, Quantity
from estimation.readings import (
    COMPARATIVES,
    OperandReading,
    Said,
    another_reading,
    find_reading,
    plausible_slip,
    range_verdict,
    ratio_reading,
    result_position,
    working_value,
)
from estimation.readings import RESULT_WORDS as _RESULT_WORDS
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
from estimation.speech import drop_abandoned, keep_pauses_between_figures
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
_SPAN_HYPHEN = re.compile(
    r"(?<=\d)-(?=(?:second|minute|hour|day|week|month|year)s?\b)", re.IGNORECASE
)
"""The hyphen of "a 5-year retention", "a 90-day window": a span, not a minus sign."""
_ONE_MORE_EACH = re.compile(
    r"\b(plus|and|another|one more)\b.*\b(for|per|with) (each|every)\b", re.I
)


_RATIO = re.compile(r"\b(\d[\d,]*)\s*(?:to|:)\s*1\b")


_COPIES = re.compile(r"\b(replicas?|copies|copy|primary|standby|followers?)\b", re.I)
# "each worker has ten slots", "each box can hold 12 disks": a capacity per machine
_EACH_HAS = re.compile(
    r"\beach ([a-z]+?)s? (?:has|holds|handles|runs|takes|serves|fits|stores|gets|"
    r"can (?:hold|handle|run|take|serve|fit|store|do))\b",
    re.I,
)
_BOUND = re.compile(
    r"\b(?:(?:more|less|fewer|greater|bigger|smaller) than|at (?:least|most)|up to|under)"
    r"(?:\s+\S+){1,3}\s*$",
    re.I,
)
# "3x more", "3 times on top", "extra", "replicas": words that may make a factor N mean N + 1
_ADDED_ON = re.compile(
    r"\b(more|on top|extra|additional|another|replicas?|copies|followers?|plus|headroom|"
    r"buffer|margin|safety|padding|round(?:ed|ing)? up)\b",
    re.I,
)
_NAMED_FACTORS = re.compile(
    r"\b(365|three sixty five|years?|yearly|annual|12 months|30 days|months?)\b", re.I
)
"""A dropped factor is only named as the slip when the candidate named the factor."""
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
_SIZED_THINGS = re.compile(
    r"\s*(?:[\w.,-]+\s+){0,3}?(?:servers?|box(?:es)?|nodes?|machines?|workers?|replicas?|"
    r"shards?|instances?|hosts?|pods?|vms?|partitions?|links?|uplinks?|nics?|primar(?:y|ies)|"
    r"brokers?|clusters?|cores?|cpus?|gpus?|disks?|drives?|racks?|gateways?|databases?|dbs?)\b(?!-)"
)
"""Machines and resources a small count sizes ("three 64 gig boxes", "one 10 gigabit link")."""
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


class EstimationSession(IntentReadings):
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
        self._right_value: dict[int, tuple[Operand, Quantity]] = {}
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
        said_periods = SAID_PERIODS.set(self.memory.conventions)  # live: learned mid-turn too
        try:
            return self._add(utterance)
        finally:
            SAID_PERIODS.reset(said_periods)

    def _add(self, utterance: str) -> CheckReport:
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
        text = keep_pauses_between_figures(text)
        text = _FILLER.sub(_blank, text)
        text = _APPROXIMATE.sub(" ", text)
        text = _SPAN_HYPHEN.sub(" ", text)
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
        if len(pieces) > 1:
            self._headline_worked_below(pieces, marks[0])
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
        self._ranges_judged(toks)

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
            k = i + 1
            while k < len(toks) and k - i <= 2 and toks[k].kind == "word":
                k += 1
            if k < len(toks) and k > i + 1 and toks[k].kind == "op" and toks[k].op == "*":
                continue  # "so 50 million series times 525,600": an operand, not a result
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
            if claim.verdict != INCORRECT and self._small_word_without_working():
                worded = self._small_word_claim(claim, stated)
                if worded is None:
                    continue
                claim = worded
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
            if concept == "multiplier" and self._ratio_said(single, st, text):
                return
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
            if value.dimension.time > 0 and any(p > 0 for op in leaves for _, p in op.time_units):
                # "50 million series times 525,600 minutes": that many minutes' points, as
                # spoken; the span counts periods, so the as-spoken reading keeps the count
                try:
                    spoken = st.node.evaluate(lambda t: m.resolve(t).nominal)
                except (KeyError, ValueError, ZeroDivisionError):
                    spoken = None
                if spoken is not None and spoken.dimension.time == 0:
                    # named by its operands, not by the words that led up to them
                    result = replace(result, nominal=spoken, text=render(st.node, m))
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
        # "500,000 couriers every 5 seconds is 500,000 times 5": the candidate works the
        # period by hand, so the bare 500,000 is the count, not the rate it was said as
        by_hand = {
            k
            for t in st.node.leaves()
            if t.kind == "qty" and t.bare and t.quantity is not None
            for k in [t.quantity.value]
        }
        said = [
            op for op in said if not any(count in by_hand for count, _ in every_periods(op.text))
        ]
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
                # the explanation names the operand the verdict uses: "100 million a day",
                # not a bare "100 million" standing for 1,160 a second
                said_as = tok.text if twin.quantity.value == value else twin.text or tok.text
                m.adopted[id(tok)] = twin.named(twin.name, said_as)

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
                unsure = unsure or _BOUND.search(text) is not None  # "more than 2,000": a bound
                if not agrees and _PER_ONE.search(text) is not None:
                    # "one replica serves 50,000 reads a second": the same name, per one of
                    # many, is another quantity, not a change of mind
                    m.add_value(op)
                    return
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
        found = self._each_multiplies(candidates(m, stated, words, prefer))
        if restating:
            found = self._without_spent_factors(found)
        chosen = choose(m, stated, found, self.tolerance, restating)
        if chosen is None:
            split = self._split_by_capacity(found, stated)
            chosen = split[0] if len(split) == 1 else None
        if chosen is None:
            return False
        # said in this breath: this sentence or the one before it
        breath = {id(op) for op in m.pool[self._previous_mark :]}
        said_now = all(id(p) in breath for p in chosen.parts)
        if own is not None and not any(p.quantity == own.quantity for p in chosen.parts):
            said_now = False  # a new quantity with its own derivation, not an earlier rate
        if reads_loosely(chosen.node, m.resolve, stated) and not self._counts_periods(
            chosen.node, stated
        ):
            said_now = False  # "1 TB, over 30 days, 33 GB": spread out or accumulated?
        self._claim(chosen.node, stated, text, name, judged=chosen.judgement, inferred=not said_now)
        return True

    def _without_spent_factors(self, found: list[Candidate]) -> list[Candidate]:
        """Readings of a result said again in other terms, less those that reapply a factor
        already spent (see `_reuses_spent_factor`); only where the result said again is
        itself a reading, so the claim is still judged."""
        if not any(c.kind == "single" and c.first for c in found):
            return found
        return [
            c
            for c in found
            if c.kind == "single"
            or not self._reuses_spent_factor(
                [(p, -1 if c.op == "/" and n else 1) for n, p in enumerate(c.parts)]
            )
        ]

    def _reuses_spent_factor(
        self, parts: list[tuple[Operand, int]], shares_only: bool = False
    ) -> bool:
        """A result said again in other terms ("11.5 GB a second, which is a hundred
        terabytes a day") is that result converted: a reading that multiplies it by a factor
        said before it and already used by a working of this sentence ("one in ten") is no
        reading (as is one whose figure is an earlier one times the factor). A factor said
        before it and not used yet ("with 3 replicas: … 365 TB a year, which is 1.1 PB on
        disk") still is. `shares_only`: only a share multiplied in ("one in ten") counts, for
        readings found among all nearby figures."""
        pool = self.memory.pool
        newest = self.memory.last_result
        if newest is None or not any(p.quantity == newest.quantity for p, _ in parts):
            return False
        at = next((n for n in range(len(pool) - 1, -1, -1) if pool[n] is newest), None)
        if at is None:
            return False
        worked = {v for _, used in self._worked for v in used}
        before = pool[:at]

        def spent(op: Operand, sign: int) -> bool:
            if shares_only and not (sign == 1 and 0 < op.quantity.value < 1):
                return False  # a share said in the working, not any figure
            if op.quantity == newest.quantity or not any(p.quantity == op.quantity for p in before):
                return False
            f = op.quantity.value
            if _key(f) in worked:
                return True
            # "one in ten … so 23,000 a second times 500 KB": a working figure that is an
            # earlier one with the share applied already
            return 0 < f < 1 and any(
                within(w, e.quantity.value * f, 0.02) or within(w, e.nominal.value * f, 0.02)
                for w in worked
                for e in before
                if e is not op and e.quantity.value
            )

        return any(spent(p, sign) for p, sign in parts)

    def _split_by_capacity(self, found: list[Candidate], stated: Operand) -> list[Candidate]:
        """Machines sized by a capacity said in this sentence for each of them ("if each worker
        has ten slots, that's 350 workers"): the reading is the figure just said over that
        capacity, never a split by a figure from turns ago (35,000 over an earlier 11,600)."""
        each = _EACH_HAS.search(self._sentence_text())
        at = next((n for n, t in enumerate(self._toks) if t.start == self._span[0]), None)
        nxt = self._toks[at + 1] if at is not None and at + 1 < len(self._toks) else None
        if each is None or nxt is None or nxt.kind != "word":
            return []
        noun = each.group(1).lower()
        if not nxt.text.lower().startswith(noun):
            return []  # "each worker has ten slots, that's 350 workers": the noun said back
        m = self.memory
        now = {id(op) for op in m.pool[self._pool_mark :]}
        breath = {id(op) for op in m.pool[self._previous_mark :]}
        return [
            c
            for c in found
            if c.kind == "pair"
            and c.op == "/"
            and c.first
            and c.parts[1] is not None
            and id(c.parts[1]) in now
            and id(c.parts[0]) in breath
            and (c.parts[0].quantity / c.parts[1].quantity).dimension == COUNT
        ]

    def _counts_periods(self, node: Node, stated: Operand) -> bool:
        """A product of things by a span said in this sentence, times a size ("50 million series
        times 525,600 minutes, at 1.37 bytes, 36 TB"): the span counts periods, so the size is
        per period; no other reading of a product makes an amount, so the reading is certain.
        A division by a span ("1 TB over 30 days") stays loose."""
        if not _product_only(node) or stated.time_units or stated.quantity.dimension.time:
            return False
        try:
            leaves = [self.memory.resolve(t) for t in node.leaves()]
        except KeyError:
            return False
        spans = [op for op in leaves if any(p > 0 for _, p in op.time_units)]
        if len(spans) != 1 or any(p < 0 for op in leaves for _, p in op.time_units):
            return False
        span = spans[0]
        if span.nominal.value == span.quantity.value:
            return False
        # multiplied as said: the unfinished product "50 million series times 525,600
        # minutes", or a span right after "times"
        if re.search(r"\btimes\b|[×*]", span.text, re.IGNORECASE):
            return True
        k = next((n for n, t in enumerate(self._toks) if t.text == span.text), None)
        return (
            k is not None
            and k > 0
            and self._toks[k - 1].kind == "op"
            and (self._toks[k - 1].op == "*")
        )

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
        found = self._each_multiplies(found)
        chosen = choose(breath, stated, found, self.tolerance, restating)
        if chosen is None or {id(p) for p in chosen.parts} != {id(op) for op in working}:
            return False  # a total of listed parts, or no single reading: not this breath's
        if reads_loosely(chosen.node, m.resolve, stated) and not self._counts_periods(
            chosen.node, stated
        ):
            return False
        self._claim(chosen.node, stated, text, name, judged=chosen.judgement)
        return True

    def _each_multiplies(self, found: list[Candidate]) -> list[Candidate]:
        """A figure said as "N things each" ("80 million users and 3 devices each") is a
        multiplier: a reading that divides by it (80 million over 3) is not what was said."""
        each = self._said_each()
        if not each:
            return found
        return [
            c
            for c in found
            if c.op != "/" or not any(_key(p.quantity.value) in each for p in c.parts)
        ]

    def _said_each(self) -> set[float]:
        """Figures said before the result as "N things each" ("3 devices each,")."""
        each = set()
        toks = self._toks
        for i, tok in enumerate(toks):
            if tok.kind != "qty" or tok.quantity is None or tok.end > self._span[0]:
                continue
            k = i + 1
            while k < len(toks) and k - i <= 3 and toks[k].kind == "word":
                if toks[k].words[:1] == ("each",):
                    if k + 1 >= len(toks) or toks[k + 1].kind != "word":
                        each.add(_key(tok.quantity.value))
                    break
                k += 1
        return each

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
        if claim.verdict == INCORRECT:
            claim = self._as_said_bare(node, stated, text, name, multiplier) or claim
        if claim.verdict == INCORRECT and node.op == "leaf" and node.token is not None:
            claim = self._a_fix(claim, node.token, stated) or claim
        if claim.verdict == INCORRECT:
            claim = self._window_applied(claim, stated) or claim
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
                elif multiplier is not None and self._counts_after(multiplier[1]):
                    # another count said after the factor: which one was meant is a guess
                    claim = self._question(claim, stated)
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
            claim = self._ratio_for_the_smaller_side(claim, node, stated) or claim
        if claim.verdict == CORRECT and leaves and not inferred:
            claim = self._split_or_each(claim, node, stated) or claim
        if claim.verdict in (CORRECT, INCORRECT) and leaves and not inferred:
            claim = self._every_period_multiplied(claim, node, stated) or claim
        if claim.verdict == CORRECT and inferred:
            claim = self._split_or_each(claim, node, stated, inferred=True) or claim
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

    def _as_said_bare(
        self,
        node: Node,
        stated: Operand,
        text: str,
        name: str,
        multiplier: tuple[Operand, Operand] | None,
    ) -> ClaimCheck | None:
        """A bare figure read with the units of an earlier one ("two million every four
        seconds … the latest position per driver is 2 million times 50 bytes, 100 MB"): a
        count said again may be just the count, so when the bare reading gives the result
        the accusation rests on a guess."""
        adopted = self.memory.adopted
        if stated.quantity.dimension.time != 0 or stated.time_units:
            return None  # a rate worked from a rate said bare keeps its period
        mine = {
            id(t)
            for t in node.leaves()
            if id(t) in adopted and any(p < 0 for _, p in adopted[id(t)].time_units)
        }
        if not mine:
            return None
        kept = {k: adopted.pop(k) for k in mine}
        try:
            bare = build_claim(node, self.memory, stated, text, name, self.tolerance, multiplier)
        finally:
            adopted.update(kept)
        return bare if bare.verdict == CORRECT else None

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
        said_wrong, right = self._right_value.get(id(earlier), (None, None))
        if said_wrong is not earlier or right is None:
            return None  # (ids of forgotten values are reused)
        if right.dimension != stated.quantity.dimension:
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

    def _applied_factors(self, node: Node, leaves: list[Operand]) -> Counter[float]:
        """The small plain factors of a product, with those of the results it multiplies."""
        if not leaves or not _product_only(node):
            return Counter()
        applied: Counter[float] = Counter()
        worked = {  # "12 TB over 4 TB is 3 nodes, times 3 is 9": the 3 nodes is no factor
            _key(c.stated.value) for c in self.claims[-4:] if c.verdict == CORRECT and c.expression
        }
        for op in leaves:
            f = _small_factor(op.quantity.value)
            if f and _key(op.quantity.value) in worked:
                continue
            if f and op.quantity.dimension == COUNT and not op.time_units and not op.percent:
                applied[f] += 1
            elif op.quantity.dimension != COUNT:
                inherited = self._applied.get(_key(op.quantity.value))
                if inherited is None:
                    inherited = self._applied.get(_key(op.nominal.value), Counter())
                applied.update(inherited)
        return applied

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
        return self._question(claim, stated)

    @staticmethod
    def _question(claim: ClaimCheck, stated: Operand) -> ClaimCheck:
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

    def _ranges_judged(self, toks: list[Token]) -> None:
        """A range said as a result ("so that's between 2 and 2.5 TB a day") was judged by
        its middle; judged again by its ends, so a range that holds the value is right and
        one is accused only when the value lies well outside both ends."""
        spreads = {t.start + self._offset: t for t in toks if t.spread is not None}
        if not spreads:
            return
        for n in range(self._sentence_start, len(self.claims)):
            claim = self.claims[n]
            tok = spreads.get(claim.start)
            if tok is None or tok.spread is None:
                continue
            said = " ".join(tok.text.split())
            if claim.stated_words:  # "you said 2.25 TB a day": say the range as said
                claim = self.claims[n] = replace(
                    claim, explanation=claim.explanation.replace(claim.stated_words, said)
                )
            if claim.computed is None:
                if claim.explanation.startswith("How did you get"):
                    self.claims[n] = replace(claim, explanation=f"How did you get {said}?")
                continue
            verdict = range_verdict(claim, tok.spread, self.tolerance)
            if verdict == CORRECT and claim.verdict != CORRECT:
                self.claims[n] = replace(
                    claim,
                    verdict=CORRECT,
                    slip="",
                    explanation=f"{claim.expression[:1].upper()}{claim.expression[1:]} is "
                    f"about {claim.expected_words or format_number(claim.computed.value)}, "
                    f"so {said} holds up.",
                )
            elif verdict == UNCHECKED or (verdict == CORRECT) != (claim.verdict == CORRECT):
                self.claims[n] = replace(
                    claim,
                    verdict=UNCHECKED,
                    computed=None,
                    slip="",
                    expected_words="",
                    explanation=f"How did you get {said}?",
                )

    def _headline_worked_below(self, pieces: list[tuple[int, str]], first_claim: int) -> None:
        """ "Broker disk ≈ 520 TB. Derivation: … × RF3 = 519 TB.": a figure said first, alone
        in its sentence after "≈", "=" or ":", is the turn's result when a later result of
        the turn, judged right, says the same value; confirmed then, otherwise left as said
        (never accused: the working below may be of something else)."""
        offset, sentence = next(((o, t) for o, t in pieces if t.strip()), (0, ""))
        m = self.memory
        toks = tokenize(sentence, m.conventions, m.name_index())
        figures = [t for t in toks if t.kind == "qty"]
        if len(figures) != 1 or any(t.kind in ("op", "lparen") for t in toks):
            return
        head = figures[0]
        k = toks.index(head) - 1
        while k >= 0 and toks[k].kind == "hedge":
            k -= 1
        if k < 0 or toks[k].kind != "mark" or toks[k].words not in _HEADLINE_MARKS:
            return
        start = head.start + offset
        turn = self.claims[first_claim:]
        if head.quantity is None or head.unit_text == "" or any(c.start == start for c in turn):
            return
        said = " ".join(head.text.split())
        below = [
            c
            for c in turn
            if c.verdict == CORRECT
            and c.start > start
            and c.stated.dimension == head.quantity.dimension
            and within(head.quantity.value, c.stated.value, self.tolerance)
            and said not in c.expression  # worked from it, not to it
        ]
        if not below:
            return
        stated = from_token(head)
        claim = ClaimCheck(
            said,
            below[-1].expression,
            head.quantity,
            below[-1].stated,
            CORRECT,
            f"That's the {below[-1].stated_words or said} you work out below, so {said} holds up.",
            start=start,
            end=head.end + offset,
        )
        self.claims.insert(first_claim, self._worded(claim, stated))

    def _ratio_said(self, single: Token, st: Statement, text: str) -> bool:
        """ "So it's about six x cheaper", "which is nearly 5x over": a factor said as a
        result compares two figures of the breath. Confirmed when two of them give it;
        otherwise a question, never an accusation (nothing says which two were meant)."""
        after = next((t.text.lower() for t in self._toks if t.start >= single.end), "")
        if after not in COMPARATIVES:
            return False
        before = [t for t in self._toks if t.end <= single.start]
        while before and before[-1].kind == "hedge" and before[-1].words[0] in _RATIO_HEDGES:
            before.pop()
        if not before or before[-1].kind != "mark" or before[-1].words not in _RATIO_MARKS:
            return False  # "maybe ten times more": a guess to work from, not a result
        said = single.number
        if not said or said <= 1 or single.quantity is None:
            return False
        near = [from_token(t) for t in self._near_tokens(True)]
        earlier = list(reversed(self.memory.pool[: self._pool_mark][-6:]))
        pair = ratio_reading(near + earlier, said, self.tolerance)
        stated = from_token(single)
        claim = ClaimCheck(text, "", Quantity(said), None, UNCHECKED, "")
        if pair is None:
            claim = replace(claim, explanation=f"How did you get {format_number(said)}x?")
        else:
            words = f"{pair.bigger.text or say(pair.bigger.quantity)} over "
            words += pair.smaller.text or say(pair.smaller.quantity)
            claim = replace(
                claim,
                expression=words,
                computed=Quantity(pair.value),
                verdict=CORRECT,
                explanation=f"{words[:1].upper()}{words[1:]} is about "
                f"{format_number(pair.value)}x, so {format_number(said)}x holds up.",
            )
        start, end = single.start + self._offset, single.end + self._offset
        self.claims.append(self._worded(replace(claim, start=start, end=end), stated))
        return True

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
            if found is not None and self._count_read_as_data(found, stated, at):
                continue  # "about 3.5 replicas" is never 3.48 (PB) of 17,400 times 200 GB
            if found is not None and (
                self._another_base_disagrees(found, earlier, stated)
                or self._reuses_spent_factor(list(found.parts), shares_only=True)
            ):
                return None
            if found is not None:
                return found
        return None

    def _another_base_disagrees(
        self, found: OperandReading, earlier: list[Operand], stated: Operand
    ) -> bool:
        """A reading that takes its base from earlier turns past a more recent count ("a
        million docs with two editors each, 2 million connections. Each editor sends one op
        a second, so a million a second": the docs, or the 2 million editors?) is a guess
        when that more recent count gives a different result: confirming it could call a
        slip right, so it is asked instead."""
        for op, sign in found.parts:
            at = next((n for n, e in enumerate(earlier) if op is e), None)
            if at is None or op.quantity.dimension != COUNT or op.percent:
                continue
            for other in earlier[:at]:
                if other is op or other.quantity.dimension != COUNT or other.percent:
                    continue
                if not other.quantity.value or other.quantity.value == op.quantity.value:
                    continue
                value = found.value * (other.quantity.value / op.quantity.value) ** sign
                if not within(value.value, stated.quantity.value, self.tolerance):
                    return True
        return False

    def _count_read_as_data(self, found: OperandReading, stated: Operand, at: int | None) -> bool:
        """A count said with its own noun ("3.5 replicas") read as a number of things times a
        size with the prefix dropped (17,400 times 200 GB, "3.48" PB): a total of data is not a
        count of machines; only a bare "about 225" may mean 225 TB."""
        if stated.quantity.dimension != COUNT or at is None:
            return False
        data = sum(sign * op.quantity.dimension.data for op, sign in found.parts)
        if data == 0:
            return False
        if not any(
            sign == 1
            and op.quantity.dimension == COUNT
            and not op.percent
            and op.quantity.value >= 2
            for op, sign in found.parts
        ):
            return False  # "8.4 terabytes, at 1 TB per shard, 9 shards": read loosely, kept
        nxt = self._toks[at + 1] if at + 1 < len(self._toks) else None
        return nxt is not None and nxt.kind == "word" and nxt.text.isalpha()

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
            # "three replicas in each of two regions, so six copies of 50 TB": the count
            # said last in the breath is the factor, not the first one remembered
            counts = self._counts_after(mult)
            for base in m.recent(6):  # "5x average, 17,500": another recent value
                if base.quantity.dimension != stated.quantity.dimension:
                    continue
                added_on = _ADDED_ON.search(self._sentence_text()) is not None
                factors = (mult.quantity.value, mult.quantity.value + 1)[: 2 if added_on else 1]
                factors += tuple(counts)
                for factor in factors:  # "Peak is 3x" is never 4x unless "3x more" is said
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
        each = self._said_each()
        if found is not None and any(
            sign == -1 and _key(op.quantity.value) in each for op, sign in found.parts
        ):
            found = None  # "80 million users and 3 devices each": never 80 million over 3
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
        if found is None and multiplier is None:
            found = self._bare_as_said_before(used, stated, said_as)
        return found

    def _counts_after(self, mult: Operand) -> list[float]:
        """Small counts said in this breath after the multiplier and before the result
        ("three replicas in each of two regions, so six copies of 50 TB, …"): the factor
        may be any of them."""
        named_at = max(
            (t.end for t in self._toks if t.text == mult.text and t.end <= self._span[0]),
            default=0,
        )
        return [
            t.quantity.value
            for t in self._near_tokens(True)
            if t.bare
            and t.quantity is not None
            and 1 < t.quantity.value <= 1000
            and t.start >= named_at
        ]

    def _bare_as_said_before(
        self, used: list[Operand], stated: Operand, said_as: Said
    ) -> OperandReading | None:
        """A bare number that is a figure said with its unit a moment ago ("uploads are 2 GB
        a second … so 2 times 86,400 is 173 TB"): read with that unit it may give the result;
        never a prefix slip of 2 bytes."""
        recent = [op for op in self.memory.recent(8) if not op.bare]
        for k, op in enumerate(used):
            if not op.bare:
                continue
            number = op.number or op.quantity.value
            for said in recent:
                if not said.number or not within(said.number, number, 1e-9):
                    continue
                variant = [*used[:k], said, *used[k + 1 :]]
                timed = [  # "2 GB a second … times 86,400": that many seconds
                    from_quantity(Quantity(o.quantity.value, TIME), o.text)
                    if o.bare and o is not op and o.quantity.value in (60.0, 3600.0, 86400.0)
                    else o
                    for o in variant
                ]
                for operands in (variant, timed):
                    found = another_reading(operands, [], stated, self.tolerance, said_as)
                    if found is not None:
                        return found
        return None

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

    def _small_word_claim(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """A small word-count with no working: no claim ("costs one CPU-hour", "can't create
        two reservations"), or after "so" a question ("so one primary"), never "checks out"."""
        k = next((n for n, t in enumerate(self._toks) if t.start == self._span[0]), 0) - 1
        while k >= 0 and self._toks[k].kind == "hedge":
            k -= 1
        if not (k >= 0 and self._toks[k].words[:1] in _STRONG_MARKS):
            return None
        return replace(
            claim,
            verdict=UNCHECKED,
            computed=None,
            slip="",
            explanation=f"How did you get {say_like(stated.quantity, stated)}?",
        )

    def _small_word_without_working(self) -> bool:
        """The result is a small count said as a word ("one", "two", up to ten) with no unit,
        and no operator was said in its clause before it: any reading that gives it is a guess
        among many (a count that small is met by rounding almost anything up)."""
        lo, hi = self._span
        if lo < 0:
            return False
        tok = next((t for t in self._toks if t.start == lo and t.kind == "qty"), None)
        if tok is None or tok.quantity is None or tok.unit_text or not tok.bare:
            return False
        if not tok.text.isalpha() or not 0 < tok.quantity.value <= 10:
            return False
        after = self._sentence_text()[hi : hi + 40].lower()
        if _SIZED_THINGS.match(after):
            return False  # "three 64 gig boxes", "nine partitions": machines sized, a result
        before = [t for t in self._toks if t.end <= lo][-10:]
        return not any(
            t.kind == "op" and n + 1 < len(before) and before[n + 1].kind == "qty"
            for n, t in enumerate(before)
        )

    @staticmethod
    def _worded(claim: ClaimCheck, stated: Operand) -> ClaimCheck:
        """The stated and expected values in the candidate's own units and period."""
        expected = say_like(claim.computed, stated) if claim.computed is not None else ""
        return replace(claim, stated_words=say_like(claim.stated, stated), expected_words=expected)

    def _record(self, claim: ClaimCheck, result: Operand) -> None:
        m = self.memory
        hi = self._span[1]
        following = [t for t in self._toks if t.start >= hi][:3]
        nxt = following[0] if following else None
        if claim.verdict == UNCHECKED and nxt is not None and nxt.kind == "op":
            m.add_value(result)  # "it's 40% of 400": an operand of what follows, not a result
            return
        noun_then_times = next((t for t in following if t.kind != "word"), None)
        if (
            claim.verdict == UNCHECKED
            and nxt is not None
            and nxt.kind == "word"
            and noun_then_times is not None
            and noun_then_times.kind == "op"
            and noun_then_times.op == "*"
        ):
            m.add_value(result)  # "so 50 million objects times 2 MB": an operand as well
            return
        if claim.verdict != INCORRECT and self._small_word_without_working():
            worded = self._small_word_claim(claim, result)
            if worded is None:
                m.add_value(result)
                return
            claim = worded
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
            self._right_value[id(result)] = (result, claim.computed)
        m.last_result = result
        m.add_value(result)
        m.pending = None


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


_HEADLINE_MARKS = frozenset({("≈",), ("=",), ("→",)})
_RATIO_MARKS = frozenset(
    {("so",), ("that's",), ("it's",), ("which", "is"), ("that", "is"), ("=",), ("≈",), ("→",)}
)
_RATIO_HEDGES = frozenset({"about", "roughly", "around", "nearly", "almost", "approximately"})
_PER_ONE = re.compile(r"\b(?:one|each|every|a single|per)\s+(?!of\b)[a-z]+", re.I)
_NOT_A_PLAIN_CONVERSION = re.compile(
    r"\b(peak|peaks|burst|bursts|spike|spikes|busiest|busy|business hours|working hours|"
    r"daytime|prime time|evening|waking|hours? of|average|averages|at most|at least|up to|"
    r"provision|provisioning|plan|planning|size|sizing|design|headroom|capacity|support|"
    r"handle|handles|target|budget|max|maximum|worst|spread|concentrated)\b"
)
"""Words that make the second figure something other than the first in other units."""
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


def _small_factor(value: float) -> float:
    """A whole factor people name (2 to 16, not a time factor), else 0."""
    if 2 <= value <= 16 and abs(value - round(value)) < 1e-9 and not _is_time_factor(value):
        return float(round(value))
    return 0.0


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
