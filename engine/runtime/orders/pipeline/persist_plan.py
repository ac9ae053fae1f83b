"""Turning a planned fulfilment (domain orders with task plans) into stored domain orders and tasks."""
from __future__ import annotations

import uuid
from datetime import timedelta

from engine.runtime.context import UnitOfWork
from engine.states import DomainOrderState, TaskState
from engine.store.models import CustomerOrder, DomainOrder, Task


def seconds(value: timedelta | None) -> float | None:
    return value.total_seconds() if value is not None else None


def task_spec(plan) -> dict:
    """The stored, JSON-friendly part of a task plan that the orchestrator needs later."""
    retry = getattr(plan, "retry", None)
    compensation = getattr(plan, "compensation", None)
    return {
        "duration": seconds(getattr(plan, "duration", None)), "sla": seconds(getattr(plan, "sla", None)),
        "role": getattr(plan, "role", None), "workType": getattr(plan, "work_type", None),
        "milestone": getattr(plan, "milestone", None), "wait": seconds(getattr(plan, "wait", None)),
        "until": getattr(plan, "until", None),
        "retry": {"maxAttempts": retry.max_attempts, "backoff": seconds(retry.backoff),
                  "multiplier": retry.multiplier, "maxBackoff": seconds(retry.max_backoff)} if retry else None,
        "compensation": _compensation(compensation) if compensation else None,
    }


def _compensation(plan) -> dict:
    """The compensation task as stored: enough to create its task row when the work must be undone."""
    return {"key": plan.key, "name": plan.name, "type": plan.type, "handler": plan.handler,
            "params": dict(plan.params), "assignmentGroup": getattr(plan, "assignment_group", None),
            "spec": task_spec(plan)}


def store_domain_order(uow: UnitOfWork, order: CustomerOrder, plan) -> DomainOrder:
    """One domain order with its tasks; skipped tasks are stored as skipped."""
    return store_planned(uow, order, plan)[0]


def store_planned(uow: UnitOfWork, order: CustomerOrder, plan) -> tuple[DomainOrder, list[Task]]:
    """``store_domain_order``, returning the domain order and its tasks."""
    domain_order = DomainOrder(
        id=str(uuid.uuid4()), order_id=order.id, ref=plan.ref, domain=plan.domain,
        fulfilment_system=plan.fulfilment_system, state=plan.state, depends_on=list(plan.depends_on),
        plan_key=plan.plan_key, plan_version=plan.plan_version,
        missing=[_missing(m) for m in plan.missing] or None,
        payload={"lines": [line_document(line) for line in plan.lines]}, created_at=uow.now, updated_at=uow.now)
    uow.session.add(domain_order)
    tasks = store_tasks(uow, order, domain_order, plan.tasks)
    uow.audit("domain_order.created", "domainOrder", domain_order.id,
              {"orderId": order.id, "ref": plan.ref, "state": plan.state, "tasks": [t.key for t in plan.tasks]})
    return domain_order, tasks


def store_tasks(uow: UnitOfWork, order: CustomerOrder, domain_order: DomainOrder, plans) -> list[Task]:
    """The planned tasks of ``domain_order``, added to the session."""
    tasks = [_task(uow, order, domain_order, plan) for plan in plans]
    uow.session.add_all(tasks)
    return tasks


def _task(uow: UnitOfWork, order: CustomerOrder, domain_order: DomainOrder, plan) -> Task:
    return Task(
        id=str(uuid.uuid4()), order_id=order.id, domain_order_id=domain_order.id, key=plan.key, name=plan.name,
        type=plan.type, handler=plan.handler,
        state=TaskState.SKIPPED if getattr(plan, "skipped", False) else TaskState.PENDING,
        depends_on=list(plan.depends_on), waits_for=list(getattr(plan, "waits_for", ())),
        params=dict(plan.params), spec=task_spec(plan), assignment_group=plan.assignment_group,
        point_of_no_return=bool(getattr(plan, "point_of_no_return", False)), created_at=uow.now)


def line_document(line) -> dict:
    return {"id": getattr(line, "id", None), "itemId": line.item_id, "specification": line.specification,
            "quantity": line.quantity, "characteristics": dict(line.characteristics), "rule": line.rule,
            "awaiting": list(getattr(line, "awaiting", ()))}


def _missing(missing) -> dict:
    return {"itemId": missing.item_id, "specification": missing.specification,
            "characteristic": missing.characteristic}


SCHEDULED = DomainOrderState.SCHEDULED
