"""Requests for thinking time: "give me a minute", "let me think", "one sec", "hold on".

A candidate who asks for time must not be cut off by the next silence, nor talked over. This
module only reads the words: it says whether the last thing said is such a request. What the loop
does about it (wait, say "take your time" once, resume the turn on speech) is in
``voice.loop`` and ``voice.turn_policy``.
"""

from __future__ import annotations

import re

_UNIT = r"(?:sec|secs|second|seconds|moment|minute|minutes|min|bit|tick|jiffy)"
_SOME = r"(?:a|one|a few|a couple(?: of)?|two|few)"

# Unambiguous wherever they end the clause ("okay so let me think").
_REQUESTS = (
    rf"give me {_SOME} {_UNIT}",
    rf"give me {_SOME} {_UNIT} to think",
    r"give me a sec(?:ond)? to work (?:this|that|it) out",
    r"let me think",
    r"let me think (?:about|on) (?:it|this|that)",
    r"let me think this through",
    r"let me (?:work|figure) (?:this|that|it) out",
    r"let me (?:work|figure) out (?:this|that|the) (?:number|math|maths|sum)",
    r"let me (?:do|run) the (?:math|maths|numbers)",
    r"let me (?:calculate|compute) (?:this|that|it)",
    r"hold on",
    r"hang on",
    rf"(?:hold|hang) on {_SOME} {_UNIT}",
    r"bear with me",
    r"i need to think(?: about (?:it|this|that))?",
    rf"i need {_SOME} {_UNIT}",
    rf"wait {_SOME} {_UNIT}",
)
# Bare "one second" is also a duration ("latency is one second"), so these count only as a
# clause of their own, optionally with a filler in front.
_BARE = (rf"(?:just )?{_SOME} {_UNIT}",)
_FILLER = r"(?:(?:ok|okay|um|uh|umm|uhh|er|erm|hmm|so|right|alright|sorry|oh|ah|just|and|well)\s+)*"
_TAIL = r"(?:\s+(?:please|here|okay|ok|real quick|quickly|for a (?:sec|second|moment|minute|bit)))*"

_REQUEST_AT_END = re.compile(r"(?:^|\s)(?:" + "|".join(_REQUESTS) + r")" + _TAIL + r"$")
_BARE_CLAUSE = re.compile(r"^" + _FILLER + r"(?:" + "|".join(_BARE) + r")" + _TAIL + r"$")


def _last_clause(text: str) -> str:
    lowered = text.lower().replace("’", "'")
    clauses = [c for c in re.split(r"[.,!?;:…—-]+", lowered) if c.strip()]
    if not clauses:
        return ""
    return " ".join(re.sub(r"[^a-z' ]+", " ", clauses[-1]).split())


def asks_for_time(text: str) -> bool:
    """True when the words so far end with a request for thinking time.

    >>> asks_for_time("Okay, give me a minute.")
    True
    >>> asks_for_time("Hold on, I want to revise the peak.")
    False
    >>> asks_for_time("The p99 latency is one second.")
    False
    """
    clause = _last_clause(text)
    if not clause:
        return False
    return bool(_REQUEST_AT_END.search(clause) or _BARE_CLAUSE.match(clause))


__all__ = ["asks_for_time"]
