"""DOT graph of an enrichment flow: steps as nodes, ``dependsOn`` as edges, gates on edge labels."""

from __future__ import annotations

import pydot

from .dot import add_missing_nodes, full_rule_text, new_graph, rule_text, to_source

STEP_SHAPES = {"condition": "diamond", "lookup": "component", "set": "box", "validate": "octagon",
               "requireInformation": "parallelogram"}


def enrichment_flow_graph(body: dict) -> str:
    """DOT source for an ``enrichment_flow`` body."""
    graph = new_graph("enrichment_flow")
    steps = [step for step in body.get("steps", []) if isinstance(step, dict) and "id" in step]
    by_id = {step["id"]: step for step in steps}
    for step in steps:
        graph.add_node(_step_node(step))
    add_missing_nodes(graph, set(by_id), [dep for step in steps for dep in step.get("dependsOn", [])])
    for step in steps:
        for dep in step.get("dependsOn", []):
            graph.add_edge(_dependency_edge(by_id.get(dep), dep, step["id"]))
    return to_source(graph)


def _step_node(step: dict) -> pydot.Node:
    kind = step.get("type", "?")
    lines = [step.get("title") or step["id"], kind + (" per item" if step.get("forEach") == "item" else "")]
    if kind == "lookup" and step.get("table"):
        lines.append(f"table {step['table']}")
    attributes = {"label": "\n".join(lines), "shape": STEP_SHAPES.get(kind, "box")}
    if kind not in STEP_SHAPES:
        attributes.update(style="dashed", color="red")
    tooltip = _tooltip(step)
    if tooltip:
        attributes["tooltip"] = tooltip
    if "condition" in step:
        attributes["style"] = "dashed"
    return pydot.Node(step["id"], **attributes)


def _tooltip(step: dict) -> str:
    parts = []
    if "condition" in step:
        parts.append("runs when " + full_rule_text(step["condition"]))
    if step.get("type") in ("condition", "validate") and "rule" in step:
        parts.append(("gate " if step["type"] == "condition" else "valid when ") + full_rule_text(step["rule"]))
    return "\n".join(parts)


def _dependency_edge(source: dict | None, source_id: str, target_id: str) -> pydot.Edge:
    if source is not None and source.get("type") == "condition" and "rule" in source:
        return pydot.Edge(source_id, target_id, label="if " + rule_text(source["rule"]))
    return pydot.Edge(source_id, target_id)
