"""The interviewer's words: structured follow-ups phrased from templates.

Each slot has several variants picked by a `random.Random` seeded from the session and the turn,
so one session reads the same on every run (and after a resume) while two turns rarely open the
same way. Replies are lists of sentences so speech can start on the first one.
"""

from __future__ import annotations

import random
import re

from agent.interviewer.followups import ARITHMETIC, ASSUMPTION, CAPACITY, FINDING, PROBE, FollowUp
from agent.interviewer.phases import TITLES, minutes_text

MAX_QUOTE = 90

OPENERS = {
    ARITHMETIC: (
        "Hold on a second.",
        "Let me stop you there.",
        "Quick check on that number.",
        "Before you build on that, one thing.",
        "Wait, let's look at that.",
    ),
    ASSUMPTION: (
        "Something doesn't line up.",
        "Let me push on an assumption.",
        "I want to check an assumption.",
        "Hang on, your inputs moved.",
    ),
    CAPACITY: (
        "Let me push back on the capacity.",
        "I'm not sure that holds up in practice.",
        "Sanity check against real numbers.",
        "That's optimistic, I think.",
    ),
    FINDING: (
        "Looking at your board.",
        "On the diagram.",
        "I'm looking at what you drew.",
        "One thing on the board.",
    ),
    PROBE: ("Let's go deeper.", "Good.", "Okay, next question.", "Let me probe that.", "Alright."),
}
KB_OPENERS = {
    "estimate": ("Let's use that number.", "Good, now look at that number.", "Interesting number."),
    "speech": ("Let me push on that.", "One thing about that.", "Hold on, on that point."),
}
"""Openers for knowledge-base follow-ups about a number or about words (a board one opens like
any board finding)."""
AFTER_ARITHMETIC = (
    "Want to redo that step?",
    "Can you fix that and carry it through?",
    "How does that change what comes next?",
    "Redo that one and keep going.",
)
AGAIN = ("That's the same number as before.", "You repeated that one.", "Same slip as before.")
QUOTE_FRAMES = ('You said "{q}".', 'You said: "{q}".', 'I heard "{q}".')
PHASE_PROMPTS = {
    "requirements": (
        "What would you like to clarify before we size it?",
        "Which requirements matter most here? Ask me anything about scope or scale.",
        "What do you need to know about users, traffic or guarantees?",
    ),
    "estimation": (
        "Let's size it. Walk me through requests per second, the peak and storage.",
        "Give me the back-of-the-envelope numbers: average load, peak, storage.",
        "What are the numbers? Start from the daily volume.",
    ),
    "high_level_design": (
        "Sketch the high-level design and walk me through one request end to end.",
        "Draw the main components and tell me how data flows between them.",
        "What are the big boxes, and how does a request move through them?",
    ),
    "deep_dive": (
        "Pick the component you think breaks first at peak and take me through it.",
        "Let's go deeper on the storage layer: schema, partitioning, replication.",
        "What fails first, and what happens to in-flight requests when it does?",
    ),
    "wrap_up": (
        "We're close to time. What would you change with another week?",
        "To wrap up: what are the biggest risks in this design, and what would you monitor?",
        "Last question: where are the trade-offs you're least comfortable with?",
    ),
}
PHASE_INTROS = {
    "estimation": (
        "Good, that's enough on requirements. Let's do some estimation.",
        "Okay, let's put numbers on it.",
    ),
    "high_level_design": (
        "Good, the numbers are in. Let's move to the high-level design.",
        "Okay, let's get to the design.",
    ),
    "deep_dive": ("Let's go into the deep dive.", "Okay, let's dig into the details."),
    "wrap_up": ("Let's wrap up.", "We're coming to the end."),
}
NOT_IN_BRIEF = (
    "I don't have that in the brief. {custom}",
    "That isn't in the brief: your call. Assume something reasonable, say it out loud, and go on.",
    "The brief doesn't say, so it's your call. State your assumption and keep going.",
)
"""A question the brief does not answer; `{custom}` is the scenario's own words for that."""
REST_NOT_IN_BRIEF = (
    "The rest isn't in the brief: that's your call, so state it as an assumption.",
    "The other part isn't in the brief: your call, state your assumption.",
)
"""After the facts that answer part of a question, for the part the brief does not answer."""
CLARIFY_FRAMES = ("{a}", "Good question. {a}", "{a}", "Sure. {a}")
ACKS = ("Okay.", "Got it.", "Alright.", "Mm-hm.", "Right.", "Noted.")
HEARD = (
    "Good, that covers {h}.",
    "Right, you got {h}.",
    "Good: {h}.",
)
SILENCE = (
    "Take your time. When you're ready: {p}",
    "No rush. {p}",
    "Still with me? {p}",
    "Let me help you get going. {p}",
)
TAKE_YOUR_TIME = ("Take your time.", "No rush.", "Okay, take a moment.")
GIBBERISH = (
    "Sorry, I didn't catch that. Could you say it again?",
    "I couldn't make that out. Say it once more?",
    "That didn't come through clearly. Could you repeat it?",
)
OFF_TOPIC = (
    "Let's keep to the design. {p}",
    "Let's bring it back to the system. {p}",
    "Interesting, but let's stay on the interview. {p}",
)
SMALL_TALK = ("Sure. {p}", "Okay. {p}", "Alright. {p}", "Mm-hm. {p}")
REPEAT = ("You mentioned that already.", "We covered that.", "You said that a moment ago.")
OVERRUN = (
    "We've spent {used} on {phase}, past our budget, so let's move on to {next}.",
    "We're at {used} on {phase}; I'll move us on to {next} to keep time.",
    "Time check: {used} on {phase}. Let's go to {next}.",
)
OUT_OF_TIME = (
    "We're out of time. Thanks, that was a good session.",
    "That's time. Thank you, I'll put the feedback together.",
)
CLOSING = (
    "Thanks, that's the interview. Here's how it went.",
    "That's it for today. Let me give you the feedback.",
)


def rng_for(seed: str, turn: int, slot: str = "") -> random.Random:
    """The phrasing randomness for one turn of one session (str seeds are stable in Python)."""
    return random.Random(f"{seed}:{turn}:{slot}")


def quote(text: str) -> str:
    """The candidate's words, trimmed to what a speaker would quote back."""
    text = re.sub(r"\s+", " ", text).strip().rstrip(".,;")
    if len(text) <= MAX_QUOTE:
        return text
    cut = text[:MAX_QUOTE].rsplit(" ", 1)[0]
    return cut + "…"


def opening(prompt: str, minutes: float, rng: random.Random) -> list[str]:
    """Greeting, the scenario as written, and the time frame."""
    greet = rng.choice(("Hi, thanks for joining.", "Hello, good to meet you.", "Hi there."))
    frame = rng.choice(
        (
            f"We have {minutes:g} minutes.",
            f"We've got {minutes:g} minutes, so I'll keep an eye on time.",
        )
    )
    return [greet, frame, prompt]


def phase_prompt(phase: str, rng: random.Random) -> str:
    return rng.choice(PHASE_PROMPTS.get(phase, PHASE_PROMPTS["deep_dive"]))


def phase_intro(phase: str, rng: random.Random) -> list[str]:
    """Moving on by choice (not by the clock): a transition and the new phase's first prompt."""
    return [rng.choice(PHASE_INTROS.get(phase, ("Okay.",))), phase_prompt(phase, rng)]


def overrun(previous: str, phase: str, used: float, rng: random.Random) -> str:
    """The clock moved the candidate on; say so."""
    return rng.choice(OVERRUN).format(
        used=minutes_text(used), phase=TITLES[previous], next=TITLES[phase]
    )


def followup(f: FollowUp, rng: random.Random) -> list[str]:
    """Phrase a non-move-on follow-up."""
    out: list[str] = []
    via = (f.kb or {}).get("via", "")
    if f.kind != PROBE and via in KB_OPENERS:
        out.append(rng.choice(KB_OPENERS[via]))
    elif f.kind in OPENERS and f.kind != PROBE:
        out.append(rng.choice(OPENERS[f.kind]))
    if f.again:
        out.append(rng.choice(AGAIN))
    elif f.quote and f.kind in (ARITHMETIC, ASSUMPTION, CAPACITY) and not f.kb:
        out.append(rng.choice(QUOTE_FRAMES).format(q=quote(f.quote)))
    if f.statement:
        out.append(f.statement)
    if f.question:
        out.append(f.question)
    elif f.kind == ARITHMETIC:
        out.append(rng.choice(AFTER_ARITHMETIC))
    return [s for s in out if s]


def probe_lead(heard: list[str], rng: random.Random) -> str:
    """Acknowledge an answer to the last follow-up before the next one."""
    if heard:
        return rng.choice(HEARD).format(h="; ".join(heard[:2]))
    return rng.choice(ACKS)


def clarification(answer: str, rng: random.Random) -> str:
    return rng.choice(CLARIFY_FRAMES).format(a=answer)


def silence(phase: str, rng: random.Random) -> str:
    return rng.choice(SILENCE).format(p=phase_prompt(phase, rng))


def gibberish(rng: random.Random) -> str:
    return rng.choice(GIBBERISH)


def off_topic(phase: str, rng: random.Random) -> str:
    return rng.choice(OFF_TOPIC).format(p=phase_prompt(phase, rng))


def small_talk(phase: str, rng: random.Random) -> str:
    return rng.choice(SMALL_TALK).format(p=phase_prompt(phase, rng))


def repeat(rng: random.Random) -> str:
    return rng.choice(REPEAT)


def out_of_time(rng: random.Random) -> str:
    return rng.choice(OUT_OF_TIME)


def closing(rng: random.Random) -> str:
    return rng.choice(CLOSING)


def split_sentences(text: str) -> list[str]:
    """Sentences of a reply (an LLM's text comes back as one string)."""
    parts = re.split(r"(?<=[.?!])\s+(?=[A-Z\"'])", text.strip())
    return [p.strip() for p in parts if p.strip()]
