"""The interviewer's words for a move: what a person would say.

An acknowledgement names what was right ("70,000 a second at peak checks out"), never a bare
label; a reply asks at most one question; counts agree with their nouns ("1 minute"); and no
sentence of seven words or more is said twice in a session (`fresh` rephrases it once, then
drops it). An optional LLM may rephrase a reply, but `guard` keeps the deterministic one when the
LLM's words change a number, drop the challenge or the concession, or turn one into the other.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from agent.interviewer.checked_claim import Amount, ClaimRecord
from agent.interviewer.memory import Dialogue, normalise
from agent.interviewer.topics import clauses_around
from estimation import Quantity, format_quantity
from estimation.quantity import dimension_from_unit

PHASE_NAMES = {
    "requirements": "requirements",
    "estimation": "the estimates",
    "high_level_design": "the high-level design",
    "deep_dive": "the deep dive",
    "wrap_up": "the wrap-up",
}
WAIT_LINES = ("Sure, take your time.", "Of course — take your time.", "No rush, go ahead.")
SHORT_ACKS = ("Okay.", "Got it.", "Mm-hm.", "Right.")
CONTINUE = ("Go on.", "Keep going.", "Carry on.", "Okay, continue.")
SLIP_HINTS = {
    "multiplier": "the multiplier looks off",
    "wrong_multiplier": "the multiplier looks off",
    "bits_vs_bytes": "looks like bits and bytes got mixed up",
    "bits_bytes": "looks like bits and bytes got mixed up",
    "per_day_vs_per_second": "looks like a per-day and per-second mix-up",
    "unit_prefix": "looks like a unit prefix slipped",
    "dropped_x1000": "looks like a factor of a thousand went missing",
    "power_of_ten": "looks like a power of ten slipped",
    "order_of_magnitude": "looks like a power of ten slipped",
    "percent_base": "check which base the percentage applies to",
    "missing_factor": "looks like a factor went missing",
}


def plural(count: float, noun: str) -> str:
    """ "1 minute", "2 minutes", "about 1 minute"."""
    n = round(count)
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def spoken(amount: Amount | None, text: str = "") -> str:
    """A quantity as said back, in the candidate's period when they spoke per day."""
    if amount is None:
        return ""
    try:
        q = Quantity(float(amount.value), dimension_from_unit(amount.unit))
    except (TypeError, ValueError):
        return ""
    out = format_quantity(q)
    per_day = re.search(r"\b(?:a|per) day\b", text, re.I)
    unit = amount.unit
    if per_day and unit.endswith("per second"):
        base = unit[: -len("per second")].strip()
        daily = Quantity(q.value * 86400, dimension_from_unit(base))
        try:
            return format_quantity(daily) + " a day"
        except (TypeError, ValueError):
            return out
    return out.replace(" per second", " a second")


def join(items: Sequence[str], last: str = " and ") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + last + items[-1]


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def uncapital(text: str) -> str:
    """The sentence continued mid-sentence ("As I said, objects average 1 MB"): its first letter
    lowered, unless the first word is "I" or an acronym ("I don't have", "API gateway")."""
    first = text.split(" ", 1)[0]
    if re.match(r"I\b|[A-Z][A-Z0-9]", first):
        return text
    return text[:1].lower() + text[1:]


# -- acknowledgements ------------------------------------------------------------------------------
def acknowledge(
    correct: Sequence[ClaimRecord],
    fixed: bool,
    components: Sequence[str],
    rejected: Sequence[str],
    rng: random.Random,
) -> str:
    """One sentence naming what was right in the turn: its checked numbers (a fix first), the
    components it put in the design, or the choice it made; a short filler otherwise."""
    values = list(dict.fromkeys(spoken(c.stated, c.text) for c in correct))
    values = [v for v in values if v][-2:]
    if values and fixed:
        return f"Right, that's the fix — {join(values)}."
    if values:
        verb = "checks out" if len(values) == 1 else "check out"
        return rng.choice(("Good — {v} {verb}.", "Right — {v} {verb}.")).format(
            v=join(values), verb=verb
        )
    if rejected:
        names = [SPOKEN_NAMES.get(r, r) for r in list(rejected)[:2]]
        return f"Okay, no {join(names, ' and no ')} then."
    if len(components) >= 2:
        return rng.choice(
            (
                "Good — {c} give me the picture.",
                "Okay, so {c} are in the design.",
            )
        ).format(c=join([_article(c) for c in components[:3]]))
    if components:
        label = components[0]
        verb = "are" if label.endswith("s") and not label.endswith("ss") else "is"
        return f"Got it — {_article(label)} {verb} in the design."
    return rng.choice(SHORT_ACKS)


SPOKEN_NAMES = {"cdn": "CDN", "queue": "queue", "load balancer": "load balancer"}
"""Generic choices as they are said ("no CDN")."""

GENERIC_NOUNS = frozenset(
    [
        "monitoring",
        "cache",
        "database",
        "queue",
        "client",
        "clients",
        "storage",
        "archive",
        "index",
        "search",
        "gateway",
        "worker",
        "workers",
        "scheduler",
        "frontier",
        "parser",
        "aggregator",
        "api",
        "service",
        "services",
        "metadata",
    ]
)


def _article(label: str) -> str:
    """ "the message queue", "Kafka", "APNs/FCM": a component as said in a sentence."""
    proper = any(ch.isupper() for ch in label[1:]) or (label[:1].isupper() and " " not in label)
    if proper and label.lower() not in GENERIC_NOUNS:
        return label
    return "the " + label.lower()


def acknowledge_numbers(values: Sequence[str], fixed: bool, rng: random.Random) -> str:
    """ "Right — 36,000 a second at peak checks out." for results the engine confirmed."""
    if fixed:
        return rng.choice(("Right — {v}.", "Yes, that's it — {v}.", "Good, {v}.")).format(
            v=join(values, ", and ")
        )
    verb = "checks out" if len(values) == 1 else "check out"
    return rng.choice(("Good — {v} {verb}.", "Right — {v} {verb}.", "Okay, {v} {verb}.")).format(
        v=join(values), verb=verb
    )


# -- meta requests ----------------------------------------------------------------------------------
SPEAKING_WORDS_PER_MINUTE = 150.0
THINKING_SECONDS_PER_ANSWER = 20.0


def spoken_seconds(texts: Sequence[str], answers: int) -> float:
    """The interview time the exchanges so far would take aloud: every word at a speaking pace
    and a short pause to think before each answer. Text mode runs in seconds of wall clock, so
    the time left is said from this, never "only just started" ten exchanges in."""
    words = sum(len(t.split()) for t in texts)
    return words / SPEAKING_WORDS_PER_MINUTE * 60.0 + answers * THINKING_SECONDS_PER_ANSWER


def time_left(minutes: float, now: float, phase: str) -> str:
    used = now / 60.0
    left = max(0.0, minutes - used)
    where = PHASE_NAMES.get(phase, phase.replace("_", " "))
    if used < 1:
        return (
            f"We have all {plural(minutes, 'minute')} left — we've only just started;"
            f" we're on {where}."
        )
    if left < 1:
        return f"We're at time, under a minute left; we're on {where}."
    return f"About {plural(left, 'minute')} left of {plural(minutes, 'minute')}; we're on {where}."


def feedback(
    correct: int, wrong: int, fixed: int, settled: Sequence[str], gap: str, design: bool
) -> list[str]:
    """An honest interim from the evidence so far."""
    out = []
    if correct and not wrong:
        out.append(
            f"So far your numbers hold up — {plural(correct, 'result')} checked, none wrong."
        )
    elif correct or wrong:
        fixes = f", {fixed} of them fixed" if fixed else ""
        out.append(
            f"So far: {plural(correct, 'result')} checked out and {plural(wrong, 'slip')}{fixes}."
        )
    else:
        out.append("So far there are no numbers to judge yet.")
    covered = [
        t for t in settled if t in ("high-level design", "sharding", "monitoring", "tradeoffs")
    ]
    if design or covered:
        out.append(f"You've covered {join(covered) if covered else 'a design'} clearly.")
    if gap:
        out.append(f"The gap I'd work on next is {gap}.")
    return out


def board(labels: Sequence[str], described: Sequence[str]) -> str:
    if labels:
        return f"Yes, I see it on the board: {join(list(labels)[:4])}."
    if described:
        return (
            "I can't see a board in this session, so I'm going by what you describe — "
            f"{join([_article(d) for d in described[:3]])} noted."
        )
    return "I can't see a board in this session, so describe it and I'll follow along."


def repeat(dialogue: Dialogue, wants_question: bool) -> list[str]:
    """The last question (or the last reply) again, word for word."""
    if wants_question and dialogue.last_question:
        return ["Sure.", dialogue.last_question]
    body = [s for s in dialogue.last_reply if len(s.split()) > 2]
    if body:
        return ["Sure.", *body]
    if dialogue.last_question:
        return ["Sure.", dialogue.last_question]
    return ["Sure — I haven't asked anything yet; go ahead with your approach."]


# -- challenges --------------------------------------------------------------------------------------
def words_of(claim: ClaimRecord, utterance: str) -> str:
    """The candidate's own words for a stated result ("11,000 writes a second"), when the engine
    located them in the turn."""
    start, end = claim.start, claim.end
    if utterance and 0 <= start < end <= len(utterance):
        return utterance[start:end].strip()
    return ""


def challenge(claim: ClaimRecord, rng: random.Random, utterance: str = "") -> list[str]:
    own = words_of(claim, utterance)
    text = own or claim.text
    said = own or spoken(claim.stated, text)
    right = spoken(claim.computed, own)
    hint = SLIP_HINTS.get(claim.slip, "")
    start, end = claim.start, claim.end
    clause = clauses_around(utterance, start, end) if own else ""
    quoted = _quote(clause.strip().rstrip(".,;") or own or text)
    first = rng.choice(
        (
            'You said "{q}", but from your own numbers I get about {r}.',
            'Let me check one: you said "{q}", but I get about {r} from your inputs.',
        )
    ).format(q=quoted or said, r=right)
    out = [first]
    why = claim.explanation.strip()
    if why and len(why) <= 160:
        out.append(why if why.endswith((".", "?", "!")) else why + ".")
    elif hint:
        out.append(capital(hint) + ".")
    out.append(rng.choice(("Can you redo that step?", "Want to redo that one?")))
    return out


def _quote(text: str, limit: int = 90) -> str:
    text = re.sub(r"\s+", " ", text).strip().rstrip(".,;")
    if len(text) <= limit:
        return text
    return "…" + text[-limit:].split(" ", 1)[-1]


# -- the no-repeat rule and the LLM guard -----------------------------------------------------------
_ACK_OPENING = re.compile(
    r"^\W*(?:got it|good|great|nice|right|okay|ok|noted|fair|sure|yes|yep|understood|mm-hm|"
    r"thanks|makes sense)\b",
    re.I,
)
"""An acknowledgement: said again it is dropped, never prefixed with "As I said"."""


def fresh(sentences: Sequence[str], dialogue: Dialogue) -> list[str]:
    """The reply with any sentence already said this session rephrased once ("As I said, …")
    or, when that was said too, dropped; checked sentence by sentence."""
    from agent.interviewer.memory import split

    out = []
    seen = set(dialogue.said)
    for line in sentences:
        kept = []
        for sentence in split(line):
            key = normalise(sentence)
            if len(key.split()) < 7 or key not in seen:
                kept.append(sentence)
                seen.add(key)
                continue
            if _ACK_OPENING.match(sentence):
                continue  # "As I said, got it — …" is no thing a person says: drop it
            again = "As I said, " + uncapital(sentence)
            if normalise(again) not in seen:
                kept.append(again)
                seen.add(normalise(again))
        if kept:
            out.append(" ".join(kept))
    return out


_DISPUTES = re.compile(
    r"\bbut\b[^.?!]*\bi get\b|\bi get about\b|\bredo\b|\bnot quite\b|\bdoesn'?t add up\b", re.I
)
_CONCEDES = re.compile(
    r"\bfair\b|\bagree|\bgood point\b|\bnoted\b|\byou'?re right\b|\bmakes sense\b", re.I
)


def guard(move_kind: str, deterministic: Sequence[str], phrased: Sequence[str]) -> list[str]:
    """The LLM's phrasing when it keeps every number, the verdict's polarity and the one question;
    the deterministic sentences otherwise."""
    from agent.llm import numbers_agree

    if not phrased:
        return list(deterministic)
    said = " ".join(phrased)
    base = " ".join(deterministic)
    if not numbers_agree(said, [base]):
        return list(deterministic)
    disputes = bool(_DISPUTES.search(said))
    if move_kind == "challenge" and not disputes:
        return list(deterministic)  # the challenge was dropped
    if move_kind != "challenge" and disputes:
        return list(deterministic)  # a verdict was flipped into an accusation
    if move_kind == "concede" and not _CONCEDES.search(said):
        return list(deterministic)
    if said.count("?") > max(1, base.count("?")):
        return list(deterministic)
    return list(phrased)
