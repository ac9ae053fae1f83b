"""What the jeopardy rules' decisions do to an alert and its task: alert, raise, escalate, reassign, hold, notify.

``raiseJeopardy`` records the alert at the named level when that is above the measured one; ``escalate``
names who the alert is escalated to (shown on the board) and tells them; ``reassign`` moves a person's task
to another group; ``hold`` puts the task on hold until an agent releases it (or ``durationSeconds``);
``notify`` writes a notification (``engine.runtime.events.notifications``). An action that cannot apply (no task,
a finished one) is kept on the alert with ``applied: false``.
"""
from __future__ import annotations

import json
from collections.abc import Callable

from engine.canonical import json_default
from engine.kinds.orchestration_plan.task_types import HUMAN_TYPES
from engine.lifecycle.jeopardy import rank
from engine.rules.events import ActionDecision
from engine.runtime.context import UnitOfWork
from engine.runtime.events import notifications
from engine.runtime.tasks import holds
from engine.states import TASK
from engine.store.models import JeopardyAlert, Task

Perform = Callable[[UnitOfWork, JeopardyAlert, "Task | None", dict, str], bool]


def perform(uow: UnitOfWork, alert: JeopardyAlert, task: Task | None, decisions: list[ActionDecision]) -> dict | None:
    """Carry out the decisions in order and keep them on the alert; the first ``alert`` action's params
    (None when no rule decided to alert) say how the TMF alert reads."""
    publish, taken = None, []
    for decision in decisions:
        params = _plain(decision.params)
        if decision.action == "alert":
            applied, publish = publish is None, publish if publish is not None else params
        else:
            applied = ACTIONS[decision.action](uow, alert, task, params, decision.rule_name)
        taken.append({"action": decision.action, "rule": decision.rule_name, "params": params, "applied": applied})
    alert.actions = taken
    return publish


def _plain(params: dict) -> dict:
    return json.loads(json.dumps(params, default=json_default))


def _raise(uow: UnitOfWork, alert: JeopardyAlert, task: Task | None, params: dict, rule: str) -> bool:
    if rank(params["level"]) <= rank(alert.level):
        return False
    measured, alert.level = alert.level, params["level"]
    uow.audit("jeopardy.levelRaised", "jeopardyAlert", alert.id,
              {"orderId": alert.order_id, "taskId": alert.task_id, "level": alert.level, "measured": measured,
               "reason": params.get("reason"), "rule": rule})
    return True


def _escalate(uow: UnitOfWork, alert: JeopardyAlert, task: Task | None, params: dict, rule: str) -> bool:
    alert.escalated_to = alert.escalated_to or params.get("to")
    uow.audit("jeopardy.escalated", "jeopardyAlert", alert.id,
              {"orderId": alert.order_id, "taskId": alert.task_id, "to": params.get("to"),
               "reason": params.get("reason"), "level": alert.level})
    _tell(uow, alert, task, params["to"], "Escalated jeopardy", params.get("reason"), rule, escalation=True)
    return True


def _reassign(uow: UnitOfWork, alert: JeopardyAlert, task: Task | None, params: dict, rule: str) -> bool:
    group = params.get("assignmentGroup")
    if task is None or task.type not in HUMAN_TYPES or TASK.is_final(task.state) or not group \
            or group == task.assignment_group:
        return False
    previous = {"group": task.assignment_group, "assignee": task.assignee}
    task.assignment_group, task.assignee = group, None
    uow.audit("task.reassigned", "task", task.id, {"from": previous, "group": group, "assignee": None,
                                                   "by": "jeopardy", "alertId": alert.id})
    return True


def _hold(uow: UnitOfWork, alert: JeopardyAlert, task: Task | None, params: dict, rule: str) -> bool:
    if task is None or not holds.holdable(task):
        return False
    holds.hold(uow, task, "jeopardy", params.get("reason") or alert.reason, {"alertId": alert.id, "rule": rule},
               params.get("durationSeconds"))
    return True


def _notify(uow: UnitOfWork, alert: JeopardyAlert, task: Task | None, params: dict, rule: str) -> bool:
    uow.audit("jeopardy.notified", "jeopardyAlert", alert.id, {"orderId": alert.order_id, **params})
    title = params.get("template") or "Jeopardy"
    _tell(uow, alert, task, params["to"], title, params.get("message"), rule, template=params.get("template"))
    return True


def _tell(uow: UnitOfWork, alert: JeopardyAlert, task: Task | None, to: str, title: str, message: str | None,
          rule: str, **source) -> None:
    subject = f"{title}: order {alert.order_id}" + (f", task {task.key}" if task else "") + f" is {alert.level}"
    body = "\n\n".join([message, alert.reason] if message else [alert.reason])
    notifications.notify(uow, to, subject, body, {"type": "jeopardy", "orderId": alert.order_id,
                                                  "taskId": alert.task_id, "alertId": alert.id, "rule": rule,
                                                  **source})


ACTIONS: dict[str, Perform] = {"raiseJeopardy": _raise, "escalate": _escalate, "reassign": _reassign,
                               "hold": _hold, "notify": _notify}
