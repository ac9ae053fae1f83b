"""Fallout records: their states and kinds, opening a ``stuck`` record (the watchdog) and resolving one."""
from __future__ import annotations

import uuid

from engine.lifecycle.fallout import DEFAULT_FALLOUT
from engine.rules.jsonlogic import JsonLogicLimitExceeded
from engine.runtime.context import UnitOfWork
from engine.store.models import CustomerOrder, FalloutRecord, Task

OPEN, RESOLVED = "open", "resolved"
RELEASE = "fallout.release"
STUCK, STUCK_PRIORITY = "stuck", 2
RULE_ERROR, RULE_ERROR_PRIORITY = "ruleError", 2
JOB_FAILED, JOB_FAILED_PRIORITY = "job.failed", 2


def open_stuck(uow: UnitOfWork, task: Task, reason: str) -> FalloutRecord:
    """A ``stuck`` record raised by the watchdog (the task is left as it is for the agent to act on)."""
    record = FalloutRecord(
        id=str(uuid.uuid4()), order_id=task.order_id, task_id=task.id, type=STUCK, priority=STUCK_PRIORITY,
        assignment_group=DEFAULT_FALLOUT["assignmentGroup"], state=OPEN, error=reason,
        details={"detectedBy": "watchdog", "taskState": task.state, "attempt": task.attempt}, created_at=uow.now)
    uow.session.add(record)
    uow.audit("fallout.opened", "fallout", record.id, {"orderId": task.order_id, "taskId": task.id,
                                                      "type": STUCK, "group": record.assignment_group,
                                                      "reason": reason})
    return record


def open_order_stuck(uow: UnitOfWork, order: CustomerOrder, reason: str) -> FalloutRecord:
    """A ``stuck`` record about a whole order (no task) that cannot move, raised by the watchdog."""
    record = FalloutRecord(
        id=str(uuid.uuid4()), order_id=order.id, task_id=None, type=STUCK, priority=STUCK_PRIORITY,
        assignment_group=DEFAULT_FALLOUT["assignmentGroup"], state=OPEN, error=reason,
        details={"detectedBy": "watchdog", "orderState": order.state, "stage": order.stage}, created_at=uow.now)
    uow.session.add(record)
    uow.audit("fallout.opened", "fallout", record.id, {"orderId": order.id, "taskId": None, "type": STUCK,
                                                      "group": record.assignment_group, "reason": reason})
    return record


def open_rule_error(uow: UnitOfWork, order: CustomerOrder, error: JsonLogicLimitExceeded) -> FalloutRecord:
    """A ``ruleError`` record about a whole order whose stage met a rule going over its limits.

    The record names the artifact and the place of the operator inside it (``error.location``).
    """
    record = FalloutRecord(
        id=str(uuid.uuid4()), order_id=order.id, task_id=None, type=RULE_ERROR, priority=RULE_ERROR_PRIORITY,
        assignment_group=DEFAULT_FALLOUT["assignmentGroup"], state=OPEN, error=str(error),
        details={"detectedBy": "rules", "orderState": order.state, "stage": order.stage, "location": error.location,
                 "limit": error.limit, "value": error.value}, created_at=uow.now)
    uow.session.add(record)
    uow.audit("fallout.opened", "fallout", record.id, {"orderId": order.id, "taskId": None, "type": RULE_ERROR,
                                                      "group": record.assignment_group, "reason": str(error)})
    return record


def open_job_failed(uow: UnitOfWork, order_id: str, task_id: str | None, job: dict, error: str,
                    reason: str) -> FalloutRecord:
    """A ``job.failed`` record: the order's job (``{id, kind, attempts}``) fails the same way every time, so it
    was stopped; retrying the record queues the job again."""
    record = FalloutRecord(
        id=str(uuid.uuid4()), order_id=order_id, task_id=task_id, type=JOB_FAILED, priority=JOB_FAILED_PRIORITY,
        assignment_group=DEFAULT_FALLOUT["assignmentGroup"], state=OPEN, error=error,
        details={"detectedBy": "worker", "jobId": job["id"], "jobKind": job["kind"], "attempts": job["attempts"],
                 "stoppedBecause": reason}, created_at=uow.now)
    uow.session.add(record)
    uow.audit("fallout.opened", "fallout", record.id, {"orderId": order_id, "taskId": task_id, "type": JOB_FAILED,
                                                      "group": record.assignment_group, "reason": reason,
                                                      "jobId": job["id"]})
    return record


def resolve(uow: UnitOfWork, record: FalloutRecord, resolution: str, reason: str | None,
            by: str | None = None) -> None:
    """Close a record with its resolution (audited); ``by`` names a resolver other than the acting user."""
    record.state, record.resolution, record.resolved_by, record.resolved_at = (
        RESOLVED, resolution, by or uow.actor, uow.now)
    record.details = {**record.details, "reason": reason}
    data = {"taskId": record.task_id, "reason": reason}
    uow.audit(f"fallout.{resolution}", "fallout", record.id, {**data, "by": by} if by else data)
