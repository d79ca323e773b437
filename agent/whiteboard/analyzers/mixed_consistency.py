"""SHARED_STORE_MIXED_CONSISTENCY: one store serving a read path that needs AP and a write path
that needs CP, with no consistency model chosen for it.

The scenario says which operations need which model (surge pricing: read AP, write CP). Without
a scenario, AP/CP written on arrows or groups ("read (AP)", "Write path — CP") count instead.
"""

from __future__ import annotations

from agent.whiteboard.analyzers.board_context import BoardContext
from agent.whiteboard.analyzers.finding import BoardFinding, Severity
from agent.whiteboard.kinds import ComponentKind
from agent.whiteboard.note_facts import consistency_of

CODE = "SHARED_STORE_MIXED_CONSISTENCY"
_STORES = (ComponentKind.DATABASE, ComponentKind.CACHE)


def check(ctx: BoardContext) -> list[BoardFinding]:
    ops = ctx.scenario.operations
    ap = next((op.name for op in ops if op.model == "AP"), None)
    cp = next((op.name for op in ops if op.model == "CP"), None)
    stores = ctx.of_kind(*_STORES)
    databases = [s for s in stores if s.kind == ComponentKind.DATABASE]
    findings = []
    for store in stores:
        if store.facts.consistency or not ctx.edges[store.id]:
            continue
        models = _drawn_models(ctx, store.id)
        if {"AP", "CP"} <= models:
            reads, writes = "the read path (AP)", "the write path (CP)"
        elif ap and cp and store.kind == ComponentKind.DATABASE and len(databases) == 1:
            if (
                len(ctx.upstream[store.id]) + len(ctx.downstream[store.id]) < 2
                and len(ctx.board.components) > 2
            ):
                continue  # one caller: the board does not show two paths meeting here
            reads, writes = f"{_lower(ap)} (AP)", f"{_lower(cp)} (CP)"
        else:
            continue
        findings.append(
            BoardFinding(
                CODE,
                Severity.HIGH,
                (store.id,),
                f"{store.name} serves both {reads} and {writes} with no consistency model stated.",
                f"I see you've drawn a single {store.name} node. But {reads} needs availability "
                f"while {writes} needs consistency. Are you using one store for both? If so, "
                "which consistency model are you choosing?",
            )
        )
    return findings


def _drawn_models(ctx: BoardContext, store_id: str) -> set[str]:
    """AP/CP written on arrows touching the store, or on the groups its neighbours sit in."""
    models = set()
    for edge in ctx.edges[store_id]:
        model = consistency_of(edge.label)
        if model:
            models.add(model)
        other = ctx.get(edge.target if edge.source == store_id else edge.source)
        group = ctx.board.groups.get(other.group) if other.group else None
        if group is not None:
            model = consistency_of(group.label)
            if model:
                models.add(model)
    return models


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]
