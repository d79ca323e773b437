"""Spoken numbers as a speech recogniser writes them: digits, words, suffixes, mixtures.

"86,400", "1.16 million", "eighty six thousand four hundred", "a billion", "half a million",
"a couple hundred", "100K", "2B", "1e9", "two point four". The reader works on a list of
lower-cased word strings so the lexer can ask "is there a number starting here?" cheaply.
"""

from __future__ import annotations

import math
import re

MAX_DIGITS = 30
"""Longer digit runs are not numbers anyone says; reading them would only invite overflow."""

SMALL = {
    "zero": 0,
    "oh": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "grand": 1e3,
    "million": 1e6,
    "mil": 1e6,
    "mill": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "bil": 1e9,
    "trillion": 1e12,
    "quadrillion": 1e15,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "twelfth": 12,
    "sixteenth": 16,
    "twentieth": 20,
    "thirtieth": 30,
    "thirty-second": 32,
    "sixty-fourth": 64,
}
VAGUE = {"couple": 2, "few": 3}
"""'a couple hundred' is 200 and 'a few thousand' is 3,000: approximate by nature."""

SUFFIX_SCALE = {"k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12}
"""Attached suffixes: 100K, 10M, 2B, 1T (B is ambiguous with bytes; the lexer decides)."""

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d{1,3})?$|^\.\d+$")


def parse_digits(text: str) -> float | None:
    """'86,400' -> 86400.0, '2.4' -> 2.4, '1e9' -> 1e9; None if not a digit number or absurd."""
    if len(text) > MAX_DIGITS + 8 or not _DIGITS.match(text):
        return None
    if len(text) > MAX_DIGITS:
        digits = sum(ch.isdigit() for ch in text.split("e")[0].split("E")[0])
        if digits > MAX_DIGITS:
            return None
    value = float(text.replace(",", ""))
    return value if math.isfinite(value) else None


def word_value(word: str) -> float | None:
    """Value of one number word or digit string ('twenty' -> 20, '1.5' -> 1.5)."""
    # Every word of every sentence is tried as a number start; remembering the answer per word
    # keeps the lexer off the digit regex (the cache is bounded, values are immutable floats).
    if word in _WORD_VALUES:
        return _WORD_VALUES[word]
    value = _word_value(word)
    if len(_WORD_VALUES) >= _WORD_CACHE_SIZE:
        _WORD_VALUES.clear()
    _WORD_VALUES[word] = value
    return value


_WORD_VALUES: dict[str, float | None] = {}
_WORD_CACHE_SIZE = 8_192


def _word_value(word: str) -> float | None:
    if word in SMALL:
        return float(SMALL[word])
    if word in TENS:
        return float(TENS[word])
    if "-" in word:  # "twenty-four"
        left, _, right = word.partition("-")
        if left in TENS and right in SMALL and SMALL[right] < 10:
            return float(TENS[left] + SMALL[right])
        return None
    return parse_digits(word)


SHARES_OF_SCALE = {"half": 0.5, "halves": 0.5, "quarter": 0.25, "quarters": 0.25, "third": 1 / 3}
SHARES_OF_SCALE.update(thirds=1 / 3)
"""Shares said of a scale word: "a quarter of a million", "three quarters of a billion"."""


def share_of_scale(words: list[str], i: int) -> tuple[float, int] | None:
    """ "half a million", "a quarter of a million", "three quarters of a billion", "a half
    million", "quarter million": (value, index after it)."""
    n = len(words)
    count, j = 1.0, i
    if words[j] in ("a", "an"):
        j += 1
    elif words[j] in SMALL and 1 <= SMALL[words[j]] <= 9 and j + 1 < n:
        count, j = float(SMALL[words[j]]), j + 1  # "three quarters of a million"
    if j >= n or words[j] not in SHARES_OF_SCALE:
        return None
    plural = words[j].endswith("s")
    if plural != (count > 1) or (count > 1 and words[j] == "halves"):
        return None
    share = count * SHARES_OF_SCALE[words[j]]
    j += 1
    if j < n and words[j] == "of":
        j += 1
    if j < n and words[j] in ("a", "an"):
        j += 1
    if j < n and words[j] in SCALES and words[j] not in ("k", "grand"):
        return share * SCALES[words[j]], j + 1
    return None


_HALF_AFTER = {"half": 0.5, "quarter": 0.25}
"""'and a half', 'and a quarter' after a number: "one and a half", "twelve and a half"."""


def _and_a_share(words: list[str], j: int) -> float | None:
    """The share said as "and a half" / "and a quarter" at words[j], if it is."""
    if words[j : j + 2] in (["and", "a"], ["and", "an"]) and j + 2 < len(words):
        if j + 3 < len(words) and words[j + 3] == "of":
            return None  # "20, and a quarter of those": a share of something else
        return _HALF_AFTER.get(words[j + 2])
    return None


def _is_number_start(words: list[str], i: int) -> bool:
    w = words[i]
    if word_value(w) is not None:
        return True
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if (w in ("a", "an") and nxt in SHARES_OF_SCALE or w in SHARES_OF_SCALE) and share_of_scale(
        words, i
    ):
        return True
    if w in ("a", "an"):
        if nxt in VAGUE:
            after = words[i + 2 : i + 4]
            return bool(after) and (
                after[0] in SCALES
                or after[0] == "hundred"
                or (after[0] == "of" and len(after) > 1 and after[1] in SCALES)
            )
        return nxt in SCALES or nxt in ("hundred", "dozen")
    return False


def read_number(words: list[str], i: int) -> tuple[float, int] | None:
    """Read the spoken number starting at words[i]; return (value, index after it) or None.

    Digits only merge with scale words ("1.16 million", "86 thousand 400"), never with each
    other, so "times 2 3600" stays two numbers.
    """
    n = len(words)
    if i >= n or not _is_number_start(words, i):
        return None
    w = words[i]
    share = share_of_scale(words, i)
    if share is not None:  # "half a million", "a quarter of a million", "three quarters of a …"
        return share
    total = 0.0
    current = 0.0
    have_current = False
    last_kind = ""  # "digit", "small", "tens", "hundred", "scale"
    j = i
    last_scale = 1.0
    while j < n:
        w = words[j]
        if w == "and" and last_kind in ("small", "tens", "digit", "scale"):
            half = _and_a_share(words, j)
            if half is not None:  # "one and a half", "a million and a half"
                if last_kind == "scale":
                    total += half * last_scale
                else:
                    current += half
                    last_kind = "digit"
                j += 3
                continue
        if w in ("a", "an") and j == i:
            current, have_current, last_kind = 1.0, True, "small"
            if j + 1 < n and words[j + 1] in VAGUE:
                current = float(VAGUE[words[j + 1]])
                j += 1
                if j + 1 < n and words[j + 1] == "of":
                    j += 1
            j += 1
            continue
        if w == "and" and last_kind in ("hundred", "scale") and j + 1 < n:
            nxt = words[j + 1]
            if nxt in SMALL or nxt in TENS:
                j += 1
                continue
            break
        if w == "point" and have_current and j + 1 < n and last_kind in ("small", "tens", "digit"):
            frac_digits = []
            k = j + 1
            while k < n and words[k] in SMALL and SMALL[words[k]] < 10:
                frac_digits.append(str(SMALL[words[k]]))
                k += 1
            if not frac_digits and k < n and words[k].isdigit():
                frac_digits.append(words[k])
                k += 1
            if not frac_digits:
                break
            current = float(f"{int(current)}.{''.join(frac_digits)}")
            last_kind, j = "digit", k
            continue
        if w == "hundred" and last_kind in ("", "small", "tens", "digit"):
            if last_kind == "digit" and current >= 100:
                break
            current = (current if have_current else 1.0) * 100
            have_current, last_kind = True, "hundred"
            j += 1
            continue
        if w == "dozen" and have_current and last_kind == "small":
            current *= 12
            last_kind = "hundred"
            j += 1
            continue
        if w in SCALES:
            if not have_current:
                break
            total += current * SCALES[w]
            last_scale = SCALES[w]
            current, have_current, last_kind = 0.0, False, "scale"
            j += 1
            continue
        value = word_value(w)
        if value is None:
            break
        is_digit = w[0].isdigit() or w[0] == "."
        kind = "digit" if is_digit else ("tens" if w in TENS else "small")
        if (
            last_kind == "small"
            and kind == "tens"
            and 1 <= current <= 9
            and j == i + 1
            and (j + 1 >= n or words[j + 1] not in ("percent", "%"))
        ):
            # "three sixty five", "seven fifty K", "one twenty": hundreds said as digits
            current, last_kind = current * 100 + value, "tens"
            j += 1
            continue
        if last_kind == "":
            pass
        elif last_kind == "scale":
            # "one million two hundred", "86 thousand 400"
            pass
        elif (
            last_kind == "hundred"
            and kind in ("small", "tens")
            and not is_digit
            or last_kind == "tens"
            and kind == "small"
            and value < 10
        ):
            pass
        else:
            break
        current = current + value if have_current else value
        have_current, last_kind = True, kind
        j += 1
    if j == i:
        return None
    total += current
    return total, j
