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
from agent.interviewer.turn_kinds import accepts

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
ACCEPT = "accept"
"""The candidate accepts the interviewer's point ("you're probably right", "I'll go with your
number"): an answer with no content of its own."""
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
    ACCEPT,
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
    r"mind if i (?:take|think|pause|go quiet|go silent|stay quiet|am quiet)|"
    r"(?:think|mull) (?:about |over )?(?:it |this |that )?for (?:a|one) (?:sec|second|minute|moment|bit)|"
    r"can i (?:have|take|get) a (?:sec|second|minute|moment)|"
    r"(?:go|be|stay|keep) (?:quiet|silent) (?:for )?(?:a|one|two|a few|a couple of) "
    r"(?:sec|secs|second|seconds|minute|minutes|moment|moments|bit|beat)|"
    r"(?:let me|i'?ll|i will|i'?m going to|i need to|i want to|i'?d like to|mind if i|can i|"
    r"could i|allow me to) (?:just |quickly |quietly )?(?:jot|write|note|scribble|sketch|work|"
    r"put|get|draw|lay|map|think)(?: \w+){0,4}? (?:down|out)(?= (?:first|quickly|quietly|for a|on)\b|\W*$)|"
    r"(?:can|could|may|mind if) (?:i|we) (?:pause|break) (?:for )?(?:a|one) (?:sec|second|minute|"
    r"moment|bit|beat)|(?:i )?need (?:a|one) (?:sec|second|minute|moment)(?=\W*$)|"
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
    r"\b(?:how much (?:more )?time(?! (?:does|did|will|would|should|can|could|is spent|per)\b| do (?!we\b|i\b))|"
    r"how much longer(?= (?:do|have|are|is|will|until|till|before)\b|\W*$)|"
    r"how (?:are|'re) we (?:doing )?(?:on|for) time|time (?:do we have )?left|"
    rf"how long do we have{_NOT_A_TASK}|how many minutes(?= (?:do|have|are|is|into|in|left|"
    r"remain|to go|we|i|of (?:the|our|this) (?:session|interview|slot))\b|\W*$)|time check|"
    r"(?:where|how) (?:am i|are we|do (?:i|we) stand|is it)(?: doing)? (?:on|with|for|against) "
    r"(?:the )?(?:clock|time|schedule)|(?:quick )?(?:check|look|glance) (?:on|at) the clock|"
    r"what does the clock say|(?:do|did) (?:we|i) (?:still )?have (?:enough )?time (?:for|to|left)\b|"
    r"is there (?:still )?(?:enough )?time (?:for|to|left)\b|(?:are we|am i) (?:running|going) "
    r"(?:over|late|long)(?=(?: (?:on )?(?:time|the time|our time|schedule))?\W*$)|how long have (?:i|we) been (?:talking|going|at (?:it|this))|"
    r"(?:is|was) (?:this|it|the (?:slot|interview|session)) (?:a|an|the) "
    r"(?:(?:\d+|\w+-?\w*)[- ])?(?:minutes?|mins?|hours?)(?:-long| long)? (?:slot|interview|session|call|"
    r"conversation|round|chat)|how (?:long|big) (?:is|was) (?:the|this|our) (?:slot|time ?slot|"
    r"interview|session|round)\b|"
    r"(?:should|do|must) (?:i|we)(?: need to)? (?:speed up|hurry(?: up)?|go faster|move faster|"
    r"pick up the pace|slow down|move quicker|be quicker)(?=\W*(?:$|or\b|and\b|,|\?))|"
    r"(?:am i|are we) (?:going|moving|running) too (?:slow(?:ly)?|fast|long)\b|"
    r"(?:am i|are we) (?:taking|spending) too (?:long|much time)(?=\W*(?:$|on\b|here\b|or\b|,|\?))|"
    r"(?:am i|are we) (?:behind|ahead of|on) (?:schedule|time|pace)\b|(?:am i|are we) behind(?=\W*$)|"
    r"how long (?:until|till|before) (?:the end|we (?:stop|finish|wrap|have to stop))|"
    r"what time (?:do|does|will|should) (?:we|this|the (?:interview|session|call)) "
    r"(?:end|finish|stop|wrap)|"
    r"(?:out of|short on|running out of) time|"
    rf"how long (?:have we got|do i have|have i got){_NOT_A_TASK}|how long is left|(?:are we|am i) (?:ok|okay|good|fine|"
    r"doing) (?:on|for|with) time|time-?wise|"
    r"how (?:long|much time) (?:is|will|does|do|did) (?:this|the|our|we|you) ?(?:\w+ ){0,2}?"
    r"(?:session|interview|call|meeting|chat|conversation|slot)\b|"
    r"(?:session|interview|call|slot)(?:'s)? (?:length|duration)|minutes (?:left|remaining|to go)|"
    r"time (?:remaining|to go)|how (?:far|deep) (?:in|into|along|through)(?: (?:our|the|this|my) "
    r"(?:session|interview|slot|time ?slot|time|hour|call|conversation|minutes))? (?:are we|am i|we are|i am)\b|"
    r"how (?:far|deep) (?:in|into|along|through) (?:our|the|this|my) (?:session|interview|slot|"
    r"time ?slot|time|hour|call|conversation|minutes)\b|"
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
    r"think (?:so far|of my (?:approach|design|answer))|"
    r"(?:any|see any|spot any|are there any|what(?: are| 're)?(?: the| my)?|where are(?: the| my)?) "
    r"(?:glaring |obvious |big |major )?(?:weak (?:spots?|points?|areas?)|weakness(?:es)?|gaps|"
    r"red flags|blind spots|holes|concerns|problems|mistakes)(?= so far| in (?:my|what i|how i)\b|"
    r"(?: that)? you(?:'ve)? (?:see|saw|noticed|spotted|would flag)|\W*$)|"
    r"what (?:am i|have i been|did i) (?:missing|doing wrong|getting wrong|forgetting|overlooking)"
    r"(?= so far| here| in (?:my|this)|\W*$)|"
    r"(?:what|where|anything|something) (?:would|could|should|can) i (?:improve|do better|"
    r"work on|change|have done differently|do differently)(?=(?: so far| here| in (?:my|this) \w+)?\W*$)|"
    r"(?:anything|something|what) i (?:should|could|can|would|need to|ought to) (?:improve|do better|"
    r"work on|change|have done differently|do differently)(?=(?: so far| here| in (?:my|this) \w+)?\W*$)|"
    r"where (?:am i|was i|have i been) (?:weak|weakest|struggling|falling short|losing (?:you|points))|"
    r"what(?:'s| is| was) my (?:weakest|strongest|worst|best) (?:area|part|point|spot|side)|"
    r"how would you (?:rate|score|grade|assess|evaluate|judge) (?:me|my|this|that|it)\b|"
    r"(?:would|does|will|did) (?:this|that|i|my (?:design|answer|approach)) (?:pass|be a (?:hire|pass))(?=\W*$| so far| the bar| (?:at|in|for) (?:a|an|the|your) \w+)|"
    r"how (?:am i|have i been|did i) (?:performing|faring|coming across|doing)|"
    r"(?:is|am|are) (?:this|that|i|we|it) (?:on the right track|(?:going|heading|moving) in the "
    r"right direction|the (?:right )?direction you (?:want|wanted|had in mind|expected))|"
    r"is (?:this|that) what you (?:had in mind|wanted|expected|were after|were looking for)|"
    r"(?:does|do) (?:this|that|it|my (?:design|answer|approach)) (?:look|sound|seem) (?:reasonable|"
    r"ok|okay|good|right|sensible|fine|alright)(?=(?: so far| to you)?\W*$)|"
    r"is (?:this|that) (?:level of )?(?:detail|depth) (?:ok|okay|enough|right|fine)|"
    r"how is (?:this|it) going|any (?:comments|thoughts|notes)(?= so far|\W*$)|"
    r"be honest(?:ly)?\W+(?:how|what|any|is|am|was|would|where|did)\b(?=.{0,60}\b(?:i|me|my|so far)\b))\b",
    re.I,
)
_BOARD_WORDS = re.compile(
    r"\b(?:board|diagram|drew|drawn|drawing|sketch(?:ed)?|whiteboard|boxes and arrows|my screen)\b",
    re.I,
)
_BOARD_ASK = re.compile(
    r"\b(?:did you (?:see|catch|notice|get)|can you see|do you see|have a look|take a look|"
    r"look at (?:the|my)|is (?:it|that) (?:clear|visible)|c[ao]me through|show(?:s|ing)? up|"
    r"(?:is|are) (?:it|that|they|the \w+|my \w+) visible)\b",
    re.I,
)
_DRAWING_AS_TIME = re.compile(
    r"\b(?:before|after|once|until|till|when|while|as soon as)\s+(?:(?:i|we)(?:'ve|'m|'d| have| had| am)?"
    r"\s+)?(?:\w+\s+){0,2}?(?:draw|draws|drawing|drawn|drew|sketch\w*|diagram\w*|(?:go|get) to the board)"
    r"\b[^,;:?]*",
    re.I,
)
""""Before I start drawing", "once I've drawn it": when something happens, not a question about
the board."""


def asks_about_board(text: str) -> bool:
    """The candidate asks about the board itself ("can you see my diagram?", "did the drawing come
    through?"), not a clarifying question that says when they will draw ("before I start drawing
    anything, how many orders come in a day?")."""
    said = _DRAWING_AS_TIME.sub(" ", text)
    if _BOARD_WORDS.search(said) and _BOARD_ASK.search(said):
        return True
    return any(s.rstrip().endswith("?") and bool(_BOARD_WORDS.search(s)) for s in sentences(said))


_WRAP = re.compile(
    r"\b(?:wrap(?:ping)? (?:it |things |this |us )?up(?!\s+(?:each|every|a|an|all|those|these|its|their|them|in)\b|\s+the\s+(?!interview|session|discussion|design|conversation)\w)|happy to stop|(?:we|i) (?:can|could) stop(?=(?: it)? (?:here|there|now)|\W*$)|"
    r"let'?s stop(?=(?: it)? (?:here|there|now)|\W*$)|(?:i'?m|i am) done(?!\s+with\b(?!\s+(?:everything|it all|the (?:whole )?(?:interview|design))\W*$))|where i'?d stop|that'?s (?:all|about it|it) (?:from|for) me|"
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
_CLOSER = re.compile(
    r"(?:(?:i'?m|i am|we'?re|we are) )?(?:all )?(?:done|finished)|"
    r"that(?:'?s| is| was| would be) (?:about |pretty much |roughly |more or less |basically |really )?"
    r"(?:it|everything|all|all of it|the lot|my answer|what i(?:'ve)? (?:have|had|got)|"
    r"all i (?:have|had|got|can think of)|everything i (?:have|had|got|wanted to (?:say|cover))|"
    r"as far as i (?:can|would|'d) (?:go|take it)|where i'?d (?:stop|leave it|end)|"
    r"the (?:core|gist|bulk|heart|essence|shape) of it|the whole thing|the end of (?:my|the) "
    r"(?:design|answer|walkthrough|proposal)|"
    r"(?:the|my|our) (?:main |whole |overall |basic |high-level |high level |full |complete |core "
    r"|rough |final |entire |proposed )?(?:design|architecture|solution|picture|plan|proposal|answer))|"
    r"(?:that|this) (?:covers|wraps up) (?:everything|the (?:whole )?design|what i wanted(?: to (?:say|cover))?)|"
    r"(?:i(?:'ve| have) )?(?:got )?nothing (?:else|more|further)(?: to (?:add|say))?|"
    r"i (?:have|'ve got|got) nothing (?:else|more|further)(?: to (?:add|say))?|"
    r"i (?:don'?t|do not) have (?:anything|much) (?:else|more|further)(?: to (?:add|say))?|"
    r"i can'?t think of (?:anything|much) (?:else|more)|"
    r"i (?:don'?t|do not) (?:really )?know what (?:else|more) (?:to|i (?:can|could)) (?:add|say|cover|do)|"
    r"i(?:'ve| have) (?:covered|said) (?:everything|it all|all i (?:can|wanted to))|"
    r"(?:i'?m|i am) (?:out of ideas|all out)|end of (?:my )?(?:design|answer|walkthrough)|"
    r"let'?s leave it (?:there|here|at that)"
)
"""A sentence that closes the candidate's answer on its own: "Done.", "I think that's the main
design.", "I think that's all I have for this one.", "I don't really know what else to add."."""
_CLOSER_LEAD = re.compile(
    r"^(?:(?:so|ok(?:ay)?|yeah|yes|yep|no|nope|alright|right|well|um+|uh+|er+m?|and|but|anyway|"
    r"honestly|basically|so yeah|i think|i guess|i believe|i'?d say|i suppose|i mean|i'?m afraid)"
    r"(?:\W+|$))+"
)
_CLOSER_TAIL = re.compile(
    r"(?:\W+(?:for (?:now|today|this one|this question|this problem|the moment)|from me|for me|"
    r"(?:on|from) my (?:side|end)|really|i think|i guess|i'?m afraid|honestly|so far|here|then|"
    r"at this point|at the moment|to be honest))+$"
)


def closes(sentence: str) -> bool:
    """The sentence is a closer: the candidate has said all they have (not "done with the
    requirements", not "that's it for storage, now the cache", not "once the write is done")."""
    text = re.sub(r"[\s.!…]+$", "", sentence.lower().replace("’", "'"))
    text = re.sub(r"\b([\w']+)(?:\W+\1\b)+", r"\1", text)  # "that's that's about it"
    text = _FILLER.sub(" ", text)
    text = _CLOSER_TAIL.sub("", re.sub(r"\s+", " ", text).strip(" ,"))
    clause = re.split(r"\s*[,;:—–]\s*|\s+-\s+", text)[-1]
    clause = _CLOSER_LEAD.sub("", clause.strip())
    return bool(_CLOSER.fullmatch(clause.strip()))


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
    r"aren'?t|neither|leav(?:e|es|ing) out|left out|exclud(?:e|es|ing)|omit(?:s|ting)?)\b",
    re.I,
)
_PLACEMENT = re.compile(
    r"^(?:rather than|instead of)\s+(?:\w+\s+)?(?:in|into|inside|on|onto|through|via|from|to|at|"
    r"over|behind|under|within)\b",
    re.I,
)
""""Presence goes into Redis rather than into the op log": the negation is about where presence
goes; the op log stays in the design."""
_BOTH_REJECTED = re.compile(
    r"^\W*(?:so |and |but |because )?(?:we |i |you )?(?:don'?t|do not|won'?t|will not|never|shouldn'?t)"
    r" (?:need|want|use|have|require|keep)\s+(?:either(?: one)?(?!\s+of\b)|them|those|these|"
    r"(?:either|any|one) of (?:them|those|these|that))"
    r"(?=\W*(?:(?:at all|here|really|for now|for this|anymore|on (?:the|that) path)\W*)?$)|^\W*(?:neither|none of (?:them|those|these)) (?:is|are|would be)"
    r" (?:needed|necessary|required|used)\b",
    re.I,
)
"""The next clause rejects what this one named: "a database or a broker like Kafka; we don't need
either"."""
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
    clauses = _clauses(text)
    for index, clause in enumerate(clauses):
        following = clauses[index + 1] if index + 1 < len(clauses) else ""
        for match in re.finditer(rf"\b(?:{pattern})\b", clause, re.I):
            before = clause[: match.start()]
            after = clause[match.end() :]
            window = " ".join(re.findall(r"[\w']+", before)[-6:])
            negator = list(_NEGATORS.finditer(window))
            if negator and _ACTION.search(window[negator[-1].end() :]):
                continue  # "instead of grabbing the nearest courier" rejects an action, not a part
            if negator and _PLACEMENT.match(window[negator[-1].start() :]):
                continue  # "rather than into the op log" says where something goes, not no op log
            negative = (
                bool(negator)
                or bool(_NEGATED_AFTER.match(after))
                or bool(_BOTH_REJECTED.match(following))
            )
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
    if asks_about_board(text):
        acts.append(BOARD)
    tail = " ".join(sentences(text)[-2:])
    if (_WRAP.search(tail) or _WRAP.search(last) or closes(last)) and not last.rstrip().endswith(
        "?"
    ):
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
    if kind == "clarifying_question" and not (set(metas) & {REPEAT, WAIT, TIME, FEEDBACK, BOARD}):
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
    elif accepts(text) and not text.rstrip().endswith("?"):
        acts.append(ACCEPT)
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
