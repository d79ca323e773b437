"""Intent readings: a result right by its own arithmetic that is still wrong by what the
candidate said they meant (a span kept and left out, the hit share sent to the database, a
link in bits filled as bytes...). Each rule is a method of `IntentReadings`, the part of
`EstimationSession` that reads intent; it accuses only on the candidate's own words and stays
quiet when any reading gives the value. The tables at the end say which rules run, in order,
on which verdicts, for a result the statement grammar took and for a leftover figure."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from estimation.calculator import Node
from estimation.diagnosis import diagnose
from estimation.explain import render, said_in_bits, say_like
from estimation.formatting import format_number
from estimation.lexer import tokenize
from estimation.operand import CONVERSION_FACTORS, Operand, from_quantity, from_token
from estimation.quantity import COUNT, DATA, MONEY, TIME, Quantity
from estimation.report import (
    CORRECT,
    INCORRECT,
    UNCHECKED,
    ClaimCheck,
)
from estimation.tokens import Token
from estimation.units import TIME_UNITS
from estimation.verdicts import within

IntentRule = Callable[["IntentReadings", ClaimCheck, Operand], "ClaimCheck | None"]
IntentRules = tuple[tuple[tuple[str, ...] | None, IntentRule], ...]

_HIT = re.compile(r"\bhit\b|\bhits\b|cache(?:d)?\b")
_MISSES = re.compile(
    r"\b(db|database|databases|origin|backend|backends|misses|miss|storage tier|db tier)\b"
)
_GROWTH = re.compile(r"\b(growth|grow|grows|growing|higher|increase|more than|another)\b")
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


_FAN_OUT_TO = (
    r"(?:goes|go|gets|get|is|are|fans|fan|lands|land|is sent|are sent|gets sent|is delivered|"
    r"are delivered|gets delivered|is copied|are copied|gets copied|is written|are written|"
    r"gets written|is pushed|are pushed|gets pushed|is replicated|gets replicated|is fanned|"
    r"gets fanned|is forwarded|are forwarded|turns|expands)\s+(?:out\s+|copied\s+|sent\s+|on\s+)?"
    r"(?:to|on|onto|into|across|out to)"
)
_FAN_OUT_DIRECT = (
    r"(?:hits|hit|reaches|notifies|touches|triggers|produces|generates|spawns|becomes)"
)


def fans_out(clause: str, number: str) -> bool:
    """Each thing of a count sent on to N others ("each one goes to three endpoints", "every
    message is copied to 4 queues", "each event hits 5 subscribers"): N multiplies the count;
    dividing by it is the wrong way round. A figure said of a new noun that holds or handles
    things ("each server handles 400") is a capacity and is not matched."""
    return bool(
        re.search(
            rf"\b(?:each|every)\s+(?:one|of (?:them|those|these)|(?!{number}\b)[a-z]+)"
            rf"\s+(?:\w+\s+)?(?:{_FAN_OUT_TO}|{_FAN_OUT_DIRECT})\s+"
            rf"(?:about\s+|roughly\s+|around\s+|maybe\s+|up to\s+)?{number}\b",
            clause.lower(),
        )
    )


_EVERY_PERIOD = re.compile(
    r"\bevery\s+([\w.,]+)\s+(second|minute|hour|day|week|month)s?\b", re.IGNORECASE
)


def every_periods(text: str) -> list[tuple[float, float]]:
    """The periods said as "every k units" ("every 5 seconds", "every ten minutes"): (k as
    spoken, the period in seconds). "every second" (k = 1) is not a count and is left out."""
    found = []
    for m in _EVERY_PERIOD.finditer(text):
        toks = [t for t in tokenize(m.group(1)) if t.kind == "qty" and t.quantity is not None]
        if len(toks) != 1 or toks[0].quantity is None or toks[0].quantity.dimension != COUNT:
            continue
        k = toks[0].quantity.value
        if k > 1:
            found.append((k, k * TIME_UNITS[m.group(2).lower()]))
    return found


def _key(value: float) -> float:
    return float(f"{value:.6g}")


def _is_time_factor(value: float) -> bool:
    return any(abs(value - f) <= 0.01 * f for f in (24, 60, 365, 30, 7, 12, 3600, 86400, 1440))


_LINK = re.compile(r"(?:\w+\s+)?(?:link|uplink|nic|card|port|pipe|interface|connection)s?\b")
"""Words that make a figure in bits a network link ("10 gigabit link", "10 Gbps NIC")."""
_LINK_BEFORE = re.compile(r"\b(?:link|uplink|nic|card|port|interface)\b")
_SIZING = re.compile(
    r"\b(?:need|needs|enough|plenty|fits?|handles?|covers?|so|get|buy|one|a single)\b"
)
"""A link named as what it takes ("so we need one 10 gigabit link")."""
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
_SMALLER_SIDE = {"read": "write"}
_COMPRESSION = re.compile(
    r"\bcompress(?:ed|es|ion)?\s+(?:ratio\s+(?:of\s+)?)?(\d[\d,]*)\s*(?::|to)\s*1\b"
    r"|\b(\d[\d,]*)\s*(?::|to)\s*1\s+compression\b"
)
_SERVED_BY_CACHE = re.compile(r"\b(?:cache|cached|hits?|served)\b")
_MISS_RATE = re.compile(r"\bmiss(?:es)?\b|\bmiss (?:rate|ratio)\b")
_BACKEND = re.compile(r"\b(origin|origins|backend|backends|database|databases|db|storage tier)\b")
_PER_PERIOD_AFTER = re.compile(
    r"[\s,]*(?:a|per|/|each|every|in a|for a|for one|for the first)\s*(?:year|yr|month)\b"
    r"|[\s,]*(?:yearly|annually|monthly)\b"
)
_ONE_PERIOD = re.compile(
    r"\b(?:a|one|per|each|every|first|single)\s+(?:year|month)\b|\b(?:yearly|annually|monthly)\b"
)
_BOTH = re.compile(
    r"\b(?:both (?:directions|ways|sides|tables|indexes|indices|copies|regions|"
    r"data ?cent(?:er|re)s|dcs|sites|clusters)|in two directions|twice over|"
    r"two copies|a second copy|doubled? (?:it|that)|store it twice|written twice)\b"
)
"""A doubling named in words ("store it in both directions", "two copies")."""
_BOTH_TOTAL = re.compile(r"\b(?:total|in all|altogether|combined|overall|all told|both)\b")
_ONE_OF_TWO = re.compile(
    r"^[\s,]*(?:(?:of\s+\w+\s+)?(?:per|each|for each|for one|in one|one)\b|a (?:direction|side|"
    r"table|copy|region)\b)"
)
_N_COPIES = re.compile(
    r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+"
    r"(?:[a-z]+\s+)?(renditions|replicas|copies|versions|variants|formats|resolutions|"
    r"encodings|bitrates|thumbnails)\b"
)
"""N copies of a thing, each costing the same ("five renditions", "3 full replicas")."""
_SMALL = r"(\d+|two|three|four|five)"
_REPLICATION = re.compile(
    rf"\b(?:rf|replication factor|replication)\s*(?:=|:|of|is|at)?\s*{_SMALL}\b(?!\s*(?:%|tb|gb))"
    rf"|\b{_SMALL}[\s-]*(?:x|way|fold|times)?[\s-]*(?:replication|replicated)\b"
    rf"|\breplicated\s+{_SMALL}\s*(?:x|times|ways)\b"
    rf"|\b{_SMALL}\s+(?:full\s+)?copies\b"
)
"""A replication factor: the total copies kept ("RF=3", "3-way replication", "3 copies")."""
_RAW = re.compile(
    r"\b(?:raw|per (?:replica|copy)|each (?:replica|copy)|before replication|"
    r"without replication|unreplicated|single copy|one copy)\b"
)


def _plural(span: str) -> str:
    """ "90 day" (of "a 90 day TTL") said back as "90 days"."""
    number, unit = span.rsplit(None, 1)
    if number in ("a", "one"):
        return unit  # "the week you keep"
    return span if unit.endswith("s") else f"{span}s"


_SCALE_WORDS = frozenset(
    {"thousand", "million", "billion", "trillion", "k", "m", "b", "hundred", "a", "an", "about"}
)


def _noun_of(text: str) -> str:
    """The thing a figure counts, singular: "10 million users" -> "user"."""
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _SCALE_WORDS or len(word) < 3:
            continue
        return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    return ""


def _singular(noun: str) -> str:
    """ "copies" -> "copy", "replicas" -> "replica"."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun[:-1] if noun.endswith("s") else noun


def _count_of(word: str) -> float:
    toks = [t for t in tokenize(word) if t.kind == "qty" and t.quantity is not None]
    return toks[0].quantity.value if len(toks) == 1 and toks[0].quantity is not None else 0.0


_WINDOW_COUNT = (
    r"(?:[\d.,]+|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|fifteen|"
    r"twenty|thirty|sixty|ninety)\s+(?:days?|weeks?|months?)"
)
_KEPT_FOR = re.compile(
    r"\b(?:keep|keeps|kept|keeping|retain|retained|retaining|retention|retry|retries|retried|"
    r"retrying|store|stored|hold|held|holding|buffer|buffered|replay|archive|window|ttl)\b"
    r"(?:[\s\w,]{0,24}?\b(?:for|of|over|is|at)\s+|\s+(?:\w+\s+)?)"
    r"(?:the\s+(?:last|past)\s+|up to\s+|about\s+)?"
    rf"(?P<span>{_WINDOW_COUNT})\b"
    rf"|\b(?P<before>{_WINDOW_COUNT})[\s-]+(?:of\s+)?(?:ttl|retention|window|history|backlog)\b"
)
"""A window things are kept for: "we retry for three days", "retained for 6 months"."""
_PER_SHORT_PERIOD_AFTER = re.compile(
    r"[\s,]*(?:a|per|/|each|every|in a|for a|for one)\s*(?:day|hour|week)\b"
    r"|[\s,]*(?:daily|hourly|weekly)\b"
)
_FACTORS_OF_ONE = {"year": (365.0, 12.0, 52.0), "month": (30.0, 31.0, 4.0)}
"""Bare factors that make one year's (month's) worth of a daily, monthly or weekly figure."""
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
_TIMES = {1: "once", 2: "twice", 3: "three times"}


def _product_only(node: Node) -> bool:
    if node.op == "leaf":
        return True
    if node.op != "*" or node.left is None or node.right is None:
        return False
    return _product_only(node.left) and _product_only(node.right)


class IntentReadings:
    """The intent rules of `EstimationSession` (which supplies the state they read)."""

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
        times 1.5 times 8", "600 GB [200 GB x 3] x 365 x 3"), said again in this sentence: a
        correction ("3x of 12,000 is 36,000" after a wrong "3x, so 60,000") is not reapplying."""
        if node.op != "*" or _AGAIN.search(self._sentence_text()):
            return None  # "double that again": meant twice
        said_now = {_key(from_token(t).quantity.value) for t in self._toks if t.kind == "qty"}
        for base in leaves:
            used = self._factors.get(_key(base.quantity.value))
            if not used or _key(base.quantity.value) not in said_now:
                continue  # a base not said now is guessed: it may confirm, never accuse
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

    def _split_or_each(
        self, claim: ClaimCheck, node: Node, stated: Operand, inferred: bool = False
    ) -> ClaimCheck | None:
        """A count applied the wrong way round: traffic "split evenly" across 3 regions
        multiplied by 3, or "4 renditions, each on its own worker" / "2 devices per user"
        divided by it."""
        if node.op not in "*/" or node.right is None or node.right.op != "leaf":
            return None
        try:
            count = self.memory.resolve(node.right.token)
        except KeyError:
            return None
        n = count.quantity.value
        if count.quantity.dimension != COUNT or not 1 < n <= 100_000:
            return None
        small = n <= 100  # a count of regions or devices each; a fan-out may be in thousands
        text = (self._text[max(0, self._offset - 200) : self._offset] + " ") + (
            self._sentence_text()[: self._span[0]]
        )
        text = text.lower()
        number = rf"(?:{format_number(n)}|{_WORD_OF.get(int(n), '#')})"
        factor, words = 0.0, ""
        if not small:
            pass
        elif node.op == "*" and re.search(
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
        if factor == 0 and node.op == "/":
            if fans_out(self._sentence_text()[: self._span[0]], number):
                factor, words = n * n, f"going to {format_number(n)} each means multiply"
            elif noun := self._each_of_the_base(node, number):
                factor, words = n * n, f"{format_number(n)} for each {noun} means multiply"
        if factor == 0 or claim.computed is None:
            return None
        if inferred:
            # a guessed reading the candidate's words say runs the wrong way: not confirmed
            return replace(
                claim,
                verdict=UNCHECKED,
                computed=None,
                slip="",
                explanation=f"How did you get {say_like(stated.quantity, stated)}?",
            )
        expected = claim.computed * factor
        # name the operands the corrected reading uses: the working's other side, the count
        assert node.left is not None
        other = render(node.left, self.memory)
        if node.left.op in "+-/*":
            other = f"({other})"
        flipped = "divided by" if node.op == "*" else "times"
        return replace(
            claim,
            computed=expected,
            verdict=INCORRECT,
            slip="multiplier",
            explanation=f"{words[:1].upper()}{words[1:]}: {other} {flipped} "
            f"{format_number(n)} is about {say_like(expected, stated)}, "
            f"not {say_like(stated.quantity, stated)}.",
        )

    def _each_of_the_base(self, node: Node, number: str) -> str:
        """ "each user follows 200 accounts" after "10 million users", divided by 200: the
        things counted each have N, so N multiplies them. Only when the noun after "each" is
        the noun of the figure divided; a container of other things ("each batch holds 100
        events") divides rightly."""
        assert node.left is not None
        leaves = node.left.leaves()
        if len(leaves) != 1:
            return ""
        try:
            base = self.memory.resolve(leaves[0])
        except KeyError:
            return ""
        said = (self._text[max(0, self._offset - 200) : self._offset] + " ") + (
            self._sentence_text()[: self._span[0]]
        )
        text = base.text or leaves[0].text
        noun = _noun_of(text)
        if not noun and text:
            # a bare "10 million" said again: the noun it was first said with
            first = re.search(rf"{re.escape(text)}\s+([a-z]+)", said, re.IGNORECASE)
            noun = _noun_of(first.group(1)) if first else ""
        if not noun:
            return ""
        found = re.search(
            rf"\b(?:each|every|per)\s+{noun}\s+(?:[a-z]+\s+){{0,2}}?"
            rf"(?:about\s+|roughly\s+|around\s+|maybe\s+)?{number}\s+[a-z]",
            said.lower(),
        )
        return noun if found else ""

    def _every_period_multiplied(
        self, claim: ClaimCheck, node: Node, stated: Operand
    ) -> ClaimCheck | None:
        """A count that happens "every k seconds" multiplied by k to make a rate ("500,000
        couriers every 5 seconds is 500,000 times 5, so 2.5 million a second"): the spoken
        arithmetic is right, the operation is not; once every k seconds is the count over k
        seconds. The correction names that concept and the operands."""
        if node.op != "*" or node.left is None or node.right is None:
            return None
        if stated.quantity.dimension.time != -1 or claim.computed is None:
            return None
        periods = every_periods(self._sentence_text()[: self._span[0]])
        if not periods:
            return None
        for k_side, other in ((node.right, node.left), (node.left, node.right)):
            if k_side.op != "leaf" or k_side.token is None:
                continue
            try:
                k = self.memory.resolve(k_side.token)
            except KeyError:
                continue
            if k.percent or k.multiplier or k.quantity.dimension not in (COUNT, TIME):
                continue
            # "… a million times 30": the 30 may have taken the units of "every 30 seconds"
            said_k = k.quantity.value if k.quantity.dimension == COUNT else k.nominal.value
            period = next((sec for count, sec in periods if count == said_k), None)
            if period is None:
                continue
            try:
                count = other.evaluate(lambda t: self.memory.resolve(t).quantity)
            except (KeyError, ValueError, ZeroDivisionError):
                return None
            if count.dimension != COUNT:
                return None
            expected = Quantity(count.value / period, stated.quantity.dimension)
            if within(stated.quantity.value, expected.value, self.tolerance):
                return None
            k_words = format_number(said_k)
            every = self._sentence_text()[: self._span[0]]
            said = _EVERY_PERIOD.search(every)
            span = said.group(0) if said else f"every {k_words}"
            other_words = render(other, self.memory)
            return replace(
                claim,
                computed=expected,
                verdict=INCORRECT,
                slip="multiplier",
                explanation=f"{span[:1].upper()}{span[1:]} means divide by {k_words}, not "
                f"multiply: {other_words} over {k_words} is about "
                f"{say_like(expected, stated)}, not {say_like(stated.quantity, stated)}.",
            )
        return None

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
        try:
            dividend = self.memory.resolve(node.left.token) if node.left.op == "leaf" else None
        except KeyError:
            dividend = None
        if dividend is not None:
            lead = self._lead_to_result(dividend)
            smaller = _SMALLER_SIDE.get(bigger)
            if smaller and re.search(rf"\b{smaller}", lead) and not re.search(rf"\b{bigger}", lead):
                return None  # "50K reads a second, so writes are 5K": the smaller side, divided
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

    def _lead_to_result(self, base: Operand) -> str:
        """The words between the first saying of `base` in this sentence and the result
        ("50K reads a second, so writes are, um, 500K": ", so writes are, um,")."""
        lead = self._sentence_text()[: self._span[0]].lower()
        at = lead.find(base.text.lower()) if base.text else -1
        return lead[at + len(base.text) :] if at >= 0 else lead

    def _ratio_for_the_smaller_side(
        self, claim: ClaimCheck, node: Node, stated: Operand
    ) -> ClaimCheck | None:
        """The mirror of `_multiplier_inverted`: the smaller side of a ratio named "N to 1"
        worked out by multiplying the bigger side by N ("read to write is 10 to 1 … 50K reads
        a second, so writes are 500K a second"). Only when the result is said for the smaller
        side (its word right before the result, the bigger side's not) and the working is
        the bigger side's figure times N."""
        if node.op != "*" or node.left is None or node.right is None:
            return None
        if node.left.op != "leaf" or node.right.op != "leaf":
            return None
        try:
            ops = [self.memory.resolve(node.left.token), self.memory.resolve(node.right.token)]
        except KeyError:
            return None
        for k, op in enumerate(ops):
            bigger = self._bigger_side.get(round(op.quantity.value, 9))
            if not bigger or op.quantity.dimension != COUNT or not op.bare:
                continue
            smaller = _SMALLER_SIDE.get(bigger)
            base = ops[1 - k]
            if smaller is None or bigger not in (base.text or "").lower():
                continue  # the figure multiplied is not said as the bigger side's
            lead = self._lead_to_result(base)
            if not re.search(rf"\b{smaller}", lead) or re.search(rf"\b{bigger}", lead):
                continue
            f = op.quantity.value
            if claim.computed is None or f <= 1:
                return None
            expected = claim.computed * (1 / (f * f))
            return replace(
                claim,
                computed=expected,
                verdict=INCORRECT,
                slip="multiplier",
                explanation=f"{smaller.capitalize()}s are {format_number(f)}x fewer than "
                f"{bigger}s, so divide: about {say_like(expected, stated)}, not "
                f"{say_like(stated.quantity, stated)}.",
            )
        return None

    def _spread_over_another_period(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """A total said per one period spread over the seconds of another ("we snapshot 50
        TB a month … spread over the month, that's 50 TB over 86,400 seconds, 580 MB a
        second"): 86,400 seconds is a day, so the rate is a month's total over one day.
        Only when the dividend is said with its period in the breath, the divisor is the
        seconds of another named period, and no other period is said for the figure."""
        lo = self._span[0]
        if lo < 0 or claim.computed is None or stated.quantity.dimension.time != -1:
            return None
        m = re.fullmatch(r"(.+?) / ([\d,.]+)(?: seconds?| s)?", claim.expression.strip())
        if m is None:
            return None
        try:
            seconds = float(m.group(2).replace(",", ""))
        except ValueError:
            return None
        used = next((p for p in ("hour", "day", "week") if TIME_UNITS[p] == seconds), None)
        if used is None:
            return None
        dividend = m.group(1).strip().lower()
        breath = re.split(r"(?<=[.!?])\s+", self._text[: self._offset].strip())[-1:]
        text = " ".join([*breath, self._sentence_text()[:lo]]).lower()
        said = re.search(
            rf"{re.escape(dividend)}\s+(?:a|per|each|every)\s+(hour|day|week|month|year)\b", text
        )
        if said is None or said.group(1) == used:
            return None
        if re.search(rf"\b{used}s?\b|\b{used}ly\b|\bdaily\b", text):
            return None  # the period the divisor stands for is said too ("runs in one day")
        period = said.group(1)
        expected = claim.computed * (TIME_UNITS[used] / TIME_UNITS[period])
        return replace(
            claim,
            expression=f"{claim.expression} * {format_number(TIME_UNITS[used])} / "
            f"{format_number(TIME_UNITS[period])}",
            computed=expected,
            verdict=INCORRECT,
            slip="per_day_vs_per_second",
            explanation=f"{format_number(seconds)} seconds is a {used}, not a {period}: "
            f"{dividend} a {period} is about {say_like(expected, stated)}; you said "
            f"{say_like(stated.quantity, stated)}.",
        )

    def _compression_multiplied(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """A compression ratio named ("compressed 10:1", "compress 10 to 1") applied by
        multiplying what is stored ("5 TB a day … 50 TB a day stored"): compressing divides.
        Quiet when the result is said raw or uncompressed."""
        lo = self._span[0]
        if lo < 0 or claim.computed is None:
            return None
        m = re.fullmatch(r"(.+?) \* ([\d,.]+)|([\d,.]+) \* (.+)", claim.expression.strip())
        if m is None:
            return None
        number = (m.group(2) or m.group(3) or "").replace(",", "")
        try:
            ratio = float(number)
        except ValueError:
            return None
        here = self._sentence_text()
        named = _COMPRESSION.search(here[:lo].lower())
        if named is None or ratio <= 1:
            return None
        said = float(next(g for g in named.groups() if g).replace(",", ""))
        if said != ratio:
            return None
        around = here[max(0, lo - 30) : self._span[1] + 30].lower()
        if re.search(r"\b(?:raw|uncompressed|decompressed|before compression)\b", around):
            return None
        expected = claim.computed * (1 / (ratio * ratio))
        return replace(
            claim,
            computed=expected,
            verdict=INCORRECT,
            slip="multiplier",
            explanation=f"Compressing {format_number(ratio)} to 1 divides by "
            f"{format_number(ratio)}: about {say_like(expected, stated)}, not "
            f"{say_like(stated.quantity, stated)}.",
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
        here_now = self.memory.pool[self._pool_mark :]
        for earlier in self.memory.recent(6):
            if earlier.quantity.dimension == COUNT or earlier is stated:
                continue
            if (
                earlier.text == stated.text
                and any(op is earlier for op in here_now)
                and self._sentence_text().count(stated.text) == 1
            ):
                continue  # the figure itself, taken in with this sentence: not said again
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
        # "hit rate 85% → DB load = 200K × 0.85": the hit rate written again as a fraction
        said = [*self._prev_toks, *before] if self._prev_toks is not self._toks else before
        hit_rates = {
            round(t.quantity.value, 9)
            for k, t in enumerate(said)
            if t.percent
            and t.quantity is not None
            and self._names_a_hit_rate(said, k)
            and not _MISS_RATE.search(
                " ".join(w for u in said[max(0, k - 4) : k + 5] for w in (u.words or (u.text,)))
            )
        }
        for k, tok in enumerate(before):
            if tok.quantity is None or not 0 < tok.quantity.value < 1:
                continue
            as_fraction = tok.bare and round(tok.quantity.value, 9) in hit_rates
            if not tok.percent and not as_fraction:
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
            hit = (as_fraction or self._names_a_hit_rate(before, k)) and not _MISS_RATE.search(near)
            if hit and any(
                t is not tok
                and t.percent
                and t.quantity is not None
                and abs(t.quantity.value + share - 1) <= 0.005
                and self._names_a_hit_rate(before, n)
                for n, t in enumerate(before)
            ):
                continue  # "a 95% hit ratio: 5% of 10M": the complement named is the misses
            if hit and self._backend_result(sentence):
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

    def _backend_result(self, sentence: str) -> bool:
        """The result is what the backend (or the misses) sees: a backend word before it, or
        after it unless the cache is named first ("45K a second from cache, so the database
        gets 5K": the 45K is the cache's)."""
        lo, hi = self._span
        if _MISSES.search(sentence[:lo]):
            return True
        after = sentence[hi : hi + 40]
        found = _MISSES.search(after)
        return found is not None and not _SERVED_BY_CACHE.search(after[: found.start()])

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
                    # "95% hit ratio: 5% of …": the hit word goes with the share before it
                    owned = any(t.percent for t in toks[max(0, n - 2) : n]) and step == -1
                    return not owned
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

    def _window_left_out(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """A window kept (retried, retained, held) named in this breath as several days, weeks
        or months, and a total kept worked out from a per-day (per-hour, per-week) count with
        no span in the working ("we retry for three days, so we keep 100 million times 2 KB,
        200 GB", 100 million being a day's): that is one day of the three. Quiet when the
        result is said per period or as one period's worth, when any time factor is in the
        working, or when a later figure in the turn carries on with the window."""
        lo, hi = self._span
        said = stated.quantity
        if lo < 0 or said.dimension != DATA or stated.time_units or claim.computed is None:
            return None
        if claim.computed.dimension != said.dimension:
            return None
        after = self._text[self._offset + hi : self._offset + hi + 24].lower()
        if _PER_PERIOD_AFTER.match(after) or _PER_SHORT_PERIOD_AFTER.match(after):
            return None  # "200 GB a day"
        here = self._text[self._offset : self._offset + lo].lower()
        # the breath: this sentence, else the sentence before it in the turn
        before = re.split(r"(?<=[.!?])\s+", self._text[: self._offset].strip())[-1].lower()
        window = self._kept_window(here) or self._kept_window(before)
        if window is None:
            return None
        seconds, window_text, _ = window
        if window_text in claim.expression.lower():
            return None  # the reading already spans the window
        claimed = [c.end - self._offset for c in self.claims[self._sentence_start :]]
        begin = max([e for e in claimed if e <= lo], default=0)
        working = [
            t
            for t in self._toks_before(lo)
            if t.kind == "qty" and t.quantity is not None and t.start >= begin
        ]
        if not working:
            return None
        working = [t for t in working if not window_text.endswith(t.text.lower())]
        if any(t.quantity is not None and t.quantity.dimension == TIME for t in working):
            return None  # a span in the working: another rule's reading
        period = None
        for t in working:
            assert t.quantity is not None
            period = self._period_of(t, short=True)
            if period is not None:
                break
        if period is None:
            return None
        bare = [t.number or t.quantity.value for t in working if t.bare and t.quantity]
        one_day = {"second": 86_400.0, "minute": 1_440.0, "hour": 24.0}.get(period)
        if one_day is not None and any(within(v, one_day, 0.02) for v in bare):
            # "75 GB a second … 75 times 86,400": the working makes one day of the window
            period = "day"
            bare = [v for v in bare if not within(v, one_day, 0.02)]
        elif period in ("second", "minute"):
            return None
        factor = seconds / TIME_UNITS[period]
        if factor < 2 or abs(factor - round(factor)) > 0.01:
            return None
        factor = float(round(factor))
        if claim.expression.endswith(f") * {format_number(factor)}"):
            return None  # the window already applied to this reading
        if any(
            within(v, f, 0.02)
            for v in bare
            for f in (factor, *CONVERSION_FACTORS, 12.0, 52.0, 4.0)
            if f > 1
        ):
            return None  # "… times 3": the window is in
        label = self._text[self._offset + working[-1].end : self._offset + lo].lower()
        label = label.replace(window_text, " ")  # "… we hold them for a week, so 40 GB"
        # "Per day, 75 times 86,400 is 6.5 PB": said per period before the working
        label += " " + here[begin : working[0].start].replace(window_text, " ")
        if re.search(
            r"\b(?:a|per|one|each|every|daily|single|first)\s*(?:day|hour|week)s?\b"
            r"|\bdaily\b|\bhourly\b|\bweekly\b",
            label,
        ):
            return None  # "… which is a day's 200 GB"
        if self._carried_on(said.value * factor, factor):
            return None
        words = claim.expression.replace(" * ", " times ") or say_like(said, stated)
        opening = f"That's one {period} of the {_plural(window_text)} you keep"
        return _factor_left_out(claim, stated, factor, opening, words)

    def _copies_left_out(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """N copies of something named in this sentence with a cost per copy ("we make five
        renditions and each rendition-hour costs one CPU-hour, so 720,000 hours a day over 24
        hours is 30,000 cores"), and a working after it that never multiplies by N: the copies
        were dropped. Only when the candidate says what each copy takes ("each rendition",
        "per replica") before the working; quiet when N (or N + 1 for replicas) is in the
        working, when the result is said per copy, or when the turn carries on with N."""
        lo, hi = self._span
        if lo < 0 or claim.computed is None:
            return None
        here = self._sentence_text()[:lo]
        low = here.lower()
        named = None
        for m in _N_COPIES.finditer(low):
            single = _singular(m.group(2))
            each = re.search(rf"\b(?:each|every|per|a)\s+{single}\b", low[m.end() :])
            if each is not None:
                named = (m, each.end() + m.end())
        if named is None:
            return None
        m, each_end = named
        count = _number(m.group(1)) or _count_of(m.group(1))
        if not 2 <= count <= 20:
            return None
        working = [
            t
            for t in self._toks_before(lo)
            if t.kind == "qty" and t.quantity is not None and t.start >= each_end
        ]
        if not any(t.kind == "op" and t.start >= each_end for t in self._toks_before(lo)):
            return None  # no working said after the per-copy figure
        values = {t.number or 0.0 for t in working} | {
            t.quantity.value for t in working if t.quantity is not None
        }
        if any(within(v, f, 0.001) for v in values for f in (count, count + 1) if v):
            return None  # "… times 5": the copies are in
        after = self._text[self._offset + hi : self._offset + hi + 40].lower()
        single = _singular(m.group(2))
        if re.match(rf"[\s\w-]{{0,20}}?\b(?:each|per|a|for one|for each)\s+{single}\b", after):
            return None  # "30,000 cores per rendition"
        said = stated.quantity
        if self._carried_on(said.value * count, count):
            return None
        words = claim.expression.replace(" * ", " times ").replace(" / ", " divided by ")
        words = re.sub(r"\(([^()*/+-]*)\)", r"\1", words)  # "(2 million)": one figure
        opening = f"That leaves out the {m.group(0).strip()}"
        return _factor_left_out(claim, stated, count, opening, words or say_like(said, stated))

    def _both_left_out(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """A doubling named in the breath before the working ("I'll store it in both
        directions, so 200 billion times 16 bytes comes to 3.2 TB") and a working that never
        multiplies by 2: the second copy was dropped. Quiet when a 2 (or a doubling word) is
        in the working, when the result is said for one of the two ("… per direction"), or
        when the turn carries on with the doubled total."""
        lo, hi = self._span
        if lo < 0 or claim.computed is None or stated.quantity.dimension == COUNT:
            return None
        here = self._sentence_text()[:lo].lower()
        named = None
        for m in _BOTH.finditer(here):
            named = m
        if named is None:
            return None
        working = [
            t for t in self._toks_before(lo) if t.kind in ("qty", "op") and t.start >= named.end()
        ]
        if not any(t.kind == "op" for t in working):
            return None  # no working said after the doubling
        figures = [t for t in working if t.kind == "qty" and t.quantity is not None]
        if len(figures) < 2 or any(
            t.multiplier or (t.bare and within(t.number or t.quantity.value, 2, 0.001))
            for t in figures
        ):
            return None  # "… times 2": both are in
        rest = self._sentence_text()[lo:].lower()
        if re.search(r"\b(?:double|doubled|twice|two of)\b", rest[:60]):
            return None
        claimed = self._sentence_text()[named.end() : hi + 40].lower()
        if not _BOTH_TOTAL.search(claimed):
            return None  # "… is 100 GB": the size of one copy, maybe; only a total is sure
        after = self._text[self._offset + hi : self._offset + hi + 30].lower()
        if _ONE_OF_TWO.match(after):
            return None  # "3.2 TB per direction"
        if self._carried_on(stated.quantity.value * 2, 2):
            return None
        words = claim.expression.replace(" * ", " times ").replace(" / ", " divided by ")
        words = re.sub(r"\(([^()*/+-]*)\)", r"\1", words)
        opening = f"That leaves out the second copy ({named.group(0)})"
        return _factor_left_out(
            claim, stated, 2, opening, words or say_like(stated.quantity, stated)
        )

    def _replication_left_out(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """Machines sized for data with a replication factor named in the breath ("RF=3, 2 TB
        of disk per node. 10 TB / 2 TB = 5 nodes for storage") and a working that never
        multiplies by it: the copies were dropped. Quiet when the factor is in the working,
        when the result is said raw or per copy, or when the turn carries on with it."""
        lo, hi = self._span
        said = stated.quantity
        if lo < 0 or claim.computed is None or said.dimension != COUNT:
            return None
        if "/" not in claim.expression:
            return None  # machines sized by a division of data by what one holds
        after = self._text[self._offset + hi : self._offset + hi + 40].lower()
        if not _MACHINES.match(after.strip()) or _RAW.search(after):
            return None
        here_said = self._sentence_text()[:lo]
        before_said = re.split(r"(?<=[.!?])\s+", self._text[: self._offset].strip())[-1]
        here, before = here_said.lower(), before_said.lower()
        named = _REPLICATION.search(here) or _REPLICATION.search(before)
        if named is None or _RAW.search(here):
            return None
        word = next(g for g in named.groups() if g)
        count = _number(word) or _count_of(word)
        if not 2 <= count <= 5:
            return None
        working = [t for t in self._toks_before(lo) if t.kind == "qty" and t.quantity is not None]
        if not any(t.quantity is not None and t.quantity.dimension.data for t in working):
            return None  # not a sizing for data
        if named.string is here:  # "RF=3, …": the 3 itself is not the working
            working = [t for t in working if t.start >= named.end()]
        if any(within(t.number or t.quantity.value, count, 0.001) for t in working if t.quantity):
            return None  # "… times 3": the copies are in
        data = [t.quantity.value for t in working if t.quantity and t.quantity.dimension.data]
        if not data:
            return None
        total = max(data)  # what is spread over the machines, not what one of them holds
        if count in self._applied.get(_key(total), {}) or any(
            within(c.stated.value, total, 0.01)
            and "*" in c.expression
            and re.search(rf"(?<![\d.,]){format_number(count)}(?![\d.,])", c.expression)
            for c in self.claims
        ):
            return None  # "10 TB times 3 is 30 TB": the total was worked out, copies and all
        if named.string is here:
            since = here_said[named.end() :]
        else:
            since = before_said[named.end() :] + " " + here_said
        first = min(t.start for t in working)
        since = since[: len(since) - (len(here) - first)] if first <= len(here) else since
        m = self.memory
        if any(
            t.kind == "qty" and t.quantity is not None and within(t.quantity.value, total, 0.01)
            for t in tokenize(since, m.conventions)
        ):
            return None  # "with RF=3 we store 30 TB": said after the copies were named
        if self._carried_on(said.value * count, count):
            return None
        words = claim.expression.replace(" * ", " times ").replace(" / ", " divided by ")
        opening = f"That leaves out the replication factor of {format_number(count)}"
        return _factor_left_out(claim, stated, count, opening, words)

    def _window_applied(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        """The mirror of `_window_left_out`: the window named in the breath applied without
        saying it ("we retry for three days, so we keep 100 million a day times 2 KB, which
        is 600 GB"). A reading that gives the value: never accused."""
        lo = self._span[0]
        if lo < 0 or claim.computed is None or stated.time_units:
            return None
        here = self._text[self._offset : self._offset + lo].lower()
        before = re.split(r"(?<=[.!?])\s+", self._text[: self._offset].strip())[-1].lower()
        window = self._kept_window(here) or self._kept_window(before)
        if window is None:
            return None
        seconds, window_text, _ = window
        for period in ("day", "hour", "week"):
            factor = seconds / TIME_UNITS[period]
            if factor < 2 or abs(factor - round(factor)) > 0.01:
                continue
            expected = claim.computed * round(factor)
            if within(stated.quantity.value, expected.value, self.tolerance):
                words = claim.expression.replace(" * ", " times ").replace(" / ", " divided by ")
                return replace(
                    claim,
                    expression=f"({claim.expression}) * {format_number(round(factor))}",
                    computed=expected,
                    verdict=CORRECT,
                    slip="",
                    explanation=f"{words[:1].upper()}{words[1:]} for the {_plural(window_text)} "
                    f"you keep is about {say_like(expected, stated)}, so "
                    f"{say_like(stated.quantity, stated)} holds up.",
                )
        return None

    def _kept_window(self, here: str) -> tuple[float, str, int] | None:
        """A window things are kept for, said in this sentence before the result: "we retry
        for three days", "keep it 2 weeks", "a 90 day retention", "retained for 6 months"."""
        for m in _KEPT_FOR.finditer(here):
            span = (m.group("span") or m.group("before")).strip()
            number, unit = span.rsplit(None, 1)
            unit = unit.rstrip("s")
            if number in ("a", "one"):
                count = 1.0
            else:
                toks = [t for t in tokenize(number) if t.kind == "qty" and t.quantity]
                if len(toks) != 1 or toks[0].quantity is None:
                    continue
                count = toks[0].quantity.value
            days = {"day": 1.0, "week": 7.0, "month": 30.0}.get(unit)
            if days is None or count * days < 2:
                continue
            # a month kept is said as 30 days: "6 months" is 180 daily figures
            return count * days * TIME_UNITS["day"], span, m.start()
        return None

    def _period_of(self, tok: Token, short: bool = False) -> str | None:
        """The period a working figure counts over: said with it ("100 million a day") or, said
        bare, an earlier figure of the same number said per period. `short`: per second and
        per minute too ("75 GB a second")."""
        periods = ("second", "minute", "hour", "day", "week") if short else ("hour", "day", "week")
        if tok.quantity is None:
            return None
        op = self.memory.resolve(tok) if tok.kind == "qty" else None
        for unit, power in op.time_units if op is not None else ():
            if power == -1 and unit in periods:
                return unit
        if not tok.bare:
            return None
        value = tok.number or tok.quantity.value
        if value < 10:
            return None
        m = self.memory
        # this turn before the sentence, then the words of earlier turns' claims, newest first
        texts = [self._text[max(0, self._offset - 800) : self._offset]]
        texts += [c.text for c in reversed(self.claims[-12:])]
        toks = [t for text in texts for t in reversed(tokenize(text, m.conventions))]
        for t in toks:
            if t.kind != "qty" or t.bare or t.quantity is None:
                continue
            if not within(t.number or 0.0, value, 1e-9):
                continue
            units = dict(from_token(t).time_units)
            found = [u for u in periods if units.get(u) == -1]
            return found[0] if len(found) == 1 and len(units) == 1 else None
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
            words = claim.expression.replace(" * ", " times ") or say_like(said, stated)
            opening = f"That's one {unit} of the {format_number(count)} {unit}s you keep"
            return _factor_left_out(claim, stated, count, opening, words)
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

    def _factor_misread(self, claim: ClaimCheck, stated: Operand) -> ClaimCheck | None:
        return self._percent_base(claim, stated) or self._dropped(claim, stated)

    def _read_intent(self, claim: ClaimCheck, stated: Operand, rules: IntentRules) -> ClaimCheck:
        """Apply the intent readings in order, each to the verdicts it may revise (None: any)."""
        for verdicts, rule in rules:
            if verdicts is None or claim.verdict in verdicts:
                revised = rule(self, claim, stated) or claim
                if not self._factor_already_in(claim, revised, stated):
                    claim = revised
        return claim

    def _factor_already_in(self, before: ClaimCheck, after: ClaimCheck, stated: Operand) -> bool:
        """A factor "left out" that a figure said earlier in the turn already took in ("400M
        docs × 80 bytes = 32 GB; with 3 replicas that is 96 GB"): whichever reading gave the
        claim its working, the candidate applied the factor, so it is no slip."""
        if after.slip != "dropped_factor" or before.slip == "dropped_factor":
            return False
        if after.computed is None or before.computed is None or not before.computed.value:
            return False
        factor = after.computed.value / before.computed.value
        said = stated.quantity
        m = self.memory
        for tok in tokenize(
            self._text[: self._offset + self._span[0]], m.conventions, m.name_index()
        ):
            q = tok.quantity
            if (
                tok.kind == "qty"
                and q is not None
                and q.dimension == said.dimension
                and not within(q.value, factor, 0.001)  # the factor's own mention
                and within(q.value * factor, said.value, self.tolerance)
            ):
                return True
        return False

    # A result the statement grammar took, and one only the leftover scan found (a subset: the
    # readings that need a worked statement have nothing to read there).
    _RESULT_INTENT: IntentRules = (
        ((CORRECT,), _factor_misread),
        ((CORRECT,), _span_in_other_units),
        ((CORRECT,), _span_count_left_out),
        ((CORRECT,), _window_left_out),
        ((CORRECT,), _copies_left_out),
        ((CORRECT,), _both_left_out),
        ((CORRECT,), _replication_left_out),
        (None, _link_in_bits),
        ((CORRECT, UNCHECKED), _hit_from_backend),
        ((CORRECT,), _rate_as_period_total),
        ((CORRECT,), _spread_over_another_period),
        ((CORRECT,), _compression_multiplied),
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


def _factor_left_out(
    claim: ClaimCheck, stated: Operand, factor: float, opening: str, words: str
) -> ClaimCheck:
    """The working's result times a factor the candidate named and left out: a dropped factor,
    said as "<opening>: <working> times N is about X, not Y"."""
    expected = claim.computed * factor
    return replace(
        claim,
        expression=f"({claim.expression}) * {format_number(factor)}",
        computed=expected,
        verdict=INCORRECT,
        slip="dropped_factor",
        explanation=f"{opening}: {words} times {format_number(factor)} is about "
        f"{say_like(expected, stated)}, not {say_like(stated.quantity, stated)}.",
    )
