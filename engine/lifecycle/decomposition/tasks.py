"""Plan instances: an orchestration plan's tasks selected and parameterised for one domain order."""
from __future__ import annotations

from engine.kinds.orchestration_plan import CompiledOrchestrationPlan, TaskDefinition

from .model import DomainOrderLine, TaskPlan

EVALUATION_ERRORS = (ArithmeticError, ValueError, TypeError, KeyError)


def plan_context(order: dict, item_views: dict[str, dict], ref: str, domain: str, fulfilment_system: str,
                 lines: tuple[DomainOrderLine, ...]) -> dict:
    """``{order, item, domainOrder}`` for a plan's expressions; ``item`` is set when the domain order
    fulfils a single order item, else None (its lines are in ``domainOrder.lines``)."""
    item_ids = list(dict.fromkeys(line.item_id for line in lines))
    return {"order": order, "item": item_views.get(item_ids[0]) if len(item_ids) == 1 else None,
            "domainOrder": {"ref": ref, "domain": domain, "fulfilmentSystem": fulfilment_system,
                            "itemIds": item_ids, "quantity": sum(line.quantity for line in lines),
                            "specifications": list(dict.fromkeys(line.specification for line in lines)),
                            "lines": [line_context(line) for line in lines]}}


def line_context(line: DomainOrderLine) -> dict:
    """A line as plan expressions see it."""
    return {"id": line.id, "itemId": line.item_id, "specification": line.specification,
            "quantity": line.quantity, "characteristics": dict(line.characteristics), "rule": line.rule}


def plan_tasks(plan: CompiledOrchestrationPlan, context: dict, waits_for: tuple[str, ...]) -> tuple[TaskPlan, ...]:
    """Every task of the plan in dependency order; those whose condition is falsy come back skipped.
    ``waits_for`` goes on each task with no included task before it."""
    included: dict[str, bool] = {}
    after_included: dict[str, bool] = {}
    tasks = []
    for definition in plan.tasks:
        condition = None if definition.condition is None else bool(definition.condition(context))
        included[definition.key] = condition is not False
        after_included[definition.key] = any(included.get(d) or after_included.get(d)
                                             for d in definition.depends_on)
        waits = () if after_included[definition.key] else waits_for
        tasks.append(task_plan(plan, definition, context, condition=condition, waits_for=waits))
    return tuple(tasks)


def task_plan(plan: CompiledOrchestrationPlan, definition: TaskDefinition, context: dict, *,
              condition: bool | None = None, waits_for: tuple[str, ...] = ()) -> TaskPlan:
    """One task instance: parameters and ``until`` computed unless the task is skipped."""
    skipped = condition is False
    compensation = None
    if definition.compensation and definition.compensation in plan.compensation_tasks:
        compensation = task_plan(plan, plan.compensation_tasks[definition.compensation], context)
    return TaskPlan(
        key=definition.key, name=definition.name, type=definition.type, handler=definition.handler,
        params={} if skipped else definition.parameters(context), duration=definition.duration,
        sla=definition.sla, assignment_group=definition.assignment_group,
        point_of_no_return=definition.point_of_no_return, compensation=compensation, retry=definition.retry,
        depends_on=definition.depends_on, waits_for=waits_for, condition=condition, skipped=skipped,
        role=definition.role, work_type=definition.work_type, milestone=definition.milestone,
        wait=definition.wait, until=None if skipped or definition.until is None else definition.until(context))
