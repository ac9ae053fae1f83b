"""DOT graph of an orchestration plan: tasks by type, ``dependsOn`` edges, point of no return, compensation."""

from __future__ import annotations

import pydot

from engine.kinds.orchestration_plan.task_types import TaskType

from .dot import POINT_OF_NO_RETURN, add_missing_nodes, full_rule_text, new_graph, rule_text, to_source

TASK_SHAPES = {
    TaskType.AUTO: ("box", None),
    TaskType.MANUAL: ("box", "rounded"),
    TaskType.WORK_ORDER: ("box3d", None),
    TaskType.APPROVAL: ("octagon", None),
    TaskType.MILESTONE: ("diamond", None),
    TaskType.WAIT_UNTIL: ("hexagon", None),
}
COMPENSATION_EDGE = {"style": "dashed", "color": "gray40", "label": "compensate", "constraint": "false"}


def orchestration_plan_graph(body: dict) -> str:
    """DOT source for an ``orchestration_plan`` body."""
    graph = new_graph("orchestration_plan")
    tasks = _keyed(body.get("tasks", []))
    compensations = _keyed(body.get("compensationTasks", []))
    for task in tasks:
        graph.add_node(_task_node(task))
    for task in compensations:
        graph.add_node(_task_node(task, compensation=True))
    known = {task["key"] for task in tasks + compensations}
    add_missing_nodes(graph, known, [dep for task in tasks for dep in task.get("dependsOn", [])]
                      + [task["compensation"] for task in tasks if task.get("compensation")])
    for task in tasks:
        for dep in task.get("dependsOn", []):
            graph.add_edge(_dependency_edge(dep, task))
        if task.get("compensation"):
            graph.add_edge(pydot.Edge(task["key"], task["compensation"], **COMPENSATION_EDGE))
    return to_source(graph)


def _keyed(tasks: list) -> list[dict]:
    return [task for task in tasks if isinstance(task, dict) and isinstance(task.get("key"), str)]


def _task_node(task: dict, compensation: bool = False) -> pydot.Node:
    kind = task.get("type", "?")
    shape, style = TASK_SHAPES.get(kind, ("box", "dashed"))
    styles = [style] if style else []
    attributes = {"label": _label(task), "shape": shape}
    if kind not in TASK_SHAPES:
        attributes["color"] = "red"
    if compensation:
        styles.append("dashed")
        attributes["color"] = "gray40"
    if task.get("pointOfNoReturn"):
        attributes.update({key: value for key, value in POINT_OF_NO_RETURN.items() if key != "style"})
        styles.append("bold")
    if task.get("condition") is not None:
        attributes["tooltip"] = "included when " + full_rule_text(task["condition"])
    if styles:
        attributes["style"] = ",".join(dict.fromkeys(styles))
    return pydot.Node(task["key"], **attributes)


def _label(task: dict) -> str:
    lines = [task.get("name") or task["key"], _detail(task)]
    timing = " · ".join(part for part in (_prefixed("SLA", task.get("sla")), task.get("assignmentGroup")) if part)
    if timing:
        lines.append(timing)
    if task.get("pointOfNoReturn"):
        lines.append("point of no return")
    return "\n".join(lines)


def _detail(task: dict) -> str:
    kind = task.get("type", "?")
    detail = {TaskType.AUTO: task.get("handler"), TaskType.APPROVAL: task.get("role"),
              TaskType.WORK_ORDER: task.get("workType"), TaskType.MILESTONE: task.get("milestone"),
              TaskType.WAIT_UNTIL: task.get("wait")}.get(kind)
    return f"{kind} {detail}" if detail else kind


def _prefixed(prefix: str, value: object) -> str | None:
    return f"{prefix} {value}" if value else None


def _dependency_edge(dep: str, task: dict) -> pydot.Edge:
    if task.get("condition") is not None:
        return pydot.Edge(dep, task["key"], label="if " + rule_text(task["condition"]), style="dashed")
    return pydot.Edge(dep, task["key"])
