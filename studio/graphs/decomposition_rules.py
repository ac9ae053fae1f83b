"""DOT graph of decomposition rules: lines clustered by domain order, dependencies, catalog links."""

from __future__ import annotations

import pydot

from .catalog_view import CatalogView, catalog_view
from .dot import add_missing_nodes, full_rule_text, new_graph, to_source

DOMAIN_SHAPES = {"product": "box", "service": "ellipse", "resource": "cylinder"}
CATALOG_EDGE = {"style": "dotted", "color": "gray40", "constraint": "false"}


def decomposition_rules_graph(body: dict, catalog: dict | None = None) -> str:
    """DOT source for a ``decomposition_rules`` body; with a catalog, names and relationships too."""
    view = catalog_view(catalog)
    graph = new_graph("decomposition_rules")
    rules = [rule for rule in body.get("rules", []) if isinstance(rule, dict) and isinstance(rule.get("id"), str)]
    for (domain, system), members in _groups(rules).items():
        cluster = pydot.Cluster(_cluster_name(domain, system), label=f"{domain} order · {system}",
                                style="rounded", color="gray60")
        for rule in members:
            cluster.add_node(_rule_node(rule, view))
        graph.add_subgraph(cluster)
    add_missing_nodes(graph, {rule["id"] for rule in rules}, [d for rule in rules for d in rule.get("dependsOn", [])])
    _add_product_roots(graph, rules, view)
    for rule in rules:
        for dep in rule.get("dependsOn", []):
            graph.add_edge(pydot.Edge(dep, rule["id"], label="after"))
    if view is not None:
        _add_catalog_links(graph, rules, view)
    return to_source(graph)


def _groups(rules: list[dict]) -> dict:
    groups: dict = {}
    for rule in rules:
        groups.setdefault((rule.get("domain", "?"), rule.get("fulfilmentSystem", "?")), []).append(rule)
    return groups


def _cluster_name(domain: str, system: str) -> str:
    safe = "".join(char if char.isalnum() else "_" for char in f"{domain}_{system}")
    return f"domain_{safe}"


def _rule_node(rule: dict, view: CatalogView | None) -> pydot.Node:
    spec = rule.get("specification", "?")
    name = view.name(spec) if view else None
    lines = [rule["id"], f"{name} ({spec})" if name else spec]
    if rule.get("requiredCharacteristics"):
        lines.append("needs " + ", ".join(rule["requiredCharacteristics"]))
    attributes = {"label": "\n".join(lines), "shape": DOMAIN_SHAPES.get(rule.get("domain"), "box")}
    conditions = _conditions(rule)
    if conditions:
        attributes.update(tooltip=conditions, style="dashed")
    if view is not None and not view.knows(spec):
        attributes.update(color="red", tooltip=(conditions + "\n" if conditions else "") + "not in the catalog")
    return pydot.Node(rule["id"], **attributes)


def _conditions(rule: dict) -> str:
    parts = []
    if "include" in rule:
        parts.append("included when " + full_rule_text(rule["include"]))
    if "exclude" in rule:
        parts.append("excluded when " + full_rule_text(rule["exclude"]))
    if "quantity" in rule:
        parts.append("quantity " + full_rule_text(rule["quantity"]))
    return "\n".join(parts)


def _add_product_roots(graph: pydot.Dot, rules: list[dict], view: CatalogView | None) -> None:
    for spec in dict.fromkeys(rule["productSpecification"] for rule in rules if rule.get("productSpecification")):
        name = view.name(spec) if view else None
        graph.add_node(pydot.Node(_root(spec), label=f"items of\n{name or spec}", shape="folder"))
    for rule in rules:
        if rule.get("productSpecification"):
            graph.add_edge(pydot.Edge(_root(rule["productSpecification"]), rule["id"], style="dotted"))


def _add_catalog_links(graph: pydot.Dot, rules: list[dict], view: CatalogView) -> None:
    rules_by_spec: dict = {}
    for rule in rules:
        rules_by_spec.setdefault(rule.get("specification"), []).append(rule["id"])
    for source, target, kind, via in view.links_between(set(rules_by_spec)):
        extra = {"tooltip": "via " + ", ".join(via)} if via else {}
        for source_rule in rules_by_spec[source]:
            for target_rule in rules_by_spec[target]:
                graph.add_edge(pydot.Edge(source_rule, target_rule, label=kind, **CATALOG_EDGE, **extra))


def _root(spec: str) -> str:
    """Node id of the "items of <product specification>" root (spaces keep it apart from rule ids)."""
    return "items of " + spec.replace(":", "_")
