"""Pick the graph for an artifact document by its kind."""

from __future__ import annotations

from .decomposition_rules import decomposition_rules_graph
from .enrichment_flow import enrichment_flow_graph
from .orchestration_plan import orchestration_plan_graph

GRAPHS = {"decomposition_rules": decomposition_rules_graph, "enrichment_flow": enrichment_flow_graph,
          "orchestration_plan": orchestration_plan_graph}


def graph_for(document: dict, catalog: dict | None = None) -> str:
    """DOT source (left to right) for an enrichment flow, decomposition rules or orchestration plan.

    ``catalog`` (a catalog document or body) names the specifications decomposition rules refer to.
    Raises ValueError for any other kind.
    """
    kind = document.get("kind")
    if kind not in GRAPHS:
        raise ValueError(f"no graph for artifact kind {kind!r}; graphs exist for {', '.join(sorted(GRAPHS))}")
    body = document.get("body") or {}
    if kind == "decomposition_rules":
        return GRAPHS[kind](body, catalog)
    return GRAPHS[kind](body)
