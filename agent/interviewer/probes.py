"""Board findings, scenario probes and moving on: the lowest priorities of
`agent.interviewer.followups.choose`. A board finding the candidate already covered aloud is skipped.

A probe is asked in the design phases, first about components the candidate drew, then about
ones they named; in the deep dive the rest follow, interleaved with CAP-per-operation questions
built from the scenario's consistency table. No probe is asked twice.
"""

from __future__ import annotations

import re
from typing import Any

from agent.interviewer.board_notes import BoardNote
from agent.interviewer.followups import (
    FINDING,
    MOVE_ON,
    PROBE,
    TURNS_BEFORE_MOVING_ON,
    FollowUp,
    TurnContext,
    numbers_of,
)
from agent.interviewer.kb_followups import covered, finding_reference
from agent.interviewer.phases import later, next_phase
from agent.interviewer.turn_kinds import normalise
from agent.knowledge import load_knowledge

ANSWERED_BY = {
    "NO_MONITORING": (
        r"monitor|alert|prometheus|grafana|datadog|cloudwatch|metrics|dashboard|observab|pager"
    ),
    "CACHE_NO_TTL": r"\bttl\b|expir|evict|invalidat",
    "NO_REPLICATION": r"replica|replicat|standby|multi-az",
    "DB_NOT_SHARDED": r"shard|partition",
    "UNBOUNDED_QUEUE": r"\bbound|backpressure|retention|max(?:imum)? (?:size|length)|dead letter",
    "SPOF": r"replica|failover|redundan|standby|more than one|multiple|active.active",
    "BIDIRECTIONAL_SYNC": r"priority|wins|authoritative|source of truth|one.way",
}
"""What the candidate may say that answers a board finding without drawing anything."""


def _answered_aloud(finding: BoardNote, ctx: TurnContext) -> bool:
    """The candidate already covered this out loud: board-wide gaps by the topic alone, a
    component's gap by the topic and the component's name in one turn."""
    pattern = ANSWERED_BY.get(finding.code)
    if pattern is None:
        return False
    comps = list(finding.components)
    names = [ctx.labels.get(c, "").lower() for c in comps[:1]]
    words = {w for n in names for w in re.findall(r"[a-z0-9]{3,}", n)}
    for text in ctx.said:
        lowered = text.lower()
        if not re.search(pattern, lowered):
            continue
        if finding.code == "NO_MONITORING" or not words:
            return True
        if any(re.search(rf"\b{re.escape(w)}", lowered) for w in words):
            return True
    return False


def finding(ctx: TurnContext) -> FollowUp | None:
    """The first board finding not raised before and not already answered aloud."""
    if not later(ctx.phase, "estimation") and ctx.kind not in ("design", "probe_answer"):
        return None
    for found in ctx.board_findings:
        components = found.components
        key = found.key
        if key in ctx.raised or _answered_aloud(found, ctx):
            continue
        question = found.question or found.message
        return FollowUp(
            FINDING,
            key,
            question=question,
            numbers=numbers_of(question),
            components=components,
            kb=finding_reference(found.code, components, ctx.labels),
        )
    return None


def probe(ctx: TurnContext) -> FollowUp | None:
    """An unasked scenario probe: about a drawn box first, then a named one; in the deep dive
    any probe, interleaved with CAP-per-operation questions."""
    if ctx.phase not in ("high_level_design", "deep_dive"):
        return None
    scenario = ctx.scenario
    mentioned = {m.lower() for m in ctx.mentioned}

    def on_board(probe: Any) -> bool:
        return any(key in ctx.drawn for key in probe.components)

    def named(probe: Any) -> bool:
        return any(
            (c := scenario.component(key)) is not None and c.label.lower() in mentioned
            for key in probe.components
        )

    kb = load_knowledge()
    fresh = [
        p
        for p in scenario.probes
        if p.id not in ctx.probes_asked
        and not covered(kb, p.question, ctx)
        and not _probe_answered(p, ctx)
    ]
    ranked = [p for p in fresh if on_board(p)] + [p for p in fresh if named(p) and not on_board(p)]
    if ctx.phase == "deep_dive":
        ranked += [p for p in fresh if p not in ranked]
        cap = _consistency_probe(ctx)
        if cap is not None and (not ranked or len(ctx.probes_asked) % 3 == 1):
            return cap
        link = _link_probe(ctx)
        if link is not None and (not ranked or len(ctx.probes_asked) % 3 == 2):
            return link
    if not ranked:
        return None
    probe = ranked[0]
    question = scenario.render_probe(probe, ctx.drawn)
    drawn_label = next((ctx.drawn[k] for k in probe.components if k in ctx.drawn), "")
    named_label = next(
        (
            c.label
            for k in probe.components
            if (c := scenario.component(k)) is not None and c.label.lower() in mentioned
        ),
        "",
    )
    statement = (
        f"Looking at your {drawn_label}."
        if drawn_label
        else f"You mentioned {_spoken_label(named_label)}."
        if named_label
        else ""
    )
    return FollowUp(
        PROBE,
        f"probe:{probe.id}",
        statement=statement,
        question=question,
        numbers=numbers_of(question),
        components=tuple(ctx.drawn_ids[k] for k in probe.components if k in ctx.drawn_ids),
        probe_id=probe.id,
        listen_for=tuple(probe.listen_for),
    )


def _probe_answered(probe: Any, ctx: TurnContext) -> bool:
    """The candidate already said the answer aloud: monitoring named for a monitoring probe, or
    most of what the probe listens for ("exponential backoff", "dead letter queue")."""
    from agent.interviewer.followup_log import heard

    earlier = " ".join(ctx.said)
    kinds = {
        c.kind if (c := ctx.scenario.component(key)) is not None else key.lower()
        for key in probe.components
    }
    if "monitoring" in kinds and re.search(ANSWERED_BY["NO_MONITORING"], earlier.lower()):
        return True
    points = list(probe.listen_for)
    return len(points) >= 2 and 2 * len(heard(earlier, points)) >= len(points)


_STORE_KINDS = ("database", "cache", "queue", "blob_store", "search", "other", "stream_processor")


def _link_probe(ctx: TurnContext) -> FollowUp | None:
    """The seed's question about one arrow the candidate drew: what happens when it goes down.
    Arrows into stores and external providers first (where a failure hurts most)."""
    edges = sorted(ctx.edges, key=lambda e: ctx.kinds.get(e[1], "") not in _STORE_KINDS)
    covered = [  # a scenario probe already asked about these two boxes
        {ctx.drawn_ids[k] for k in p.components if k in ctx.drawn_ids}
        for p in ctx.scenario.probes
        if p.id in ctx.probes_asked
    ]
    for source, target in edges:
        probe_id = f"link:{source}-{target}"
        if probe_id in ctx.probes_asked or source not in ctx.labels or target not in ctx.labels:
            continue
        if any({source, target} <= ids for ids in covered):
            continue
        if {ctx.kinds.get(source), ctx.kinds.get(target)} & {"client", "monitoring"}:
            continue
        a, b = ctx.labels[source], ctx.labels[target]
        question = (
            f"What happens when the link between {a} and {b} goes down? What does {a} do "
            f"with requests meanwhile, and what happens when {b} comes back?"
        )
        return FollowUp(
            PROBE,
            f"probe:{probe_id}",
            question=question,
            numbers=numbers_of(question),
            components=(source, target),
            probe_id=probe_id,
            listen_for=("retry", "buffer queue", "timeout", "circuit breaker", "fallback"),
        )
    return None


def _spoken_label(label: str) -> str:
    """ "the pricing cache" for a description, "Kafka" for a name."""
    if " " not in label:
        return label
    # "the API gateway", not "the aPI gateway"
    first = label.split(" ", 1)[0]
    lowered = label if re.match(r"[A-Z][A-Z0-9]", first) else label[:1].lower() + label[1:]
    return f"the {lowered}"


def _consistency_probe(ctx: TurnContext) -> FollowUp | None:
    """CAP per operation: the seed's surge-pricing question, for this scenario's operations."""
    for op in ctx.scenario.consistency:
        probe_id = "cap:" + normalise(op.operation).replace(" ", "-")
        if probe_id in ctx.probes_asked:
            continue
        question = (
            f"Take one operation: {op.operation.lower()}. During a network partition, do you "
            "keep serving it and accept stale or conflicting data, or refuse until the "
            "replicas agree — AP or CP, and why?"
        )
        return FollowUp(
            PROBE,
            f"probe:{probe_id}",
            question=question,
            probe_id=probe_id,
            listen_for=(op.model, *re.findall(r"[a-z]{5,}", op.reason.lower())[:4]),
        )
    return None


def move_on(ctx: TurnContext) -> FollowUp:
    """Nothing to push back on: nudge within the phase, or move to the next one."""
    needed = TURNS_BEFORE_MOVING_ON.get(ctx.phase)
    if ctx.phase == "deep_dive" or (needed is not None and ctx.phase_turns >= needed):
        return FollowUp(MOVE_ON, f"move:{ctx.phase}", next_phase=next_phase(ctx.phase))
    return FollowUp(MOVE_ON, f"nudge:{ctx.phase}:{ctx.phase_turns}")
