"""How the interviewer reads one candidate turn: a typed `Reading`.

The reading names the dialogue acts in the turn (a turn may be several: "Monitoring is lag per
city. Let's wrap up there." is design and wrap-up), the components and choices it mentions with
their polarity ("we don't need a cache" rejects the cache), the topics it settles, and the
estimation engine's verdict on every stated result. The policy decides from the reading alone,
so what the interviewer understood is visible in `--json` and in the recording.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from agent.interviewer import topics
from agent.interviewer.checked_claim import Amount, ClaimRecord
from agent.interviewer.frozen import Frozen

CLARIFY = "clarify"
ESTIMATE = "estimate"
DESIGN = "design"
ANSWER = "answer"
PUSHBACK = "pushback"
REPEAT = "repeat"
WAIT = "wait"
TIME = "time"
FEEDBACK = "feedback"
BOARD = "board"
WRAP_UP = "wrap_up"
THINKING = "thinking"
SELF_CORRECTION = "self_correction"
MOVE_ON = "move_on"
SMALL_TALK = "small_talk"
SILENCE = "silence"
GIBBERISH = "gibberish"
OFF_TOPIC = "off_topic"
ACTS = (
    CLARIFY,
    ESTIMATE,
    DESIGN,
    ANSWER,
    PUSHBACK,
    REPEAT,
    WAIT,
    TIME,
    FEEDBACK,
    BOARD,
    WRAP_UP,
    THINKING,
    SELF_CORRECTION,
    MOVE_ON,
    SMALL_TALK,
    SILENCE,
    GIBBERISH,
    OFF_TOPIC,
)
META_ACTS = (REPEAT, WAIT, TIME, FEEDBACK, BOARD, WRAP_UP)

_REPEAT = re.compile(
    r"\b(?:repeat|say (?:that|it|this|the [\w ]{1,30}|your [\w ]{1,30}) again|come again|"
    r"one more time|didn'?t (?:quite )?catch (?:that|what you|the)|what was (?:the|your) "
    r"(?:last )?question|could you rephrase|rephrase (?:that|the question)|"
    r"run (?:that|it) (?:by|past) me (?:again|once more)|what did you (?:just )?(?:ask|say)|"
    r"say again|(?:missed|lost|didn'?t get) (?:the (?:\w+ )?(?:part|bit|half)|that|what you (?:just )?said|"
    r"your (?:last )?(?:question|answer|point)))\b|^\W*pardon(?: me)?\W*$|^\W*sorry\W*\?\W*$|\bwhat was that\W*\?",
    re.I,
)
_WAIT = re.compile(
    r"\b(?:give me (?:a|one) (?:sec|second|minute|moment|bit)|let me think|hold on(?! to\b)|"
    r"one (?:sec|second|moment)|bear with me|just a (?:sec|second|moment|minute)|"
    r"let me (?:gather|collect) my thoughts|(?:need|want) a (?:minute|moment|second) to|"
    r"mind if i (?:take|think)|can i (?:have|take|get) a (?:sec|second|minute|moment)|"
    r"(?:a|one) (?:moment|minute|second),? please|let me work (?:this|that|it) out|"
    r"hang on|hold up|wait a (?:sec|second|moment|minute)|just a (?:tick|mo)|"
    r"let me (?:jot|write|note|scribble|get|put) (?:that|this|it|these|those)(?: \w+)? down|"
    r"let me (?:catch up|process (?:that|this)|digest (?:that|this)|think (?:about )?(?:that|this))|"
    r"give me (?:a (?:few|couple)(?: of)?|two|a little) (?:secs?|seconds|minutes?|moments?)|"
    r"(?:need|want) (?:a|some) (?:time|moment) to (?:think|write|note))\b",
    re.I,
)
_NOT_A_TASK = (
    r"(?!\s+to\s+(?!(?:finish|do|work|complete|go|wrap|answer|talk|design|get|spend|think)\b)"
    r"[a-z])"
)
"""After "how long do we have": "... to keep messages" asks a fact of the brief, not the clock."""
_TIME = re.compile(
    r"\b(?:how much time|how (?:are|'re) we (?:doing )?(?:on|for) time|time (?:do we have )?left|"
    rf"how long do we have{_NOT_A_TASK}|how many minutes|time check|"
    r"(?:out of|short on|running out of) time|"
    rf"how long (?:have we got|do i have|have i got){_NOT_A_TASK}|how long is left|(?:are we|am i) (?:ok|okay|good|fine|"
    r"doing) (?:on|for|with) time|time-?wise|"
    r"how (?:long|much time) (?:is|will|does|do|did) (?:this|the|our|we|you) ?(?:\w+ ){0,2}?"
    r"(?:session|interview|call|meeting|chat|conversation|slot)\b|"
    r"(?:session|interview|call|slot)(?:'s)? (?:length|duration)|minutes (?:left|remaining|to go)|"
    r"time (?:remaining|to go)|how (?:far|deep) (?:in|into) (?:are we|the (?:session|interview))|"
    r"when (?:do|does|will|should) (?:we|this|the)(?: session| interview| call)? (?:end|finish|stop|wrap))\b",
    re.I,
)
_FEEDBACK = re.compile(
    r"\b(?:(?:any|your|some|give me|get|quick|interim) feedback|feedback (?:so far|at this point|"
    r"on (?:my|how|what))|how am i doing|how'?m i doing|how did i do|am i on the right track|"
    r"how (?:is|'s) (?:it|this) going so far|any thoughts on (?:my|the|this) (?:approach|design|"
    r"answer|work)(?: so far)?|is this what you(?:'re| are) looking for|how (?:does|is) (?:this|that|"
    r"it) look(?:ing)?(?: so far)?|am i (?:on track|missing anything)|how do you think i'?m "
    r"doing|(?:is|was) (?:this|that) the (?:kind of |right )?(?:depth|level|detail)|what do you "
    r"think (?:so far|of my (?:approach|design|answer)))\b",
    re.I,
)
_BOARD_WORDS = re.compile(
    r"\b(?:board|diagram|drew|drawn|drawing|sketch(?:ed)?|whiteboard)\b", re.I
)
_BOARD_ASK = re.compile(
    r"\b(?:did you (?:see|catch|notice|get)|can you see|do you see|have a look|take a look|"
    r"look at (?:the|my)|is (?:it|that) (?:clear|visible))\b",
    re.I,
)
_WRAP = re.compile(
    r"\b(?:wrap(?:ping)? (?:it |things |this |us )?up|happy to stop|(?:we|i) (?:can|could) stop(?=(?: it)? (?:here|there|now)|\W*$)|"
    r"let'?s stop(?=(?: it)? (?:here|there|now)|\W*$)|i'?m done|i am done|where i'?d stop|that'?s (?:all|about it|it) (?:from|for) me|"
    r"that'?s my (?:whole )?design\W*$|i(?:'ve| have) covered what i wanted|call it (?:a day|there)|"
    r"end (?:it|the interview) (?:here|there)|(?:we|i) can (?:finish|end) (?:here|there|now)|"
    r"that'?s all i (?:have|got)(?: for (?:now|today))?(?=\W*$)|happy to (?:end|finish)|nothing (?:else|more) (?:from me|to add)|"
    r"i'?m finished|let'?s (?:end|finish|close|stop)(?: it| things| the interview| up)?"
    r"(?: here| there| now)?(?=\W*$)|call it(?: here| there| a wrap| quits)?(?=\W*$)|"
    r"where i'?d (?:leave|stop|end) it|(?:i'?m|i am) (?:good|happy|fine) to (?:stop|end|finish)|"
    r"let'?s wrap(?=(?: it| things| this)?(?: up)?(?: here| there| now)?\W*$)|"
    r"(?:i'?ll|i will|let me|i'?m going to|i'?d like to|i want to) (?:stop|leave it|end|finish|pause|"
    r"wrap up|rest my case)(?: it)?(?: here| there| at that| now)?(?=\W*$)|"
    r"that'?s (?:about |pretty much |roughly |more or less )?(?:what|all|everything) i(?:'ve)? "
    r"(?:have|had|got|wanted to (?:say|cover))(?=(?: (?:for now|for today|from me|to say|here|so far))?\W*$)|"
    r"(?:that|this) (?:covers|is) (?:everything|all) (?:i (?:have|had|wanted|planned)|from me)|"
    r"i(?:'ve| have) (?:covered|said) (?:everything|all i|what i)|nothing (?:further|else)(?= from me|\W*$)|"
    r"^\W*(?:(?:so|ok(?:ay)?|yeah|yes|alright|right|well|um+|and|i think|i guess|i believe)\W+)*"
    r"that(?:'?s| is) (?:it|everything|all|about it|all of it|my answer)(?: (?:from me|for me|for now|"
    r"for today|i think|really))?(?=\W*$))",
    re.I,
)
_WRAP_ASK = re.compile(
    r"\b(?:(?:can|could|shall|should|may) (?:we|i)|(?:is it|would it be) (?:ok|okay|alright|"
    r"all right|fine) (?:if (?:we|i)|to)|(?:ok|okay|alright) (?:if (?:we|i)|to)) (?:just )?"
    r"(?:stop|end|finish|wrap(?: (?:it|things|this))? up|call it)(?: (?:it|the interview|"
    r"things))?(?: (?:here|there|now|at this point|for today|a day))?\W*$",
    re.I,
)
_PUSHBACK = re.compile(
    r"\b(?:i (?:strongly )?disagree|disagree (?:that|with)|i'?d push back|i would push back|"
    r"push(?:ing)? back on|i don'?t (?:think|agree|buy)|i'?m not (?:convinced|sure that)|"
    r"i'?d argue|i would argue|not really an? (?:problem|concern|issue)|"
    r"that'?s not (?:really )?an? (?:problem|issue|concern)|isn'?t (?:really )?an? (?:problem|"
    r"concern|issue))\b",
    re.I,
)
_SELF_CORRECTION = re.compile(
    r"\b(?:no,? wait|wait,? no|sorry,? (?:let me|i meant)|let me (?:redo|fix|correct)|i mean\b|"
    r"i meant|actually|i forgot|i overstated|i understated|my mistake|scratch that|correction|"
    r"oops|hmm,? no)\b",
    re.I,
)
_FILLER = re.compile(r"\b(?:um+|uh+|hmm+|erm?|uh-huh)\b|\.\.\.", re.I)
_NEGATORS = re.compile(
    r"\b(?:no|not|don'?t|doesn'?t|do not|does not|won'?t|will not|without|instead of|rather than|"
    r"skip(?:ping)?|drop(?:ping)?|avoid(?:ing)?|never|no need for|there'?s no need|nor|isn'?t|"
    r"aren'?t|neither)\b",
    re.I,
)
_NEGATED_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:is|are|would be|seems?)?\s*(?:overkill|unnecessary|not needed|"
    r"isn'?t needed|aren'?t needed|not required|optional)\b",
    re.I,
)

_ACTION = re.compile(
    r"\b(?!(?:using|having|adding|building|running|deploying|introducing|keeping|maintaining|"
    r"putting|needing|operating|standing|bringing|spinning|setting|buying|paying|"
    r"\w*thing|during|string|morning|pricing|ceiling|spring)\b)[a-z]{3,}ing\b",
    re.I,
)
"""A verb between a negator and a component: the negation is about doing something to it
("without hitting the database"), not about having it ("without using a database")."""

GENERIC_COMPONENTS: dict[str, str] = {
    "cache": r"cach(?:e|es|ing)|redis|memcached",
    "cdn": r"cdn|content delivery",
    "queue": r"queues?|kafka|sqs|rabbitmq|pub/?sub|message bus",
    "load balancer": r"load balancers?|\blb\b",
    "database": r"databases?|\bdb\b|mysql|postgres(?:ql)?|cassandra|dynamodb|mongodb",
    "monitoring": r"monitoring|alerting|alerts?|dashboards?|metrics",
    "replication": r"replicas?|replication|standby",
    "sharding": r"shard(?:s|ing)?|partition(?:s|ing)?",
    "rate limiter": r"rate limit(?:er|ing)?",
}
"""Choices a candidate takes or rejects in any scenario (polarity matters: "no cache")."""


@dataclass(frozen=True)
class Mention(Frozen):
    """A component or choice named in the turn, and whether the candidate takes it."""

    name: str
    positive: bool = True
    label: str = ""
    """The scenario's expected-component label, when it is one."""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "positive": self.positive, "label": self.label}


@dataclass(frozen=True)
class Verdict(Frozen):
    """The estimation engine's verdict on one stated result (its public report, as is)."""

    text: str
    stated: Amount
    computed: Amount | None
    verdict: str
    """correct, incorrect or unchecked."""
    explanation: str = ""
    slip: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "stated": self.stated.to_dict(),
            "computed": self.computed.to_dict() if self.computed is not None else None,
            "verdict": self.verdict,
            "slip": self.slip,
        }


@dataclass(frozen=True)
class Reading(Frozen):
    """What one candidate turn does."""

    acts: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    settles: tuple[str, ...] = ()
    verdicts: tuple[Verdict, ...] = ()
    question: bool = False
    kind: str = ""
    """The single kind the older code paths use (`agent.interviewer.turn_kinds` kinds)."""
    tail: str = ""
    """The last sentence of the turn: where requests such as "let's wrap up" live."""
    repeated: bool = False
    """The candidate said exactly this before."""

    def has(self, act: str) -> bool:
        return act in self.acts

    @property
    def rejected(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.mentions if not m.positive)

    def to_dict(self) -> dict[str, Any]:
        return {
            "acts": list(self.acts),
            "mentioned": [m.to_dict() for m in self.mentions],
            "settles": list(self.settles),
            "claims": [v.to_dict() for v in self.verdicts],
        }


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.?!;])\s+", text.strip())
    return [p for p in parts if p.strip()]


def _clauses(text: str) -> list[str]:
    return [c for c in re.split(r"[.;:?!,]|\bbut\b|\bwhile\b", text) if c.strip()]


def polarity(text: str, pattern: str) -> bool | None:
    """True when the turn takes the choice, False when it rejects it ("we don't need a cache",
    "no CDN", "instead of Redis", "a cache is overkill"), None when it is not named."""
    found = None
    for clause in _clauses(text):
        for match in re.finditer(rf"\b(?:{pattern})\b", clause, re.I):
            before = clause[: match.start()]
            after = clause[match.end() :]
            window = " ".join(re.findall(r"[\w']+", before)[-6:])
            negator = list(_NEGATORS.finditer(window))
            if negator and _ACTION.search(window[negator[-1].end() :]):
                continue  # "instead of grabbing the nearest courier" rejects an action, not a part
            negative = bool(negator) or bool(_NEGATED_AFTER.match(after))
            if re.search(r"\b(?:off|out of) the (?:request|hot|critical) path", after, re.I):
                negative = False  # "Redis stays off the request path" still uses Redis
            if not negative:
                return True
            found = False
    return found


def name_pattern(name: str) -> str:
    """A component's name as people say it: each word with its endings ("object storage" for
    "object store", "databases"), and up to four words between them in one clause ("metadata
    in a sharded database", "a transcoding pipeline on a queue")."""
    words = re.findall(r"[\w']+", name.lower())
    if len(words) < 2:
        return re.escape(name)
    stems = []
    for word in words:
        stem = word[:-1] if len(word) > 4 and word.endswith(("s", "e")) else word
        stems.append(re.escape(stem) + r"\w*")
    return r"\W+(?:\w+\W+){0,4}?".join(stems)


def mentions(text: str, components: Sequence[tuple[str, tuple[str, ...]]]) -> tuple[Mention, ...]:
    """Scenario components (label, names) and generic choices named in the turn."""
    out: list[Mention] = []
    seen: set[str] = set()
    patterns = {
        label: "|".join(name_pattern(n) for n in (*names, label.lower()) if n)
        for label, names in components
    }
    spans = {
        label: [m.span() for m in re.finditer(rf"\b(?:{p})\b", text, re.I)]
        for label, p in patterns.items()
        if p
    }
    for label, _names in components:
        pattern = patterns[label]
        if not pattern or _inside_another(label, spans):
            continue
        said = polarity(text, pattern)
        if said is not None and label not in seen:
            seen.add(label)
            out.append(Mention(label.lower(), said, label))
    covered = " ".join(m.name for m in out)
    for name, pattern in GENERIC_COMPONENTS.items():
        said = polarity(text, pattern)
        if said is None or name in seen or re.search(rf"\b(?:{pattern})\b", covered, re.I):
            continue
        seen.add(name)
        out.append(Mention(name, said))
    return tuple(out)


def _inside_another(label: str, spans: dict[str, list[tuple[int, int]]]) -> bool:
    """Every place the component is named lies inside a longer name of another one
    ("restaurant" in "restaurant search" is the search, not the restaurant tablet)."""
    own = spans.get(label, [])
    others = [s for other, found in spans.items() if other != label for s in found]
    return bool(own) and all(
        any(a <= start and end <= b and (b - a) > (end - start) for a, b in others)
        for start, end in own
    )


def meta_acts(text: str, *, has_claims: bool, words: int) -> list[str]:
    """Requests about the interview itself."""
    acts = []
    last = (sentences(text) or [""])[-1]
    if _REPEAT.search(text) and words <= 30:
        acts.append(REPEAT)
    if _WAIT.search(text) and not has_claims and words <= 18:
        acts.append(WAIT)
    if _TIME.search(text) and words <= 30:
        acts.append(TIME)
    if _FEEDBACK.search(text) and words <= 30:
        acts.append(FEEDBACK)
    if _BOARD_WORDS.search(text) and (_BOARD_ASK.search(text) or text.rstrip().endswith("?")):
        acts.append(BOARD)
    tail = " ".join(sentences(text)[-2:])
    if (_WRAP.search(tail) or _WRAP.search(last)) and not last.rstrip().endswith("?"):
        acts.append(WRAP_UP)
    elif _WRAP_ASK.search(last) and words <= 20:
        acts.append(WRAP_UP)  # "Can we end it here?" asks to finish
    return acts


_PUSHBACK_ON_QUESTION = re.compile(
    r"\b(?:overkill|premature|not worth (?:it|the)|i'?d rather not|i would rather not|"
    r"we can live with|that'?s fine as is|that(?:'?s not| is not| isn'?t) (?:right|true|correct|the case)|"
    r"i don'?t see why|i don'?t think (?:so|that'?s))\b",
    re.I,
)


def is_pushback(text: str, answering: bool = False) -> bool:
    """Disagreement said as such; "overkill", "premature" and the like count when they answer
    the interviewer's question (pushing back on what it suggested)."""
    return bool(_PUSHBACK.search(text)) or (answering and bool(_PUSHBACK_ON_QUESTION.search(text)))


def self_corrects(text: str) -> bool:
    return bool(_SELF_CORRECTION.search(text))


def thinking(text: str) -> bool:
    return len(_FILLER.findall(text)) >= 2


def verdicts(claims: Sequence[ClaimRecord]) -> tuple[Verdict, ...]:
    return tuple(
        Verdict(c.text, c.stated, c.computed, c.verdict, c.explanation, c.slip) for c in claims
    )


def read_turn(
    text: str,
    *,
    kind: str,
    claims: Sequence[dict[str, Any]],
    components: Sequence[tuple[str, tuple[str, ...]]],
    awaiting_answer: bool,
    question: bool,
    extra_settled: Sequence[str] = (),
    repeated: bool = False,
) -> Reading:
    """The typed reading of one turn. `kind` is the base classification (`agent.interviewer.turn_kinds`),
    `claims` the engine's checked claims for this turn, `components` the scenario's expected
    components as (label, names)."""
    words = len(text.split())
    acts: list[str] = []
    metas = meta_acts(text, has_claims=bool(claims), words=words)
    if kind == "clarifying_question" and not (set(metas) & {REPEAT, TIME, FEEDBACK, BOARD}):
        acts.append(CLARIFY)
    if kind in ("estimate",) or claims:
        acts.append(ESTIMATE)
    found = mentions(text, components)
    if kind == "design" or len([m for m in found if m.positive]) >= 2:
        acts.append(DESIGN)
    if (awaiting_answer and kind in ("design", "estimate")) or kind == "probe_answer":
        acts.append(ANSWER)
        if kind == "probe_answer" and found and DESIGN not in acts:
            acts.append(DESIGN)
    if is_pushback(text, awaiting_answer):
        acts.append(PUSHBACK)
    acts.extend(metas)
    if thinking(text):
        acts.append(THINKING)
    if self_corrects(text):
        acts.append(SELF_CORRECTION)
    if kind in ("move_on", "small_talk", "silence", "gibberish", "off_topic") and not acts:
        acts.append(kind)
    settles = topics.settled_by_claims(claims, text)
    settles |= topics.settled_by_words(text, len([m for m in found if m.positive and m.label]))
    settles |= set(extra_settled)
    return Reading(
        acts=tuple(dict.fromkeys(acts)),
        mentions=found,
        settles=tuple(sorted(settles)),
        verdicts=verdicts(claims),
        question=question,
        kind=kind,
        tail=(sentences(text) or [""])[-1],
        repeated=repeated,
    )
