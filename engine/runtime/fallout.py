"""Fallout in the runtime: ask the pack's fallout rules what to do with a failed task, open records,
and the agent actions that resolve them (retry, force-complete)."""
from __future__ import annotations

import uuid

from sqlalchemy import select

from engine.clock import iso
from engine.errors import Conflict, NotFound
from engine.lifecycle.fallout import FalloutPlan, decide, fallout_event
from engine.runtime.context import UnitOfWork
from engine.runtime.orders import lock_order
from engine.runtime.packs import pack_view
from engine.runtime.pipeline import advance_order
from engine.runtime.pipeline.context import StageContext
from engine.states import TASK, TaskState
from engine.store.models import DomainOrder, FalloutRecord, Task

OPEN, RESOLVED = "open", "resolved"


def plan_for(ctx: StageContext, task: Task, error: str) -> FalloutPlan:
    """The fallout rules' decision for this failure (a record for the default group without rules)."""
    rules = ctx.pack.compiled_binding("fallout")
    domain_order = ctx.uow.session.get(DomainOrder, task.domain_order_id)
    event = fallout_event(
        {"key": task.key, "type": task.type, "handler": task.handler, "assignmentGroup": task.assignment_group},
        {"ref": domain_order.ref, "domain": domain_order.domain, "fulfilmentSystem": domain_order.fulfilment_system},
        {"id": ctx.order.id, "category": ctx.order.payload.get("category")}, error, task.attempt)
    decisions = rules.evaluate(event) if rules is not None and getattr(rules, "rules", None) else []
    return decide(decisions, task.attempt)


def open_record(ctx: StageContext, task: Task, plan: FalloutPlan, error: str) -> FalloutRecord:
    record = FalloutRecord(
        id=str(uuid.uuid4()), order_id=ctx.order.id, task_id=task.id, type=plan.fallout["type"],
        priority=plan.fallout["priority"], assignment_group=plan.fallout["assignmentGroup"], state=OPEN,
        error=error, details={"rules": list(plan.rules), "description": plan.fallout.get("description"),
                              "failItem": plan.fail_item, "hold": plan.hold, "notify": list(plan.notify),
                              "attempt": task.attempt},
        created_at=ctx.now)
    ctx.uow.session.add(record)
    ctx.uow.audit("fallout.opened", "fallout", record.id, {"orderId": ctx.order.id, "taskId": task.id,
                                                          "type": record.type, "group": record.assignment_group})
    return record


def _locked_record(uow: UnitOfWork, record_id: str) -> tuple[StageContext, FalloutRecord, Task]:
    record = uow.session.get(FalloutRecord, record_id)
    if record is None:
        raise NotFound(f"no fallout record with id {record_id}")
    order = lock_order(uow.session, record.order_id)
    uow.session.refresh(record)
    if record.state != OPEN:
        raise Conflict(f"fallout {record_id} is already {record.state} ({record.resolution})", state=record.state)
    task = uow.session.get(Task, record.task_id)
    return StageContext(uow, order, pack_view(uow.session, order.pack_id)), record, task


def _resolve(ctx: StageContext, record: FalloutRecord, resolution: str, reason: str | None) -> None:
    record.state, record.resolution, record.resolved_by, record.resolved_at = RESOLVED, resolution, ctx.uow.actor, ctx.now
    record.details = {**record.details, "reason": reason}
    ctx.uow.audit(f"fallout.{resolution}", "fallout", record.id, {"taskId": record.task_id, "reason": reason})


def retry(uow: UnitOfWork, record_id: str) -> FalloutRecord:
    """Run the failed task again now (its attempt count goes on), then let the order run on."""
    from engine.runtime.pipeline.task_types import start_task

    ctx, record, task = _locked_record(uow, record_id)
    task.state = TASK.check(task.state, TaskState.READY)
    _resolve(ctx, record, "retried", None)
    start_task(ctx, task)
    advance_order(uow, ctx.order)
    return record


def force_complete(uow: UnitOfWork, record_id: str, reason: str) -> FalloutRecord:
    """Complete the failed task without doing it (the reason is kept), then let the order run on."""
    ctx, record, task = _locked_record(uow, record_id)
    task.state = TASK.check(task.state, TaskState.COMPLETED)
    task.output, task.completed_at = {"forced": True, "reason": reason, "by": uow.actor}, uow.now
    _resolve(ctx, record, "forceCompleted", reason)
    advance_order(uow, ctx.order)
    return record


def serialize(record: FalloutRecord) -> dict:
    return {"id": record.id, "orderId": record.order_id, "taskId": record.task_id, "type": record.type,
            "priority": record.priority, "assignmentGroup": record.assignment_group, "state": record.state,
            "error": record.error, "details": record.details, "resolution": record.resolution,
            "resolvedBy": record.resolved_by, "createdAt": iso(record.created_at),
            "resolvedAt": iso(record.resolved_at)}


def open_records(session, **filters) -> list[FalloutRecord]:
    query = select(FalloutRecord).order_by(FalloutRecord.priority, FalloutRecord.created_at)
    for name, value in filters.items():
        if value is not None:
            query = query.where(getattr(FalloutRecord, name) == value)
    return list(session.execute(query).scalars())
