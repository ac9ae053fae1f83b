"""Staff views of one order: its activity (the audit entries about it and its parts), its revisions, and its
orchestration (each task's SLA use, jeopardy level and open fallout record)."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.contract import ListQuery, Model, Page, Timestamp, sort_by
from api.read.orders import visible_order
from engine.lifecycle.jeopardy import OrderJeopardy
from engine.store.audit_query import AuditFilter, conditions
from engine.store.models import AuditEvent, FalloutRecord, OrderRevision


class ActivityEntryView(Model):
    id: int
    at: Timestamp
    actor: str
    action: str = Field(description="e.g. order.captured, task.claimed, fallout.opened")
    entity_type: str = Field(description="productOrder, task, fallout, approval, domainOrder, ...")
    entity_id: str
    data: dict[str, Any] = Field(description="what the action recorded (free form, per action)")


class ActivityQuery(ListQuery):
    action: str | None = Field(None, description="e.g. task.completed")
    entity_type: str | None = Field(None, description="e.g. task, fallout")
    sort: sort_by("id") | None = Field(None, description="default: newest first (-id)")


class RevisionView(Model):
    revision: int
    actor: str | None
    created_at: Timestamp
    diff: list[Any] | None = Field(description="what changed from the revision before (none for the first)")


class RevisionQuery(ListQuery):
    sort: sort_by("revision") | None = Field(None, description="default: newest first")


class TaskProgressView(Model):
    task_id: str
    percent_of_sla: Decimal | None = Field(description="share of the task's SLA used (decimal string); null "
                                                       "when the task has no SLA running")
    level: str | None = Field(description="the task's jeopardy level (null when on track)")
    due_at: Timestamp | None
    open_fallout: str | None = Field(description="id of the task's open fallout record")


class OrchestrationView(Model):
    order_id: str
    level: str | None = Field(description="the order's jeopardy level")
    predicted_completion: Timestamp | None
    domain_orders: dict[str, str | None] = Field(description="jeopardy level per domain order id")
    tasks: list[TaskProgressView] = Field(description="one per task with an SLA or an open fallout record")
    assessment_error: str | None = Field(description="why the jeopardy could not be assessed (then no levels)")


def activity_page(session: Session, order_id: str, query: ActivityQuery) -> Page[ActivityEntryView]:
    """The audit entries about a visible order, its tasks, fallout, approvals ... newest first."""
    visible_order(session, order_id)
    where = conditions(AuditFilter(entity_type=query.entity_type, action=query.action, order_id=order_id))
    descending = query.sort is None or query.descending
    rows = session.execute(select(AuditEvent.id, AuditEvent.at, AuditEvent.actor, AuditEvent.action,
                                  AuditEvent.entity_type, AuditEvent.entity_id, AuditEvent.data).where(*where)
                           .order_by(AuditEvent.id.desc() if descending else AuditEvent.id)
                           .offset(query.offset).limit(query.limit)).all()
    total = session.scalar(select(func.count()).select_from(AuditEvent).where(*where))
    return Page([ActivityEntryView(id=r.id, at=r.at, actor=r.actor, action=r.action, entity_type=r.entity_type,
                                   entity_id=r.entity_id, data=r.data or {}) for r in rows], total)


def revision_page(session: Session, order_id: str, query: RevisionQuery) -> Page[RevisionView]:
    """The revisions of a visible order with what each changed, newest first."""
    visible_order(session, order_id)
    where = OrderRevision.order_id == order_id
    descending = query.sort is None or query.descending
    rows = session.execute(select(OrderRevision.revision, OrderRevision.actor, OrderRevision.created_at,
                                  OrderRevision.diff).where(where)
                           .order_by(OrderRevision.revision.desc() if descending else OrderRevision.revision,
                                     OrderRevision.id).offset(query.offset).limit(query.limit)).all()
    total = session.scalar(select(func.count()).select_from(OrderRevision).where(where))
    return Page([RevisionView(revision=r.revision, actor=r.actor, created_at=r.created_at, diff=r.diff)
                 for r in rows], total)


def open_fallouts(session: Session, order_id: str) -> dict[str, str]:
    """The open fallout record per task of the order (the oldest when a task has several)."""
    rows = session.execute(select(FalloutRecord.task_id, FalloutRecord.id)
                           .where(FalloutRecord.order_id == order_id, FalloutRecord.state == "open",
                                  FalloutRecord.task_id.is_not(None))
                           .order_by(FalloutRecord.created_at.desc(), FalloutRecord.id.desc())).all()
    return {task_id: record_id for task_id, record_id in rows}


def orchestration_view(order_id: str, assessed: OrderJeopardy | None, error: str | None,
                       fallouts: dict[str, str]) -> OrchestrationView:
    """The order's tasks' SLA use and jeopardy (as assessed) with their open fallout records."""
    progress: dict[str, dict] = {task_id: {"task_id": task_id, "open_fallout": record}
                                 for task_id, record in fallouts.items()}
    for task in assessed.tasks if assessed else ():
        progress[task.task_id] = {"task_id": task.task_id, "percent_of_sla": task.percent, "level": task.level,
                                  "due_at": task.due_at, "open_fallout": fallouts.get(task.task_id)}
    tasks = [TaskProgressView(**{"percent_of_sla": None, "level": None, "due_at": None, **row})
             for _, row in sorted(progress.items())]
    return OrchestrationView(order_id=order_id, level=assessed.level if assessed else None,
                             predicted_completion=assessed.predicted_completion if assessed else None,
                             domain_orders=dict(assessed.domain_orders) if assessed else {}, tasks=tasks,
                             assessment_error=error)

