"""What the jeopardy rules' decisions do to an alert and its task: alert, escalate, reassign, notify.

``raiseJeopardy`` and ``hold`` are kept on the alert as decided but change nothing (the scan already
records the level; a late task is not put on hold automatically).
"""
from __future__ import annotations

import json
from collections.abc import Callable

from engine.canonical import json_default
from engine.rules.events import ActionDecision
from engine.runtime.context import UnitOfWork
from engine.runtime.pipeline.task_types import HUMAN_TYPES
from engine.states import TASK
from engine.store.models import JeopardyAlert, Task

Perform = Callable[[UnitOfWork, JeopardyAlert, "Task | None", dict], bool]


def perform(uow: UnitOfWork, alert: JeopardyAlert, task: Task | None, decisions: list[ActionDecision]) -> dict | None:
    """Carry out the decisions in order and keep them on the alert; the first ``alert`` action's params
    (None when no rule decided to alert) say how the TMF alert reads."""
    publish, taken = None, []
    for decision in decisions:
        params = _plain(decision.params)
        if decision.action == "alert":
            applied, publish = publish is None, publish if publish is not None else params
        else:
            applied = ACTIONS.get(decision.action, _recorded)(uow, alert, task, params)
        taken.append({"action": decision.action, "rule": decision.rule_name, "params": params, "applied": applied})
    alert.actions = taken
    return publish


def _plain(params: dict) -> dict:
    return json.loads(json.dumps(params, default=json_default))


def _escalate(uow: UnitOfWork, alert: JeopardyAlert, task: Task | None, params: dict) -> bool:
    alert.escalated_to = alert.escalated_to or params.get("to")
    uow.audit("jeopardy.escalated", "jeopardyAlert", alert.id,
              {"orderId": alert.order_id, "taskId": alert.task_id, "to": params.get("to"),
               "reason": params.get("reason"), "level": alert.level})
    return True


def _reassign(uow: UnitOfWork, alert: JeopardyAlert, task: Task | None, params: dict) -> bool:
    group = params.get("assignmentGroup")
    if task is None or task.type not in HUMAN_TYPES or TASK.is_final(task.state) or not group \
            or group == task.assignment_group:
        return False
    previous = {"group": task.assignment_group, "assignee": task.assignee}
    task.assignment_group, task.assignee = group, None
    uow.audit("task.reassigned", "task", task.id, {"from": previous, "group": group, "assignee": None,
                                                   "by": "jeopardy", "alertId": alert.id})
    return True


def _notify(uow: UnitOfWork, alert: JeopardyAlert, task: Task | None, params: dict) -> bool:
    uow.audit("jeopardy.notified", "jeopardyAlert", alert.id, {"orderId": alert.order_id, **params})
    return True


def _recorded(uow: UnitOfWork, alert: JeopardyAlert, task: Task | None, params: dict) -> bool:
    return False


ACTIONS: dict[str, Perform] = {"escalate": _escalate, "reassign": _reassign, "notify": _notify,
                               "raiseJeopardy": lambda *args: True}
