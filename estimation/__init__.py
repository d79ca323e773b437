"""Spoken numbers, quantities with units, claims, the deterministic calculator and its verdicts.

Values are `Quantity(value, dimension)` in SI base units: data in bytes (bits / 8), time in
seconds, rates per second, money in USD, plain counts unitless.

Calculator syntax (`evaluate`): numbers as spoken or written ("1 billion", "86,400", "1e9",
"100K", "2.4", "twenty thousand", "2 to the 32"), units after a number ("1 KB", "86400 s",
"30 days", "10 Gbps", "35 MB/s", "12,000 per second", "1 billion a day"), multipliers ("3x",
"twice"), percentages ("20%"), the operators + - * / ^ and parentheses (also "times",
"divided by", "over"), and variable names (a name may contain underscores; it is matched
case-insensitively, and "peak qps" in the text matches the variable "peak_qps"). Variables
are Quantities or strings parsed with `parse_quantity`:

    evaluate("daily_notifications / (1 day)", {"daily_notifications": "1 billion"})
    -> Quantity(11574.07..., RATE)     # format_quantity -> "11,600 per second"
    evaluate("peak_qps * payload", {"peak_qps": "35,000 per second", "payload": "1 KB"})
    -> 35 MB/s

Checking speech: `check_transcript(text)` or, turn by turn, `EstimationSession().add(turn)`;
both return a `CheckReport` whose `to_dict()` is the `hotseat estimate check --json` contract.

The verdict contract (what an interviewer may rely on), one `ClaimCheck` per stated result:
- `status` (= `verdict`): "correct", "incorrect" or "unchecked". "incorrect" is only given when
  the candidate's own operands for the result were said in the same breath (this sentence or
  the one before, or named) and no reasonable reading of them gives the stated value (other
  groupings as people speak them, a factor said right after the result, accepted roundings:
  a day ~ 10^5 s, 1024 ~ 1000, a month ~ 30 days, rounding up to whole machines). When the
  operands had to be guessed the verdict can be "correct" but never "incorrect": it is
  "unchecked", and the explanation is a question ("How did you get 3.65 PB?"), not a correction.
- Intent readings (estimation/intent.py, tests/test_estimation_intent.py): a result that is
  right by its own arithmetic is still "incorrect" when the candidate's own words say what
  was meant and the working contradicts it: a period misstated in the same breath ("10^4
  seconds in a day"), a per-day figure times the bare count of years kept, a link in bits
  sized or filled as bytes, a small factor applied more often than it was named, a price
  "per 1,000" times single items, a target utilisation added as a margin, a hit ratio worked
  out from the database's share, a load multiplied by the replicas it lands "on each" of, a
  per-second rate said again as a day's total, "N things each" left out of the total, one
  host's figure said for the whole fleet, a total of listed parts missing one, a share of a
  year that is the share of a month, the backend said to serve the complement of a named miss
  rate ("a 5% miss rate, the origin serves 95% of that"), one year's worth (×365, ×12, ×30
  for a month) said for a retention of several years named in the same breath ("we keep them
  for 10 years, so … times 365 is 18 TB"; quiet when said "a year" or carried on later in the
  turn), and likewise a window kept of days, weeks or months ("we retry for three days, so
  100 million times 2 KB, 200 GB"; a window applied silently holds up), N copies named with
  what each one takes and left out of the working after it ("five renditions and each
  rendition-hour costs one CPU-hour, so 720,000 hours over 24 is 30,000 cores"), each thing
  sent on to N others divided by N ("each one goes to three endpoints, so 400"; "each user
  follows 200 accounts" after "10 million users"), and a count "every k seconds" multiplied by
  k ("500,000 couriers every 5 seconds is 500,000 times 5"): the correction names the concept
  (every 5 seconds means divide) and never contradicts the candidate's spoken arithmetic;
  one day of a per-second rate (× 86,400) said for a window kept of a week or more; machines
  sized for data with a replication factor named in the breath and never multiplied in ("RF=3
  … 10 TB / 2 TB = 5 nodes"). Each rule stays quiet when any reading gives the value.
- A multiplier "Nx" is N times; N + 1 is a reading only where the sentence says more, on top,
  extra or replicas ("Peak is 3x, so 90,000" after 23,000 is a multiplier slip, never 4x). A
  rate per one period times a span in another ("1,160 a second times 1 KB times 30 days") has
  no as-spoken reading: the span converts to seconds. A result said through "more like",
  "actually", "closer" is its working's result, self-correction or not; a bound ("more than
  2,000") is never accused. A bare number that is a figure just said with its unit ("2 GB a
  second … 2 times 86,400") may be read with that unit.
- Readings respect dimensions: a duration said with its unit stays a duration, so "1 TB a
  day, over 30 days, 30 GB" is read as 1 TB a day × 30 days (30 TB), never as ÷ 30 days; a
  figure said without a period may be per some period ("1 billion times 1 KB times 30 days"),
  but a reading that needs that looseness only confirms, it never accuses ("1 TB, spread over
  30 days, 33 GB" is not wrong). A count of periods with a word between ("the 8 busy hours")
  or hyphenated ("a 5-year retention") is a span. "N things each" multiplies; no reading
  divides by it ("80 million users and 3 devices each" is 240 million, never 80M / 3).
- In interview context (one `add` per turn): the two figures said just before a result in the
  same sentence are its working when they combine one way only ("460,000 a second across
  1,000 servers is 46 per server"): readings built on earlier turns' numbers do not excuse
  it. A figure of this sentence said again per another period ("one million a day is about
  1,000 per second") is a conversion with one reading, so it is wrong whatever the ratio
  (quiet with peak, busy hours, average). A reading that leaves out the statement's own
  working figure ("one post every two days means 100 million posts a day") may confirm, never
  accuse. A result judged wrong, said again with the value its working gives ("let me fix
  that: 58 GB/s"), is the fix ("correct"). A figure that, with every figure before it in the
  sentence, is an operand of a later result and is not presented as one ("each entry is maybe
  100 bytes, so …") is an input: no claim, no "How did you get …?". A small count said as a
  word with no operator before it ("costs one CPU-hour", "can't create two reservations") is
  not a result; after "so" it is a question, never "correct" (counts of machines, links or
  partitions are still judged). Things times a span times a size ("50 million series times
  525,600 minutes in a year at 1.37 bytes") is a product with one reading, so it is judged.
- `stated` / `expected` (= `computed`): SI quantities; `stated_words` / `expected_words`: the
  same in the candidate's own units and period ("400 GB a day" / "4 TB a day").
- `slip`: when incorrect, one of bits_vs_bytes, per_day_vs_per_second, unit_prefix,
  order_of_magnitude (a power of ten), dropped_factor, multiplier, arithmetic, or
  contradicts_earlier (a result said again with another value).
- `explanation`: one sentence to say aloud, in the candidate's units and own period
  conventions ("call a day 100,000 seconds"), naming the slip and the operands the verdict
  used; a ratio is said only when it is a clean factor no bigger than 1000x.
- `start` / `end`: where the stated number is in the text given to `add` (offsets are kept
  through every clean-up), `text`: the candidate's words for the claim.
Speech as Whisper writes it (restarts, "no wait" corrections, "three sixty five", "seven fifty
K") and written notes (bullets, tables, `=>`, LaTeX) are read by the same call.

Reference numbers: `reference_numbers()` (all, with sources) and `lookup("redis")`.
Trade-offs: `tradeoff_matrix(average_rate)` or `EstimationSession.tradeoffs()`.
"""

from estimation.calculator import evaluate, parse_quantity
from estimation.formatting import format_number, format_quantity
from estimation.quantity import (
    BANDWIDTH,
    COUNT,
    DATA,
    MONEY,
    RATE,
    TIME,
    Dimension,
    Quantity,
)
from estimation.reference import ReferenceNumber, capacity_findings, lookup, reference_numbers
from estimation.report import Assumption, CheckReport, ClaimCheck, Finding
from estimation.session import EstimationSession, check_transcript
from estimation.tradeoffs import Assumptions as TradeoffAssumptions
from estimation.tradeoffs import TradeoffRow, tradeoff_matrix

__all__ = [
    "BANDWIDTH",
    "COUNT",
    "DATA",
    "MONEY",
    "RATE",
    "TIME",
    "Assumption",
    "CheckReport",
    "ClaimCheck",
    "Dimension",
    "EstimationSession",
    "Finding",
    "Quantity",
    "ReferenceNumber",
    "TradeoffAssumptions",
    "TradeoffRow",
    "capacity_findings",
    "check_transcript",
    "lookup",
    "reference_numbers",
    "tradeoff_matrix",
    "evaluate",
    "format_number",
    "format_quantity",
    "parse_quantity",
]
