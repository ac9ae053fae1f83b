"""Staggered decomposition: once an order is updated, domain orders that waited for information
are decomposed again and scheduled; every other domain order stays exactly as it was."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from engine.kinds.catalog import CompiledCatalog
from engine.kinds.decomposition_rules import CompiledDecompositionRules
from engine.kinds.orchestration_plan import CompiledOrchestrationPlan
from engine.lifecycle.trace import TraceEntry

from .decompose import decompose_order
from .model import AWAITING_INFORMATION, FulfilmentPlan


def complete_information(previous: FulfilmentPlan, order: dict, *, catalog: CompiledCatalog,
                         rules: CompiledDecompositionRules, plans: Mapping[str, CompiledOrchestrationPlan],
                         plan_binding: Mapping[str, str], now: datetime) -> FulfilmentPlan:
    """``previous`` with each awaitingInformation domain order replaced by its decomposition of the
    updated ``order`` (scheduled with tasks planned at ``now`` when nothing is missing any more).

    Domain orders that were not awaiting are kept as they are, even if the update would change
    them (that is a revision, not completion); domain orders the update would add are not added."""
    awaiting = set(previous.awaiting)
    fresh = decompose_order(order, catalog=catalog, rules=rules, plans=plans, plan_binding=plan_binding, now=now)
    fresh_by_ref = {d.ref: d for d in fresh.domain_orders}
    renewed = {ref for ref in awaiting if ref in fresh_by_ref}
    domain_orders = tuple(fresh_by_ref[d.ref] if d.ref in renewed else d for d in previous.domain_orders)
    released = [d.ref for d in domain_orders if d.ref in renewed and d.state != AWAITING_INFORMATION]
    entry = TraceEntry(stage="decompose", rule="staggered-completion", inputs={"awaiting": sorted(awaiting)},
                       decision={"released": released,
                                 "stillAwaiting": [d.ref for d in domain_orders if d.state == AWAITING_INFORMATION],
                                 "ignored": [ref for ref in fresh_by_ref if ref not in
                                             {d.ref for d in previous.domain_orders}]})
    trace = previous.trace + tuple(e for e in fresh.trace if _concerns(e, renewed)) + (entry,)
    problems = tuple(p for p in previous.problems if p.ref not in renewed) + tuple(
        p for p in fresh.problems if p.ref in renewed)
    return FulfilmentPlan(domain_orders, trace, problems, previous.planned_at)


def _concerns(entry: TraceEntry, refs: set[str]) -> bool:
    return (entry.inputs or {}).get("domainOrder") in refs
