"""Small helpers shared by the DOT graphs."""

from __future__ import annotations

import json

import pydot

POINT_OF_NO_RETURN = {"color": "red", "penwidth": "2.5", "style": "bold"}


def new_graph(name: str) -> pydot.Dot:
    """A left-to-right directed graph."""
    graph = pydot.Dot(name, graph_type="digraph", rankdir="LR")
    graph.set_node_defaults(fontname="Helvetica", fontsize="11")
    graph.set_edge_defaults(fontname="Helvetica", fontsize="9")
    return graph


def rule_text(rule: object, limit: int = 60) -> str:
    """Compact JSON of a JsonLogic rule, cut to ``limit`` characters."""
    text = json.dumps(rule, separators=(",", ":"), sort_keys=True, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def full_rule_text(rule: object) -> str:
    """The whole rule as compact JSON (for tooltips)."""
    return json.dumps(rule, separators=(",", ":"), sort_keys=True, default=str)


def add_missing_nodes(graph: pydot.Dot, known: set[str], referenced: list[str]) -> None:
    """A dashed red placeholder for each referenced node that the document does not define."""
    for name in dict.fromkeys(referenced):
        if name not in known:
            graph.add_node(pydot.Node(name, label=f"missing: {name}", shape="box", style="dashed",
                                      color="red", tooltip="referenced but not defined"))
            known.add(name)


def to_source(graph: pydot.Dot) -> str:
    """The DOT source of a graph."""
    return graph.to_string()
