import pydot
import pytest

from studio.graphs import graph_for

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pyparsing inside pydot's parser

FLOW = {"kind": "enrichment_flow", "key": "enrich.main", "body": {"steps": [
    {"id": "business", "type": "condition", "rule": {"==": [{"var": "order.category"}, "business"]}},
    {"id": "segment", "type": "lookup", "title": "Customer segment", "dependsOn": ["business"],
     "table": "enrich.segment", "outputs": {"segment": "order.customerSegment"}},
    {"id": "sla", "type": "set", "forEach": "item", "dependsOn": ["segment"],
     "assignments": [{"target": "item.slaClass", "value": "gold"}]},
    {"id": "site", "type": "requireInformation", "forEach": "item",
     "condition": {"==": [{"var": "item.action"}, "add"]}, "fields": [{"path": "item.place.id"}]},
    {"id": "term", "type": "validate", "rule": {">=": [{"var": "order.term"}, 12]}, "message": "term"},
]}}


def parse(dot):
    (graph,) = pydot.graph_from_dot_data(dot)
    return graph


def unquote(value):
    if value is None:
        return None
    return value[1:-1].replace('\\"', '"').replace("\\n", "\n") if value.startswith('"') else value


def nodes(graph):
    return {unquote(node.get_name()): {k: unquote(v) for k, v in node.get_attributes().items()}
            for node in graph.get_nodes() if node.get_name() not in ("node", "edge", "graph")}


def edges(graph):
    return {(unquote(e.get_source()), unquote(e.get_destination())): {k: unquote(v) for k, v in
                                                                      e.get_attributes().items()}
            for e in graph.get_edges()}


def test_flow_is_left_to_right_with_one_node_per_step():
    graph = parse(graph_for(FLOW))
    assert graph.get_rankdir() == "LR"
    assert set(nodes(graph)) == {"business", "segment", "sla", "site", "term"}


def test_step_shapes_and_labels_by_type():
    found = nodes(parse(graph_for(FLOW)))
    assert found["business"]["shape"] == "diamond"
    assert found["segment"]["shape"] == "component"
    assert found["segment"]["label"] == "Customer segment\nlookup\ntable enrich.segment"
    assert found["sla"]["label"] == "sla\nset per item"
    assert found["term"]["shape"] == "octagon"


def test_dependencies_are_edges_and_gates_label_them():
    found = edges(parse(graph_for(FLOW)))
    assert set(found) == {("business", "segment"), ("segment", "sla")}
    assert found[("business", "segment")]["label"] == 'if {"==":[{"var":"order.category"},"business"]}'
    assert "label" not in found[("segment", "sla")]


def test_step_conditions_are_tooltips_on_dashed_nodes():
    site = nodes(parse(graph_for(FLOW)))["site"]
    assert site["tooltip"] == 'runs when {"==":[{"var":"item.action"},"add"]}'
    assert site["style"] == "dashed"


def test_unknown_step_type_and_missing_dependency_are_drawn_not_raised():
    document = {"kind": "enrichment_flow", "body": {"steps": [
        {"id": "x", "type": "teleport", "dependsOn": ["ghost"]}]}}
    graph = parse(graph_for(document))
    found = nodes(graph)
    assert found["x"]["color"] == "red"
    assert found["ghost"]["label"] == "missing: ghost"
    assert set(edges(graph)) == {("ghost", "x")}


def test_unknown_kind_raises_value_error():
    with pytest.raises(ValueError, match="no graph for artifact kind 'decision_table'"):
        graph_for({"kind": "decision_table", "body": {}})
