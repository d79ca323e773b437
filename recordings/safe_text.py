"""Text from a recording made safe to print on a terminal.

What a candidate said (or typed, or a tampered log holds) may contain escape sequences that
retitle the window, move the cursor, hide lines or write to the clipboard. They are removed
before a transcript reaches a terminal; the recording itself keeps the text as it was.
"""

from __future__ import annotations

import re

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor movement, erase
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC/DCS/SOS/PM/APC strings
    r"|\x1b[ -/]*[0-~]?"  # any other ESC sequence, or a lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # other control characters (tab and newline stay)
)


def terminal_safe(text: str) -> str:
    """``text`` without terminal escape sequences or control characters."""
    return _ESCAPES.sub("", text)


__all__ = ["terminal_safe"]
