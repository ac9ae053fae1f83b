"""The ``orchestration_plan`` kind: a DAG of tasks for one domain order.

Body (``schema.json``)::

    {"tasks": [
       {"key": "reserve", "type": "auto", "handler": "inventory.reserve_port",
        "params": {"site": {"var": "item.place.id"}}, "duration": "PT5M", "sla": "PT1H",
        "retry": {"maxAttempts": 3, "backoff": "PT1M", "multiplier": 2, "maxBackoff": "PT10M"},
        "compensation": "release"},
       {"key": "install", "type": "workOrder", "dependsOn": ["reserve"], "workType": "fibre-install",
        "assignmentGroup": "field-north", "duration": "P2D", "sla": "P5D", "pointOfNoReturn": true},
       {"key": "ok", "type": "approval", "role": "orderApprover", "condition": {JsonLogic}},
       {"key": "cooling", "type": "waitUntil", "wait": "PT24H"},       # or "until": JsonLogic -> ISO date-time
       {"key": "done", "type": "milestone", "milestone": "serviceReady", "dependsOn": ["install"]}],
     "compensationTasks": [{"key": "release", "type": "auto", "handler": "inventory.release_port"}]}

Task types: auto (``handler`` required, ``params`` JsonLogic), manual, workOrder, approval
(``role`` required), milestone, waitUntil (``wait`` or ``until``). ``dependsOn`` names tasks of
the plan (acyclic); ``compensation`` names a compensation task. A task whose ``condition`` is
falsy is skipped and counts as done for its dependents.

Test: input is the context ``{"order", "item", "domainOrder"}``; actual ``{"tasks": [included
keys], "skipped": [keys], "criticalPath": [keys], "expectedDuration": "PT…", "params": {key: {name:
value}}}`` (dependency order; ``params`` of the included tasks that have any, computed for the context).
"""
from __future__ import annotations

from pathlib import Path

from ..base.kind import Kind, KindTestError
from .compiler import compile_orchestration_plan
from .model import CompiledOrchestrationPlan, PlanSelection
from .tasks import RetryPolicy, TaskDefinition

__all__ = ["KIND", "CompiledOrchestrationPlan", "PlanSelection", "RetryPolicy", "TaskDefinition",
           "compile_orchestration_plan"]


def run_plan_test(plan: CompiledOrchestrationPlan, given: object, resolve=None) -> dict:
    """The tasks the context includes and skips, the critical path through them and their parameters."""
    if not isinstance(given, dict):
        raise KindTestError("an orchestration plan test input is a context object {order, item, domainOrder}")
    selection = plan.select(given)
    length, path = plan.critical_path(selection.included)
    params = {task.key: task.parameters(given) for task in plan.tasks
              if task.key in selection.included and task.params}
    return {"tasks": list(selection.included), "skipped": list(selection.skipped), "criticalPath": list(path),
            "expectedDuration": _iso(length), "params": params}


def _iso(length) -> str:
    seconds = int(length.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    time = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n)
    return "P" + (f"{days}D" if days else "") + (f"T{time}" if time else "" if days else "T0S")


KIND = Kind("orchestration_plan", Path(__file__).with_name("schema.json"), compile_orchestration_plan,
            run_plan_test, type_codes=((r"/body/(tasks|compensationTasks)/\d+/type", "unknown_task_type"),))
