"""Orchestration plan checks (task DAG, compensation, durations, expressions) and compilation."""
from __future__ import annotations

from types import MappingProxyType

from ..base.expressions import compile_expression, compile_optional
from ..base.graph import Node, check_unique, topological_order
from ..base.issues import Issues
from ..base.kind import ArtifactMeta
from ..base.values import duration
from .model import CompiledOrchestrationPlan
from .tasks import RetryPolicy, TaskDefinition


def compile_orchestration_plan(body: dict, meta: ArtifactMeta, issues: Issues) -> CompiledOrchestrationPlan:
    """Compile tasks and compensation tasks; tasks come out in dependency order."""
    raws, compensations = body["tasks"], body.get("compensationTasks", [])
    nodes = [Node(raw["key"], f"/body/tasks/{i}/key",
                  tuple((d, f"/body/tasks/{i}/dependsOn/{j}") for j, d in enumerate(raw.get("dependsOn", []))))
             for i, raw in enumerate(raws)]
    check_unique(nodes + [Node(raw["key"], f"/body/compensationTasks/{i}/key", ())
                          for i, raw in enumerate(compensations)], issues)
    order = topological_order(nodes, issues)
    compiled = {}
    for i, raw in enumerate(raws):
        compiled.setdefault(raw["key"], _task(raw, f"/body/tasks/{i}", issues))
    compensation_tasks = {}
    for i, raw in enumerate(compensations):
        at = f"/body/compensationTasks/{i}"
        if raw.get("dependsOn"):
            issues.add(f"{at}/dependsOn", "invalid_dependency", "a compensation task runs alone: no dependsOn")
        compensation_tasks.setdefault(raw["key"], _task(raw, at, issues))
    _check_compensations(raws, compensation_tasks, issues)
    return CompiledOrchestrationPlan(meta.key, meta.version, tuple(compiled[key] for key in order),
                                     MappingProxyType(compensation_tasks))


def _task(raw: dict, at: str, issues: Issues) -> TaskDefinition:
    params = {name: compile_expression(rule, f"{at}/params/{name}", issues)
              for name, rule in raw.get("params", {}).items()}
    return TaskDefinition(
        key=raw["key"], name=raw.get("name", raw["key"]), type=raw["type"],
        depends_on=tuple(raw.get("dependsOn", [])), condition=compile_optional(raw, "condition", at, issues),
        duration=duration(raw.get("duration"), f"{at}/duration", issues),
        sla=duration(raw.get("sla"), f"{at}/sla", issues), assignment_group=raw.get("assignmentGroup"),
        point_of_no_return=raw.get("pointOfNoReturn", False), compensation=raw.get("compensation"),
        retry=_retry(raw.get("retry"), f"{at}/retry", issues), handler=raw.get("handler"),
        params=MappingProxyType(params), role=raw.get("role"), work_type=raw.get("workType"),
        wait=duration(raw.get("wait"), f"{at}/wait", issues), until=compile_optional(raw, "until", at, issues),
        milestone=raw.get("milestone"))


def _retry(raw: dict | None, at: str, issues: Issues) -> RetryPolicy | None:
    if raw is None:
        return None
    backoff = duration(raw.get("backoff", "PT1M"), f"{at}/backoff", issues)
    return RetryPolicy(raw["maxAttempts"], backoff, float(raw.get("multiplier", 2)),
                       duration(raw.get("maxBackoff"), f"{at}/maxBackoff", issues))


def _check_compensations(raws: list[dict], compensation_tasks: dict, issues: Issues) -> None:
    for i, raw in enumerate(raws):
        if "compensation" in raw and raw["compensation"] not in compensation_tasks:
            issues.add(f"/body/tasks/{i}/compensation", "unknown_compensation",
                       f"{raw['compensation']!r} is not one of the plan's compensationTasks")
