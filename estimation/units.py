"""The units table: what a spoken unit word means in SI base units.

A small table of our own instead of `pint`, measured: `import pint` alone took 340-370 ms
here (-X importtime) and building its UnitRegistry brings it to 560-990 ms, against a 150 ms
budget for all of `estimation`; interview arithmetic needs only ~100 unit spellings (plus
speech-recogniser ones like "gig" and "megs" that pint does not know).

Data prefixes are decimal (1 KB = 1,000 bytes, as interviews round); KiB/MiB/GiB are binary.
Bits are stored as bytes / 8.
"""

from __future__ import annotations

from dataclasses import dataclass

from estimation.quantity import BANDWIDTH, COUNT, DATA, MONEY, RATE, TIME, Dimension, Quantity

MINUTE = 60.0
HOUR = 3600.0
DAY = 86_400.0
WEEK = 7 * DAY
MONTH = 30 * DAY
YEAR = 365 * DAY


@dataclass(frozen=True)
class Unit:
    """One spelling of a unit."""

    factor: float
    """SI value of one of this unit."""
    dimension: Dimension
    canonical: str
    """Short name used when echoing the unit back ("KB", "day", "Gbps")."""

    @property
    def quantity(self) -> Quantity:
        return Quantity(self.factor, self.dimension)


# Time units by canonical name; the session may override them ("round a day to 100,000 seconds").
TIME_UNITS: dict[str, float] = {
    "ns": 1e-9,
    "µs": 1e-6,
    "ms": 1e-3,
    "second": 1.0,
    "minute": MINUTE,
    "hour": HOUR,
    "day": DAY,
    "week": WEEK,
    "month": MONTH,
    "year": YEAR,
}

_TIME_SPELLINGS = {
    "ns": ["ns", "nanosecond", "nanoseconds", "nanos"],
    "µs": ["us", "µs", "μs", "microsecond", "microseconds", "micros"],
    "ms": ["ms", "millisecond", "milliseconds", "millis", "msec", "msecs"],
    "second": ["s", "sec", "secs", "second", "seconds"],
    "minute": ["min", "mins", "minute", "minutes"],
    "hour": ["h", "hr", "hrs", "hour", "hours"],
    "day": ["day", "days", "d"],
    "week": ["week", "weeks", "wk", "wks"],
    "month": ["month", "months", "mo", "mos"],
    "year": ["year", "years", "yr", "yrs"],
}

_DATA_PREFIX = {"": 1.0, "k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12, "p": 1e15, "e": 1e18}
_BINARY_PREFIX = {"k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40, "p": 2**50}
_PREFIX_WORD = {"": "", "k": "kilo", "m": "mega", "g": "giga", "t": "tera", "p": "peta", "e": "exa"}


def _build() -> tuple[dict[str, Unit], dict[str, Unit]]:
    exact: dict[str, Unit] = {}  # case-sensitive spellings (MB vs Mb)
    folded: dict[str, Unit] = {}  # lower-case spellings
    for p, scale in _DATA_PREFIX.items():
        up = p.upper()
        name = f"{up}B" if p else "bytes"
        byte = Unit(scale, DATA, name)
        bit = Unit(scale / 8, DATA, f"{up}b" if p else "bits")
        bw_bytes = Unit(scale, BANDWIDTH, f"{up}B/s")
        bw_bits = Unit(scale / 8, BANDWIDTH, f"{up}bps")
        word = _PREFIX_WORD[p]
        for spelling in (f"{word}byte", f"{word}bytes"):
            folded[spelling] = byte
        for spelling in (f"{word}bit", f"{word}bits"):
            folded[spelling] = bit
        if p:
            exact[f"{up}B"] = byte
            exact[f"{p}B"] = byte
            exact[f"{up}b"] = bit
            exact[f"{up}bps"] = bw_bits
            exact[f"{p}bps"] = bw_bits
            exact[f"{up}Bps"] = bw_bytes
            folded[f"{p}b"] = byte  # "1 kb" from a recogniser almost always means kilobytes
            folded[f"{p}bps"] = bw_bits
            folded[f"{p}bit"] = bit
            folded[f"{p}bits"] = bit
        else:
            exact["B"] = byte
            folded["byte"] = byte
            folded["bytes"] = byte
            folded["bps"] = bw_bits
    for p, scale in _BINARY_PREFIX.items():
        unit = Unit(float(scale), DATA, f"{p.upper()}iB")
        exact[f"{p.upper()}iB"] = unit
        folded[f"{p}ib"] = unit
        folded[f"{p}ibibyte"] = unit
        folded[f"{p}ibibytes"] = unit
    for spelling, prefix in (
        ("gig", "g"),
        ("gigs", "g"),
        ("meg", "m"),
        ("megs", "m"),
        ("k's", "k"),
        ("terabyte", "t"),
        ("tera", "t"),
        ("petabyte", "p"),
    ):
        folded[spelling] = Unit(_DATA_PREFIX[prefix], DATA, f"{prefix.upper()}B")
    for canonical, spellings in _TIME_SPELLINGS.items():
        for spelling in spellings:
            folded[spelling] = Unit(TIME_UNITS[canonical], TIME, canonical)
    for spelling in ("qps", "rps", "tps", "iops", "ops/s", "ops/sec", "req/s", "reqs/s"):
        folded[spelling] = Unit(1.0, RATE, "per second")
    for spelling in ("dollar", "dollars", "usd", "bucks", "buck"):
        folded[spelling] = Unit(1.0, MONEY, "USD")
    for spelling in ("cent", "cents"):
        folded[spelling] = Unit(0.01, MONEY, "USD")
    return exact, folded


_EXACT, _FOLDED = _build()
# Bare "s", "h", "d", "b" are only units right after a number; the lexer knows that.
SHORT_ONLY = frozenset({"s", "h", "d", "mo", "B", "wk", "us", "min"})


def lookup_unit(word: str, conventions: dict[str, float] | None = None) -> Unit | None:
    """The unit a word names, honouring declared time conventions; None if it is not a unit."""
    unit = _EXACT.get(word) or _FOLDED.get(word.lower())
    if unit is None:
        return None
    if conventions and unit.dimension == TIME and unit.canonical in conventions:
        return Unit(conventions[unit.canonical], TIME, unit.canonical)
    return unit


def time_unit(canonical: str, conventions: dict[str, float] | None = None) -> float:
    """Seconds in one named time unit ("day" -> 86,400 unless the candidate declared otherwise)."""
    if conventions and canonical in conventions:
        return conventions[canonical]
    return TIME_UNITS[canonical]


def is_unit_word(word: str) -> bool:
    return word in _EXACT or word.lower() in _FOLDED


COUNT_UNIT = Unit(1.0, COUNT, "")
