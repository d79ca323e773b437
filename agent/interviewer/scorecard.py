"""Wrap-up scores: six dimensions, each 1–10 with the quoted evidence behind it, the whiteboard's
component table, and the three things to practise next.

Scores are computed from what the session recorded (turns, claim verdicts, answers to
follow-ups, board findings, the clock), never from an LLM, so the same session always scores
the same. Every score comes with at least one piece of evidence: a quote, a claim or a finding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from agent.interviewer.checked_claim import ClaimRecord
from agent.interviewer.counters import Counters
from agent.interviewer.followup_log import ARITHMETIC
from agent.interviewer.frozen import Frozen
from agent.interviewer.reference_check import Reference
from agent.interviewer.turn_log import Turn
from scenarios import RUBRIC_DIMENSIONS, Scenario

DIMENSIONS: tuple[str, ...] = RUBRIC_DIMENSIONS
TITLES = {
    "requirements": "Requirements",
    "estimation": "Estimation",
    "high_level_design": "High-level design",
    "deep_dive": "Deep dive",
    "tradeoffs": "Trade-offs and failure modes",
    "communication": "Communication and time",
}
TIPS = {
    "requirements": "Open with three or four clarifying questions (scope, scale, guarantees) "
    "and say your assumptions out loud",
    "estimation": "Drill back-of-the-envelope maths: derive average and peak load, storage and "
    "bandwidth, and re-check each multiplication before building on it",
    "high_level_design": "Draw every critical box and wire it up before going deep",
    "deep_dive": "Take one component end to end: data model, partitioning, replication, what "
    "happens at peak",
    "tradeoffs": "Name the trade-off in each decision: CAP per operation, what fails when a link "
    "goes down, TTLs, and how you would monitor it",
    "communication": "Keep talking through your reasoning and keep an eye on the clock",
}
TRADEOFF_TERMS = (
    "trade-off",
    "tradeoff",
    "trade off",
    "instead of",
    "versus",
    " vs",
    "at the cost",
    "consisten",
    "availab",
    "eventual",
    "stale",
    "partition",
    "fail open",
    "fail closed",
    "retry",
    "backoff",
    "dead letter",
    "ttl",
    "replica",
    "failover",
    "idempoten",
    "dedup",
    "monitor",
    "alert",
    "circuit breaker",
    "degrad",
    " ap ",
    " cp ",
)


@dataclass(frozen=True)
class Evidence(Frozen):
    """One quoted reason behind a score."""

    kind: str
    """utterance, claim, finding, component, note or kb (a knowledge-base entry raised)."""
    quote: str
    note: str = ""

    @property
    def text(self) -> str:
        """One line: `claim: "peak is 3x, so 60,000" — incorrect: 3x of 12,000 is 36,000…`."""
        if not self.kind:
            return self.quote
        quoted = f'"{self.quote}"' if self.kind in ("utterance", "claim", "finding") else self.quote
        return f"{self.kind}: {quoted}" + (f" — {self.note}" if self.note else "")


@dataclass(frozen=True)
class DimensionScore(Frozen):
    score: int
    """1–10."""
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "evidence": [e.text for e in self.evidence]}


@dataclass(frozen=True)
class Scores:
    """The wrap-up: `to_dict` is the `scores` object of `hotseat interview --json`."""

    dimensions: dict[str, DimensionScore]
    components: list[dict[str, Any]] = field(default_factory=list)
    practise: list[str] = field(default_factory=list)
    references: list[dict[str, Any]] = field(default_factory=list)
    """Knowledge-base entries the interview raised: {"id", "name", "kind", "why", "dimension"}."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "dimensions": {name: d.to_dict() for name, d in self.dimensions.items()},
            "components": list(self.components),
            "practise": list(self.practise),
            "references": [dict(r) for r in self.references],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scores:
        dims = {
            name: DimensionScore(
                int(d["score"]), tuple(Evidence("", str(e)) for e in d.get("evidence", ()))
            )
            for name, d in data.get("dimensions", {}).items()
        }
        return cls(
            dims,
            list(data.get("components", [])),
            list(data.get("practise", [])),
            [dict(r) for r in data.get("references", [])],
        )


def _clamp(value: float) -> int:
    return max(1, min(10, round(value)))


def _said(turns: Sequence[Turn]) -> list[Turn]:
    return [t for t in turns if t.by_candidate and t.text.strip()]


def _q(text: str, limit: int = 140) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def score(
    state: dict[str, Any],
    scenario: Scenario,
    references: Sequence[Reference] = (),
    component_rows: list[dict[str, Any]] | None = None,
) -> Scores:
    """Score a finished (or interrupted) session from its state."""
    said = _said(state.get("turns", []))
    dims = {
        "requirements": _requirements(state, said),
        "estimation": _estimation(state, references),
        "high_level_design": _design(state, scenario, said, component_rows or []),
        "deep_dive": _deep_dive(state, said, component_rows or [], scenario),
        "tradeoffs": _tradeoffs(state, said, scenario),
        "communication": _communication(state, said),
    }
    refs = references_of(state)
    for ref in refs:
        dim = dims[ref["dimension"]]
        cited = Evidence("kb", f"{ref['name']} [{ref['id']}]", ref["why"])
        dims[ref["dimension"]] = DimensionScore(dim.score, (*dim.evidence, cited))
    return Scores(dims, component_rows or [], practise(dims, state, scenario, refs), refs)


DIMENSION_OF_KIND = {"threshold": "estimation", "anti-pattern": "tradeoffs", "pattern": "deep_dive"}
"""Which dimension a cited knowledge-base entry is practice for."""


def references_of(state: dict[str, Any]) -> list[dict[str, Any]]:
    """The knowledge-base entries the follow-ups cited, once each, with why they came up and
    whether the candidate's answer covered the point."""
    answered = {a.key: a for a in state.get("answers", [])}
    out: dict[str, dict[str, Any]] = {}
    for asked in state.get("asked", []):
        kb = asked.kb
        if not kb or kb.get("id") in out:
            continue
        why = str(kb.get("why", ""))
        answer = answered.get(asked.key)
        if answer is not None and answer.heard:
            why += "; your answer covered " + ", ".join(answer.heard[:3])
        out[kb["id"]] = {
            "id": kb["id"],
            "name": kb.get("name", kb["id"]),
            "kind": kb.get("kind", ""),
            "why": why,
            "question": asked.text,
            "dimension": DIMENSION_OF_KIND.get(kb.get("kind", ""), "tradeoffs"),
        }
    return list(out.values())


def study_line(entry_id: str) -> str:
    """The command that shows an entry after the session."""
    return f"Study next: hotseat kb show {entry_id}"


def _requirements(state: dict[str, Any], said: list[Turn]) -> DimensionScore:
    questions = [t for t in said if t.kind == "clarifying_question"]
    topics = set(state.get("topics", []))
    stated = [a for a in state.get("assumptions", []) if a.kind != "convention"]
    value = 1 + min(5.0, 1.25 * len(topics)) + min(2.0, 0.5 * len(questions))
    value += 1 if stated else 0
    evidence = [Evidence("utterance", _q(t.text), "clarifying question") for t in questions[:3]]
    if topics:
        evidence.append(Evidence("note", ", ".join(sorted(topics)), "topics clarified"))
    if not questions:
        value = min(value, 3)
        evidence.append(Evidence("note", "no clarifying questions", "went straight to the design"))
    return DimensionScore(_clamp(value), tuple(evidence))


def _estimation(state: dict[str, Any], refs: Sequence[Reference]) -> DimensionScore:
    """From verified claims only: a result the engine confirmed helps, one it calls incorrect
    (and the candidate did not fix) hurts, an unchecked one neither helps nor hurts."""
    claims: list[ClaimRecord] = list(state.get("claims", []))
    correct = [c for c in claims if c.counts_as_right]
    wrong = {c.text: c for c in claims if c.is_slip}
    fixed_later = _fixed(claims, list(wrong.values()))
    covered = set()
    for claim in correct:
        stated = claim.stated.value
        for ref in refs:
            if stated and abs(stated - ref.value.value) <= 0.15 * abs(ref.value.value):
                covered.add(ref.name)
    if not claims and not state.get("assumptions"):
        return DimensionScore(1, (Evidence("note", "no estimates", "no numbers were given"),))
    checked = len(correct) + len(wrong)
    value = 3 + min(4.0, 0.8 * len(correct)) + min(3.0, 1.0 * len(covered))
    value -= min(6.0, 2.0 * (len(wrong) - len(fixed_later)) + 1.0 * len(fixed_later))
    evidence = [
        Evidence("claim", _q(c.text), f"{c.verdict}: {c.explanation}")
        for c in [*wrong.values(), *correct][:5]
    ]
    if covered:
        evidence.append(Evidence("note", ", ".join(sorted(covered)), "reference estimates reached"))
    if fixed_later:
        evidence.append(Evidence("note", str(len(fixed_later)), "slips fixed after the challenge"))
    if not checked:
        value = min(value, 4)
        evidence.append(Evidence("note", "nothing verifiable", "no stated result could be checked"))
    return DimensionScore(_clamp(value), tuple(evidence))


def _fixed(claims: list[ClaimRecord], wrong: list[ClaimRecord]) -> list[ClaimRecord]:
    """Wrong claims whose right value the candidate stated later (they cost half a slip)."""
    out = []
    for slip in wrong:
        right = slip.computed.value if slip.computed is not None else 0.0
        if not right:
            continue
        # a fix said later in the same turn ("... no wait, 2.5 GB") counts as well
        later = [c for c in claims if (c.turn, c.start) > (slip.turn, slip.end)]
        if any(abs(c.stated.value - right) <= 0.15 * abs(right) for c in later):
            out.append(slip)
    return out


def _acts(turn: Turn) -> set[str]:
    return set(turn.reading.acts if turn.reading else ()) | {turn.kind}


def _design(
    state: dict[str, Any], scenario: Scenario, said: list[Turn], rows: list[dict]
) -> DimensionScore:
    """Critical components drawn (full credit) or described aloud (most of it: a design
    described in full without a board is a design), the design turns, and a walk-through."""
    critical = [c.label for c in scenario.critical_components()]
    drawn = {r.get("expected") for r in rows if r.get("status") == "drawn" and r.get("expected")}
    mentioned = set(state.get("mentioned", []))
    got = sum(1.0 if c in drawn else 0.8 if c in mentioned else 0.0 for c in critical)
    coverage = got / len(critical) if critical else 0.5
    design_turns = [t for t in said if {"design", "probe_answer"} & _acts(t)]
    walked = _settled(state, "high-level design")
    value = 1 + 6 * coverage + min(2.0, 0.4 * len(design_turns)) + (1.0 if walked else 0.0)
    value += 1 if len(drawn) >= 3 else 0
    evidence = [Evidence("component", label, "drawn") for label in sorted(drawn)[:4]]
    described = sorted(c for c in critical if c in mentioned and c not in drawn)
    if described:
        note = "described" + (
            "" if drawn else " (no board: a board would add component-level feedback)"
        )
        evidence.append(Evidence("note", ", ".join(described[:6]), note))
    evidence += [Evidence("utterance", _q(t.text), "design") for t in design_turns[:2]]
    missing = [c for c in critical if c not in drawn and c not in mentioned]
    if missing:
        evidence.append(Evidence("note", ", ".join(missing), "critical components not covered"))
    return DimensionScore(_clamp(value), tuple(evidence))


def _settled(state: dict[str, Any], topic: str) -> bool:
    dialogue = state.get("dialogue")
    return bool(dialogue is not None and topic in getattr(dialogue, "settled", {}))


def probes_covered(state: dict[str, Any], scenario: Scenario, said: list[Turn]) -> list[str]:
    """Scenario probes whose point the candidate made, asked or not (most of what each listens
    for, said in one turn)."""
    from agent.interviewer.followup_log import heard

    out = []
    for probe in scenario.probes:
        points = list(probe.listen_for)
        if not points:
            continue
        need = max(1, (len(points) + 1) // 2)
        if any(len(heard(t.text, points)) >= need for t in said):
            out.append(probe.id)
    return out


def _deep_dive(
    state: dict[str, Any], said: list[Turn], rows: list[dict], scenario: Scenario
) -> DimensionScore:
    answers = state.get("answers", [])
    good = [a for a in answers if a.heard]
    covered = probes_covered(state, scenario, said)
    deep = [t for t in said if {"design", "probe_answer"} & _acts(t) and len(t.text.split()) >= 18]
    drawn_scores = [r["score"] for r in rows if r.get("status") == "drawn"]
    value = 2 + min(4.0, 1.0 * len(covered) + 0.5 * len(good)) + min(3.0, 0.5 * len(deep))
    if drawn_scores:
        value += (sum(drawn_scores) / len(drawn_scores) - 5) / 2
    evidence = [
        Evidence("utterance", _q(a.text), "covered " + ", ".join(a.heard[:3])) for a in good[:3]
    ]
    if covered:
        evidence.append(Evidence("note", ", ".join(covered[:5]), "probe points made"))
    evidence += [Evidence("utterance", _q(t.text), "detailed design") for t in deep[:2]]
    if not evidence:
        evidence.append(Evidence("note", "no follow-ups answered", "the deep dive was not reached"))
    return DimensionScore(_clamp(value), tuple(evidence))


WEIGHED = re.compile(
    r"\b(?:but|though|although|whereas|while)\b[^.;]{0,80}?\b(?:los(?:e|es|ing)|costs?|slower|"
    r"faster|cheaper|pricier|expensive|harder|simpler|riskier|stale|latency|complexity|wins?)\b"
    r"|\b(?:the )?(?:downside|catch|price|cost) (?:is|being)\b|\bat the expense of\b"
    r"|\bin exchange for\b|\b\w+ wins, not \w+",
    re.I,
)
"""Two sides of a choice weighed in one breath ("acks=1 would be faster but could lose the
tail", "storage wins, not throughput"): a trade-off argued, whatever words name it."""


def _tradeoffs(state: dict[str, Any], said: list[Turn], scenario: Scenario) -> DimensionScore:
    hits: dict[str, str] = {}
    for turn in said:
        lowered = f" {turn.text.lower()} "
        for term in TRADEOFF_TERMS:
            if term in lowered and term not in hits:
                hits[term] = turn.text
    reasons = [
        t
        for t in said
        if re.search(
            r"\b(?:because|since|so that|which is why|rather than|instead of|at the cost)\b",
            t.text,
            re.I,
        )
        or WEIGHED.search(t.text)
    ]
    answered = [a for a in state.get("answers", []) if a.kind == "probe" and a.heard]
    # the scenario's own trade-offs and failure modes argued, asked about or not
    covered = set(probes_covered(state, scenario, said))
    argued = {a.key for a in answered} | {
        p.id for p in scenario.probes if p.id in covered and p.kind != "scaling"
    }
    pushback = [t for t in said if "pushback" in _acts(t)]
    open_findings = [
        f
        for f in state.get("board_findings", [])
        if f.severity == "high" and f.key not in {a.key for a in state.get("answers", [])}
    ]
    named = [t for t in said if re.search(r"\btrade-?offs?\b|\bat the cost of\b", t.text, re.I)]
    value = 2 + min(3.0, 0.5 * len(hits)) + min(2.0, 0.5 * len(reasons))
    value += 1.5 if named else 0.0  # a trade-off named as such, with both sides
    value += min(2.0, 1.0 * len(argued)) + min(1.0, 1.0 * len(pushback))
    value -= min(3.0, 1.0 * len(open_findings))
    quotes = list(dict.fromkeys(hits.values()))[:3]
    evidence = [Evidence("utterance", _q(q), "names a trade-off or failure mode") for q in quotes]
    evidence += [Evidence("utterance", _q(t.text), "named the trade-off") for t in named[:1]]
    evidence += [Evidence("utterance", _q(t.text), "argued a position") for t in pushback[:1]]
    evidence += [
        Evidence("finding", f.question, f"{f.code} left unanswered") for f in open_findings[:2]
    ]
    if not evidence:
        evidence.append(Evidence("note", "no trade-offs named", "no CAP, failure or cost talk"))
    return DimensionScore(_clamp(value), tuple(evidence))


SIGNPOSTS = re.compile(
    r"^\s*(?:(?:so|ok(?:ay)?|right|alright)[,.]?\s+)?(?:first|next|then|now|finally|to start|"
    r"let me|i'?ll start|for (?:the )?\w+|on \w+)\b|^\s*[\w -]{3,25}:\s",
    re.I,
)
CHECK_IN = re.compile(
    r"\b(?:does that make sense|should i|do you want me|want me to|happy to|shall i|is that ok|"
    r"if you are|if you'?d like|any concerns)\b",
    re.I,
)


def _communication(state: dict[str, Any], said: list[Turn]) -> DimensionScore:
    """From real signals: signposting, answering what was asked, concision, checking in, and
    the turns that said nothing useful — not from how many words were said."""
    counters = state.get("counters") or Counters()
    if not said:
        return DimensionScore(1, (Evidence("note", "no answers", "the candidate said nothing"),))
    words = [len(t.text.split()) for t in said]
    average = sum(words) / len(words)
    signposted = [t for t in said if SIGNPOSTS.search(t.text)]
    checked_in = [t for t in said if CHECK_IN.search(t.text)]
    asked = [a for a in state.get("asked", []) if a.kind != ARITHMETIC]
    answered = {a.key for a in state.get("answers", []) if a.heard}
    answer_rate = len([a for a in asked if a.key in answered]) / len(asked) if asked else 0.5
    rambling = [w for w in words if w > 90]
    value = 4.0
    value += min(2.0, 2.0 * len(signposted) / len(said) + 0.5)
    value += 1.5 * answer_rate
    value += 1.0 if 8 <= average <= 70 and not rambling else 0.0
    value += 0.5 if checked_in else 0.0
    value += 1.0 if state.get("assumptions") else 0.0
    value -= 0.5 * counters.get("silence", 0) + 0.5 * counters.get("gibberish", 0)
    value -= 1.0 * counters.get("off_topic", 0) + 0.5 * counters.get("repeat", 0)
    value -= 1.0 * counters.get("overruns", 0)
    evidence = [
        Evidence("note", f"{len(signposted)} of {len(said)} answers signposted", "structure"),
        Evidence("note", f"{answer_rate:.0%} of follow-ups answered with the key points", "focus"),
    ]
    if checked_in:
        evidence.append(Evidence("utterance", _q(checked_in[0].text), "checked in"))
    if rambling:
        evidence.append(Evidence("note", str(len(rambling)), "answers over 90 words"))
    for name, note in (
        ("silence", "silent turns"),
        ("gibberish", "unclear turns"),
        ("off_topic", "off-topic turns"),
        ("repeat", "repeated turns"),
        ("overruns", "phases the clock had to end"),
    ):
        if counters.get(name):
            evidence.append(Evidence("note", str(counters.get(name)), note))
    return DimensionScore(_clamp(value), tuple(evidence))


def practise(
    dims: dict[str, DimensionScore],
    state: dict[str, Any],
    scenario: Scenario,
    refs: Sequence[dict[str, Any]] = (),
) -> list[str]:
    """The three weakest dimensions, each with what to practise and a hint from the rubric; the
    knowledge-base entries the interview raised are named with the command to study them (on
    their dimension's item, or on the weakest one)."""
    order = sorted(DIMENSIONS, key=lambda d: (dims[d].score, DIMENSIONS.index(d)))[:3]
    study: dict[str, list[str]] = {name: [] for name in order}
    for ref in refs:
        home = ref.get("dimension") if ref.get("dimension") in study else order[0]
        study[home].append(ref["id"])
    return [
        _sentence(item) + "".join(f" {study_line(entry_id)}." for entry_id in study[name])
        for name, item in zip(order, _tips(order, dims, state, scenario), strict=True)
    ]


def _sentence(text: str) -> str:
    return text if not text or text.endswith((".", "?", "!")) else text + "."


def _tips(
    order: list[str], dims: dict[str, DimensionScore], state: dict[str, Any], scenario: Scenario
) -> list[str]:
    out = []
    for name in order:
        hint = scenario.rubric.get(name, ("",))[0]
        tip = f"{TITLES[name]} ({dims[name].score}/10): {TIPS[name]}"
        if name == "estimation":
            wrong = [c for c in state.get("claims", []) if c.verdict == "incorrect"]
            if wrong:
                tip += f" — e.g. {wrong[0].explanation}"
                out.append(tip)
                continue
        out.append(f"{tip}. For this scenario: {hint}" if hint else tip + ".")
    return out
