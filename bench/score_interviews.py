#!/usr/bin/env python3
"""Listening benchmark for Hotseat's interviewer: scripted candidates with per-line expectations.

A copy of `../shared/corpus/interviews/run.py` (the corpus's own scorer, reformatted for the
repo's linter; the checks are unchanged) that defaults to the in-repo copy of the dev set
(`tests/data/interviews/dev`) and to `.venv/bin/hotseat`:

    .venv/bin/python bench/score_interviews.py [SET_DIR] [-v] [--report FILE] [--save DIR]

SET_DIR holds one JSON script per candidate (see tests/data/interviews/README.md). Each script is
piped through `$HOTSEAT interview --scenario ID --text --json` (HOTSEAT defaults to the repo's
`.venv/bin/hotseat`), with HOTSEAT_HOME set to a fresh temp dir and HF_HUB_OFFLINE=1. Every
candidate line is paired with the interviewer turns that follow it, and the replies are checked
against the per-line expectations.

Prints exactly one summary line on stdout and always exits 0; thresholds only add PASS/FAIL
words to that line. Details go to stderr with -v and to --report as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_SET = REPO / "tests" / "data" / "interviews" / "dev"
DEFAULT_HOTSEAT = REPO / ".venv" / "bin" / "hotseat"
DIMENSIONS = (
    "requirements",
    "estimation",
    "high_level_design",
    "deep_dive",
    "tradeoffs",
    "communication",
)

# --------------------------------------------------------------------------------------------
# (1) What counts as disputing a number. Built from the product's own follow-up phrasings
# (arithmetic, assumption and capacity follow-ups) plus the ways a human interviewer says it.
# Deliberately NOT matched: knowledge-base probes that build on a number ("Good, now look at
# that number. 30 TB is more than a single disk holds...") and design pushback ("that loses
# data"), which dispute no number.
# --------------------------------------------------------------------------------------------
DISPUTE = re.compile(
    r"too (?:high|low)\b|\bdoesn'?t (?:add up|line up)|\bdoes not (?:add up|line up)"
    r"|\bisn'?t right|\bis not right|\bnot quite right|\bthat'?s not (?:right|correct|what i get)"
    r"|\byou said\b[^.?!]*\bbut\b|\bredo\b|\boff by\b|\bfix that\b|\bcarry it through"
    r"|\d(?:\.\d+)?x,? not \d|, not (?:about )?[$\d]|\bnot [$\d][\d,.]*\s*(?:[kmgtpe]?b\b|[kmgt]bps|%|"
    r"per\b|a second|k\b|thousand|million|billion|trillion)"
    r"|\binputs moved|\bsame (?:slip|number as before)|\byou repeated that one"
    r"|\bearlier you assumed|\bwhich one holds|\b(?:check|push on) an assumption"
    r"|\bnot sure that holds|\bthat'?s optimistic|\bpush back on the capacity"
    r"|\bsanity check against|\bfrom the brief'?s numbers|\bwhich input are you using"
    r"|\bdeliberate change|\bbut the brief says|\bcheck on that number|\blet'?s look at that\b"
    r"|\bdouble-check (?:that|your|the)|\bre-?check (?:that|your|the)|\bcheck (?:that|your) "
    r"(?:math|arithmetic|number)|\bmixed up\b|\blooks like (?:bits|thousand|a factor|you)"
    r"|\b(?:that|it|this|the answer) should (?:be|come out (?:to|at)) (?:about |around |roughly )?[$\d]"
    r"|\bi get (?:about |around "
    r"|roughly )?[$\d]|\bare you sure\b|\bthat seems (?:high|low|off)|\bseems off\b",
    re.I,
)

# --------------------------------------------------------------------------------------------
# (4) Topics a candidate can settle, and how an interviewer line asks for each. A line counts as
# asking only in a sentence that is a question (ends with "?") or a request ("walk me through",
# "give me", "what's still missing is ..."). Keys are the vocabulary for "not_ask_again".
# --------------------------------------------------------------------------------------------
ASK_RATE = (
    r"(?:what do you get for|how many|what(?:'s| is| are)|give me|walk me through|estimate|size)"
)
RATE = (
    r"(?:per (?:second|sec)\b|a second\b|/s\b|\bqps\b|\brps\b|average load|the rate\b|requests per)"
)
PEAKISH = r"(?:\bpeak|\brush\b|black friday|evening|spike|\b\d+x\b)"
TOPICS: dict[str, str] = {
    "users": r"how many (?:users|people|players|listeners|customers|daily|monthly|active)"
    r"|how many [^?]*\bdaily active\b|\bdau\b",
    "average qps": rf"^(?!.*{PEAKISH}).*{ASK_RATE}[^?]*{RATE}|requests per second|average load",
    "peak qps": rf"{PEAKISH}[^?]*(?:{RATE}|what do you get|how many|how much|load|traffic)"
    rf"|{ASK_RATE}[^?]*{PEAKISH}|\bthe peak\b|\bpeak,",
    "write qps": r"(?:posts|writes|uploads|inserts) (?:per|a) second|write (?:rate|load|qps)",
    "storage": r"^(?!.*\b(?:cache|memory|ram)\b).*(?:how much (?:storage|disk|space)"
    r"|(?:new|total|raw) storage|storage (?:per|a|for|over) |(?<!\bto )storage\s*[?.]|and storage\b"
    r"|storage:|how much for (?:the )?[^?]*(?:years?|per day|a day|history|\blog\b|"
    r"archive|retention|text|metadata|records?|snapshots?|payloads? kept))",
    "cache size": r"how much (?:memory|ram)|\bmemory\b|cache size|size (?:of )?(?:the|your) cache"
    r"|how (?:big|large) (?:is|would|should|will) (?:the|your) (?:cache|table|trie|"
    r"filter|set)|how much for (?:the )?[^?]*(?:cache|in memory|table|sorted set|"
    r"filter|trie|multiplier)",
    "memory": r"how much (?:memory|ram)|\bmemory\b|how much for (?:the )?[^?]*(?:in memory|per node|"
    r"counters|state|table|sorted set|filter|trie)",
    "bandwidth": r"bandwidth|throughput|egress|ingress|\bingest\b|gbps|tbps|mb/s|gb/s"
    r"|(?:mega|giga|tera)(?:bytes|bits) (?:a|per) second",
    "server count": r"how many (?:servers|nodes|machines|workers|hosts|boxes|instances|shards|"
    r"partitions|gateways|cores|cache nodes)",
    "per node qps": r"per (?:node|server|machine|host)\b|each (?:node|server|machine)",
    "concurrent": r"how many concurren|concurrent (?:users|connections|streams|requests)"
    r"|at any (?:moment|instant|one time)|(?:streams|users|connections) at once",
    "high-level design": r"big boxes|main components|high-level design|sketch the|draw the|"
    r"walk me through one request|how does a request move|how data flows|"
    r"overall (?:design|architecture)",
    "sharding": r"shard(?:ing)? key|partition key|how (?:would|do|will) you (?:shard|partition)"
    r"|what is your shard|sharding strategy|partitioning",
    "monitoring": r"how would you (?:know|find out|notice|detect)|what would you (?:monitor|watch|"
    r"alert)|\bmonitor|\bdashboard|who tells you",
    "tradeoffs": r"trade-?offs?",
    "celebrity": r"celebrit|million followers|big accounts|huge follow",
    "eviction": r"evict",
    "algorithm": r"token bucket|sliding (?:log|window counter)|fixed window|which algorithm",
    "fail open": r"fail (?:open|closed)|redis (?:is )?(?:down|unreachable)|redis partition",
    "do you need redis": r"need redis|redis at all|own counter",
    "hot key": r"hot key|single key|one key\b|on a single|owns it",
    "latency": r"latency|milliseconds?\b.*\?|how fast",
    "redis off request path": r"avoid waiting on redis|request path avoid|waiting on redis",
    "ordering": r"same order|\bordering\b|order for everyone|in order",
    "politeness": r"politeness|polite|once a second|one site more than",
    "spider trap": r"spider|infinite|calendar",
    "dedupe": r"duplicate|dedup",
    "freshness": r"recrawl|how fresh|stale|how old|freshness",
    "thundering herd": r"thundering|miss at once|expires and",
    "ties": r"\bties?\b|\btied\b|same score|break the tie",
    "resize": r"\bresiz",
    "code generation": r"generate (?:the )?codes?|hashing the url|counter in base|pre-generated",
    "301 vs 302": r"\b30[12]\b",
    "cache miss storm": r"restarts empty|cache miss|cold cache|miss storm",
    "key space": r"key ?space|how (?:many characters|long should|short)|how many codes",
    "slow endpoint": r"hang(?:s|ing)?\b|slow endpoint|everyone else'?s",
    "signing": r"\bsign(?:ed|ing|ature)?\b|came from you|verify",
    "in flight": r"in flight|in-flight|concurrent requests|open connections",
    "order state": r"order'?s states|state machine|conflicting directions",
    "dispatch": r"nearest courier|batch orders|dispatch",
    "location updates": r"location updates|pings? (?:a|per) second|how many pings",
    "idempotency": r"charged once|idempot|double-click|charged twice|charge (?:them )?twice",
    "reconciliation": r"reconcil|settlement",
    "sliding window": r"sliding one-hour|tumbling|expire old|sliding window",
    "cardinality": r"cardinality|user id label|series count",
    "push vs pull": r"push or pull|pull or push",
    "downsampling": r"rollup|downsampl",
    "chunking": r"what do you upload|\bchunk|changes one line",
    "conflicts": r"conflict|two laptops|edit the same file",
    "resumable": r"loses wi-?fi|resum|fails at \d+%",
    "long tail": r"long tail|every edge|rarely (?:watched|played)",
    "transcode": r"transcod|worker dies|halfway through",
    "rebuild": r"\brebuild|comes back empty",
    "index": r"what would you index|\bindex(?:ing)?\b",
    "backpressure": r"backpressure|back-pressure|goes down for|buffer",
    "hold expiry": r"closes the tab|hold expir|seats come back",
    "status polls": r"polling|poll(?:s|ing)? every|status (?:requests|polls)",
    "fanout": r"fan-?out (?:writes|cost)|how many writes|timeline (?:writes|inserts)",
    "consistency": r"consisten|same (?:price|multiplier)|read-your-writes",
    "connections": r"how many connections|connections per|open sockets",
    "retry storage": r"retry (?:storage|payloads|backlog)|how much .*retr",
    "metadata size": r"metadata (?:size|storage)|how much metadata",
    "surge writes": r"recompute|writes (?:a|per) second .*(?:cell|multiplier)",
    "exactness": r"\bexact\b|approximat|count-min|sketch",
    "merge": r"\bmerg",
}
ASKING_START = re.compile(
    r"^(?:so,? |and |now,? |okay,? |ok,? |good,? |right,? )*(?:what|what's|how|which|where|why|"
    r"that leaves|now the|now,? (?:the |let's )|"
    r"walk me through|give me|tell me|size|estimate|let's size|can you|could you|would you|do you|"
    r"does|did you|is|are|should|when|who)\b",
    re.I,
)

# --------------------------------------------------------------------------------------------
# Meta requests, concessions: what a reply must (and must not) look like.
# --------------------------------------------------------------------------------------------
DEFLECT = re.compile(
    r"let'?s keep to the design|bring it back to the system|stay on the interview|"
    r"that'?s your call|didn'?t catch that|couldn'?t make that out",
    re.I,
)
WAIT_OK = re.compile(
    r"take your time|no rush|no problem|\bsure\b|of course|go ahead|take a "
    r"(?:moment|minute|second|sec)|whenever you'?re ready|i'?ll wait|go for it",
    re.I,
)
TIME_OK = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:more\s+)?minutes?\b|half an hour|\ban hour\b|"
    r"(?:forty|thirty|twenty|fifteen|ten|five)(?:[- ]\w+)?\s+(?:more\s+)?minutes",
    re.I,
)
FEEDBACK_OK = re.compile(
    r"so far|feedback|\bstrong\b|\bsolid\b|good job|well done|nice work|"
    r"you(?:'ve| have) (?:covered|done|got|been|nailed)|work on|improve|"
    r"missing|\bgaps?\b|strength|\bweak",
    re.I,
)
BOARD_OK = re.compile(
    r"\bboard\b|diagram|drawing|\bdrew\b|\bdrawn\b|\bsketch|i (?:can )?see|"
    r"i don'?t see|can'?t see|not seeing",
    re.I,
)
WRAP_OK = re.compile(
    r"\bwrap|thank|feedback|that'?s (?:it|time|the interview)|let'?s stop|final|"
    r"last question|before we (?:finish|end|close)|summar|good session|here'?s how",
    re.I,
)
WRAP_BAD = re.compile(r"big boxes|main components|sketch the high-level|draw the main", re.I)
CONCEDE_OK = re.compile(
    r"\bfair\b|\bagree|you'?re right|good point|that works|reasonable|"
    r"makes sense|\baccept|\bvalid\b|good call|\bsound\b|i'?ll take that|"
    r"\btrue\b|fine by me|that'?s fine|okay, so|noted",
    re.I,
)
META_ACTS = ("meta_repeat", "meta_wait", "meta_time", "meta_feedback", "meta_board", "wrap_up")

# --------------------------------------------------------------------------------------------
# Numbers in a reply, in SI, for "mentions the corrected value".
# --------------------------------------------------------------------------------------------
BYTE_UNITS = {
    "b": 1,
    "byte": 1,
    "bytes": 1,
    "kb": 1e3,
    "kilobyte": 1e3,
    "kilobytes": 1e3,
    "mb": 1e6,
    "megabyte": 1e6,
    "megabytes": 1e6,
    "gb": 1e9,
    "gigabyte": 1e9,
    "gigabytes": 1e9,
    "tb": 1e12,
    "terabyte": 1e12,
    "terabytes": 1e12,
    "pb": 1e15,
    "petabyte": 1e15,
    "petabytes": 1e15,
    "eb": 1e18,
    "exabyte": 1e18,
    "exabytes": 1e18,
    "kib": 1024,
    "mib": 2**20,
    "gib": 2**30,
    "tib": 2**40,
}
BIT_UNITS = {
    "bit": 1,
    "bits": 1,
    "bps": 1,
    "kbps": 1e3,
    "kb/s": 1e3,
    "kilobit": 1e3,
    "kilobits": 1e3,
    "mbps": 1e6,
    "megabit": 1e6,
    "megabits": 1e6,
    "gbps": 1e9,
    "gigabit": 1e9,
    "gigabits": 1e9,
    "tbps": 1e12,
    "terabit": 1e12,
    "terabits": 1e12,
}
SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
    "trillion": 1e12,
    "t": 1e12,
    "hundred": 1e2,
}
WORDS = {
    "zero": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "half": 0.5,
}
UNIT_RE = "|".join(
    sorted((re.escape(u) for u in list(BYTE_UNITS) + list(BIT_UNITS)), key=len, reverse=True)
)
NUM_RE = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?:(thousand|million|billion|trillion|bn|mn|k|m|t)\b\.?\s*)?"
    rf"(?:({UNIT_RE})(?![a-z]))?",
    re.I,
)
WORD_NUM_RE = re.compile(
    r"\b((?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|half|hundred)[\s-]+)+)(thousand|million|billion|trillion|k)\b\s*"
    rf"(?:({UNIT_RE})(?![a-z]))?",
    re.I,
)


def _word_value(words: str) -> float:
    total, cur = 0.0, 0.0
    for w in re.split(r"[\s-]+", words.strip().lower()):
        if not w:
            continue
        if w == "hundred":
            cur = (cur or 1) * 100
        elif w in WORDS:
            cur += WORDS[w]
    return total + cur


def quantities(text: str) -> list[tuple[float, str]]:
    """Every number in text as (value in SI, kind): kind is "bytes" (bits are divided by 8)
    or "plain"."""
    out: list[tuple[float, str]] = []
    for m in NUM_RE.finditer(text):
        value = float(m.group(1).replace(",", ""))
        scale, unit = m.group(2), m.group(3)
        if scale and not (len(scale) == 1 and scale in "mt"):  # "5 m" is not five million
            value *= SCALES.get(scale.lower(), 1)
        out.extend(_with_unit(value, unit))
    for m in WORD_NUM_RE.finditer(text):
        value = _word_value(m.group(1)) * SCALES[m.group(2).lower()]
        out.extend(_with_unit(value, m.group(3)))
    return out


def _with_unit(value: float, unit: str | None) -> list[tuple[float, str]]:
    if not unit:
        return [(value, "plain")]
    u = unit.lower()
    if unit in ("Mb", "Gb", "Tb", "Kb") and u not in ("mbps",):  # capitalised bits, e.g. "58 Gb"
        return [(value * BIT_UNITS[u[0] + "bps"] / 8, "bytes")]
    if u in BYTE_UNITS:
        return [(value * BYTE_UNITS[u], "bytes")]
    if u in BIT_UNITS:
        return [(value * BIT_UNITS[u] / 8, "bytes")]
    return [(value, "plain")]


def mentions_value(text: str, fix: float, unit: str, tolerance: float = 0.2) -> bool:
    kind = "bytes" if unit.startswith("B") else "plain"
    for value, k in quantities(text):
        if k == kind and fix and abs(value / fix - 1) <= tolerance:
            return True
    return False


# --------------------------------------------------------------------------------------------
def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.?!])\s+|\s+(?=[A-Z][a-z]+:)|(?<=:)\s+(?=[A-Z])", text.strip())
    return [p.strip() for p in parts if p and p.strip()]


def asking(sentence: str) -> bool:
    s = sentence.strip()
    return (
        s.endswith("?")
        or bool(ASKING_START.match(s))
        or bool(re.match(r"^what'?s still missing is", s, re.I))
    )


def asked_topics(text: str) -> set[str]:
    found = set()
    for s in sentences(text):
        if not asking(s):
            continue
        for topic, pattern in TOPICS.items():
            if re.search(pattern, s, re.I):
                found.add(topic)
    return found


def loose(s: str) -> str:
    """Lower-case words without articles: "You mentioned Cache." matches "you mentioned the cache"."""
    return (
        " "
        + " ".join(w for w in re.findall(r"[a-z0-9']+", s.lower()) if w not in ("the", "a", "an"))
        + " "
    )


def norm(s: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", s.lower()))


def run_script(script: dict, command: str, env: dict, timeout: float = 180) -> dict:
    lines = "\n".join(t["text"] for t in script["turns"]) + "\n"
    proc = subprocess.run(
        [command, "interview", "--scenario", script["scenario"], "--text", "--json"],
        input=lines,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError:
        return {"error": (proc.stderr or proc.stdout)[-500:], "turns": [], "scores": {}}


def pair(script: dict, result: dict) -> list[dict]:
    """[{line, reply, prev}] for each script line: reply is every interviewer turn after the
    candidate line up to the next candidate line (the session's closing turn after the last
    line is left out when the line got a reply of its own before it)."""
    turns = result.get("turns", [])
    cand_idx = [i for i, t in enumerate(turns) if t.get("speaker") == "candidate"]
    out = []
    prev_reply = (
        " ".join(t["text"] for t in turns[: cand_idx[0]] if t.get("speaker") == "interviewer")
        if cand_idx
        else ""
    )
    for n, line in enumerate(script["turns"]):
        if n >= len(cand_idx):
            out.append({"line": line, "reply": None, "prev": prev_reply})
            continue
        start = cand_idx[n] + 1
        end = cand_idx[n + 1] if n + 1 < len(cand_idx) else len(turns)
        replies = [t["text"] for t in turns[start:end] if t.get("speaker") == "interviewer"]
        if n + 1 >= len(cand_idx) and len(replies) >= 2:
            replies = replies[:-1]
        reply = " ".join(replies)
        out.append({"line": line, "reply": reply, "prev": prev_reply})
        prev_reply = reply
    return out


def evaluate(script: dict, result: dict) -> dict:
    pairs = pair(script, result)
    ev = {
        "id": script["id"],
        "persona": script["persona"],
        "scenario": script["scenario"],
        "false_accusations": [],
        "challenges": [],
        "clarify": [],
        "reasks": [],
        "must_not_say": [],
        "repeats": [],
        "scores": [],
        "meta": [],
        "concede": [],
        "unpaired": 0,
        "total": None,
        "error": result.get("error"),
    }
    settled: dict[str, int] = {}
    later_bans: list[tuple[int, str]] = []
    for n, p in enumerate(pairs):
        line, reply = p["line"], p["reply"]
        exp = line.get("expect", {})
        if reply is None:  # no interviewer turn came back for this line: judged as silence
            ev["unpaired"] += 1
            reply = ""
        where = {"line": n + 1, "text": line["text"], "reply": reply}
        disputes = DISPUTE.search(reply)
        if exp.get("no_challenge") and disputes:
            ev["false_accusations"].append(
                {**where, "matched": disputes.group(0), "acts": line.get("acts", [])}
            )
        if exp.get("challenge"):
            claim = next((c for c in line.get("claims", []) if c["said"] == exp["challenge"]), None)
            fix = claim.get("fix") if claim else None
            unit = claim.get("unit", "1/s") if claim else "1/s"
            fixed = bool(fix is not None and mentions_value(reply, fix, unit))
            ev["challenges"].append(
                {
                    **where,
                    "said": exp["challenge"],
                    "fix": fix,
                    "disputed": bool(disputes),
                    "mentions_fix": fixed,
                    "caught": bool(disputes) and fixed,
                }
            )
        if exp.get("answer_facts"):
            low = reply.lower()
            missing = [
                k
                for k in exp["answer_facts"]
                if not any(alt.lower() in low for alt in k.split("|"))
            ]
            ev["clarify"].append(
                {**where, "facts": exp["answer_facts"], "missing": missing, "answered": not missing}
            )
        # re-asks: this reply and every later one, for topics settled on earlier lines (a reply
        # counts once however many settled topics it asks for again)
        again = sorted(t for t in asked_topics(reply) if t in settled and settled[t] <= n)
        if again:
            ev["reasks"].append(
                {
                    **where,
                    "topic": ", ".join(again),
                    "settled_on_line": min(settled[t] for t in again) + 1,
                }
            )
        for topic in exp.get("not_ask_again", []):
            settled.setdefault(topic, n)
        low = loose(reply)
        for phrase in exp.get("must_not_say", []):
            if loose(phrase) in low:
                ev["must_not_say"].append({**where, "phrase": phrase})
        for start, phrase in later_bans:
            if start < n and loose(phrase) in low:
                ev["must_not_say"].append({**where, "phrase": phrase, "banned_on_line": start + 1})
        later_bans.extend((n, ph) for ph in exp.get("must_not_say_later", []))
        # meta requests and concessions
        acts = set(line.get("acts", []))
        move = exp.get("move")
        for act in acts & set(META_ACTS):
            ok, why = meta_ok(act, reply, p["prev"], exp)
            ev["meta"].append({**where, "act": act, "ok": ok, "why": why})
        if move == "concede":
            ok = not disputes and bool(CONCEDE_OK.search(reply)) and not DEFLECT.search(reply)
            ev["concede"].append({**where, "ok": ok})
    # (6) verbatim repeats of interviewer sentences longer than six words
    seen: dict[str, int] = {}
    turns = result.get("turns", [])
    skip_texts = {
        p["reply"]
        for p in pairs
        if p["reply"]
        and (
            "meta_repeat" in p["line"].get("acts", [])
            or p["line"].get("expect", {}).get("move") == "repeat"
        )
    }
    for t in turns:
        if t.get("speaker") != "interviewer":
            continue
        for s in sentences(t["text"]):
            key = norm(s)
            if len(key.split()) <= 6:
                continue
            if key in seen and not any(t["text"] in st for st in skip_texts):
                ev["repeats"].append({"sentence": s, "times": seen[key] + 1})
            seen[key] = seen.get(key, 0) + 1
    # (7) scores
    dims = result.get("scores", {}).get("dimensions", {})
    if dims:
        ev["total"] = sum(float(d.get("score", 0)) for d in dims.values())
        ev["dimension_scores"] = {k: d.get("score") for k, d in dims.items()}
    for dim, (lo, hi) in script.get("expect_scores", {}).items():
        got = dims.get(dim, {}).get("score")
        ev["scores"].append(
            {
                "dimension": dim,
                "range": [lo, hi],
                "got": got,
                "ok": got is not None and lo <= got <= hi,
            }
        )
    return ev


def meta_ok(act: str, reply: str, prev: str, exp: dict) -> tuple[bool, str]:
    if act == "meta_repeat":
        prev_s = [norm(s) for s in sentences(prev) if len(norm(s).split()) >= 5]
        r = norm(reply)
        if any(s in r for s in prev_s):
            return True, "repeated"
        facts = exp.get("answer_facts") or []
        if facts and all(any(a.lower() in reply.lower() for a in f.split("|")) for f in facts):
            return True, "restated the facts"
        return False, "did not repeat the previous question or answer"
    if act == "meta_wait":
        if WAIT_OK.search(reply) and "?" not in reply and not DEFLECT.search(reply):
            return True, "waited"
        return False, "did not simply give the candidate time"
    if act == "meta_time":
        if TIME_OK.search(reply) and not DEFLECT.search(reply):
            return True, "told the time"
        return False, "did not say how much time is left"
    if act == "meta_feedback":
        if FEEDBACK_OK.search(reply) and not DEFLECT.search(reply):
            return True, "gave feedback"
        return False, "no interim feedback"
    if act == "meta_board":
        if BOARD_OK.search(reply) and not DEFLECT.search(reply):
            return True, "addressed the board"
        return False, "ignored the board question"
    if act == "wrap_up":
        if WRAP_OK.search(reply) and not DEFLECT.search(reply) and not WRAP_BAD.search(reply):
            return True, "wrapped up"
        return False, "did not wrap up"
    return True, ""


def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100.0 * a / b:.0f}%)" if b else f"{a}/0 (n/a)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("set_dir", nargs="?", default=str(DEFAULT_SET))
    ap.add_argument("--max-false-accusations", type=int)
    ap.add_argument("--min-caught", type=float)
    ap.add_argument("--min-answered", type=float)
    ap.add_argument("--max-reasks", type=int)
    ap.add_argument("--max-repeats", type=int)
    ap.add_argument("--report", help="write every finding as JSON here")
    ap.add_argument("--save", help="keep each transcript as DIR/<id>.json")
    ap.add_argument("--from-saved", help="score transcripts in DIR instead of running Hotseat")
    ap.add_argument("-v", "--verbose", action="store_true", help="details on stderr")
    args = ap.parse_args()

    set_dir = Path(args.set_dir)
    if not set_dir.is_dir() and (HERE / args.set_dir).is_dir():
        set_dir = HERE / args.set_dir
    scripts = [json.loads(p.read_text()) for p in sorted(set_dir.glob("*.json"))]
    command = os.environ.get(
        "HOTSEAT", str(DEFAULT_HOTSEAT) if DEFAULT_HOTSEAT.exists() else "hotseat"
    )
    env = dict(os.environ)
    env["HF_HUB_OFFLINE"] = "1"
    if os.sep in command:
        env["PATH"] = str(Path(command).resolve().parent) + os.pathsep + env.get("PATH", "")
    else:
        found = shutil.which(command)
        if found:
            env["PATH"] = str(Path(found).parent) + os.pathsep + env.get("PATH", "")
    home = Path(tempfile.mkdtemp(prefix="hotseat-listening-"))
    env["HOTSEAT_HOME"] = str(home)
    save = Path(args.save) if args.save else None
    if save:
        save.mkdir(parents=True, exist_ok=True)
    evs = []
    try:
        for script in scripts:
            if args.from_saved:
                result = json.loads((Path(args.from_saved) / f"{script['id']}.json").read_text())
            else:
                try:
                    result = run_script(script, command, env)
                except Exception as exc:  # noqa: BLE001 - one broken run must not stop the set
                    result = {"error": repr(exc), "turns": [], "scores": {}}
            if save:
                (save / f"{script['id']}.json").write_text(json.dumps(result, indent=1))
            evs.append(evaluate(script, result))
    finally:
        shutil.rmtree(home, ignore_errors=True)

    no_ch = sum(1 for s in scripts for t in s["turns"] if t.get("expect", {}).get("no_challenge"))
    fa = sum(len(e["false_accusations"]) for e in evs)
    fa_sc = sum(
        1
        for e in evs
        for f in e["false_accusations"]
        if {"self_correction", "thinking"} & set(f["acts"])
    )
    ch = [c for e in evs for c in e["challenges"]]
    caught = sum(c["caught"] for c in ch)
    disputed = sum(c["disputed"] for c in ch)
    cl = [c for e in evs for c in e["clarify"]]
    answered = sum(c["answered"] for c in cl)
    reasks = sum(len(e["reasks"]) for e in evs)
    mns = sum(len(e["must_not_say"]) for e in evs)
    reps = sum(len(e["repeats"]) for e in evs)
    sc = [s for e in evs for s in e["scores"]]
    sc_ok = sum(s["ok"] for s in sc)
    meta = [m for e in evs for m in e["meta"]]
    meta_ok_n = sum(m["ok"] for m in meta)
    con = [c for e in evs for c in e["concede"]]
    con_ok = sum(c["ok"] for c in con)
    errors = sum(1 for e in evs if e["error"])
    unpaired = sum(e["unpaired"] for e in evs)

    def mean_total(persona: str) -> float | None:
        vals = [e["total"] for e in evs if e["persona"] == persona and e["total"] is not None]
        return sum(vals) / len(vals) if vals else None

    means = {p: mean_total(p) for p in ("strong", "mid", "weak")}
    order_ok = None not in means.values() and means["strong"] > means["mid"] > means["weak"]
    order = (
        ("ok" if order_ok else "FAIL")
        + "("
        + " > ".join(f"{p} {'-' if v is None else f'{v:.1f}'}" for p, v in means.items())
        + ")"
    )

    fails = []
    if args.max_false_accusations is not None and fa > args.max_false_accusations:
        fails.append(f"false_accusations>{args.max_false_accusations}")
    for flag, got, total in (("min_caught", caught, len(ch)), ("min_answered", answered, len(cl))):
        want = getattr(args, flag)
        if want is not None:
            want = want / 100 if want > 1 else want
            if total and got / total < want:
                fails.append(f"{flag.split('_')[1]}<{want:.0%}")
    if args.max_reasks is not None and reasks > args.max_reasks:
        fails.append(f"reasks>{args.max_reasks}")
    if args.max_repeats is not None and reps > args.max_repeats:
        fails.append(f"repeats>{args.max_repeats}")
    if errors or unpaired:
        fails.append(f"errors={errors},unpaired={unpaired}")
    verdict = ""
    if any(
        getattr(args, f) is not None
        for f in (
            "max_false_accusations",
            "min_caught",
            "min_answered",
            "max_reasks",
            "max_repeats",
        )
    ):
        verdict = " thresholds=" + ("PASS" if not fails else "FAIL[" + ",".join(fails) + "]")

    lines = sum(len(s["turns"]) for s in scripts)
    print(
        f"set={set_dir.name} scripts={len(scripts)} lines={lines} "
        f"false_accusations={fa}/{no_ch} (self-corr/thinking {fa_sc}) "
        f"caught={pct(caught, len(ch))} disputed={pct(disputed, len(ch))} "
        f"answered={pct(answered, len(cl))} reasks={reasks} must_not_say={mns} repeats={reps} "
        f"scores_in_range={pct(sc_ok, len(sc))} order={order} "
        f"meta_handled={pct(meta_ok_n, len(meta))} pushback_conceded={pct(con_ok, len(con))}"
        + (f" errors={errors}" if errors else "")
        + (f" unpaired={unpaired}" if unpaired else "")
        + verdict
    )

    if args.report:
        Path(args.report).write_text(json.dumps(evs, indent=1))
    if args.verbose:
        for e in evs:
            print(
                f"\n== {e['id']} ({e['persona']}, {e['scenario']}) total={e['total']} "
                f"{e.get('dimension_scores')}",
                file=sys.stderr,
            )
            if e["error"]:
                print(f"  ERROR {e['error']}", file=sys.stderr)
            for f in e["false_accusations"]:
                print(
                    f"  FALSE ACCUSATION L{f['line']} [{f['matched']}] {f['text']!r}\n"
                    f"      -> {f['reply']!r}",
                    file=sys.stderr,
                )
            for c in e["challenges"]:
                if not c["caught"]:
                    print(
                        f"  MISSED SLIP L{c['line']} {c['said']!r} fix={c['fix']} "
                        f"disputed={c['disputed']} fix_mentioned={c['mentions_fix']}\n"
                        f"      -> {c['reply']!r}",
                        file=sys.stderr,
                    )
            for c in e["clarify"]:
                if not c["answered"]:
                    print(
                        f"  UNANSWERED L{c['line']} missing={c['missing']} {c['text']!r}\n"
                        f"      -> {c['reply']!r}",
                        file=sys.stderr,
                    )
            for r in e["reasks"]:
                print(
                    f"  RE-ASK L{r['line']} topic={r['topic']} (settled L{r['settled_on_line']})"
                    f"\n      -> {r['reply']!r}",
                    file=sys.stderr,
                )
            for m in e["must_not_say"]:
                print(
                    f"  MUST-NOT-SAY L{m['line']} {m['phrase']!r}\n      -> {m['reply']!r}",
                    file=sys.stderr,
                )
            for r in e["repeats"]:
                print(f"  REPEAT x{r['times']} {r['sentence']!r}", file=sys.stderr)
            for s in e["scores"]:
                if not s["ok"]:
                    print(
                        f"  SCORE {s['dimension']}={s['got']} outside {s['range']}", file=sys.stderr
                    )
            for m in e["meta"]:
                if not m["ok"]:
                    print(
                        f"  META L{m['line']} {m['act']}: {m['why']} {m['text']!r}\n"
                        f"      -> {m['reply']!r}",
                        file=sys.stderr,
                    )
            for c in e["concede"]:
                if not c["ok"]:
                    print(
                        f"  PUSHBACK L{c['line']} {c['text']!r}\n      -> {c['reply']!r}",
                        file=sys.stderr,
                    )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as exc:  # noqa: BLE001 - the caller applies thresholds; never fail here
        print(f"run.py: error: {exc!r}")
        sys.exit(0)
