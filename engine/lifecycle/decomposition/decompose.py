"""decompose_order: an order's items through catalog and decomposition rules into domain orders,
each with a plan instance from the orchestration plan bound to it."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from engine.kinds.catalog import CompiledCatalog
from engine.kinds.decomposition_rules import CompiledDecompositionRules
from engine.kinds.orchestration_plan import CompiledOrchestrationPlan
from engine.lifecycle.trace import TraceEntry

from .grouping import Group, cycle_problems, group_lines, link_lines, related_items
from .items import units
from .lines import item_lines, rules_by_specification
from .model import (
    AWAITING_INFORMATION,
    DRAFT,
    SCHEDULED,
    DomainOrderPlan,
    FulfilmentPlan,
    MissingCharacteristic,
    Problem,
)
from .tasks import EVALUATION_ERRORS, plan_context, plan_tasks

SUPPORTED_ACTIONS = frozenset({"add", "modify", "delete"})


def decompose_order(order: dict, *, catalog: CompiledCatalog, rules: CompiledDecompositionRules,
                    plans: Mapping[str, CompiledOrchestrationPlan], plan_binding: Mapping[str, str],
                    now: datetime) -> FulfilmentPlan:
    """Domain orders with lines, dependencies and task instances for every item of ``order``.

    ``plan_binding`` is the pack's ``orchestration`` map (domain or specification id -> plan key) and
    ``plans`` maps plan keys to compiled plans. Nothing raises for bad data: see ``problems``."""
    trace: list[TraceEntry] = []
    problems: list[Problem] = []
    lines, item_views = [], {}
    index = rules_by_specification(rules)
    for item in order.get("productOrderItem") or []:
        specification = _item_specification(catalog, item, problems)
        if specification is None:
            continue
        item_units = units(catalog, item, specification)
        item_views[item_units[0].item_id] = item_units[0].view
        produced = item_lines(rules, index, order, item_units)
        lines += produced.lines
        trace += produced.trace
        problems += produced.problems
    groups = group_lines(lines, plan_binding)
    link_lines(groups, rules, catalog, related_items(order))
    problems += cycle_problems(groups)
    domain_orders = tuple(_domain_order(group, order, item_views, plans, now, rules, trace, problems)
                          for group in groups.values())
    return FulfilmentPlan(domain_orders, tuple(trace), tuple(problems), now)


def _item_specification(catalog: CompiledCatalog, item: dict, problems: list[Problem]) -> str | None:
    item_id = str(item.get("id"))
    action = item.get("action", "add")
    if action not in SUPPORTED_ACTIONS:
        problems.append(Problem("action_not_supported", f"item {item_id}: action {action!r} is not decomposed yet",
                                item_id))
        return None
    offering_id = (item.get("productOffering") or {}).get("id")
    specification = (item.get("productSpecification") or {}).get("id")
    if offering_id is not None:
        offering = catalog.offering(offering_id)
        if offering is None:
            problems.append(Problem("unknown_offering", f"item {item_id}: offering {offering_id!r} is not in the "
                                    f"catalog", item_id))
            return None
        specification = offering.specification_id
    if specification is None or catalog.specification(specification) is None:
        problems.append(Problem("unknown_specification", f"item {item_id}: specification {specification!r} is "
                                f"not in the catalog", item_id, specification=specification))
        return None
    return specification


def _domain_order(group: Group, order: dict, item_views: dict, plans: Mapping[str, CompiledOrchestrationPlan],
                  now: datetime, rules: CompiledDecompositionRules, trace: list[TraceEntry],
                  problems: list[Problem]) -> DomainOrderPlan:
    lines = tuple(group.lines)
    missing = tuple(MissingCharacteristic(line.item_id, line.specification, name)
                    for line in lines for name in line.awaiting)
    base = DomainOrderPlan(group.ref, group.domain, group.fulfilment_system, lines, DRAFT, missing,
                           tuple(group.depends_on), group.plan_key, None, group.bound_by)
    trace.append(TraceEntry(stage="decompose", artifact=rules.key, version=rules.version, rule=None,
                            inputs={"domainOrder": group.ref, "lines": [line.id for line in lines]},
                            decision={"domainOrder": group.ref, "dependsOn": group.depends_on,
                                      "missing": [f"{m.item_id}/{m.specification}.{m.characteristic}"
                                                  for m in missing]}))
    plan = plans.get(group.plan_key) if group.plan_key else None
    if plan is None:
        problems.append(_plan_problem(group))
        trace.append(TraceEntry(stage="plan", rule=None, artifact=group.plan_key, inputs={"domainOrder": group.ref},
                                decision={"state": DRAFT, "reason": problems[-1].message}))
        return base
    if missing:
        trace.append(_plan_entry(base, plan.version, AWAITING_INFORMATION, {}))
        return replace(base, state=AWAITING_INFORMATION, plan_version=plan.version)
    return _scheduled(base, plan, order, item_views, now, trace, problems)


def _scheduled(base: DomainOrderPlan, plan: CompiledOrchestrationPlan, order: dict, item_views: dict,
               now: datetime, trace: list[TraceEntry], problems: list[Problem]) -> DomainOrderPlan:
    context = plan_context(order, item_views, base.ref, base.domain, base.fulfilment_system, base.lines)
    try:
        tasks = plan_tasks(plan, context, base.depends_on)
    except EVALUATION_ERRORS as error:
        problems.append(Problem("invalid_expression", f"plan {plan.key!r}: {error}", ref=base.ref))
        trace.append(_plan_entry(base, plan.version, DRAFT, {"error": str(error)}))
        return replace(base, plan_version=plan.version)
    skipped = [task.key for task in tasks if task.skipped]
    trace.append(_plan_entry(base, plan.version, SCHEDULED, {
        "tasks": [task.key for task in tasks if not task.skipped], "skipped": skipped}))
    trace += [TraceEntry(stage="plan", artifact=plan.key, version=plan.version, rule=key,
                         inputs={"domainOrder": base.ref}, decision={"skipped": True, "reason": "condition is false"})
              for key in skipped]
    return replace(base, state=SCHEDULED, plan_version=plan.version, tasks=tasks, planned_at=now)


def _plan_entry(domain_order: DomainOrderPlan, version: int | None, state: str, extra: dict) -> TraceEntry:
    return TraceEntry(stage="plan", artifact=domain_order.plan_key, version=version, rule=domain_order.bound_by,
                      inputs={"domainOrder": domain_order.ref},
                      decision={"state": state, "plan": domain_order.plan_key, "boundBy": domain_order.bound_by,
                                **extra})


def _plan_problem(group: Group) -> Problem:
    if group.plan_key is None:
        return Problem("no_plan_bound", f"no orchestration plan is bound to {group.domain!r} nor to "
                       f"{', '.join(sorted({line.specification for line in group.lines}))}", ref=group.ref)
    return Problem("plan_not_loaded", f"plan {group.plan_key!r} is bound but was not given", ref=group.ref)
