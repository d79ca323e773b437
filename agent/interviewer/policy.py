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


_QUESTION_WORD = re.compile(
    r"^\W*(?:\w+\W+){0,8}?(?:how|what|what's|which|who|when|where|why|is there|are there|"
    r"do|does|did|can|could|will|would|should|shall|is|are|am)\b",
    re.I,
)
_VERSUS = re.compile(r"\s+(?:versus|vs\.?|as against)\s+", re.I)


def _is_question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") or bool(_QUESTION_WORD.match(sentence))


def _versus(part: str) -> list[str]:
    """ "the traffic for follows versus reads" asks two things: "the traffic for follows" and
    "the traffic for reads" (the shorter side takes the longer side's frame)."""
    sides = _VERSUS.split(part)
    if len(sides) != 2:
        return [part]
    left, right = (s.split() for s in sides)
    if len(left) > len(right):
        return [" ".join(left), " ".join(left[: -len(right)] + right)]
    return [" ".join(left + right[len(left) :]), " ".join(right)]


_FILLER = frozenset(
    "uh um so okay ok well right like first question quick just and also".split()  # noqa: SIM905
)


def _list_items(sentence: str) -> list[str]:
    """ "Qs first: total users, how many online at peak, heartbeat interval?" is a list of three
    questions; "For a user with 100 friends, how often do they post?" is one question after its
    context (a clause without a question word joins the next one)."""
    pieces = [
        p
        for p in re.split(r",\s*", sentence)
        if p.strip() and not set(re.findall(r"[a-z]+", p.lower())) <= _FILLER
    ]
    if len(pieces) >= 3 and all(len(p.split()) <= 7 for p in pieces):
        return pieces
    out: list[str] = []
    context = ""
    for piece in pieces:
        if out and _QUESTION_WORD.match(piece):
            out.append(piece)
            continue
        if not out and not _QUESTION_WORD.match(piece) and piece is not pieces[-1]:
            context += piece + ", "
            continue
        if out:
            out[-1] += ", " + piece
        else:
            out.append(context + piece)
            context = ""
    return out or [sentence]


def parts(question: str) -> list[str]:
    """The sub-questions of one turn ("how many users, and how often do they search?"): the
    question sentences (a statement around them is context, not asked), each split at "and
    how …", ";", a list of short items, and "X versus Y"."""
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", question.strip()) if s.strip()]
    asked = [s for s in sentences if _is_question(s)] or sentences
    out: list[str] = []
    for sentence in asked:
        pieces = re.split(
            r"\?|;|\s[—–-]\s|,\s*(?:and|or)\b|\band (?:(?:like|uh|um|so|then|also)\W+)*"
            r"(?=(?:how|what|is|are|do|does|which|who)\b)",
            sentence,
        )
        for piece in pieces:
            for item in _list_items(piece):
                out.extend(_versus(item))
    return [p for p in out if len(p.split()) >= 2] or [question]


SYNONYMS: tuple[tuple[str, str], ...] = (
    (r"\bstale|\blag\b|right away|immediately|up to date|how current", "fresh delay consistency"),
    (r"\bchatty|\bactive are|how much do they|how often", "per day how often messages"),
    (r"\brates?\b|\bthroughput|\bload\b", "per second traffic qps"),
    (r"\btraffic\b|\bvolume\b", "per day per second writes volume"),
    (r"\bpositions?\b|\bwhereabouts\b|\bcoordinates\b", "location gps"),
    (r"\bfindable\b|\bsearchable\b|\bvisible\b|\bhow soon\b", "fresh delay searchable latency"),
    (r"\be?-?mails?\b", "emails mail messages"),
    (r"\bhow big|\bsize|\bhow large|\bweigh", "size how big"),
    (r"\bpeaks?\b|\bspikes?\b|\bbursts?\b", "peak traffic"),
    # "keep being offered rides" is to go on, not to retain
    (
        r"\bkeep\b(?!\s+\w+ing\b)|\bhistory\b|\bstore .* for|\bretain|\bkept\b",
        "retention how long keep",
    ),
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
        "users how many participants",
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


_FRAME = frozenset(
    """often many much long big soon fast quick peak per day daily second seconds once time
    times average typical usual usually rough total first same number count rate give get
    being happen happens okay um uh talking talk must say said come comes doing did whose
    usual""".split()  # noqa: SIM905
)
"""Words that frame a question (how often, at peak, on average) rather than name what it asks
about."""
_NOT_SUBJECT = frozenset(_root(w) for w in _NOT_ASKED | _FRAME)


_ANSWER_TYPES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (  # how soon: a bound in time
        re.compile(r"\bhow (?:soon|quick(?:ly)?|fast|snappy|responsive)\b|\blatency\b", re.I),
        re.compile(
            r"\bwithin\b|\bunder\b|\bmilli|\bmicro|\bseconds?\b|\bminutes?\b|\binstant"
            r"|\bimmediate|\bright away|\breal.?time|\bp99\b|\bms\b",
            re.I,
        ),
    ),
    (  # how long: a duration
        re.compile(r"\bhow long\b", re.I),
        re.compile(
            r"\b(?:second|minute|hour|day|night|week|month|year)s?\b|\bforever\b|\buntil\b"
            r"|\bwithin\b|\bdaily\b|-(?:second|minute|hour|day|week|month|year)\b",
            re.I,
        ),
    ),
    (  # how often: a frequency
        re.compile(r"\bhow (?:often|frequently)\b|\binterval\b", re.I),
        re.compile(
            r"\bevery\b|\bper\b|\ba (?:second|minute|hour|day|week|month|year)\b|\btimes\b"
            r"|\b(?:daily|hourly|weekly|monthly)\b|\beach (?:second|minute|hour|day|week)\b"
            r"|\bonce\b|\btwice\b",
            re.I,
        ),
    ),
)
"""What kind of answer a question frame asks for, and how an answer of that kind reads: "how
long should a dead phone keep getting rides" is not answered by "a driver is never assigned to
two riders"."""


def _asked_clause(part: str) -> str:
    """The clause that asks, without the context before it ("Sorry, I lost the end of that,
    how often does the GPS come in" asks about the GPS)."""
    pieces = re.split(r",\s*", part)
    for n in range(len(pieces) - 1, 0, -1):
        if _QUESTION_WORD.match(pieces[n]) and re.match(
            r"\W*(?:\w+\W+){0,2}?(?:how|what|which|who|when|where|why)\b", pieces[n], re.I
        ):
            return ", ".join(pieces[n:])
    return part


def _subject(part: str) -> set[str]:
    """What a sub-question asks about, by stem: its words less the question's frame."""
    return _roots(_asked_clause(part)) - _NOT_SUBJECT


def _alternatives(part: str) -> dict[str, set[str]]:
    """For each word of the question that a synonym covers, the brief's words for it
    ("findable" -> searchable, "people" -> users)."""
    out: dict[str, set[str]] = {}
    for pattern, words in SYNONYMS:
        named = _roots(words) - _NOT_SUBJECT
        for match in re.finditer(pattern, part, re.I):
            for word in re.findall(r"[a-z']+", match.group(0).lower()):
                out.setdefault(_root(word), set()).update(named)
    return out


def _fact_roots(fact: Any) -> set[str]:
    return _roots(fact.answer) | _roots(" ".join(fact.keywords)) | _roots(fact.topic)


def _answer_type(fact: Any, part: str) -> bool | None:
    """Whether the fact is the kind of answer the question's frame asks for (None: the frame
    asks no particular kind)."""
    clause = _asked_clause(part)
    kinds = [answer for frame, answer in _ANSWER_TYPES if frame.search(clause)]
    if not kinds:
        return None
    return any(answer.search(fact.answer) for answer in kinds)


def coverage(fact: Any, part: str) -> tuple[int, int]:
    """How much of what a sub-question asks about the fact speaks to: (words met, words
    asked), the kind of answer its frame asks for ("how soon" -> "within ten seconds")
    counting as one. A fact that meets only the frame ("how often" -> "per day") or one word of
    a long question ("battery budget of the driver-app team" -> "two million drivers") does
    not answer it."""
    asked = len(_subject(part))
    alternatives = _alternatives(part)
    roots = _fact_roots(fact)
    # context before the asking clause may name what it is about ("for live navigation, how
    # many people..."), but a fact need not meet all of it
    said = _roots(part) - _NOT_SUBJECT
    met = sum(1 for w in said if w in roots or alternatives.get(w, set()) & roots)
    typed = _answer_type(fact, part)
    if typed is None:
        return met, asked
    return met + int(typed), asked + 1


_AUX = frozenset("are is do does did will would can could should of the a an we there".split())  # noqa: SIM905


def _counts_something_else(fact: Any, part: str) -> bool:
    """ "How many guests share one booking?" counts guests: a fact about bookings that never
    names guests (or a word for them) does not answer it."""
    counted = re.search(r"\bhow (?:many|much) ((?:[\w'-]+\s+){0,2}[\w'-]+)", part, re.I)
    if counted is None:
        return False
    said = counted.group(1).lower().split()
    if said[0] in _AUX:
        return False  # "how many are online": the count's subject comes later
    words = [w for w in said if _root(w) not in _NOT_SUBJECT and w not in _AUX]
    if not words:
        return False
    noun = _root(words[0])
    named = {noun} | _alternatives(words[0]).get(noun, set())
    # "file" and "files" stem apart ("file", "fil"): one stem may be the other's start
    return not any(
        a.startswith(b) or b.startswith(a) for a in named for b in _fact_roots(fact) if len(b) >= 3
    )


def answers(fact: Any, part: str, scenario: Scenario | None = None) -> bool:
    """Whether the fact really answers the sub-question: it is the kind of answer asked for,
    and meets what is asked about (a third of its words, or two), or names the thing counted
    ("how many listeners" -> users, the prompt's "10,000 phones")."""
    if scenario is not None and _prompt_count(scenario, fact, part):
        return True
    if _answer_type(fact, part) is False or _counts_something_else(fact, part):
        return False
    met, asked = coverage(fact, part)
    words = met - int(bool(_answer_type(fact, part)))
    if asked == 0 or words >= 2 or (words and 3 * met >= asked):
        return True
    return bool(_counted_bonus(fact, part))


def answer_facts(
    scenario: Scenario, question: str, exclude: Sequence[Any] = (), given: Sequence[str] = ()
) -> list[Any]:
    """The scenario facts that answer the question: the best fact for each sub-question (by
    meaning: keywords, stems and synonyms, and only a fact that speaks to what is asked,
    `answers`), in the order asked; `exclude` are facts not to give (the answer just given,
    to another question); on a tie a fact not in `given` (what the interviewer said already)
    wins: "Provider latency?" after the providers were named."""
    chosen: list[Any] = []
    facts = [f for f in scenario.facts if f not in exclude]
    said = " ".join(given)
    order = sorted(range(len(facts)), key=lambda i: (facts[i].answer in said, i))
    rank = {id(facts[i]): n for n, i in enumerate(order)}
    for part in parts(question):
        scored = [
            (fact_score(fact, part) + _prompt_count(scenario, fact, part), fact)
            for fact in facts
            if answers(fact, part, scenario)
        ]
        # the fact that meets more of what is asked wins a near tie ("for live navigation, how
        # many people drive at once": the navigators, not the daily users)
        ranked = sorted(
            (
                (score + 0.5 * coverage(fact, part)[0], rank[id(fact)], score, fact)
                for score, fact in scored
                if score >= 0.75
            ),
            key=lambda x: (-x[0], x[1]),
        )
        # the best fact may rest on one keyword met by its stem ("qualities" -> quality); a
        # runner-up (the best was already given) must hit a keyword as written
        fresh = [(score, fact) for _, _, score, fact in ranked if fact not in chosen]
        if fresh and (fresh[0][1] is ranked[0][3] or fresh[0][0] >= 1.0):
            chosen.append(fresh[0][1])
    if not chosen:
        scored_all = sorted(
            (
                (fact_score(fact, question), rank[id(fact)], fact)
                for fact in facts
                if answers(fact, question, scenario)
            ),
            key=lambda x: (-x[0], x[1]),
        )
        chosen = [f for sc, _, f in scored_all if sc >= 0.5][:1]
    return chosen[:MAX_FACTS]


_WH_QUESTION = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:how|what|which|who|when|where)\b", re.I)


def open_parts(scenario: Scenario, question: str, given: Sequence[Any] = ()) -> list[str]:
    """The sub-questions no fact of the brief answers ("What battery budget does the app team
    give us?"): the candidate's call, said as such next to the facts `given` for the rest. Only
    a wh-question naming at least three things that the facts given barely touch: a yes/no
    aside or a short frame ("at what size?") is answered with the facts already."""
    out = []
    for part in parts(question):
        subject = _subject(part)
        if not _WH_QUESTION.match(part) or len(subject) < 3:
            continue
        if any(
            answers(fact, part, scenario)
            and fact_score(fact, part) + _prompt_count(scenario, fact, part) >= 0.75
            for fact in scenario.facts
        ):
            continue
        touched = max((coverage(fact, part)[0] for fact in given), default=0)
        if 3 * touched < len(subject):
            out.append(part)
    return out


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
