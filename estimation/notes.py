"""Written notes as people type them: bullets, headings, markdown tables, LaTeX.

`lay_out` rewrites note structure into what the sentence checker reads, without moving a
character (every replacement has the length of what it replaces, so claim offsets still point
into the caller's text):
- a list marker ("- ", "* ", "• ") is not a minus sign, and each bullet, heading or table row
  is its own statement;
- a markdown table row becomes a clause list ("| orders | 20K | 2 KB | 40 |" reads as
  "orders, 20K, 2 KB, 40"); a calculation cell followed by its result reads "calc = result";
  the column header gives a bare cell its unit ("MB/s" over "40") and the numbers in headers
  ("partitions (@10 MB/s)", "DAU 40M") are operands for every row;
- LaTeX: `\\frac{a}{b}` reads a/b, `\\times` and `\\cdot` are times, `10^{9}` is 10^9, `$`
  delimiters and `\\approx` are blanked or read as ≈.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from estimation.lexer import tokenize
from estimation.memory import Memory
from estimation.quantity import COUNT, Quantity
from estimation.tokens import Token

_EMPTY = Memory()
_BULLET = re.compile(r"(?m)^([ \t]*)([-*•+]|\d{1,2}[.)])(?=[ \t])")
_HEADING = re.compile(r"(?m)^([ \t]*)(#{1,6}|>)(?=[ \t])")
_BOLD = re.compile(r"\*\*|__|`")
_RULE = re.compile(r"(?m)^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_ROW = re.compile(r"(?m)^[ \t]*\|.*\|[ \t]*$")
_OPERATOR = re.compile(r"[×*/÷+]|\btimes\b|\bover\b")
_LATEX = (
    (re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}"), None),
    (re.compile(r"\\(times|cdot)\b"), "×"),
    (re.compile(r"\\approx\b"), "≈"),
    (re.compile(r"\\(left|right|,|;|!|quad)"), ""),
)


@dataclass
class Layout:
    """The rewritten text and what the table headers say about cells."""

    text: str
    units: dict[int, Quantity] = field(default_factory=dict)
    """Start offset of a bare table cell -> the unit its column header names."""
    operands: dict[int, list[Token]] = field(default_factory=dict)
    """Start offset of a table row -> numbers said in the headers above it."""
    periods: dict[int, str] = field(default_factory=dict)
    """Start offset of a table row -> a period a header names ("per day")."""


def _blank(text: str, start: int, end: int, fill: str = "") -> str:
    fill = fill.ljust(end - start)[: end - start]
    return text[:start] + fill + text[end:]


_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_POWER_OF_TEN = re.compile(r"(?<![\d.])10(?:\^\{?(\d{1,2})\}?|([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}))(?![\d.])")
_GROUPED = re.compile(r"(?<![\d.,])(\d{1,3})((?:[ \u202f\u2009\u00a0]\d{3})+)(?![\d])")


def _numbers(text: str) -> str:
    """10^9, 10⁹ and 10^{9} read as 1e9; "1 000 000" (grouped with spaces) as 1,000,000."""

    def power(m: re.Match[str]) -> str:
        exponent = m.group(1) or m.group(2).translate(_SUPERSCRIPT)
        return f"1e{exponent}".ljust(len(m.group()))

    def grouped(m: re.Match[str]) -> str:
        groups = m.group(2)
        if len(m.group(1)) == 3 and len(groups) == 4:
            return m.group()  # "100 200": two numbers, not one
        return m.group(1) + re.sub(r"[ \u202f\u2009\u00a0]", ",", groups)

    if "10" in text:
        text = _POWER_OF_TEN.sub(power, text)
    return _GROUPED.sub(grouped, text)


def _latex(text: str) -> str:
    if "\\" not in text and "$" not in text and "^{" not in text:
        return text
    text = re.sub(r"\^\{([^{}]*)\}", lambda m: ("^" + m.group(1)).ljust(len(m.group())), text)
    for pattern, fill in _LATEX:
        for found in reversed(list(pattern.finditer(text))):
            if fill is None:  # \frac{a}{b} -> "(a)/(b)" padded
                a, b = found.group(1), found.group(2)
                text = _blank(text, found.start(), found.end(), f"({a})/({b})")
            else:
                text = _blank(text, found.start(), found.end(), fill)
    return re.sub(r"\$(?![\d.])", " ", text)  # "$$ … $$" delimiters; "$40K" is money


def _header_unit(cell: str) -> Quantity | None:
    toks = tokenize("1 " + cell, _EMPTY.conventions, _EMPTY.name_index())
    first = toks[0] if toks else None
    if first is None or first.kind != "qty" or not first.unit_text or first.quantity is None:
        return None
    return first.quantity if first.quantity.dimension != COUNT else None


def lay_out(text: str) -> Layout:
    """`text` with note structure turned into statements; same length as `text`."""
    text = _numbers(_latex(text))
    text = _BOLD.sub(lambda m: " " * len(m.group()), text)
    # each bullet and heading is its own statement: its marker becomes a full stop
    text = _BULLET.sub(lambda m: m.group(1) + ";".ljust(len(m.group(2))), text)
    text = _HEADING.sub(lambda m: m.group(1) + ";".ljust(len(m.group(2))), text)
    layout = Layout(text)
    if "|" not in text:
        return layout
    rows = list(_ROW.finditer(text))
    header: list[tuple[int, int]] = []
    header_ops: list[Token] = []
    header_period = ""
    previous_end = -2
    chars = list(text)
    for row in rows:
        line = row.group()
        if _RULE.match(line):
            for k in range(row.start(), row.end()):
                chars[k] = " "
            previous_end = row.end()
            continue
        cells = _cells(text, row.start(), row.end())
        starts_table = text.count("\n", previous_end, row.start()) > 1 or previous_end < 0
        nxt = text[row.end() + 1 : row.end() + 200].lstrip(" \t")
        if starts_table or (not header and _RULE.match(nxt.split("\n", 1)[0] or "")):
            header = cells
            header_ops = []
            header_period = ""
            for a, b in cells:
                cell = text[a:b]
                header_ops += [
                    t
                    for t in tokenize(cell, _EMPTY.conventions, _EMPTY.name_index())
                    if t.kind == "qty" and t.quantity is not None
                ]
                for period in ("day", "month", "year", "week", "hour"):
                    if re.search(rf"\b(per|a|/)\s*{period}\b", cell):
                        header_period = period
            for k in range(row.start(), row.end()):
                chars[k] = " " if text[k] == "|" else chars[k]
            # a header is a label line, not a statement with numbers to judge
            for a, b in cells:
                for k in range(a, b):
                    chars[k] = " "
            previous_end = row.end()
            continue
        previous_end = row.end()
        line_start = text.rfind("\n", 0, row.start()) + 1
        layout.operands[line_start] = [
            Token(t.kind, t.text, -1, -1, t.quantity, t.nominal, t.time_units, t.number)
            for t in header_ops
        ]
        if header_period:
            layout.periods[line_start] = header_period
        bars = [k for k in range(row.start(), row.end()) if text[k] == "|"]
        for n, k in enumerate(bars):
            before = text[bars[n - 1] + 1 : k] if n else ""
            last_cell = n == len(bars) - 2
            if n == 0:
                chars[k] = ";"  # each row is its own statement
            elif n == len(bars) - 1:
                chars[k] = " "
            elif _OPERATOR.search(before) and last_cell:
                chars[k] = "="
            else:
                chars[k] = ","
        for col, (a, b) in enumerate(cells):
            if col >= len(header):
                break
            unit = _header_unit(text[header[col][0] : header[col][1]])
            if unit is None:
                continue
            toks = tokenize(text[a:b], _EMPTY.conventions, _EMPTY.name_index())
            if len(toks) == 1 and toks[0].kind == "qty" and toks[0].bare:
                layout.units[a + toks[0].start] = unit
    layout.text = "".join(chars)
    return layout


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    bars = [k for k in range(start, end) if text[k] == "|"]
    return [(bars[i] + 1, bars[i + 1]) for i in range(len(bars) - 1)]
