"""The base of the interviewer's typed state values: frozen dataclasses that survive the
checkpoint and become plain data only at the edges (`--json`, recordings, the HTML report).

LangGraph's serializer stores a dataclass as its constructor's keyword arguments and restores
tuples as lists; `Frozen.__post_init__` turns them back into tuples, so a resumed value equals
the value that was stored.
"""

from __future__ import annotations

import dataclasses
from typing import Any


class Frozen:
    """Mixin for `@dataclass(frozen=True)` state values."""

    def __post_init__(self) -> None:
        for item in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, item.name)
            if isinstance(value, list):
                object.__setattr__(self, item.name, tuple(value))

    def to_dict(self) -> dict[str, Any]:
        """Plain data (str, numbers, lists, dicts) for the edges."""
        return {
            item.name: plain(getattr(self, item.name))
            for item in dataclasses.fields(self)  # type: ignore[arg-type]
        }


def plain(value: Any) -> Any:
    """A state value as plain data: typed values through their `to_dict`, tuples as lists."""
    if hasattr(value, "to_dict") and not isinstance(value, type):
        return value.to_dict()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value
