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
