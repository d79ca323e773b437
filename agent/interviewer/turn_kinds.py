"""What kind of turn the candidate just took, by deterministic rules.

The interviewer answers a clarifying question, checks an estimate, reads a design statement,
weighs an answer to its own follow-up, honours a request to move on and keeps small talk short.
Silence, gibberish and off-topic turns are kinds too, so each gets a sensible reply instead of a
follow-up chosen on nothing. An LLM may re-read only the turns these rules call off-topic
(see `agent.llm`); it never overrides the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

CLARIFYING = "clarifying_question"
ESTIMATE = "estimate"
DESIGN = "design"
PROBE_ANSWER = "probe_answer"
MOVE_ON = "move_on"
SMALL_TALK = "small_talk"
SILENCE = "silence"
GIBBERISH = "gibberish"
OFF_TOPIC = "off_topic"
KINDS: tuple[str, ...] = (
    CLARIFYING,
    ESTIMATE,
    DESIGN,
    PROBE_ANSWER,
    MOVE_ON,
    SMALL_TALK,
    SILENCE,
    GIBBERISH,
    OFF_TOPIC,
)
LLM_KINDS: tuple[str, ...] = (CLARIFYING, ESTIMATE, DESIGN, PROBE_ANSWER, MOVE_ON, SMALL_TALK)
"""What an LLM may reclassify an off-topic turn as."""

_WORD = re.compile(r"[a-z][a-z']*")
_QUESTION_START = re.compile(
    r"^(?:so |and |ok(?:ay)?,? |alright,? |quick question,? |um,? |uh,? )*"
    r"(?:what|what's|how|do|does|did|is|are|should|can|could|will|would|who|which|when|where|"
    r"why|may|shall|any|are there|is there)\b"
)
_ASKING = re.compile(
    r"\b(?:i(?:'d| would) like to (?:know|ask|clarify|understand)|can you (?:tell|clarify)|"
    r"let me (?:ask|clarify)|quick question|i (?:want|need) to (?:know|clarify|understand)|"
    r"do we (?:need|have|care|support)|should i assume|are we (?:assuming|supporting))\b"
)
_AUX = (
    r"(?:is|are|was|were|do|does|did|will|would|should|can|could|has|have|had|must|may|might|shall)"
)
_LEAD = (
    r"(?:(?:so|and|ok(?:ay)?|alright|right|um+|uh+|er+m?|like|well|then|also|but|yeah|first|next|"
)
_LEAD += r"quick question|question|first thing|one more thing|one thing)\W+)*"
_INTERROGATIVE = re.compile(
    r"(?:what|which)(?:'s|'re| (?:kind|type|sort|size|part|share|fraction|percentage) of)?"
    rf"(?: (?!(?:i|i'm|we|we're|you|they|it|he|she|the|a|an|this|that|our|my|your|their)\b)[a-z']+){{0,2}} {_AUX}\b|"
    r"(?:what|how|where|when|why|who)'s\b|"
    rf"(?:how|when|where|why|who) {_AUX}\b|"
    rf"how (?:many|much)(?: [a-z']+){{1,3}}? {_AUX}\b|"
    rf"how (?:often|long|big|fast|large|soon|far|quickly|frequently|strict|fresh)(?: [a-z']+)?? {_AUX}\b|"
    r"(?:is|are|was|were) there\b"
)
_YES_NO = re.compile(
    rf"{_AUX} (?:we|i|you|they|it|users?|people|clients?|each|every|the|a|an|there|this|that)\b"
)
"""A clause that asks: a question word with the verb before its subject ("how many users are we
talking about", "what latency do we need", "do we get attachments"). "What I'm leaving out is a
broker" and "when the upload is done we notify" are statements."""


_CLEFT = r"what(?:'s| is) (?:[a-z'-]+ ){1,3}?(?:is|are|was|were)\b"
""""What's important here is latency": a statement that puts its point last."""


def is_question(text: str) -> bool:
    """The turn asks something: a question mark at its end, an asking phrase ("I'd like to
    know"), or, where speech came without punctuation, a clause that opens like a question."""
    lowered = text.lower().strip()
    if lowered.endswith("?") or _ASKING.search(lowered):
        return True
    if "?" in lowered:  # a question mark mid-turn: asking when it opens like one
        return bool(_QUESTION_START.search(lowered))
    cleft = re.match(_LEAD + _CLEFT, lowered)
    if not cleft and re.match(_LEAD + rf"(?:{_INTERROGATIVE.pattern}|{_YES_NO.pattern})", lowered):
        return True
    # later clauses: a question word with inversion ("... and like how much mail does each one
    # get"); "which is" there is a relative clause and "and does a resumable upload" continues
    # a statement, so neither counts
    clauses = re.split(r"[.;:!]\s+|,\s*|\s+(?=(?:and|so|um+|uh+|like|but|then)\s)", lowered)
    return any(
        re.match(_LEAD + rf"(?!which\b)(?:{_INTERROGATIVE.pattern})", c.strip())
        for c in clauses[1:]
    )


_ACCEPT = re.compile(
    r"\b(?:(?:you'?re|you are) (?:probably |totally |absolutely |quite |completely )?right|"
    r"that'?s (?:fair|true|right|a (?:fair|good) (?:point|catch))|fair (?:enough|point)|"
    r"good (?:point|catch)|i (?:agree|stand corrected|accept that)|agreed|my (?:bad|mistake)|"
    r"(?:i'?ll|i will|let'?s|let me|we can) (?:go with|use|take) (?:that|yours|your (?:number|"
    r"figure|value|estimate|math|version)|whatever you (?:said|say|got)|what you (?:said|got))|"
    r"whatever you (?:said|say|think)|if you say so)\b"
)
"""The candidate accepts what the interviewer just said ("you're probably right about that",
"I'll go with whatever you said")."""


def accepts(text: str) -> bool:
    """Accepting, not "I don't think that's right" or "I'm not sure you're right"."""
    lowered = text.lower()
    return any(
        not re.search(r"(?:\bnot|n't|\bnever)\s+(?:[\w']+\s+){0,3}$", lowered[: m.start()])
        for m in _ACCEPT.finditer(lowered)
    )


_MOVE_ON = re.compile(
    r"\b(?:move on|moving on|go on to|next (?:phase|section|step|topic|part)|"
    r"let'?s (?:go|jump|get|skip) (?:to|into|ahead)|skip (?:this|ahead|to)|"
    r"i'?m done with (?:this|that|the|requirements|estimation)|that'?s all for|"
    r"ready to (?:move|go|start) (?:on|to|the|drawing|designing)|"
    r"can we (?:start|begin) (?:the |on the )?(?:design|drawing|deep dive|estimat))"
)
_SMALL_TALK = re.compile(
    r"^(?:hi|hello|hey|good (?:morning|afternoon|evening)|thanks?(?: you)?|thank you|"
    r"ok(?:ay)?|sure|cool|great|nice|got it|makes sense|alright|right|yes|yeah|yep|no|nope|"
    r"hmm+|um+|uh+|let me think|give me a (?:second|sec|moment|minute)|one (?:second|sec|moment)|"
    r"how are you|sounds good|perfect|understood|i see)\b[\s\w,.!?'-]{0,40}$"
)
_REQUIREMENT_WORDS = re.compile(
    r"\b(?:assum\w*|scope|requirements?|need|needs|support|users?|customers?|traffic|data|"
    r"limit\w*|expect\w*|handle|store|keep|scale|features?|functional|guarantee\w*|"
    r"how (?:many|much|long|big|fast|often)|allowed|okay if|ok if|care about|priorit\w*)\b"
)
_ABOUT_THE_WORK = re.compile(
    r"\b(?:(?:should|can|could|may|must|do|am|are|will|would|shall|have) (?:i|we)\b|"
    r"(?:existing|in-house|internal|legacy|off-the-shelf|third-party|open-source|homegrown|"
    r"from scratch|reuse|build or buy|buy or build|vendor|budget|deadline|constraints?|"
    r"allowed|permitted|out of bounds|the (?:\w+ )?team|platform)\b)"
)
"""A question about the work itself ("is there an in-house geo library I should reuse, or am I
choosing from scratch?") is a clarifying question even without the scenario's words."""
_NUMBERISH = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|trillion|dozen|half|twice|double|triple)\b"
)
_ESTIMATE_WORDS = re.compile(
    r"\b(?:qps|rps|tps|per (?:second|sec|minute|hour|day|month|year|user|node|key)|a (?:second|day|"
    r"month|year)|divided|times|multipl|peak|average|bytes?|[kmgtp]b|kilobytes?|megabytes?|"
    r"gigabytes?|terabytes?|petabytes?|bandwidth|throughput|storage|retention|seconds|86,?400|"
    r"estimate|back of the envelope|roughly|about|approximately|ballpark)\b|\d\s*x\b|%"
)


def _words(text: str) -> list[str]:
    return text.split()


DESIGN_WORDS: frozenset[str] = frozenset(
    _words(
        """api gateway service services server servers database databases db dbs cache caches
    caching queue queues kafka sqs rabbitmq redis memcached cassandra dynamodb mysql postgres
    postgresql mongodb sql nosql cdn load balancer balancers lb shard shards sharding sharded
    partition partitions partitioned replica replicas replication replicate leader follower
    primary secondary worker workers consumer consumers producer producers stream streaming
    flink spark index indexes schema table tables key value blob s3 storage store stores
    endpoint endpoints rest grpc websocket websockets http push pull fanout fan-out write
    writes read reads consistency consistent eventual eventually available availability
    partition-tolerant cap ap cp ttl evict eviction lru latency failover retry retries backoff
    idempotent idempotency dedupe deduplicate monitoring metrics alerting alert dashboard
    microservice microservices gateway proxy dns region regions zone zones cluster clusters
    node nodes scale scaling horizontal vertical sync async asynchronous synchronous batch
    hash hashing consistent-hashing counter counters window sliding token bucket limiter
    limiter rate notification notifications design architecture component components diagram
    draw drawing box boxes arrow arrows client clients mobile app apns fcm webhook alerts
        dashboards metric replicated sharded queued cached indexed retried"""
    )
)
COMMON_WORDS: frozenset[str] = frozenset(
    _words(
        """i me my we our us you your it its this that these those the a an and or but if so then
    because of to in on at for with from by about as into over after before between through
    is are was were be been being am do does did have has had will would should could can may
    might must shall not no yes all any some each every more most less few many much one two
    what which who whom whose when where why how there here they them their he she his her
    just also very really think want need like use using get make go going let say said know
    see time way thing things good well right okay ok sure fine first next then now up down
    out only other than too again still need needs user users data system request requests
    per day second minute hour month year big small fast slow high low"""
    )
)


@dataclass(frozen=True)
class Classification:
    """How a turn reads."""

    kind: str
    """One of KINDS."""
    repeat: bool = False
    """The candidate said exactly this before."""
    question: bool = False
    """The turn asks something (it may still be mainly an estimate or a design)."""


def normalise(text: str) -> str:
    """Lower-case words only: what "said the same thing again" compares."""
    return " ".join(_WORD.findall(text.lower()))


_RARE_PAIRS = frozenset(
    _words(
        "qw wq qz zq qx xq zx xz xc cx cv vc vb bv jk kj jh hj hg gk kg fj jf dk kd df fg gf vn nv "
        "bn zv vz pz zp jq qj wx xw"
    )
)


def _mash(word: str) -> bool:
    """Keyboard mash or noise: no vowel, long consonant runs, or letter pairs English avoids."""
    return not _wordlike(word) or any(word[i : i + 2] in _RARE_PAIRS for i in range(len(word) - 1))


def is_gibberish(text: str) -> bool:
    """No recognisable words: keyboard mash, noise transcribed as letters, a foreign script."""
    lowered = text.lower()
    words = _WORD.findall(lowered)
    if _NUMBERISH.search(lowered) and words:
        return False
    if not words:
        return True
    known = sum(1 for w in words if w in COMMON_WORDS or w in DESIGN_WORDS)
    mash = sum(1 for w in words if w not in COMMON_WORDS and w not in DESIGN_WORDS and _mash(w))
    return mash * 2 >= len(words) and known * 2 < len(words)


def _wordlike(word: str) -> bool:
    return bool(re.search(r"[aeiouy]", word)) and not re.search(r"[^aeiouy']{5,}|(.)\1\1", word)


def design_words(text: str, extra: Iterable[str] = ()) -> int:
    """How many design terms (and scenario vocabulary) the turn uses."""
    lowered = text.lower()
    count = sum(1 for w in _WORD.findall(lowered) if w in DESIGN_WORDS)
    for term in extra:
        term = term.lower().strip()
        if not term or term in DESIGN_WORDS:
            continue
        if term in lowered and (" " in term or re.search(rf"\b{re.escape(term)}\b", lowered)):
            count += 1
    return count


def classify(
    utterance: str,
    *,
    previous: Iterable[str] = (),
    awaiting_answer: bool = False,
    estimates: int = 0,
    vocabulary: Iterable[str] = (),
    answerable: bool = False,
    question_words: Iterable[str] = (),
) -> Classification:
    """Read one candidate turn.

    `previous` are the candidate's earlier turns (for repeats), `awaiting_answer` says the
    interviewer's last turn asked a follow-up, `estimates` is how many claims and assumptions the
    estimation engine found in this turn, `vocabulary` the scenario's domain terms, and
    `answerable` says one of the scenario's facts matches the turn, `question_words` are the
    words of the follow-up being answered (an answer usually reuses some).
    """
    text = utterance.strip()
    if not text:
        return Classification(SILENCE)
    lowered = text.lower()
    norm = normalise(text)
    repeat = bool(norm) and norm in {normalise(p) for p in previous}
    numeric = estimates > 0 or bool(_NUMBERISH.search(lowered) and _ESTIMATE_WORDS.search(lowered))
    designish = design_words(text, vocabulary)
    question = is_question(lowered)
    if _MOVE_ON.search(lowered):
        return Classification(MOVE_ON, repeat, question)
    if accepts(lowered) and not numeric and not designish and not question:
        # conceding the interviewer's point answers it, whether or not it ended in a question
        return Classification(PROBE_ANSWER, repeat, question)
    if len(norm.split()) <= 3 and _SMALL_TALK.match(lowered):
        return Classification(SMALL_TALK, repeat, question)
    if is_gibberish(text):
        return Classification(GIBBERISH, repeat)
    # "Is it OK if I assume 1 KB?" is still a clarifying question.
    asks = question and not (awaiting_answer and not lowered.endswith("?"))
    relevant = (
        answerable
        or numeric
        or designish
        or bool(_REQUIREMENT_WORDS.search(lowered))
        or bool(_ABOUT_THE_WORK.search(lowered))
    )
    if asks and relevant and (estimates == 0 or lowered.endswith("?")):
        return Classification(CLARIFYING, repeat, True)
    echoes = {w for w in norm.split() if len(w) >= 4} & {w.lower() for w in question_words}
    if awaiting_answer and (numeric or designish or echoes):
        return Classification(PROBE_ANSWER, repeat, question)
    if numeric:
        return Classification(ESTIMATE, repeat, question)
    if designish:
        return Classification(DESIGN, repeat, question)
    if _SMALL_TALK.match(lowered) or len(norm.split()) <= 2:
        return Classification(SMALL_TALK, repeat, question)
    return Classification(OFF_TOPIC, repeat, question)
