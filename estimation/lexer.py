"""Turn an utterance into tokens: quantities with units, operators, result markers, references.

One linear regex scan (no nested quantifiers, so no catastrophic backtracking) followed by a
single left-to-right pass that reads spoken numbers, their powers, percentages, multipliers and
units ("1 billion notifications a day", "35 MB/s", "every 4 seconds", "2 to the 32").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from estimation.numbers import ORDINALS, SMALL, SUFFIX_SCALE, TENS, read_number, share_of_scale
from estimation.quantity import BANDWIDTH, COUNT, DATA, MONEY, RATE, TIME, Dimension, Quantity
from estimation.tokens import TimeUnits, Token
from estimation.units import SHORT_ONLY, lookup_unit

MAX_CHARS = 100_000
"""Longer input is cut: no utterance is that long, and the checker must stay fast."""

_RAW = re.compile(
    r"(?P<num>(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:[eE][+-]?\d{1,3}(?![A-Za-z]))?|\.\d+)"
    r"|(?P<word>[A-Za-zµμ_][A-Za-z0-9µμ_']*(?:-[A-Za-z]+)*)"
    r"|(?P<sym>[-+*/^()×÷=≈~%<>:;.,!?—–→$·])"
)

_SHARES = {
    "tenth": 0.1,
    "quarter": 0.25,
    "third": 1 / 3,
    "fifth": 0.2,
    "hundredth": 0.01,
    "thousandth": 0.001,
    "half": 0.5,
}
MULTIPLIER_WORDS = {"twice": 2.0, "double": 2.0, "triple": 3.0, "thrice": 3.0, "quadruple": 4.0}
REFS = {"that", "it", "this", "those", "these"}
MARKS = {
    ("works", "out", "to"),
    ("comes", "out", "to"),
    ("comes", "to"),
    ("gives", "us"),
    ("gives", "you"),
    ("which", "is"),
    ("which", "gives"),
    ("that", "is"),
    ("that's",),
    ("thats",),
    ("it's",),
    ("equal", "to"),
    ("equals",),
    ("is",),
    ("are",),
    ("was",),
    ("gives",),
    ("giving",),
    ("makes",),
    ("yields",),
    ("means",),
    ("so",),
    ("call", "it"),
    ("we", "need"),
    ("we'd", "need"),
    ("need",),
    ("you", "get"),
    ("we", "get"),
    ("get",),
    ("becomes",),
    ("costs",),
    ("takes",),
    ("needs",),
    ("lands", "at"),
    ("=",),
    ("≈",),
    ("→",),
}
HEDGES = {
    "about",
    "roughly",
    "around",
    "approximately",
    "approx",
    "almost",
    "nearly",
    "~",
    "like",
    "basically",
    "only",
    "just",
    "under",
    "least",
    "maybe",
    "something",
    "rounding",
}
_OPS_2 = {
    ("multiplied", "by"): "*",
    ("divided", "by"): "/",
    ("divide", "by"): "/",
    ("to", "the", "power", "of"): "^",
}
_OPS_1 = {
    "times": "*",
    "×": "*",
    "*": "*",
    "·": "*",
    "x": "*",
    "/": "/",
    "÷": "/",
    "over": "/",
    "plus": "+",
    "+": "+",
    "minus": "-",
    "-": "-",
    "—": "-",
    "^": "^",
}
_RATE_INTRO = {"per", "a", "an", "each", "every", "/"}
_BEFORE_DURATION = {"in", "over", "within", "for", "every", "about", "takes", "per", "of", "than"}
_POSTFIX = {"doubled": 2.0, "tripled": 3.0, "quadrupled": 4.0, "halved": 0.5}
_BY_VERBS = {"divide": "/", "dividing": "/", "multiply": "*", "multiplying": "*"}
_FILLER_STOP = (
    REFS
    | set(MULTIPLIER_WORDS)
    | {w for m in MARKS for w in m}
    | set(_OPS_1)
    | {"and", "or", "then", "with", "for", "of", "the", "we", "i", "you", "in", "on", "at"}
    | {"peak", "average", "total", "by", "per", "a", "an", "each", "every", "to", "about"}
)


def _raw_tokens(text: str) -> list[tuple[str, str, int, int]]:
    return [(m.lastgroup or "", m.group(), m.start(), m.end()) for m in _RAW.finditer(text)]


def _time_units(dimension: Dimension, unit: str) -> TimeUnits:
    return ((unit, dimension.time),) if dimension.time else ()


class NameIndex:
    """Known variable names prepared for matching ("peak qps" matches "peak_qps")."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.joined: set[str] = set()
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for name in names:
            self.add(name)

    @staticmethod
    def _split(name: str) -> tuple[str, ...]:
        return tuple(name.lower().replace("_", " ").split())

    def add(self, name: str) -> None:
        words = self._split(name)
        if not words or "_".join(words) in self.joined:
            return
        self.joined.add("_".join(words))
        bucket = self.by_first.setdefault(words[0], [])
        bucket.append(words)
        bucket.sort(key=len, reverse=True)  # longest match first

    def remove(self, name: str) -> None:
        words = self._split(name)
        self.joined.discard("_".join(words))
        if words and words in self.by_first.get(words[0], []):
            self.by_first[words[0]].remove(words)


class _Lexer:
    def __init__(
        self,
        text: str,
        conventions: dict[str, float] | None,
        names: Iterable[str] | NameIndex,
    ) -> None:
        self.text = text
        self.raw = _raw_tokens(text)
        self.words = [t[1] if t[0] == "num" else t[1].lower() for t in self.raw]
        self.conventions = conventions or {}
        index = names if isinstance(names, NameIndex) else NameIndex(names)
        self.joined = index.joined
        self.by_first = index.by_first
        self.out: list[Token] = []

    # -- helpers ------------------------------------------------------------------------------
    def attached(self, j: int) -> bool:
        return 0 < j < len(self.raw) and self.raw[j][2] == self.raw[j - 1][3]

    def word(self, j: int) -> str:
        return self.words[j] if j < len(self.words) else ""

    def starts_operand(self, j: int) -> bool:
        w = self.word(j)
        return (
            read_number(self.words, j) is not None
            or w in ("(", "$")
            or w in REFS
            or w in MULTIPLIER_WORDS
            or self.match_name(j) is not None
        )

    def match_name(self, j: int) -> tuple[str, int] | None:
        if j >= len(self.words):
            return None
        if self.words[j] in self.joined:
            return self.words[j], j + 1
        for name in self.by_first.get(self.words[j], ()):
            if tuple(self.words[j : j + len(name)]) == name:
                return "_".join(name), j + len(name)
        return None

    def mark_after(self, j: int) -> int:
        """End of a marker phrase starting at j, or 0."""
        for length in (3, 2, 1):
            seq = tuple(self.words[j : j + length])
            if len(seq) == length and seq in MARKS:
                return j + length
        return 0

    def span(self, i: int, j: int) -> tuple[str, int, int]:
        start, end = self.raw[i][2], self.raw[j - 1][3]
        return self.text[start:end], start, end

    def article_unit(self, i: int) -> tuple[float, int] | None:
        """One (or half) of a unit: "a gigabyte", "half a millisecond", "in an hour"."""
        value, j = 1.0, i
        if self.word(j) == "half":
            value, j = 0.5, j + 1
        if self.word(j) not in ("a", "an") or j + 1 >= len(self.raw):
            return None
        unit = lookup_unit(self.raw[j + 1][1], self.conventions)
        if unit is None or self.raw[j + 1][0] != "word" or self.words[j + 1] in SHORT_ONLY:
            return None
        if unit.dimension == TIME and value == 1.0 and self.word(i - 1) not in _BEFORE_DURATION:
            return None
        if unit.dimension not in (TIME, DATA, BANDWIDTH):
            return None
        return value, j + 1

    def by_times(self, j: int) -> bool:
        """ "four rows by ten to the sixth columns by four bytes", "a 4 by 4 grid": "by" between
        counted things is a product. Only after a plain count (and at most one noun naming what
        it counts), before a number: "grows by 20%", "10 TB by 2030" stay words."""
        k, last = j - 1, len(self.out) - 1
        if k >= 0 and last >= 0 and self.out[last].kind == "word":
            if self.words[k] in _NOT_COUNTED or lookup_unit(self.raw[k][1]) is not None:
                return False
            k, last = k - 1, last - 1
        if k < 0 or last < 0 or self.out[last].kind != "qty":
            return False
        before = self.out[last]
        if not before.bare or self.raw[k][3] != before.end:
            return False
        got = read_number(self.words, j + 1)
        return got is not None and not (
            self.word(j + 1).isdigit() and len(self.word(j + 1)) == 4 and got[1] == j + 2
        )  # "by 2030": a year

    def link_restated(self, tok: Token) -> Token:
        """ "800 megabytes a second, which is 6.4 gigabits": a data rate said again in bits
        names a link speed, so the bits are per second though no period is said."""
        q = tok.quantity
        if q is None or q.dimension != DATA or not _IN_BITS.match(tok.unit_text):
            return tok
        k = len(self.out) - 1
        while k >= 0 and self.out[k].kind in ("hedge", "comma"):
            k -= 1
        if k < 0 or self.out[k].kind != "mark" or self.out[k].words not in _RESTATING:
            return tok
        k -= 1
        while k >= 0 and self.out[k].kind in ("comma", "word") and len(self.out) - k < 8:
            k -= 1
        before = self.out[k] if k >= 0 else None
        if before is None or before.kind != "qty" or before.quantity is None:
            return tok
        if before.quantity.dimension != BANDWIDTH or _IN_BITS.match(before.unit_text):
            return tok
        if dict(before.time_units).get("second") != -1:
            return tok  # "5 GB a day, which is 40 gigabits": a day's worth, not a link
        per_second = Quantity(q.value, BANDWIDTH)
        return Token(
            "qty",
            tok.text,
            tok.start,
            tok.end,
            per_second,
            tok.nominal,
            (("second", -1),),
            tok.number,
            f"{tok.unit_text} per second",
            noun=tok.noun,
        )

    # -- quantities -------------------------------------------------------------------------
    def read_exponent(self, j: int) -> tuple[float, int] | None:
        w = self.word(j)
        if w in ORDINALS:
            return float(ORDINALS[w]), j + 1
        got = read_number(self.words, j)
        if got is None:
            return None
        value, k = got
        if self.word(k) in ("th", "st", "nd", "rd") and self.attached(k):
            k += 1
        if self.word(k) == "power":
            k += 1
        return value, k

    def read_per(self, j: int, first: bool) -> tuple[float, float, str, Dimension, int] | None:
        """'per second', 'a day', '/s', 'every 4 seconds', 'per GB' at j.

        Returns (SI divisor, as-spoken divisor, unit name, divided dimension, end)."""
        w = self.word(j)
        if first and w in ("qps", "rps", "tps", "iops", "ops/s", "ops/sec"):
            return 1.0, 1.0, "second", TIME, j + 1
        if w == "per" and self.word(j + 1) == "cent":
            return None
        if w not in _RATE_INTRO:
            return None
        k = j + 1
        count = 1.0
        if w == "every":
            got = read_number(self.words, k)
            if got is not None:
                count, k = got
        unit = lookup_unit(self.raw[k][1], self.conventions) if k < len(self.raw) else None
        if unit is None or self.raw[k][0] != "word":
            return None
        if unit.dimension == TIME:
            if w in ("a", "an", "each") and unit.canonical in ("ms", "µs", "ns"):
                return None
            return count * unit.factor, count, unit.canonical, TIME, k + 1
        if unit.dimension == DATA and w in ("per", "a", "an", "/"):
            return unit.factor, unit.factor, unit.canonical, DATA, k + 1
        return None

    def read_units(
        self, j: int, value: float
    ) -> tuple[Quantity, Quantity, str, TimeUnits, int, str]:
        """Units after a number: a data/time/money unit, then up to two 'per X' parts.

        Returns (SI quantity, as-spoken quantity, unit text, time units, end, noun)."""
        si, spoken_factor, dim = value, value, COUNT
        times: dict[str, int] = {}
        parts: list[str] = []
        noun = ""
        if j < len(self.raw) and self.raw[j][0] == "word":
            unit = lookup_unit(self.raw[j][1], self.conventions)
            if unit is not None:
                j += 1
                si *= unit.factor
                dim = unit.dimension
                parts.append(unit.canonical)
                if unit.dimension == TIME:
                    times[unit.canonical] = 1
                    return _finish(si, spoken_factor, dim, times, parts, j, "")
                if unit.dimension.time:  # Gbps, QPS: per second built in
                    times["second"] = -1
                    spoken_factor = si
                    if unit.dimension == RATE:
                        parts[-1] = "per second"
                        spoken_factor = value
                else:
                    spoken_factor = si
        # "12,000 requests per second", "100 million times a day": up to three nouns first
        for skip in range(4):
            k = j + skip
            if skip:
                prev = self.raw[k - 1] if k - 1 < len(self.raw) else None
                if (
                    prev is None
                    or prev[0] != "word"
                    or (self.words[k - 1] in _FILLER_STOP and self.words[k - 1] != "times")
                    or lookup_unit(prev[1]) is not None
                ):
                    break
            got = self.read_per(k, first=not parts or dim == DATA)
            if got is None:
                continue
            noun = " ".join(self.words[j:k])
            for _ in range(2):
                divisor_si, divisor_spoken, name, divided, k = got
                si /= divisor_si
                spoken_factor /= divisor_spoken
                dim = dim / divided
                if divided == TIME:
                    times[name] = times.get(name, 0) - 1
                parts.append(f"per {name}")
                got = self.read_per(k, first=False)
                if got is None:
                    break
            return _finish(si, spoken_factor, dim, times, parts, k, noun)
        return _finish(si, spoken_factor, dim, times, parts, j, "")

    def read_fraction(self, i: int) -> tuple[float, int] | None:
        """ "a tenth of", "half of", "a quarter of", "one in a thousand", "1 in 10": a share."""
        w = self.word(i)
        if share_of_scale(self.words, i) is not None:
            return None  # "a quarter of a million": a number, not a share
        if w == "half" and self.word(i + 1) == "of":
            return 0.5, i + 1
        if w in ("a", "one") and self.word(i + 2) == "of" and self.word(i + 1) in _SHARES:
            return _SHARES[self.word(i + 1)], i + 2
        if self.word(i + 1) == "in" and w in ("one", "1"):
            got = read_number(self.words, i + 2)
            if got is not None and got[0] >= 2:
                return 1 / got[0], got[1]
        return None

    def read_range(self, i: int) -> tuple[Token, int] | None:
        """ "between 2 and 2.5 terabytes a day", "4 to 5 nodes", "8–10": a range said as a
        result (after "so", "that's", "→"), read as one figure whose ends are kept. Only
        narrow ranges (the high end at most 1.5x the low): a wide one is no claim."""
        k = len(self.out) - 1
        while k >= 0 and self.out[k].kind == "hedge":
            k -= 1
        if k < 0 or self.out[k].kind != "mark" or self.out[k].words not in _RANGE_MARKS:
            return None
        between = self.word(i) == "between"
        low = read_number(self.words, i + 1 if between else i)
        if low is None:
            return None
        a, j = low
        joiner = self.word(j)
        dash = joiner in ("–", "—", "-") and self.attached(j) and self.attached(j + 1)
        if not (dash or joiner == "to" or (joiner == "and" and between)):
            return None
        if (joiner == "and") != between or self.word(j + 1) == "the":
            return None
        high = self.read_quantity(j + 1, ranged=False)
        if high is None:
            return None
        tok, end = high
        q, nominal = tok.quantity, tok.nominal
        if q is None or nominal is None or tok.multiplier or tok.percent or tok.power:
            return None
        if not 0 < a < tok.number <= 1.5 * a:
            return None
        scale = q.value / tok.number
        middle = (a + tok.number) / 2
        text, s, e = self.span(i, end)
        token = Token(
            "qty",
            text,
            s,
            e,
            Quantity(middle * scale, q.dimension),
            Quantity(middle * nominal.value / tok.number, nominal.dimension),
            tok.time_units,
            middle,
            tok.unit_text,
            noun=tok.noun,
            spread=(a * scale, q.value),
        )
        return token, end

    def read_quantity(self, i: int, ranged: bool = True) -> tuple[Token, int] | None:
        w = self.word(i)
        if ranged and (w == "between" or self.word(i + 1) in _RANGE_JOINERS):
            got_range = self.read_range(i)
            if got_range is not None:
                return got_range
        money = False
        start = i
        if w == "$":
            money, i = True, i + 1
        fraction = self.read_fraction(i)
        if fraction is not None:
            value, j = fraction
            q = Quantity(value)
            text, s, e = self.span(start, j)
            return Token("qty", text, s, e, q, q, number=value, percent=True), j
        if w in MULTIPLIER_WORDS:
            text, s, e = self.span(i, i + 1)
            v = MULTIPLIER_WORDS[w]
            q = Quantity(v)
            return Token("qty", text, s, e, q, q, number=v, multiplier=True), i + 1
        got = read_number(self.words, i) or self.article_unit(i)
        if got is None:
            return None
        value, j = got
        alt = None
        multiplier = percent = False
        suffix = self.raw[j][1] if j < len(self.raw) and self.attached(j) else ""
        if suffix and self.raw[j][0] == "word":
            low = suffix.lower()
            if low == "x":
                multiplier, j = True, j + 1
            elif suffix == "B" and not money:
                alt = Quantity(value, DATA)
                value, j = value * 1e9, j + 1
            elif low in SUFFIX_SCALE and lookup_unit(suffix) is None or low in ("m", "mm"):
                value, j = value * SUFFIX_SCALE[low], j + 1
            elif low in ("th", "st", "nd", "rd"):
                j += 1
        # powers: "2 to the 32", "62 to the power of 7", "10 to the 9th", "squared"
        power = False
        if self.words[j : j + 2] == ["to", "the"]:
            got = self.read_exponent(j + 2 + (self.words[j + 2 : j + 4] == ["power", "of"]) * 2)
            if got is not None and abs(got[0]) <= 400:
                try:
                    value, j, power = float(value ** got[0]), got[1], True
                except OverflowError:
                    return None
        elif self.word(j) in ("squared", "cubed"):
            value, j, power = value ** (2 if self.word(j) == "squared" else 3), j + 1, True
        if self.word(j) in ("percent", "%") or self.words[j : j + 2] == ["per", "cent"]:
            j += 2 if self.word(j) == "per" else 1
            value, percent = value / 100, True
        if not multiplier and self.word(j) == "x" and not self.starts_operand(j + 1):
            multiplier, j = True, j + 1
        if (
            not multiplier
            and self.word(j) == "times"
            and not self.starts_operand(j + 1)
            and self.word(j + 1) not in ("the", "a", "our", "each", "per")
        ):
            multiplier, j = True, j + 1
        if multiplier and self.word(j) in ("smaller", "less", "fewer", "lower", "slower"):
            value, j = 1 / value, j + 1
        if multiplier or percent:
            q = Quantity(value)
            text, s, e = self.span(start, j)
            tok = Token(
                "qty", text, s, e, q, q, number=value, multiplier=multiplier, percent=percent
            )
            return tok, j
        quantity, nominal, unit_text, times, j, noun = self.read_units(j, value)
        if money:
            quantity = Quantity(quantity.value, quantity.dimension * MONEY)
            nominal = Quantity(nominal.value, nominal.dimension * MONEY)
            unit_text = f"$ {unit_text}".strip()
        if alt is not None and unit_text:
            alt = None
        text, s, e = self.span(start, j)
        tok = Token(
            "qty",
            text,
            s,
            e,
            quantity,
            nominal,
            times,
            value,
            unit_text,
            alt=alt,
            noun=noun,
            power=power,
        )
        return tok, j

    # -- the pass ---------------------------------------------------------------------------
    def run(self) -> list[Token]:
        i, n = 0, len(self.raw)
        out = self.out
        by_verb = ""
        while i < n:
            kind, raw_text, s, e = self.raw[i]
            w = self.words[i]
            # most words are not names: test membership before the call
            name = (
                self.match_name(i)
                if kind == "word" and (w in self.joined or w in self.by_first)
                else None
            )
            if name is not None:
                text, s2, e2 = self.span(i, name[1])
                out.append(Token("var", text, s2, e2, op=name[0]))
                i = name[1]
                continue
            factor = _GLUED_FACTOR.match(w) if kind == "word" else None
            if factor is not None:  # "× RF3": the replication factor said glued to its name
                q = Quantity(float(factor.group(1)))
                if w[0] == "x":  # "x3" is "times 3"
                    out.append(Token("op", raw_text[0], s, s + 1, op="*"))
                    raw_text, s = raw_text[1:], s + 1
                out.append(Token("qty", raw_text, s, e, q, q, number=q.value))
                i += 1
                continue
            if kind == "word" and w not in _SPECIAL and not _may_start(w):
                out.append(Token("word", raw_text, s, e, words=(w,)))  # the common case
                i += 1
                continue
            got = self.read_quantity(i) if kind == "num" or _may_start(w) else None
            if got is not None:
                out.append(self.link_restated(got[0]))
                i = got[1]
                if got[0].percent and self.word(i) == "of" and self.starts_operand(i + 1):
                    # "a tenth of that", "20% of 50K": a share of what follows
                    text, s2, e2 = self.span(i, i + 1)
                    out.append(Token("op", text, s2, e2, op="*"))
                    i += 1
                continue
            if w in _POSTFIX and kind == "word":  # "40,000 QPS doubled"
                q = Quantity(_POSTFIX[w])
                out.append(Token("op", raw_text, s, s, op="*"))
                out.append(Token("qty", raw_text, s, e, q, q, number=q.value, multiplier=True))
                i += 1
                continue
            if w == "by" and not by_verb and self.by_times(i):
                out.append(Token("op", raw_text, s, e, op="*"))  # "4 rows by 10^6 columns"
                i += 1
                continue
            if w in _BY_VERBS:
                by_verb = _BY_VERBS[w]
            elif w == "by" and by_verb:  # "divide 86,400 by 24"
                out.append(Token("op", raw_text, s, e, op=by_verb))
                by_verb = ""
                i += 1
                continue
            elif kind == "sym" and w in ".?!;":
                by_verb = ""
            matched = False
            for length in (4, 3, 2) if w in _MULTI_FIRST else ():
                seq = tuple(self.words[i : i + length])
                if len(seq) != length:
                    continue
                if seq in _OPS_2:
                    text, s2, e2 = self.span(i, i + length)
                    out.append(Token("op", text, s2, e2, op=_OPS_2[seq]))
                    i, matched = i + length, True
                    break
                if seq in MARKS:
                    text, s2, e2 = self.span(i, i + length)
                    out.append(Token("mark", text, s2, e2, words=seq))
                    i, matched = i + length, True
                    break
            if matched:
                continue
            if w in _OPS_1 and not (w == "-" and kind == "sym" and _hyphen(self.text, s)):
                out.append(Token("op", raw_text, s, e, op=_OPS_1[w]))
            elif w == "(":
                out.append(Token("lparen", raw_text, s, e))
            elif w == ")":
                out.append(Token("rparen", raw_text, s, e))
            elif (w,) in MARKS:
                out.append(Token("mark", raw_text, s, e, words=(w,)))
            elif w in REFS and (mark := self.mark_after(i + 1)):
                # "that works out to", "that is", "it comes to": a marker, not a reference
                text, s2, e2 = self.span(i, mark)
                out.append(Token("mark", text, s2, e2, words=tuple(self.words[i + 1 : mark])))
                i = mark
                continue
            elif w in REFS:
                out.append(Token("ref", raw_text, s, e, words=(w,)))
            elif w in HEDGES:
                out.append(Token("hedge", raw_text, s, e, words=(w,)))
            elif w == ":":
                out.append(Token("mark", raw_text, s, e, words=(":",)))
            elif w in (",", "—", "–"):
                out.append(Token("comma", raw_text, s, e))
            elif w in (".", "?", "!", ";"):
                out.append(Token("sep", raw_text, s, e))
            elif kind == "word":
                out.append(Token("word", raw_text, s, e, words=(w,)))
            i += 1
        return out


def _finish(
    si: float,
    spoken: float,
    dim: Dimension,
    times: dict[str, int],
    parts: list[str],
    end: int,
    noun: str,
) -> tuple[Quantity, Quantity, str, TimeUnits, int, str]:
    nominal = Quantity(spoken, Dimension(dim.data, 0, dim.money) if dim.time else dim)
    unit_times = tuple([(u, p) for u, p in times.items() if p])
    return Quantity(si, dim), nominal, " ".join(parts), unit_times, end, noun


_MULTI_FIRST = {k[0] for k in (*_OPS_2, *MARKS) if len(k) > 1}
_QTY_WORDS = (
    set(SMALL)
    | set(TENS)
    | set(MULTIPLIER_WORDS)
    | {"a", "an", "half", "$", "quarter", "third", "between"}
)

# Words that reach a branch of `_Lexer.run` other than "a plain word" (or by_verb bookkeeping).
_SPECIAL = (
    set(_POSTFIX)
    | set(_BY_VERBS)
    | {"by"}
    | _MULTI_FIRST
    | set(_OPS_1)
    | {"(", ")", ":", ",", "—", "–", ".", "?", "!", ";"}
    | {k[0] for k in MARKS if len(k) == 1}
    | REFS
    | HEDGES
)


_GLUED_FACTOR = re.compile(r"^(?:rf|x)([1-9])$")
"""A small factor glued to its name: "RF3" (replication factor 3), "x3" (times 3)."""
_RANGE_MARKS = frozenset(
    {("so",), ("that's",), ("thats",), ("it's",), ("which", "is"), ("that", "is"), ("is",)}
    | {("=",), ("≈",), ("→",), ("call", "it"), ("comes", "to"), ("gives", "us"), ("need",)}
    | {("we", "need"), ("we'd", "need")}
)
"""Marks after which a range is a stated result."""
_RANGE_JOINERS = frozenset({"to", "–", "—", "-"})
_IN_BITS = re.compile(r"^(?:[KMGTP]b|bits)$")
_RESTATING = frozenset({("which", "is"), ("that's",), ("that", "is"), ("or",), ("=",), ("≈",)})
"""Marks that say a figure again in other units ("…, which is 6.4 gigabits")."""
_NOT_COUNTED = frozenset(
    {"grows", "grow", "grew", "growing", "increase", "increases", "increased", "drops", "drop"}
    | {"goes", "go", "went", "up", "down", "off", "more", "less", "is", "are", "was", "times"}
    | {"cut", "reduce", "reduced", "shrink", "shrinks", "multiplied", "divided", "divide"}
    | {"and", "or", "so", "that", "it", "then", "per", "each", "every", "the", "a", "an"}
)
"""Words between a number and "by" that make "by" not a product ("up by 20%")."""


def _may_start(word: str) -> bool:
    """Cheap test before trying to read a quantity at a word."""
    return word in _QTY_WORDS or ("-" in word and word.split("-", 1)[0] in TENS)


def _hyphen(text: str, at: int) -> bool:
    """A '-' glued between letters is a hyphen, not minus."""
    return 0 < at < len(text) - 1 and text[at - 1].isalpha() and text[at + 1].isalpha()


def tokenize(
    text: str,
    conventions: dict[str, float] | None = None,
    names: Iterable[str] | NameIndex = (),
) -> list[Token]:
    """Tokens of `text` (cut to MAX_CHARS). `names` are known variables, matched as whole words
    ("peak qps" matches the name "peak_qps"); `conventions` override time units in seconds."""
    return _Lexer(text[:MAX_CHARS], conventions, names).run()
