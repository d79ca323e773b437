"""Names say what they are: no two modules share a basename and no two public classes share a
name across Hotseat's packages, so a name in a traceback or an import points at one thing."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("agent", "estimation", "scenarios", "recordings", "voice")

SHARED_BASENAMES = {
    # each is "what this package remembers / emits", qualified by a package that never imports
    # the other one's module: estimation.memory is private to estimation, and no module
    # imports both voice.events and agent.interviewer.events
    "memory.py": {"agent/interviewer/memory.py", "estimation/memory.py"},
    "events.py": {"agent/interviewer/events.py", "voice/events.py"},
}


def _modules() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def test_no_two_modules_share_a_basename() -> None:
    by_name: dict[str, set[str]] = defaultdict(set)
    for path in _modules():
        if path.name != "__init__.py":
            by_name[path.name].add(path.relative_to(ROOT).as_posix())
    shared = {name: paths for name, paths in by_name.items() if len(paths) > 1}
    unexpected = {n: p for n, p in shared.items() if SHARED_BASENAMES.get(n) != p}
    assert not unexpected, unexpected


def test_no_two_public_classes_share_a_name() -> None:
    by_name: dict[str, list[str]] = defaultdict(list)
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                by_name[node.name].append(path.relative_to(ROOT).as_posix())
    shared = {name: paths for name, paths in by_name.items() if len(paths) > 1}
    assert not shared, shared


def test_the_shared_basenames_never_meet_in_one_module() -> None:
    """The allowance above holds only while no module imports two of the same basename."""
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
        for name, paths in SHARED_BASENAMES.items():
            dotted = {p.removesuffix(".py").replace("/", ".") for p in paths}
            assert len(dotted & imported) < 2, (path, name)
