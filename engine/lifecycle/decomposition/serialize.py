"""JSON-friendly (camelCase, ISO 8601 durations) forms of a fulfilment plan."""
from __future__ import annotations

from datetime import timedelta

from engine.kinds.orchestration_plan import RetryPolicy

from .model import DomainOrderLine, DomainOrderPlan, FulfilmentPlan, Problem, TaskPlan


def iso_duration(length: timedelta | None) -> str | None:
    """``P1DT2H3M4S``-style text for a timedelta (None stays None)."""
    if length is None:
        return None
    seconds = int(length.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    time = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n)
    if not days and not time:
        return "PT0S"
    return "P" + (f"{days}D" if days else "") + (f"T{time}" if time else "")


def plan_to_dict(plan: FulfilmentPlan) -> dict:
    """The whole plan; ``criticalPath`` included."""
    length, path = plan.critical_path()
    return {"plannedAt": plan.planned_at.isoformat() if plan.planned_at else None,
            "domainOrders": [domain_order_to_dict(d) for d in plan.domain_orders],
            "problems": [problem_to_dict(p) for p in plan.problems],
            "criticalPath": {"duration": iso_duration(length), "tasks": [{"domainOrder": r, "task": k} for r, k in path]},
            "trace": [entry.to_dict() for entry in plan.trace]}


def domain_order_to_dict(domain_order: DomainOrderPlan) -> dict:
    """One domain order with its lines and tasks."""
    return {"ref": domain_order.ref, "domain": domain_order.domain,
            "fulfilmentSystem": domain_order.fulfilment_system, "state": domain_order.state,
            "dependsOn": list(domain_order.depends_on),
            "missing": [{"itemId": m.item_id, "specification": m.specification, "characteristic": m.characteristic}
                        for m in domain_order.missing],
            "plan": None if domain_order.plan_key is None else {
                "key": domain_order.plan_key, "version": domain_order.plan_version, "boundBy": domain_order.bound_by},
            "plannedAt": domain_order.planned_at.isoformat() if domain_order.planned_at else None,
            "lines": [line_to_dict(line) for line in domain_order.lines],
            "tasks": [task_to_dict(task) for task in domain_order.tasks]}


def line_to_dict(line: DomainOrderLine) -> dict:
    """One domain order line."""
    return {"id": line.id, "itemId": line.item_id, "specification": line.specification, "quantity": line.quantity,
            "characteristics": dict(line.characteristics), "rule": line.rule,
            "productSpecification": line.product_specification, "path": list(line.path),
            "awaiting": list(line.awaiting), "dependsOn": list(line.depends_on)}


def task_to_dict(task: TaskPlan) -> dict:
    """One task instance (its compensation task nested)."""
    return {"key": task.key, "name": task.name, "type": task.type, "handler": task.handler,
            "params": dict(task.params), "duration": iso_duration(task.duration), "sla": iso_duration(task.sla),
            "assignmentGroup": task.assignment_group, "pointOfNoReturn": task.point_of_no_return,
            "compensation": task_to_dict(task.compensation) if task.compensation else None,
            "retry": retry_to_dict(task.retry), "dependsOn": list(task.depends_on),
            "waitsFor": list(task.waits_for), "condition": task.condition, "skipped": task.skipped,
            "role": task.role, "workType": task.work_type, "milestone": task.milestone,
            "wait": iso_duration(task.wait), "until": task.until}


def retry_to_dict(retry: RetryPolicy | None) -> dict | None:
    """A retry policy in the plan artifact's own terms."""
    if retry is None:
        return None
    return {"maxAttempts": retry.max_attempts, "backoff": iso_duration(retry.backoff),
            "multiplier": retry.multiplier, "maxBackoff": iso_duration(retry.max_backoff)}


def problem_to_dict(problem: Problem) -> dict:
    """One problem."""
    return {"code": problem.code, "message": problem.message, "itemId": problem.item_id, "ref": problem.ref,
            "specification": problem.specification}
