"""Native representations of tasks and approvals."""
from __future__ import annotations

from engine.clock import iso
from engine.runtime.orders.approvals import ORDER, TASK, Entry, created_at
from engine.store.models import Approval, Task


def serialize_task(task: Task) -> dict:
    return {
        "id": task.id, "orderId": task.order_id, "domainOrderId": task.domain_order_id, "key": task.key,
        "name": task.name, "type": task.type, "state": task.state, "handler": task.handler,
        "assignmentGroup": task.assignment_group, "assignee": task.assignee, "attempt": task.attempt,
        "pointOfNoReturn": task.point_of_no_return, "compensates": task.spec.get("compensates"),
        "role": task.spec.get("role"),
        "workType": task.spec.get("workType"), "sla": task.spec.get("sla"), "duration": task.spec.get("duration"),
        "dependsOn": task.depends_on, "waitsFor": task.waits_for, "params": task.params, "output": task.output,
        "notes": task.notes, "readyAt": iso(task.ready_at), "dueAt": iso(task.due_at),
        "startedAt": iso(task.started_at), "completedAt": iso(task.completed_at),
    }


def serialize_approval(approval: Approval) -> dict:
    return {"id": approval.id, "kind": ORDER, "orderId": approval.order_id, "role": approval.role,
            "reason": approval.reason, "state": approval.state, "decidedBy": approval.decided_by,
            "comment": approval.comment, "createdAt": iso(approval.created_at), "decidedAt": iso(approval.decided_at),
            "group": None, "taskId": None, "taskKey": None, "assignee": None, "dueAt": None}


def serialize_entry(entry: Entry) -> dict:
    """An approvals inbox entry: an order-level approval or an approval task of a plan, in one shape."""
    if entry.kind == ORDER:
        return serialize_approval(entry.subject)
    task, output = entry.subject, entry.subject.output or {}
    decided = entry.state in ("approved", "rejected")
    return {"id": task.id, "kind": TASK, "orderId": task.order_id, "role": entry.role,
            "reason": task.name or task.key, "state": entry.state,
            "decidedBy": (output.get("decidedBy") or output.get("completedBy") or task.assignee) if decided else None,
            "comment": output.get("comment"), "createdAt": iso(created_at(entry)),
            "decidedAt": iso(task.completed_at), "group": task.assignment_group, "taskId": task.id,
            "taskKey": task.key, "assignee": task.assignee, "dueAt": iso(task.due_at)}
