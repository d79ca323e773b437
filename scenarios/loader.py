"""Finds, parses and validates scenario files: the bundled library plus the user's own.

A broken user file must not take the library down: each file that fails becomes a
`ScenarioError` (file, field, problem) in `library.errors` and every other file still loads.
Parsed files are cached by (path, size, mtime) so repeated loads in one process cost a stat each.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from scenarios.model import Scenario
from scenarios.parse_cache import ParseCache

BUNDLED_DIR = Path(__file__).parent / "data"
SUFFIXES = (".yaml", ".yml")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CACHE: dict[
    Path, tuple[tuple[int, int], dict[str, Any] | ScenarioError, Scenario | ScenarioError]
] = {}
"""Per file: (size, mtime) key, parsed document, validated result."""


class ScenarioError(ValueError):
    """A scenario file that does not load: which file, which field, what is wrong."""

    def __init__(self, file: Path | str, field: str, problem: str) -> None:
        self.file = str(file)
        self.field = field
        self.problem = problem
        where = f"{self.file}: field {field}" if field else self.file
        super().__init__(f"{where}: {problem}")


class UnknownScenarioError(KeyError):
    """No scenario has that id; the message lists the closest ids."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class ScenarioLibrary:
    """Scenarios by id (bundled first, then user files), plus the files that failed."""

    scenarios: dict[str, Scenario]
    errors: tuple[ScenarioError, ...] = ()
    files: dict[str, Path] = field(default_factory=dict, repr=False)
    """Which file each scenario came from."""

    def get(self, scenario_id: str) -> Scenario:
        """The scenario with this id; `UnknownScenarioError` (a KeyError) names close ids."""
        try:
            return self.scenarios[scenario_id]
        except KeyError:
            pass
        close = difflib.get_close_matches(scenario_id, list(self.scenarios), n=3, cutoff=0.5)
        close += [i for i in self.scenarios if scenario_id and scenario_id in i and i not in close]
        hint = f"; did you mean {', '.join(close[:5])}?" if close else ""
        raise UnknownScenarioError(
            f"no scenario {scenario_id!r}{hint} (`hotseat scenarios list` shows all)"
        )

    def ids(self) -> list[str]:
        return list(self.scenarios)

    def __iter__(self) -> Iterator[Scenario]:
        return iter(self.scenarios.values())

    def __len__(self) -> int:
        return len(self.scenarios)

    def __contains__(self, scenario_id: object) -> bool:
        return scenario_id in self.scenarios


def load_scenarios(
    extra_dirs: Sequence[Path] = (), cache_dir: Path | None = None
) -> ScenarioLibrary:
    """The bundled scenarios plus every `*.yaml`/`*.yml` in `extra_dirs` (missing dirs are
    skipped). Bad files and duplicate ids end up in `library.errors`; the rest load.

    `cache_dir`, when given, keeps a JSON copy of the parsed files there so the next process
    skips YAML parsing (see `scenarios.parse_cache`)."""
    parse_cache = ParseCache(cache_dir) if cache_dir is not None else None
    scenarios: dict[str, Scenario] = {}
    files: dict[str, Path] = {}
    errors: list[ScenarioError] = []
    for directory in (BUNDLED_DIR, *map(Path, extra_dirs)):
        for path in _scenario_files(directory, errors):
            result = load_file(path, parse_cache)
            if isinstance(result, ScenarioError):
                errors.append(result)
            elif result.id in scenarios:
                errors.append(
                    ScenarioError(
                        path, "id", f"duplicate id {result.id!r} (already in {files[result.id]})"
                    )
                )
            else:
                scenarios[result.id] = result
                files[result.id] = path
    if parse_cache is not None:
        parse_cache.save()
    return ScenarioLibrary(scenarios, tuple(errors), files)


def clear_cache() -> None:
    """Forget files parsed in this process (the next load re-reads them or the parse cache)."""
    _CACHE.clear()


def _scenario_files(directory: Path, errors: list[ScenarioError]) -> list[Path]:
    if not directory.is_dir():
        return []
    try:
        return sorted(p for p in directory.iterdir() if p.suffix in SUFFIXES and p.is_file())
    except OSError as error:
        errors.append(ScenarioError(directory, "", f"cannot list directory: {error.strerror}"))
        return []


def load_file(path: Path, parse_cache: ParseCache | None = None) -> Scenario | ScenarioError:
    """One scenario file, validated; the error instead of raising, so callers can collect."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as error:
        return ScenarioError(path, "", f"cannot read: {error.strerror}")
    key = (stat.st_size, stat.st_mtime_ns)
    cached = _CACHE.get(path)
    if cached is not None and cached[0] == key:
        document, result = cached[1], cached[2]
    else:
        document = parse_cache.get(path, key) if parse_cache is not None else None
        if document is None:
            document = _parse(path)
        result = _validate(path, document)
        _CACHE[path] = (key, document, result)
    if parse_cache is not None and isinstance(document, dict) and not parse_cache.get(path, key):
        parse_cache.put(path, key, document)
    return result


def _parse(path: Path) -> dict[str, Any] | ScenarioError:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return ScenarioError(path, "", f"cannot read: {error}")
    try:
        document = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        return ScenarioError(path, "", f"not valid YAML{at}: {problem}")
    if not isinstance(document, dict):
        return ScenarioError(path, "", "expected a mapping of fields (id, title, prompt, ...)")
    return document


def _validate(path: Path, document: dict[str, Any] | ScenarioError) -> Scenario | ScenarioError:
    if isinstance(document, ScenarioError):
        return document
    try:
        return Scenario.model_validate(document)
    except ValidationError as error:
        first = error.errors()[0]
        location = _location(document, first["loc"])
        more = error.error_count() - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        return ScenarioError(path, location or "(scenario)", first["msg"] + suffix)


def _location(document: Any, loc: tuple[Any, ...]) -> str:
    """`probes[2].question`, naming list items by their id/name when they have one."""
    parts: list[str] = []
    node = document
    for step in loc:
        if isinstance(step, int):
            label = ""
            if isinstance(node, list) and step < len(node) and isinstance(node[step], dict):
                item = node[step]
                label = item.get("id") or item.get("name") or item.get("label") or ""
            index = f"[{label}]" if label else f"[{step}]"
            parts[-1:] = [(parts[-1] if parts else "") + index]
            node = node[step] if isinstance(node, list) and step < len(node) else None
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts)
