"""The listening corpora, scored by the corpus's own scorer (`bench/score_interviews.py`) through
the real `hotseat interview --text --json`: the dev set from people who never saw the code, and
four probe sets written the same way by engineers who did not read the interviewer (other
scenarios, other wording). The thresholds are issue 12's bar; a probe set's bar is where it stands
now, so a change that helps one set by hurting another fails here."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "interviews"

# set: (min caught, min answered, min meta handled, min pushback engaged) as fractions
BARS = {
    "dev": (0.90, 0.95, 0.90, 0.80),
    "probe1": (0.85, 0.90, 0.90, 0.50),
    "probe2": (0.60, 0.80, 0.90, 0.50),
    "probe3": (0.75, 0.95, 0.90, 0.50),
    "probe4": (0.70, 0.95, 0.90, 0.50),
}
MAX_REASKS = {"probe4": 1}
"""probe4-06 asks for 'the ingest bandwidth at peak', which the corpus scorer counts as asking
for the peak rate again (its topic words find 'peak'); the peak itself is settled."""


def _ratio(line: str, key: str) -> float:
    m = re.search(rf"{key}=(\d+)/(\d+)", line)
    assert m, f"{key} missing from {line!r}"
    done, total = int(m.group(1)), int(m.group(2))
    return done / total if total else 1.0


@pytest.mark.parametrize("name", sorted(BARS))
def test_the_interviewer_listens_on_scripted_candidates(name):
    hotseat = Path(sys.executable).with_name("hotseat")
    env = {**os.environ, "HOTSEAT": str(hotseat), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "score_interviews.py"), str(DATA / name)],
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
    )
    line = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    assert line.startswith("set="), proc.stdout + proc.stderr
    caught, answered, meta, pushback = BARS[name]
    assert re.search(r"false_accusations=0/", line), line  # never dispute a correct number
    assert re.search(r"repeats=0\b", line), line
    reasks = int(re.search(r"reasks=(\d+)", line).group(1))
    assert reasks <= MAX_REASKS.get(name, 0), line
    assert _ratio(line, "caught") >= caught, line
    assert _ratio(line, "answered") >= answered, line
    assert _ratio(line, "meta_handled") >= meta, line
    assert _ratio(line, "pushback_conceded") >= pushback, line
    assert _ratio(line, "scores_in_range") >= 0.85, line
    assert "order=ok" in line, line
    if name == "dev":  # the separation: strong >= mid + 6 >= weak + 12
        strong, mid, weak = (float(x) for x in re.findall(r"(?:strong|mid|weak) ([\d.]+)", line))
        assert strong >= mid + 6 and mid + 6 >= weak + 12, line
