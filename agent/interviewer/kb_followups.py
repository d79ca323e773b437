"""Follow-ups from the knowledge base, slotted into `agent.interviewer.followups.choose`'s priorities.

A computed result crossing a scale limit ranks with capacity (after any arithmetic slip or
broken assumption); an anti-pattern said aloud or drawn ranks with the whiteboard findings; a
pattern the candidate reached for ranks with the scenario probes. Each entry is raised once
(key "kb:<id>"), quotes the words or names the box it is about, and carries the entry (id, name,
kind, summary, first source) so recordings and the wrap-up can cite it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from agent.interviewer.board_notes import BoardPattern
from agent.interviewer.followups import CAPACITY, FINDING, PROBE, FollowUp, TurnContext, numbers_of
from agent.interviewer.phases import later
from agent.knowledge import KnowledgeBase, load_knowledge
from agent.knowledge.cite import fill, plain_words, quote_words, reference
from agent.knowledge.speech_patterns import SpeechHit
from agent.knowledge.thresholds import threshold_probes
from estimation import format_quantity
from estimation.report import INCORRECT

KB_KEY = "kb:"
GENERIC_THEMES = frozenset(
    {
        "async",
        "queue",
        "parallel",
        "in parallel",
        "cluster",
        "replica",
        "retention",
        "transactional",
    }
)
"""`unless` words too common to mean a question's topic was covered ("queue", "replica")."""


def kb_key(entry_id: str) -> str:
    return KB_KEY + entry_id


def _themes(kb: KnowledgeBase, entry_ids: Iterable[str]) -> list[str]:
    """The `unless` regexes of these anti-patterns: the topics that answer them."""
    out = []
    for entry_id in entry_ids:
        anti = kb.anti_patterns.get(entry_id)
        if anti is not None and anti.detect.speech is not None:
            out.extend(anti.detect.speech.unless)
    return out


def _search(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.IGNORECASE) is not None


def covered(kb: KnowledgeBase, question: str, ctx: TurnContext) -> bool:
    """The question's topic (an anti-pattern's `unless` words, e.g. "virtual nodes") was already
    said by the candidate or asked by the interviewer: asking it would repeat the interview."""
    conversation = "\n".join(ctx.said)
    for anti in kb.anti_patterns.values():
        rule = anti.detect.speech
        if rule is None:
            continue
        for theme in rule.unless:
            if theme in GENERIC_THEMES or not _search(theme, question):
                continue
            if _search(theme, conversation) or any(_search(theme, q) for q in ctx.asked_texts):
                return True
    return False


# -- estimate-conditioned probes (rank with capacity) -----------------------------------------


def threshold(ctx: TurnContext) -> FollowUp | None:
    """A result of this turn crossing a scale limit: "2.4 MB fits in RAM; do you need Redis?"
    Slips are left to the arithmetic check, so the probe never builds on a wrong number."""
    claims = [c for c in ctx.report.claims if c.verdict != INCORRECT]
    if not claims:
        return None
    kb = load_knowledge()
    for hit in threshold_probes(kb, claims, ctx.utterance):
        key = kb_key(hit.entry_id)
        if key in ctx.raised:
            continue
        said = ctx.utterance or hit.claim_text
        why = f'you computed {format_quantity(hit.value)}: "{quote_words(said)}"'
        return FollowUp(
            CAPACITY,
            key,
            question=hit.question,
            quote=said,
            numbers=numbers_of(hit.question, said),
            kb=reference(kb, hit.entry_id, why, "estimate"),
        )
    return None


# -- anti-patterns (rank with whiteboard findings) ----------------------------------------------


def _design_talk(ctx: TurnContext) -> bool:
    return later(ctx.phase, "estimation") or ctx.kind in ("design", "probe_answer")


def _finding_entries(kb: KnowledgeBase, codes: Iterable[str]) -> set[str]:
    codes = set(codes)
    return {
        anti.id
        for anti in kb.anti_patterns.values()
        if anti.detect.board is not None and codes & set(anti.detect.board.findings)
    }


def finding_reference(code: str, components: Sequence[str], labels: dict[str, str]) -> dict | None:
    """The anti-pattern a whiteboard finding is an instance of (SPOF -> single point of
    failure), so the finding's follow-up cites it instead of the entry being asked again."""
    kb = load_knowledge()
    for entry_id in sorted(_finding_entries(kb, [code])):
        label = labels.get(components[0], "") if components else ""
        why = f"drawn: {label}" if label else f"board finding {code}"
        return reference(kb, entry_id, why, "board")
    return None


def anti_pattern_said(ctx: TurnContext) -> FollowUp | None:
    """An anti-pattern in this turn's words, unless a board finding already covers it."""
    if not _design_talk(ctx):
        return None
    kb = load_knowledge()
    on_board = _finding_entries(kb, (f.code for f in ctx.board_findings))
    for hit in ctx.kb_speech:
        if hit.kind != "anti-pattern" or hit.entry_id in on_board:
            continue
        key = kb_key(hit.entry_id)
        anti = kb.anti_patterns[hit.entry_id]
        question = fill(anti.speech_question or anti.question, hit.component)
        if key in ctx.raised or covered(kb, question, ctx):
            continue
        quoted = quote_words(hit.matched)
        said_in_question = quoted.lower() in question.lower()
        statement = "" if said_in_question else f'You said "{quoted}".'
        rule = anti.detect.speech
        return FollowUp(
            FINDING,
            key,
            statement=statement,
            question=question,
            quote=hit.matched,
            numbers=numbers_of(question),
            listen_for=plain_words(rule.unless) if rule is not None else (),
            kb=reference(kb, hit.entry_id, f'you said "{quoted}"', "speech"),
        )
    return None


def anti_pattern_drawn(ctx: TurnContext) -> FollowUp | None:
    """An anti-pattern the board's structure shows (a hash ring without virtual nodes, a dual
    write, a long synchronous chain), naming the boxes."""
    if not _design_talk(ctx):
        return None
    kb = load_knowledge()
    for hit in ctx.kb_board:
        if hit.kind != "anti-pattern" or hit.entry_id not in kb.anti_patterns:
            continue
        key = kb_key(hit.entry_id)
        if key in ctx.raised:
            continue
        anti = kb.anti_patterns[hit.entry_id]
        components = tuple(c for c in hit.components if c in ctx.labels)
        label = ctx.labels.get(components[0], "") if components else ""
        question = fill(anti.question, label, hit.count)
        if covered(kb, question, ctx):
            continue
        rule = anti.detect.speech
        return FollowUp(
            FINDING,
            key,
            question=question,
            numbers=numbers_of(question),
            components=components,
            listen_for=plain_words(rule.unless) if rule is not None else (),
            kb=reference(kb, hit.entry_id, f"drawn: {label}" if label else "on the board", "board"),
        )
    return None


# -- patterns (rank with scenario probes) --------------------------------------------------------


def _pattern_probe(kb: KnowledgeBase, entry_id: str, ctx: TurnContext) -> str | None:
    """The pattern's first probe whose topic the interview has not covered yet."""
    pattern = kb.patterns[entry_id]
    raised_antis = [a.id for a in kb.anti_patterns.values() if kb_key(a.id) in ctx.raised]
    themes = _themes(kb, raised_antis)
    for question in pattern.probes:
        if any(_search(theme, question) for theme in themes):
            continue
        if not covered(kb, question, ctx):
            return question
    return None


def _with_noun(quoted: str, utterance: str) -> str:
    """ "sharded" is said of something: "the sharded database", never a bare "sharded"."""
    if " " in quoted or not quoted.lower().endswith("ed"):
        return quoted
    after = re.search(rf"\b{re.escape(quoted)}\s+([a-z][\w-]+)", utterance, re.I)
    if after is None or after.group(1).lower() in _NOT_A_NOUN or after.group(1).endswith("ly"):
        return f'"{quoted}"'  # "sharded by next-run time": "by" is no thing to be "the sharded" of
    return f"the {quoted} {after.group(1)}"


_NOT_A_NOUN = frozenset(
    """by on in at to into onto across over under per for from with of as and or but so then
    than that which who when where if is are was were be been it its they them this these those
    a an the up out off down away back again""".split()  # noqa: SIM905
)


def pattern_said(ctx: TurnContext) -> FollowUp | None:
    """The known weak spot of a pattern the candidate just reached for."""
    if ctx.phase not in ("high_level_design", "deep_dive"):
        return None
    kb = load_knowledge()
    for hit in ctx.kb_speech:
        if hit.kind != "pattern" or kb_key(hit.entry_id) in ctx.raised:
            continue
        question = _pattern_probe(kb, hit.entry_id, ctx)
        if question is None:
            continue
        quoted = _with_noun(quote_words(hit.matched), ctx.utterance)
        statement = "" if quoted.lower() in question.lower() else f"You mentioned {quoted}."
        return FollowUp(
            PROBE,
            kb_key(hit.entry_id),
            statement=statement,
            question=question,
            quote=hit.matched,
            numbers=numbers_of(question),
            kb=reference(kb, hit.entry_id, f'you said "{quoted}"', "speech"),
        )
    return None


def pattern_drawn(ctx: TurnContext) -> FollowUp | None:
    """The known weak spot of a pattern drawn on the board (an event store, an outbox relay)."""
    if ctx.phase not in ("high_level_design", "deep_dive"):
        return None
    kb = load_knowledge()
    for hit in ctx.kb_board:
        entry_id = hit.entry_id
        if hit.kind != "pattern" or entry_id not in kb.patterns:
            continue
        if kb_key(entry_id) in ctx.raised:
            continue
        question = _pattern_probe(kb, entry_id, ctx)
        components = tuple(c for c in hit.components if c in ctx.labels)
        if question is None or not components:
            continue
        label = ctx.labels[components[0]]
        return FollowUp(
            PROBE,
            kb_key(entry_id),
            statement=f"Looking at your {label}.",
            question=question,
            numbers=numbers_of(question),
            components=components,
            kb=reference(kb, entry_id, f"drawn: {label}", "board"),
        )
    return None


def speech_hits(utterance: str, history: Sequence[str]) -> list[SpeechHit]:
    """Patterns and anti-patterns in this turn, with the earlier turns as history (a candidate
    who mentioned virtual nodes before is not asked about them)."""
    from agent.knowledge.speech_patterns import recognise_in_speech

    if not utterance:
        return []
    return recognise_in_speech(load_knowledge(), utterance, "\n".join(history))


def board_hits(board: Any) -> list[BoardPattern]:
    """Patterns and structural anti-patterns on a board, for the state (analyzer findings are
    cited through `finding_reference` instead)."""
    from agent.knowledge.board_patterns import recognise_on_board

    return [BoardPattern.of(hit) for hit in recognise_on_board(load_knowledge(), board, ())]
