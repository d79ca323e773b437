"""A knowledge-base entry as a person reads it (`hotseat kb show`): what it is, what it buys and
costs, the questions it leads to, figures with sources. Detection rules (regular expressions,
analyzer codes, structural checks) are how the interviewer spots an entry; they are not study
material and are left out."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from agent.knowledge.entries import AntiPattern, CaseStudy, Pattern, Source, Technology, Threshold


@dataclass(frozen=True)
class Section:
    """One titled block: a paragraph or a list of items."""

    title: str
    paragraph: str = ""
    items: tuple[str, ...] = ()


def describe(kind: str, entry: object, knowledge: Any = None) -> list[Section]:
    """The sections of one entry, in reading order. ``knowledge`` (the loaded `KnowledgeBase`)
    lets a threshold quote the scale limit it comes from."""
    if isinstance(entry, Pattern):
        return _keep(
            Section("What it is", entry.summary),
            _listed("What it buys", entry.buys),
            _listed("What it costs", entry.costs),
            _listed("Questions an interviewer asks", entry.probes),
            _listed("On a board, labelled", entry.recognise.board_labels),
            _listed("Sources", [_source(s) for s in entry.sources]),
        )
    if isinstance(entry, AntiPattern):
        return _keep(
            Section("What it is", entry.summary),
            Section("Why it hurts", entry.why),
            Section("The fix", entry.fix),
            _listed("Questions an interviewer asks", _questions(entry)),
            _listed("Related", entry.related),
            _listed("Sources", [_source(s) for s in entry.sources]),
        )
    if isinstance(entry, Technology):
        limits = [
            f"{_words(limit.metric)}: {limit.value}. {limit.note} ({_source(limit.source)})"
            for limit in entry.limits
        ]
        return _keep(_listed("Also called", entry.aliases), _listed("Limits", limits))
    if isinstance(entry, CaseStudy):
        figures = [f"{f.value}: {f.what} ({_source(f.source)})" for f in entry.figures]
        return _keep(
            Section("The problem", entry.problem),
            Section("How it was solved", " ".join(entry.notes.split())),
            _listed("Figures", figures),
            _listed("Related", entry.related),
        )
    if isinstance(entry, Threshold):
        bound = f"above {entry.above}" if entry.above else f"below {entry.below}"
        limit, origin = _limit(entry.limit, knowledge)
        return _keep(
            Section(
                "When it is asked",
                f"When a {entry.dimension} figure you compute is {bound} ({origin}).",
            ),
            Section(
                "The question",
                entry.question.replace("{value}", "<your figure>").replace("{limit}", limit),
            ),
            _listed("Related", entry.related),
        )
    return [Section(kind, str(entry))]


def render_text(
    entry_id: str, kind: str, entry: object, knowledge: Any = None, width: int = 96
) -> str:
    """Plain text for a terminal, wrapped at ``width``; ends with a newline."""
    name = getattr(entry, "name", entry_id)
    lines = [f"{name}  ({kind}, id: {entry_id})"]
    for section in describe(kind, entry, knowledge):
        lines += ["", section.title]
        if section.paragraph:
            lines += textwrap.wrap(
                section.paragraph, width, initial_indent="  ", subsequent_indent="  "
            )
        for item in section.items:
            lines += textwrap.wrap(
                item, width, initial_indent="  - ", subsequent_indent="    ", break_on_hyphens=False
            )
    return "\n".join(lines) + "\n"


def _limit(reference: str, knowledge: Any) -> tuple[str, str]:
    """(the limit's value, where it comes from) for "technology.metric"."""
    try:
        technology, limit = knowledge.limit(reference)
    except (AttributeError, KeyError):
        return "the limit", f"from the scale limit {reference}"
    return limit.value, f"{technology.name} {_words(limit.metric)} is about {limit.value}"


def _questions(entry: AntiPattern) -> list[str]:
    asked = [entry.question.replace("{component}", "X").replace("{count}", "N")]
    if entry.speech_question:
        asked.append(entry.speech_question.replace("{component}", "X"))
    return asked


def _listed(title: str, items: list[str]) -> Section:
    return Section(title, items=tuple(items))


def _keep(*sections: Section) -> list[Section]:
    return [s for s in sections if s.paragraph or s.items]


def _source(source: Source) -> str:
    return f"{source.title}, {source.url}"


def _words(name: str) -> str:
    return name.replace("_", " ")


__all__ = ["Section", "describe", "render_text"]
