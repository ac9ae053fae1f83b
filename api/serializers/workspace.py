"""Native representations of tasks and approvals."""
from __future__ import annotations

from engine.clock import iso
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
    return {"id": approval.id, "orderId": approval.order_id, "role": approval.role, "reason": approval.reason,
            "state": approval.state, "decidedBy": approval.decided_by, "comment": approval.comment,
            "createdAt": iso(approval.created_at), "decidedAt": iso(approval.decided_at)}
