"""Item 14: `estimate check` on hostile arithmetic: a thousand-operand chain and parentheses
nested thousands deep neither exhaust the recursion limit nor take quadratic time."""

from __future__ import annotations

import time

import pytest

from tests.faults.support import hotseat


@pytest.mark.parametrize(
    "text",
    [
        "It is " + "+".join(["1"] * 1000) + " = 1000 requests per second.\n",
        "Total is " + "(" * 20_000 + "1" + ")" * 20_000 + " = 1 per second\n",
        "Peak " + " * ".join(["2"] * 1500) + " = big\n",
    ],
    ids=["1000-operands", "nested-20000", "product-1500"],
)
def test_item14_hostile_arithmetic_is_one_line_and_quick(tmp_path, text):
    began = time.monotonic()
    result = hotseat(["estimate", "check", "-"], tmp_path, text.encode(), timeout=120)
    took = time.monotonic() - began
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    assert result.returncode == 0 or len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert took < 30, f"took {took:.0f} s"  # generous: the bound is ~0.5 s on a laptop


def test_item14_ordinary_arithmetic_is_still_checked(tmp_path):
    text = "Peak is 3x, so (12,000 * 3) = 60,000 per second. And 1+2+3+4 = 10 servers.\n"
    result = hotseat(["estimate", "check", "-", "--json"], tmp_path, text.encode(), timeout=120)
    assert result.returncode == 0, result.stderr
    assert '"incorrect"' in result.stdout and "36,000" in result.stdout
