"""Is speech during playback an interruption, or just "mm-hm"?

Listeners make noises while someone talks: backchannels ("mm-hm", "okay", "right"), coughs,
laughs. Stopping the reply for those is as bad as never stopping. The loop transcribes the
overlapping speech early (Whisper on a fitted context is quick on half a second of audio) and
calls it an interruption only when it holds real words, or goes on long enough to be sure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BACKCHANNELS = frozenset(
    """mm hm mhm mm-hm mmhm mmhmm mm-hmm hmm mmm uh-huh uhhuh uh huh um ah oh okay ok kay right
    yeah yep yes yup sure gotcha cool nice great alright true exactly totally indeed wow
    interesting cough coughing laugh laughs laughing sigh""".split()  # noqa: SIM905
)
# Glue words carry no intent, and Whisper pads hums with them ("M and M", "and the m").
STOPWORDS = frozenset(
    """a an and the of in on at to for with as it its is are was be am i me my you your we he
    she they this that then so do did""".split()  # noqa: SIM905
)
# One of these alone is an interruption: nobody says "wait" to mean "go on".
INTERRUPT_WORDS = frozenset(
    "wait stop no hold hang sorry actually but excuse pause hey nope".split()  # noqa: SIM905
)
_PHRASES = re.compile(
    r"\b(?:got it|i see|makes sense|that makes sense|fair enough|all right|sounds good|"
    r"of course|go on|i know|i guess|oh i see|that's right|that's true|thank you|thanks)\b"
)
# Hums and fillers as Whisper spells them: "mm", "MMMM", "hmm", "mhm", "uhh", "ahh", "er".
_HUM = re.compile(r"^(?:m+|h+m+|m+h+m*|u+h+|a+h+|o+h+|e+r+m*|u+m+|h+)$")
_VOWEL = re.compile(r"[aeiouy0-9]")  # "mnf", "shh", "hmm": a hum Whisper tried to spell
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")


def content_words(text: str) -> list[str]:
    """Words of ``text`` that carry intent: no backchannels, fillers, glue words or labels."""
    text = re.sub(r"[\[(*][^\])*]*[\])*]", " ", text.lower().replace("’", "'"))
    text = _PHRASES.sub(" ", text)
    words = []
    for word in _WORD.findall(text):
        parts = [p for p in re.split(r"-", word) if p]
        if all(
            p in BACKCHANNELS or p in STOPWORDS or _HUM.match(p) or not _VOWEL.search(p)
            for p in parts
        ):
            continue
        words.append(word)
    return words


def is_echo_of(text: str, reply_text: str, threshold: float = 0.6) -> bool:
    """True when most words heard also occur in the reply being played (the gate let echo by)."""
    heard = content_words(text)
    if not heard:
        return False
    said = set(content_words(reply_text))
    return sum(w in said for w in heard) / len(heard) >= threshold


@dataclass(frozen=True)
class BargeInPolicy:
    """When overlapping speech stops playback."""

    check_after_s: float = 0.2
    """Voiced speech before the first quick transcription of the overlap."""
    recheck_every_s: float = 0.2
    """More voiced speech needed before transcribing the overlap again."""
    min_words: int = 2
    """Content words that make it an interruption outright ("wait, hold on")."""
    one_word_speech_s: float = 1.0
    """With a single content word ("wait", "no"), this much voiced speech is enough."""
    force_speech_s: float = 1.4
    """Longer than any backchannel: interrupt even before the transcript arrives."""

    def decide(self, transcript: str, voiced_s: float, previous: str | None = None) -> bool:
        """Interrupt, given the overlap's transcript so far and its voiced duration.

        ``previous`` is the transcript of the same overlap at the last check. Whisper turns a
        hum under the reply's echo into a different phrase each time ("and the land", "in the
        mind god"), while real words persist as the speech grows ("can we" → "can we go
        back"), so several words without an interrupting one count only once they repeat.
        """
        words = content_words(transcript)
        if any(w in INTERRUPT_WORDS for w in words):
            return True
        if len(words) >= self.min_words:
            return previous is not None and bool(set(words) & set(content_words(previous)))
        return len(words) == 1 and voiced_s >= self.one_word_speech_s


__all__ = [
    "BACKCHANNELS",
    "INTERRUPT_WORDS",
    "STOPWORDS",
    "BargeInPolicy",
    "content_words",
    "is_echo_of",
]
