"""Recording a candidate turn: `listen` stores it, checks its numbers and classifies it (the
interviewer graph's `listen` node reads it further, `agent.interviewer.nodes`)."""

from __future__ import annotations

import logging
import re
from typing import Any

from langgraph.runtime import Runtime

from agent.interviewer.acks import TOPICS as COVERED_BY
from agent.interviewer.checked_claim import INCORRECT, Amount, ClaimRecord
from agent.interviewer.context import Deps
from agent.interviewer.counters import Counters
from agent.interviewer.estimate_log import AssumptionRecord, EstimateFinding
from agent.interviewer.followup_log import FollowUpAnswer, heard
from agent.interviewer.followups import is_correction
from agent.interviewer.kb_followups import speech_hits
from agent.interviewer.reference_check import confirms
from agent.interviewer.state import InterviewState, candidate_turns
from agent.interviewer.turn_kinds import (
    DESIGN,
    ESTIMATE,
    GIBBERISH,
    MOVE_ON,
    OFF_TOPIC,
    PROBE_ANSWER,
    SILENCE,
    SMALL_TALK,
    classify,
)
from agent.interviewer.turn_log import CANDIDATE, Turn
from estimation import CheckReport
from scenarios import Scenario

_LOG = logging.getLogger("hotseat.interviewer")
MAX_UTTERANCE = 4000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]+")


def clean(text: Any) -> str:
    """An utterance as stored: a string, no control characters, bounded length."""
    text = text if isinstance(text, str) else ("" if text is None else str(text))
    return _CONTROL.sub(" ", text).strip()[:MAX_UTTERANCE]


MONITORING_WORDS = COVERED_BY["NO_MONITORING"][1]
"""Monitoring is named by what it does too ("alert on p99", "dashboards"): the words the
interviewer's "that covers monitoring" hears, so the report agrees with the interview."""


def mentions(scenario: Scenario, text: str, known: list[str]) -> list[str]:
    """Expected components named aloud for the first time (their scenario labels)."""
    lowered = text.lower()
    out = []
    for component in scenario.components:
        if component.label in known or component.label in out:
            continue
        if any(re.search(rf"\b{re.escape(name)}\b", lowered) for name in component.names()) or (
            component.kind == "monitoring" and re.search(rf"\b(?:{MONITORING_WORDS})", lowered)
        ):
            out.append(component.label)
    return out


# -- nodes -------------------------------------------------------------------------------------


def listen(state: InterviewState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Record the candidate's turn, check its numbers, classify it."""
    deps = runtime.context
    text = clean(state.get("utterance"))
    now = float(state.get("now", 0.0))
    answerable = any(fact.matches(text) for fact in deps.scenario.facts)
    index = len(candidate_turns(state))
    report = _check(deps, text)
    last = state.get("last_question")
    reading = classify(
        text,
        previous=[t.text for t in candidate_turns(state)],
        awaiting_answer=bool(last),
        estimates=len(report.claims) + len(report.assumptions),
        vocabulary=deps.scenario.vocabulary,
        answerable=answerable,
        question_words=re.findall(r"[a-z]{4,}", (last.text if last else "").lower()),
    )
    kind = reading.kind
    kb_speech = speech_hits(text, [t.text for t in candidate_turns(state)])
    if kind == OFF_TOPIC and kb_speech:
        kind = DESIGN  # "event sourcing for the ledger" is design talk in any scenario
    if kind == OFF_TOPIC and deps.llm is not None:
        relabel = deps.llm.classify(text, state["phase"], last.text if last else "")
        if relabel is not None:
            kind = DESIGN if relabel == PROBE_ANSWER and not last else relabel
    out: dict[str, Any] = {"kind": kind, "answers": [], "topics": []}
    names = (SILENCE, GIBBERISH, OFF_TOPIC, SMALL_TALK)
    counters = (state.get("counters") or Counters()).bump(*([kind] if kind in names else []))
    if reading.repeat and kind not in (MOVE_ON, SMALL_TALK, SILENCE, GIBBERISH):
        counters = counters.bump("repeat")
    out["counters"] = counters
    if last and kind in (PROBE_ANSWER, DESIGN, ESTIMATE):
        out["answers"] = [
            FollowUpAnswer(last.key, last.kind, text, tuple(heard(text, list(last.listen_for))))
        ]
    out["mentioned"] = mentions(deps.scenario, text, state.get("mentioned", []))
    turn = Turn(CANDIDATE, text, now, kind, state["phase"])
    out["turns"] = [turn]
    fixes = _fixes(state)
    out["claims"] = [
        ClaimRecord.from_check(
            c,
            index,
            correction=c.verdict == INCORRECT and is_correction(Amount.of(c.stated), fixes),
            brief_agrees=c.verdict == INCORRECT and confirms(text, c.stated, deps.references),
        )
        for c in report.claims
    ]
    out["assumptions"] = [AssumptionRecord.of(a, index) for a in report.assumptions]
    out["estimate_findings"] = [EstimateFinding.of(f, index) for f in report.findings]
    return out


def _check(deps: Deps, text: str) -> CheckReport:
    """The estimation engine's verdicts on this turn; its failure costs the turn's checks, not
    the interview."""
    if not text:
        return CheckReport()
    try:
        return deps.estimator.add(text)
    except Exception:
        _LOG.exception("estimation failed on %r", text[:80])
        return CheckReport()


def _fixes(state: InterviewState | dict[str, Any]) -> list[Amount]:
    """What earlier wrong claims should have been (the interviewer said so), while no later
    claim has stated it yet: once a slip is fixed, a later figure near its right value is a new
    result to check ("95% of that, so about 440 Gbps" after "460 gigabits a second"), not
    another fix."""
    claims = list(state.get("claims", []))
    return [
        slip.computed
        for slip in claims
        if slip.is_slip
        and slip.computed is not None
        and not any(c.turn > slip.turn and c.stated.near(slip.computed) for c in claims)
    ]
