"""A JSON copy of parsed scenario files, so a fresh process skips YAML parsing.

Parsing 45 YAML files with libyaml takes tens of milliseconds on every `hotseat` start; reading
the same documents back from one JSON file takes a few. Entries are keyed by the file's size
and modification time, so an edited file is parsed again. The cache is an optimisation only:
an unreadable, corrupt or read-only cache is ignored, never an error.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

CACHE_VERSION = 1
CACHE_FILE = f"scenarios-parsed-v{CACHE_VERSION}.json"

FileKey = tuple[int, int]
"""(size in bytes, modification time in ns)."""


class ParseCache:
    """Parsed documents by absolute file path, loaded from and saved to `directory/CACHE_FILE`."""

    def __init__(self, directory: Path) -> None:
        self.path = Path(directory) / CACHE_FILE
        self.entries: dict[str, dict[str, Any]] = self._read()
        self.dirty = False

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, file: Path, key: FileKey) -> dict[str, Any] | None:
        entry = self.entries.get(str(file))
        if isinstance(entry, dict) and entry.get("key") == list(key):
            document = entry.get("document")
            return document if isinstance(document, dict) else None
        return None

    def put(self, file: Path, key: FileKey, document: dict[str, Any]) -> None:
        try:
            same = json.loads(json.dumps(document)) == document
        except (TypeError, ValueError):
            same = False
        if not same:
            return  # a YAML date or a numeric key does not survive JSON: parse it every time
        self.entries[str(file)] = {"key": list(key), "document": document}
        self.dirty = True

    def save(self) -> None:
        """Write atomically if anything changed; failures are ignored (the cache is optional)."""
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(self.entries, out)
            os.replace(temporary, self.path)
            self.dirty = False
        except OSError:
            pass
