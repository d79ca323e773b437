"""The topics of a system-design interview, as one vocabulary for both sides of the table.

A candidate turn *settles* topics (it states the peak, sizes the storage, names the shard key);
an interviewer question *asks for* topics. The dialogue memory keeps what was settled, and the
policy never asks a question whose topic is already settled. The same word lists serve both
directions so "what's your shard key?" and "sharded by conversation id" meet on `sharding`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from agent.interviewer.checked_claim import ClaimRecord

USERS = "users"
AVERAGE_RATE = "average qps"
PEAK_RATE = "peak qps"
WRITE_RATE = "write qps"
STORAGE = "storage"
MEMORY = "memory"
BANDWIDTH = "bandwidth"
SERVERS = "server count"
CONCURRENT = "concurrent"
DESIGN = "high-level design"
SHARDING = "sharding"
MONITORING = "monitoring"
TRADEOFFS = "tradeoffs"
EVICTION = "eviction"
REPLICATION = "replication"
CONFLICTS = "conflicts"

PEAK_WORDS = re.compile(
    r"\bpeak|\brush\b|\bspikes?\b|\bburst|\b\d+(?:\.\d+)?\s*x\b|\btimes the average"
    # a rate said as a multiple of the one before ("ten times that, so around 11,600")
    r"|\b(?:\w+|\d+(?:\.\d+)?) times (?:that|this|it|the (?:average|normal|base(?:line)?))\b"
    r"|\bbusiest\b|\btop of the hour\b",
    re.I,
)
_MEMORY_WORDS = re.compile(
    r"\b(?:memory|ram|in[- ]memory|cache|caches|redis|memcached|heap|bloom filter|sorted set|trie)\b",
    re.I,
)
_WRITE_WORDS = re.compile(r"\b(?:writes?|uploads?|posts?|inserts?|updates?)\b", re.I)
_SERVER_WORDS = re.compile(
    r"\b(?:servers?|nodes?|machines?|workers?|hosts?|instances?|shards?|partitions?|boxes)\b", re.I
)

ASKS: dict[str, re.Pattern[str]] = {
    USERS: re.compile(r"how many (?:users|people|daily|monthly|active)|\bdau\b", re.I),
    AVERAGE_RATE: re.compile(
        r"(?:average|requests?|events?|messages?|writes?|reads?) (?:per|a) second|average load|\bqps\b"
        r"|what(?:'s| is) the rate",
        re.I,
    ),
    PEAK_RATE: re.compile(r"\bpeak\b", re.I),
    WRITE_RATE: re.compile(r"(?:writes?|uploads?|posts?|inserts?) (?:per|a) second", re.I),
    STORAGE: re.compile(r"\bstorage\b|how much (?:disk|space)|per day for|\bretention\b", re.I),
    MEMORY: re.compile(
        r"\bmemory\b|\bram\b|cache size|how (?:big|large) is the (?:cache|table)", re.I
    ),
    BANDWIDTH: re.compile(r"bandwidth|throughput|egress|ingress|\bingest|gbps|mb/s|gb/s", re.I),
    SERVERS: re.compile(
        r"how many (?:servers|nodes|machines|workers|hosts|instances|shards|partitions)", re.I
    ),
    CONCURRENT: re.compile(r"concurren|at once|at any (?:moment|one time)", re.I),
    DESIGN: re.compile(
        r"big boxes|main components|high-level design|sketch the|draw the|request end to end|"
        r"how does a request move|how data flows|overall (?:design|architecture)",
        re.I,
    ),
    SHARDING: re.compile(
        r"shard(?:ing)? key|partition key|how (?:would|do|will) you (?:shard|partition|split)"
        r"|sharding strategy|what(?:'s| is) (?:the|your) shard|partitioning",
        re.I,
    ),
    MONITORING: re.compile(
        r"\bmonitor|\balert|\bdashboard|how would you (?:know|notice|detect)", re.I
    ),
    TRADEOFFS: re.compile(r"trade-?offs?", re.I),
    EVICTION: re.compile(r"\bevict", re.I),
    REPLICATION: re.compile(
        r"how many (?:copies|replicas)|replication factor|how (?:do|would|will) you replicate", re.I
    ),
    CONFLICTS: re.compile(r"\bconflict", re.I),
}
"""What an interviewer question asks for (matched on the question's own sentence)."""

SAYS: dict[str, re.Pattern[str]] = {
    DESIGN: re.compile(
        r"^\s*(?:so,? |okay,? |ok,? |uh,? |um,? )*(?:the )?(?:design|architecture|high[- ]level|"
        r"pipeline|overall)\b|\bhere'?s (?:the|my) (?:design|architecture)",
        re.I,
    ),
    SHARDING: re.compile(
        r"\bshard(?:ed|ing)? (?:by|on)\b|\bpartition(?:ed)? (?:by|on)\b|\b(?:shard|partition) key\b"
        r"|\bkeyed (?:by|on)\b"
        r"|\bconsistent hashing\b|\bsharded by\b",
        re.I,
    ),
    MONITORING: re.compile(
        r"\bmonitor\w*|\balert\w*|\bdashboards?\b|\bprometheus\b|\bgrafana\b|\bp99\b|\bwatch the\b",
        re.I,
    ),
    TRADEOFFS: re.compile(r"trade-?offs?|\bat the cost of\b|\bin exchange for\b", re.I),
    EVICTION: re.compile(r"\bevict\w*|\blru\b|\blfu\b|\bttl\b", re.I),
    CONCURRENT: re.compile(r"\bconcurrent\b|\bat once\b|\bonline at\b|\bsimultaneous", re.I),
    REPLICATION: re.compile(
        r"\b(?:two|three|\d) (?:replicas|copies)\b|\breplicat\w* (?:factor|three|twice|across)|"
        r"\berasure[- ]cod\w*|\bprimary (?:plus|and|with) (?:\w+ ){0,2}(?:replicas?|secondar\w*)",
        re.I,
    ),
    CONFLICTS: re.compile(
        r"\bconflict\w*|\blast[- ]writer?[- ]wins\b|\bvector clocks?\b|\bcrdts?\b|\bmerge the edits\b",
        re.I,
    ),
}
"""What a candidate turn says that settles a design topic."""


def asked_topics(question: str) -> set[str]:
    """The topics an interviewer sentence asks for."""
    found = {topic for topic, pattern in ASKS.items() if pattern.search(question)}
    if found & {BANDWIDTH, STORAGE, MEMORY}:
        found -= {PEAK_RATE, AVERAGE_RATE}  # "peak bandwidth" asks for bandwidth
    if PEAK_RATE in found:
        found.discard(AVERAGE_RATE)
    if (
        STORAGE in found
        and _MEMORY_WORDS.search(question)
        and not re.search(r"\bstorage\b", question, re.I)
    ):
        found.discard(STORAGE)
    return found


_FILLER_ONLY = re.compile(
    r"[\s,;:]*(?:(?:um+|uh+|er+|hmm+|like|so|okay|ok|well|yeah)[\s,;:]*)*", re.I
)


def clauses_around(text: str, start: int, end: int) -> str:
    """The clause holding text[start:end] and the clause before it in the same sentence ("peak
    is 3x, so 36,000 a second"): what a number is about, without the neighbouring results."""
    cuts = [(m.end(), m.group(0)[0]) for m in re.finditer(r"[,;.:!?](?:\s|$)", text)]
    before = [(c, mark) for c, mark in cuts if c <= start]
    after = [c for c, _ in cuts if c > end]
    begin = 0
    if before:
        begin = before[-1][0]
        if before[-1][1] in ",;:":
            m = len(before) - 2
            begin = before[m][0] if m >= 0 else 0
            # a clause that is only a filler says nothing: "peak's twice that so, uh, call it
            # a quarter of a million a second" is about the peak
            while (
                m >= 0
                and before[m][1] in ",;:"
                and _FILLER_ONLY.fullmatch(text[before[m][0] : before[m + 1][0]]) is not None
            ):
                m -= 1
                begin = before[m][0] if m >= 0 else 0
    return text[begin : after[0] if after else len(text)]


def settled_by_claims(claims: Iterable[ClaimRecord], utterance: str = "") -> set[str]:
    """Topics a turn's stated results settle (a wrong value counts as attempted; the
    challenge deals with it)."""
    out: set[str] = set()
    for claim in claims:
        unit = claim.stated.unit
        text = claim.text
        start, end = claim.start, claim.end
        around = clauses_around(utterance, start, end) if utterance and start >= 0 else ""
        local = around or text
        if unit == "per second":
            if PEAK_WORDS.search(local) or claim.name == "peak":
                out.add(PEAK_RATE)
            else:
                out.add(AVERAGE_RATE)
            if _WRITE_WORDS.search(local):
                out.add(WRITE_RATE)
        elif unit == "bytes per second":
            out.add(BANDWIDTH)
        elif unit == "bytes":
            result = claim.verdict in ("correct", "incorrect") or re.search(
                r"\bstor|\btotal|\b(?:a|per) (?:day|month|year)|\bover \w+ (?:days|years)",
                local,
                re.I,
            )
            if not result:
                continue  # "each payload is 1 KB" is an input, not the storage estimate
            if _MEMORY_WORDS.search(text):
                out.add(MEMORY)
            else:
                out.add(STORAGE)
        elif unit in ("", "count") and _SERVER_WORDS.search(local):
            out.add(SERVERS)
    return out


_WORD_NUMBER = (
    r"(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion"
    r"|point \w+|and a half)[\s-]+)*(?:one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
    r"|thousand|million|billion|half)"
)
"""A number said in words ("four hundred terabytes a day"), as a transcript writes speech."""
_NUMBER = rf"(?:\d[\d,.]*\s*(?:k|thousand|million|billion)?|\b{_WORD_NUMBER})"
_RATE_SAID = re.compile(
    rf"{_NUMBER}\s*(?:\w+\s+){{0,2}}?(?:a|per) second|{_NUMBER}\s*(?:qps|rps)\b", re.I
)
_BANDWIDTH_SAID = re.compile(
    rf"{_NUMBER}\s*(?:[kmgt]b(?:ps|/s)|(?:kilo|mega|giga|tera)(?:bytes|bits) (?:a|per) second"
    rf"|[kmgtp]b (?:a|per) second)",
    re.I,
)
_SIZE_SAID = re.compile(
    rf"{_NUMBER}\s*(?:[kmgtpe]b|(?:kilo|mega|giga|tera|peta)bytes)\b"
    r"(?!\s*(?:/s|ps|a second|per second))",
    re.I,
)
_STORAGE_WORDS = re.compile(
    r"\bstor|\b(?:a|per) (?:day|month|year)|\bover (?:\w+ ){0,2}(?:days|years|months)|\btotal"
    r"|\barchive|\bon disk",
    re.I,
)


def settled_by_numbers(text: str) -> set[str]:
    """Estimates said in words the engine may not have turned into claims (thinking aloud):
    a rate with a peak word settles the peak, a size with storage or memory words settles that."""
    out: set[str] = set()
    for sentence in re.split(r"(?<=[.?!;])\s+", text):
        if _BANDWIDTH_SAID.search(sentence):
            out.add(BANDWIDTH)
        for rate in _RATE_SAID.finditer(sentence):
            # what a rate is, from its own clause: "that averages 50k a second each, with the
            # big metros running several times that" says the average
            around = clauses_around(sentence, rate.start(), rate.end())
            peak = bool(PEAK_WORDS.search(around))
            out.add(PEAK_RATE if peak else AVERAGE_RATE)
            if peak and re.search(r"\bon average\b|\baverage (?:of|is|load)", around, re.I):
                out.add(AVERAGE_RATE)
            if PEAK_WORDS.search(sentence, rate.end()):
                out.add(PEAK_RATE)  # "12,000 a second, and five times that in the evening"
        if _SIZE_SAID.search(sentence):
            if _MEMORY_WORDS.search(sentence):
                out.add(MEMORY)
            elif _STORAGE_WORDS.search(sentence):
                out.add(STORAGE)
    return out


def settled_by_words(text: str, component_count: int) -> set[str]:
    """Design topics a turn settles by what it says."""
    out = {topic for topic, pattern in SAYS.items() if pattern.search(text)}
    out |= settled_by_numbers(text)
    if component_count >= 3:
        out.add(DESIGN)
    if re.search(r"\b(?:users|players|daily actives?|dau)\b", text, re.I) and re.search(
        r"\d|million|billion", text, re.I
    ):
        out.add(USERS)
    return out


_STOP = frozenset(
    [
        "what",
        "when",
        "where",
        "which",
        "while",
        "would",
        "could",
        "should",
        "there",
        "their",
        "about",
        "after",
        "before",
        "every",
        "other",
        "into",
        "onto",
        "from",
        "with",
        "your",
        "have",
        "this",
        "that",
        "these",
        "those",
        "they",
        "them",
        "then",
        "than",
        "what's",
        "how",
        "does",
        "happen",
        "happens",
        "does",
        "doesn't",
        "isn't",
        "will",
        "each",
        "more",
        "most",
        "much",
        "many",
        "just",
        "only",
        "also",
        "says",
        "said",
        "tell",
        "walk",
        "through",
        "give",
        "take",
        "look",
        "looking",
        "mentioned",
    ]
)


def content_words(text: str) -> set[str]:
    """Distinctive words (first five letters) and numbers: what "the same subject" compares."""
    words = set()
    for token in re.findall(r"[a-z][a-z'-]+|\d[\d,.]*", text.lower()):
        token = token.strip(".,")
        if token[0].isdigit():
            words.add(token.replace(",", ""))
        elif len(token) >= 4 and token not in _STOP:
            words.add(token[:5])
    return words


def answered_by(question: str, turns: Sequence[str], share: float = 0.4) -> bool:
    """Whether one candidate turn already covers most of what a probe asks (its distinctive
    words): "I'd resize on upload rather than on first read" answers "Resize on upload or on
    first request?"."""
    wanted = content_words(question)
    if len(wanted) < 2:
        return False
    need = max(2, round(share * len(wanted)))
    return any(len(wanted & content_words(turn)) >= need for turn in turns)
