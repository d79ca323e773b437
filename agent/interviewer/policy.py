"""What the interviewer does with a turn, in a fixed order of priority.

1. A request about the interview itself: wrap up when asked; repeat the last question; grant
   time and stay quiet; say the time left and where we are; a short honest interim; the board.
2. A clarifying question: answered from the scenario's facts by meaning, or "I don't have that
   number — assume one and say so".
3. Pushback: conceded when the argument matches what the brief accepts, otherwise noted as the
   candidate's call; a challenge the candidate pushed back on is never repeated.
4. One challenge per real slip: only a verdict the estimation engine calls incorrect.
5. Otherwise probes, nudges and phase moves (`follow`), never about a settled topic and never the
   same question twice.

`route` picks the branch (a conditional edge of the graph); each branch returns a `Move`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from agent.interviewer import reading as R
from agent.interviewer import topics
from agent.interviewer.checked_claim import Amount, ClaimRecord
from agent.interviewer.followups import FollowUp
from agent.interviewer.frozen import Frozen
from agent.interviewer.memory import Dialogue, normalise
from scenarios import Scenario

ANSWER = "answer"
ACKNOWLEDGE = "acknowledge"
CHALLENGE = "challenge"
PROBE = "probe"
ASK = "ask"
ADVANCE = "advance"
WAIT = "wait"
REPEAT = "repeat"
FEEDBACK = "feedback"
WRAP_UP = "wrap_up"
CONCEDE = "concede"
REDIRECT = "redirect"
MOVE_KINDS = (
    ANSWER,
    ACKNOWLEDGE,
    CHALLENGE,
    PROBE,
    ASK,
    ADVANCE,
    WAIT,
    REPEAT,
    FEEDBACK,
    WRAP_UP,
    CONCEDE,
    REDIRECT,
)

BRANCHES = ("wrap_request", "meta", "clarify", "pushback", "challenge", "redirect", "follow")
"""The graph's branches after `listen`, in priority order."""


@dataclass(frozen=True)
class Move(Frozen):
    """The interviewer's reply to one turn, as a decision: what kind, about what, in which
    words (deterministic), and the one question it asks, if any."""

    kind: str
    about: str = ""
    sentences: tuple[str, ...] = ()
    question: str = ""
    asks: tuple[str, ...] = ()
    """Topics the question asks for."""
    key: str = ""
    """What it raises, for "never twice" (a claim, a probe id)."""
    advance_to: str = ""
    """A phase the move asks `pace` to go to."""
    followup: FollowUp | None = None
    """The structured follow-up behind a probe."""
    verbatim: bool = False
    """Said again on purpose ("could you repeat that?"): exempt from the no-repeat rule."""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "about": self.about}


def route(reading: R.Reading, dialogue: Dialogue, challengeable: bool) -> str:
    """Which branch handles this turn."""
    if reading.has(R.WRAP_UP):
        return "wrap_request"
    if any(reading.has(a) for a in (R.REPEAT, R.WAIT, R.TIME, R.FEEDBACK, R.BOARD)):
        return "meta"
    if reading.has(R.CLARIFY):
        return "clarify"
    if reading.has(R.PUSHBACK):
        return "pushback"
    if challengeable:
        return "challenge"
    if reading.kind in ("silence", "gibberish", "off_topic", "small_talk"):
        return "redirect"
    return "follow"


# -- clarifying questions ------------------------------------------------------------------------
MAX_FACTS = 3


def parts(question: str) -> list[str]:
    """The sub-questions of one turn ("how many users, and how often do they search?")."""
    parts = re.split(
        r"\?|;|\s[—–-]\s|,\s*(?:and|or)\b|\band (?=(?:how|what|is|are|do|does|which|who)\b)",
        question,
    )
    return [p for p in parts if len(p.split()) >= 2] or [question]


SYNONYMS: tuple[tuple[str, str], ...] = (
    (r"\bstale|\blag\b|right away|immediately|up to date|how current", "fresh delay consistency"),
    (r"\bchatty|\bactive are|how much do they|how often", "per day how often messages"),
    (r"\brates?\b|\bthroughput|\bload\b", "per second traffic qps"),
    (r"\bhow big|\bsize|\bhow large|\bweigh", "size how big"),
    (r"\bpeaks?\b|\bspikes?\b|\bbursts?\b", "peak traffic"),
    (r"\bkeep\b|\bhistory\b|\bstore .* for|\bretain|\bkept\b", "retention how long keep"),
    # "how long does a job run" asks a duration, not how long data is kept
    (
        r"\bhow long (?:does|do|will|would|should) (?:an? |the |each |one )?(?:\w+ ){0,2}?"
        r"(?:run|take|last|execute)\b",
        "duration how long run time",
    ),
    (r"\bsell(?:s|ing)?\b|\bfor sale\b|\bon sale\b|\bin stock\b", "inventory stock items"),
    (
        r"\bpeople\b|\bplayers\b|\bfans\b|\bcustomers\b|\blisteners\b|\bviewers\b|\briders\b"
        r"|\bmembers\b|\bsubscribers\b|\baccounts\b|\bshoppers\b|\bguests\b|\bdaily actives?\b",
        "users how many",
    ),
    (r"\bin scope\b|\bout of scope\b|\bours to build\b|\bdo we (?:need|build|handle)", "scope"),
    (r"\bhonou?r|\bguarantee|\bcharged?\b|\bexact", "consistency same price"),
    (r"\ba day\b|\beach day\b|\bper user\b", "per day"),
    (r"\bstream(?:s|ing)?\b|\bwatch(?:es|ing)?\b|\bplay(?:s|ing)?\b|\buse it\b", "how often"),
    (r"\bwrites?\b|\bproduces?\b|\bemits?\b|\bgenerates?\b|\bsends?\b", "volume traffic"),
    (r"\bheld\b|\bholds?\b|\breserved?\b", "hold reserve"),
    (r"\brespond|\bresponse time|\bquick", "latency fast"),
    (
        r"\bhow far (?:out|ahead|in advance)|\bin advance\b|\bahead\b|\blead time|\bbook(?:ed)? out\b"
        r"|\b(?:months?|years?|weeks?) (?:out|early)\b",
        "ahead advance future how far ahead",
    ),
    (r"\bhow (?:quick|fast|snappy|responsive)|\bwait (?:for|on)\b|\bsnappy", "latency fast"),
)
"""Words a question may use for what a fact's keywords name: answering by meaning."""


def _stems(text: str) -> set[str]:
    return {w[:4] if len(w) > 4 else w for w in re.findall(r"[a-z0-9]+", text.lower())}


GENERIC = ("how many", "how much", "how long", "how big", "how often", "how", "fast")


def fact_score(fact: Any, question: str) -> float:
    """How well a question hits a fact, after adding the synonyms it uses: each keyword that
    matches (as the brief wrote it, or word by word by stem: "search" for "searches") counts,
    longer phrases more, generic question words ("how many") half."""
    expanded = (
        question
        + " "
        + " ".join(words for pattern, words in SYNONYMS if re.search(pattern, question, re.I))
    )
    stems = _stems(expanded)
    score = 0.0
    for keyword in fact.keywords:
        words = re.findall(r"[a-z0-9]+", keyword.lower())
        exact = bool(_keyword_hit(keyword, expanded))
        by_stem = bool(words) and all((w[:4] if len(w) > 4 else w) in stems for w in words)
        if not (exact or by_stem):
            continue
        weight = 0.5 if keyword in GENERIC else 1.0 + 0.5 * (len(words) - 1)
        score += weight if exact else 0.75 * weight
    return score + _counted_bonus(fact, question) + _answer_overlap(fact, question)


_NOT_ASKED = frozenset(
    """what what's whats how does will would could should there their this that with from have
    about need needs typical kind sort some expect assume assuming going like want know tell also
    each every more most just only than then they them those these when where which while into
    your able make sure okay think roughly much many long often big large plan planning handle
    support look looking care allowed question quick roughly designing design system""".split()  # noqa: SIM905
)


_SHORT_FUNCTION_WORDS = frozenset(
    """the and for are you how can per not but was has had its our any who why all one two
    get got say use may let did out off own too yet way new old see""".split()  # noqa: SIM905
) | {"day"}  # "each day" frames a count; it is not what is asked about
_SUFFIXES = ("ners", "ings", "ing", "ers", "er", "ed", "es", "s")


def _root(word: str, size: int = 4) -> str:
    """A word's stem for "the answer says it": "wins"/"winners" -> "win", "runs" -> "run"."""
    word = word.removesuffix("'s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:size]


def _roots(text: str) -> set[str]:
    words = re.findall(r"[a-z']+", text.lower())
    return {_root(w) for w in words if len(w) >= 3 and w not in _SHORT_FUNCTION_WORDS}


def _answer_overlap(fact: Any, question: str) -> float:
    """The brief's answer says what is asked about ("What's the typical occupancy?" hits
    "Occupancy is about 70%", "how long is an average stay?" hits "the average stay is three
    nights", "once someone wins, how long to pay?" hits "winners have ten minutes to pay"):
    each distinctive word of the question met by its stem in the answer counts."""
    asked = _roots(question) - {_root(w) for w in _NOT_ASKED}
    return 0.75 * len(asked & _roots(fact.answer))


def _counted_bonus(fact: Any, question: str) -> float:
    """ "How many listeners...": the fact that names the thing counted (or a synonym of it)
    answers the question, more than one that only shares a word stem ("listens for")."""
    counted = re.search(r"\bhow many (\w+)", question, re.I)
    if counted is None:
        return 0.0
    noun = counted.group(1).lower()
    named = {noun, noun.rstrip("s")}
    for pattern, words in SYNONYMS:
        if re.search(pattern, noun, re.I):
            named |= set(words.split())
    keywords = {k.lower() for k in fact.keywords if k not in GENERIC}
    return 2.0 if keywords & named else 0.0


def _prompt_count(scenario: Scenario, fact: Any, question: str) -> float:
    """ "How many phones are we selling?" when the brief's prompt says "10,000 discounted
    phones": the fact that carries the prompt's number for the counted thing answers it."""
    counted = re.search(r"\bhow many (\w+)", question, re.I)
    if counted is None:
        return 0.0
    noun = counted.group(1).lower().rstrip("s")
    numbers = re.findall(
        rf"(\d[\d,.]*\d|\d)\s+(?:[a-z-]+\s+)?{re.escape(noun)}s?\b", scenario.prompt, re.I
    )
    return (
        2.0
        if any(re.search(rf"(?<![\d,.]){re.escape(n)}(?![\d,])", fact.answer) for n in numbers)
        else 0.0
    )


def _keyword_hit(keyword: str, text: str) -> bool:
    pattern = rf"\b(?:{keyword})\b" if len(keyword) < 4 else rf"\b(?:{keyword})"
    try:
        return re.search(pattern, text, re.I) is not None
    except re.error:
        return False


def answer_facts(
    scenario: Scenario, question: str, exclude: Sequence[Any] = (), given: Sequence[str] = ()
) -> list[Any]:
    """The scenario facts that answer the question: the best fact for each sub-question (by
    meaning: keywords, stems and synonyms), in the order asked; `exclude` are facts not to
    give (the answer just given, to another question); on a tie a fact not in `given` (what
    the interviewer said already) wins: "Provider latency?" after the providers were named."""
    chosen: list[Any] = []
    facts = [f for f in scenario.facts if f not in exclude]
    said = " ".join(given)
    order = sorted(range(len(facts)), key=lambda i: (facts[i].answer in said, i))
    rank = {id(facts[i]): n for n, i in enumerate(order)}
    for part in parts(question):
        scored = [
            (fact_score(fact, part) + _prompt_count(scenario, fact, part), rank[id(fact)], fact)
            for fact in facts
        ]
        # the best fact may rest on one keyword met by its stem ("qualities" -> quality); a
        # runner-up (the best was already given) must hit a keyword as written
        scored = sorted((x for x in scored if x[0] >= 0.75), key=lambda x: (-x[0], x[1]))
        fresh = [(score, fact) for n, (score, _, fact) in enumerate(scored) if fact not in chosen]
        if fresh and (fresh[0][1] is scored[0][2] or fresh[0][0] >= 1.0):
            chosen.append(fresh[0][1])
    if not chosen:
        scored = sorted(
            ((fact_score(fact, question), rank[id(fact)], fact) for fact in facts),
            key=lambda x: (-x[0], x[1]),
        )
        chosen = [f for sc, _, f in scored if sc >= 0.5][:1]
    return chosen[:MAX_FACTS]


# -- pushback --------------------------------------------------------------------------------------
_NUMBER_WORDS = {
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "twenty": "20",
    "thirty": "30",
    "hundred": "100",
}
_REQUIREMENT = re.compile(
    r"\b(?:must|should|never|may not|cannot|can'?t|has to|have to|needs? to|not notice)\b", re.I
)
_TRADE_OFF = re.compile(
    r"\b(?:acceptable|(?:is|are) fine|fine for now|(?:is|are) ok(?:ay)?|can take|may be|allowed|"
    r"nice-to-have|out of scope|eventually consistent|can show)\b",
    re.I,
)
_DISMISSES = re.compile(
    r"\b(?:don'?t (?:think (?:we|you) )?need|no need|nothing else|just|overkill|not worth|skip|"
    r"without (?:a|an|any)|isn'?t (?:really )?(?:needed|necessary)|fine without)\b",
    re.I,
)


def _argument_words(text: str) -> set[str]:
    """What an argument is about: words by stem (five letters, so "reconnects" is not
    "recordings"), and each figure with its unit ("ten-minute" and "ten minutes" meet on
    "10 minut"), which counts twice: a figure of the brief is stronger evidence than a word."""
    tokens = re.findall(r"[a-z']+|\d[\d,.]*", text.lower().replace("-", " "))
    out: set[str] = set()
    for n, token in enumerate(tokens):
        number = token.replace(",", "") if token[0].isdigit() else _NUMBER_WORDS.get(token)
        if number is not None:
            after = tokens[n + 1] if n + 1 < len(tokens) else ""
            if after and not after[0].isdigit() and after not in _NUMBER_WORDS:
                figure = f"{number} {_root(after, 5)}"
                out |= {figure, figure + " (again)"}
        elif len(token) >= 3 and token not in _SHORT_FUNCTION_WORDS and token not in _NOT_ASKED:
            out.add(_root(token, 5))
    return out


def _brief_sentences(scenario: Scenario) -> list[str]:
    sources = [s for f in scenario.facts for s in R.sentences(f.answer)]
    sources += [
        f"{c.operation[:1].lower()}{c.operation[1:]} may be eventually consistent: {c.reason}"
        for c in scenario.consistency
        if c.model == "AP"
    ]
    return sources


def _dismisses_requirement(source: str, text: str) -> bool:
    return (
        bool(_REQUIREMENT.search(source))
        and not _TRADE_OFF.search(source)
        and bool(_DISMISSES.search(text))
    )


def accepted_by_brief(scenario: Scenario, text: str, exclude: Sequence[str] = ()) -> str:
    """The brief's own sentence that backs the candidate's argument ("" when none does): a fact,
    or a trade-off the brief accepts, sharing two distinctive words with it; one already used to
    concede is not used again. A requirement the argument waves away ("the streamer just
    reconnects" against "a viewer should not notice an ingest server failing") backs nothing:
    `contradicted_by_brief` finds it."""
    said = _argument_words(text)
    best, best_hits = "", 1
    for source in _brief_sentences(scenario):
        if source in exclude or _dismisses_requirement(source, text):
            continue
        shared = said & _argument_words(source)
        plain = not (_TRADE_OFF.search(source) or _REQUIREMENT.search(source))
        if plain and not any(w[0].isdigit() for w in shared):
            continue  # a bare figure of the brief ("ten million fans arrive") backs no argument
        hits = len(shared)
        if hits > best_hits:
            best, best_hits = source, hits
    return best


def contradicted_by_brief(scenario: Scenario, text: str) -> str:
    """A requirement of the brief that the argument waves away ("" when none): the reason to
    hold the point, said once."""
    said = _argument_words(text)
    best, best_hits = "", 1
    for source in _brief_sentences(scenario):
        if not _dismisses_requirement(source, text):
            continue
        hits = len(said & _argument_words(source))
        if hits > best_hits:
            best, best_hits = source, hits
    return best


# -- challenges ------------------------------------------------------------------------------------
NOT_ARITHMETIC = ("contradicts_earlier", "changed_assumption")
"""Verdicts about which input holds, not about arithmetic: asked about, never challenged."""


def challengeable(
    claims: Sequence[ClaimRecord],
    dialogue: Dialogue,
    fixes: Sequence[Amount],
    utterance: str = "",
) -> ClaimRecord | None:
    """The first claim of this turn the engine calls incorrect, not raised before, not a
    correction of an earlier slip, and anchored in this turn: at least one number the engine
    recomputed with was said in it (a reading built only from earlier numbers may be wrong
    about what the candidate combined; it is not worth an accusation)."""
    for claim in claims:
        if not claim.is_slip or claim.computed is None:
            continue
        if utterance and not anchored(claim.expression, utterance):
            continue
        if utterance and retracted(claim, utterance):
            continue
        if claim.slip in NOT_ARITHMETIC:
            continue
        if claim_key(claim) in dialogue.challenged:
            continue
        if claim.stated.value and any(
            abs(claim.stated.value - f.value) <= 0.15 * abs(f.value or 1) for f in fixes
        ):
            continue
        return claim
    return None


_RETRACT = re.compile(
    r"^\W{0,6}(?:\w+\W+){0,2}?(?:no,? wait|wait,? no|sorry|i mean|i meant|actually|no,? no|"
    r"scratch that|hmm,? no|let me redo)\b",
    re.I,
)


def retracted(claim: ClaimRecord, utterance: str) -> bool:
    """The candidate took the number back right after saying it ("25 GB... no wait, 2.5 GB")."""
    end = claim.end
    if end < 0 or end > len(utterance):
        return False
    return bool(_RETRACT.match(utterance[end : end + 40]))


def anchored(expression: str, utterance: str) -> bool:
    """Whether any number of the engine's expression was said in the turn (True when the
    expression holds no number)."""
    from agent.llm import numbers

    used = numbers(expression)
    if not used:
        return True
    said = numbers(utterance)
    return any(abs(u - s) <= 0.005 * max(abs(u), abs(s)) for u in used for s in said)


def claim_key(claim: ClaimRecord) -> str:
    stated = claim.stated
    return f"claim:{stated.value}:{stated.unit}:{normalise(claim.text)[:60]}"


# -- follow-ups --------------------------------------------------------------------------------------
def builds_on_rejected(text: str, rejected: Sequence[str]) -> bool:
    """Whether a follow-up talks about a choice the candidate ruled out as if they had made it
    ("your cache" after "we don't need a cache"). A lead-in "You mentioned …" is rephrased
    instead (`nodes._statement`)."""
    lowered = text.lower()
    for name in rejected:
        said = rf"\byour {re.escape(name)}\b|\bmentioned (?:the |a )?{re.escape(name)}\b"
        if re.search(said, lowered) and not lowered.startswith("you mentioned"):
            return True
    return False


def may_ask(question: str, dialogue: Dialogue, turn: int | None = None) -> bool:
    """A question may be asked unless it asks for a topic settled before this turn (`turn`;
    a follow-up may build on what the candidate just said) or was asked before."""
    if not question:
        return True
    settled = {t for t, at in dialogue.settled.items() if turn is None or at < turn}
    for sentence in R.sentences(question):
        if topics.asked_topics(sentence) & settled:
            return False
        if dialogue.was_said(sentence):
            return False
    return dialogue.times_asked(question) == 0
