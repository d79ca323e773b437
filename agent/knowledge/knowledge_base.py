"""Loads and cross-checks the bundled knowledge base (agent/knowledge/data/*.yaml)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from agent.knowledge.entries import AntiPattern, CaseStudy, Pattern, Technology, Threshold

KB_VERSION = 1
_SECTIONS: dict[str, tuple[str, type[BaseModel]]] = {
    "patterns.yaml": ("patterns", Pattern),
    "anti_patterns.yaml": ("anti_patterns", AntiPattern),
    "scale_limits.yaml": ("technologies", Technology),
    "case_studies.yaml": ("case_studies", CaseStudy),
    "thresholds.yaml": ("thresholds", Threshold),
}
KIND_OF_SECTION = {
    "patterns": "pattern",
    "anti_patterns": "anti-pattern",
    "technologies": "scale-limit",
    "case_studies": "case-study",
    "thresholds": "threshold",
}


class KnowledgeError(ValueError):
    """A knowledge-base file that does not load, naming the file, entry and field."""


@dataclass(frozen=True)
class KnowledgeBase:
    patterns: dict[str, Pattern]
    anti_patterns: dict[str, AntiPattern]
    technologies: dict[str, Technology]
    case_studies: dict[str, CaseStudy]
    thresholds: dict[str, Threshold]
    _by_id: dict[str, tuple[str, BaseModel]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for section, kind in KIND_OF_SECTION.items():
            for entry_id, entry in getattr(self, section).items():
                if entry_id in self._by_id:
                    raise KnowledgeError(f"duplicate knowledge-base id {entry_id!r}")
                self._by_id[entry_id] = (kind, entry)

    def get(self, entry_id: str) -> tuple[str, BaseModel]:
        """(kind, entry) for an id; KeyError with the closest ids when unknown."""
        if entry_id in self._by_id:
            return self._by_id[entry_id]
        import difflib

        close = difflib.get_close_matches(entry_id, self._by_id, n=3)
        hint = f" — did you mean {', '.join(close)}?" if close else ""
        raise KeyError(f"no knowledge-base entry {entry_id!r}{hint}")

    def entries(self) -> list[tuple[str, str, BaseModel]]:
        """Every entry as (id, kind, entry), in file order."""
        return [(entry_id, kind, entry) for entry_id, (kind, entry) in self._by_id.items()]

    def limit(self, reference: str) -> tuple[Technology, Any]:
        """The scale limit named "technology.metric"."""
        tech_id, _, metric = reference.partition(".")
        technology = self.technologies[tech_id]
        for limit in technology.limits:
            if limit.metric == metric:
                return technology, limit
        raise KeyError(f"{tech_id} has no limit {metric!r}")


def _load_section(file_name: str) -> dict[str, BaseModel]:
    section, model = _SECTIONS[file_name]
    text = resources.files("agent.knowledge").joinpath("data", file_name).read_text("utf-8")
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{file_name}: not valid YAML: {error}") from error
    if not isinstance(document, dict) or document.get("version") != KB_VERSION:
        raise KnowledgeError(f"{file_name}: expected a mapping with version: {KB_VERSION}")
    entries: dict[str, BaseModel] = {}
    for index, raw in enumerate(document.get(section) or []):
        where = f"{file_name}: {section}[{index}] ({raw.get('id', '?') if isinstance(raw, dict) else '?'})"
        try:
            entry = model.model_validate(raw)
        except ValidationError as error:
            first = error.errors()[0]
            location = ".".join(str(part) for part in first["loc"])
            raise KnowledgeError(f"{where}: field {location}: {first['msg']}") from error
        if entry.id in entries:
            raise KnowledgeError(f"{where}: duplicate id {entry.id!r}")
        entries[entry.id] = entry
    return entries


@functools.cache
def load_knowledge() -> KnowledgeBase:
    """The bundled knowledge base, validated once per process."""
    loaded = {_SECTIONS[name][0]: _load_section(name) for name in _SECTIONS}
    return KnowledgeBase(**loaded)
