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


PLAN = {"kind": "orchestration_plan", "key": "plan.fibre", "body": {
    "tasks": [
        {"key": "reserve", "name": "Reserve port", "type": "auto", "handler": "inventory.reserve_port",
         "sla": "PT1H", "compensation": "release"},
        {"key": "credit", "type": "approval", "role": "orderApprover",
         "condition": {">": [{"var": "order.total"}, 10000]}},
        {"key": "install", "type": "workOrder", "workType": "fibre-install", "dependsOn": ["reserve", "credit"],
         "assignmentGroup": "field-north", "sla": "P5D", "pointOfNoReturn": True},
        {"key": "survey", "type": "manual", "dependsOn": ["credit"]},
        {"key": "cooling", "type": "waitUntil", "wait": "PT24H", "dependsOn": ["install"]},
        {"key": "ready", "type": "milestone", "milestone": "serviceReady", "dependsOn": ["cooling", "survey"]},
    ],
    "compensationTasks": [{"key": "release", "type": "auto", "handler": "inventory.release_port"}]}}


def test_plan_task_shapes_by_type():
    found = nodes(parse(graph_for(PLAN)))
    shapes = {key: (attrs["shape"], attrs.get("style")) for key, attrs in found.items()}
    assert shapes == {"reserve": ("box", None), "credit": ("octagon", None), "install": ("box3d", "bold"),
                      "survey": ("box", "rounded"), "cooling": ("hexagon", None), "ready": ("diamond", None),
                      "release": ("box", "dashed")}


def test_plan_labels_carry_name_type_sla_and_group():
    found = nodes(parse(graph_for(PLAN)))
    assert found["reserve"]["label"] == "Reserve port\nauto inventory.reserve_port\nSLA PT1H"
    assert found["install"]["label"] == "install\nworkOrder fibre-install\nSLA P5D · field-north\npoint of no return"


def test_point_of_no_return_task_has_bold_red_border():
    install = nodes(parse(graph_for(PLAN)))["install"]
    assert (install["color"], install["penwidth"], install["style"]) == ("red", "2.5", "bold")
    assert "color" not in nodes(parse(graph_for(PLAN)))["cooling"]


def test_plan_dependencies_conditions_and_compensation_edges():
    graph = parse(graph_for(PLAN))
    assert graph.get_rankdir() == "LR"
    found = edges(graph)
    assert set(found) == {("reserve", "install"), ("credit", "install"), ("credit", "survey"),
                          ("install", "cooling"), ("cooling", "ready"), ("survey", "ready"),
                          ("reserve", "release")}
    assert found[("reserve", "release")]["label"] == "compensate"
    assert found[("reserve", "release")]["style"] == "dashed"
    assert nodes(graph)["credit"]["tooltip"] == 'included when {">":[{"var":"order.total"},10000]}'


def test_condition_on_a_dependent_task_labels_its_incoming_edges():
    plan = {"kind": "orchestration_plan", "body": {"tasks": [
        {"key": "a", "type": "auto", "handler": "x.y"},
        {"key": "b", "type": "manual", "dependsOn": ["a"], "condition": {"var": "order.vip"}}]}}
    assert edges(parse(graph_for(plan)))[("a", "b")]["label"] == 'if {"var":"order.vip"}'


def test_plan_unknown_task_type_and_missing_compensation_do_not_crash():
    plan = {"kind": "orchestration_plan", "body": {"tasks": [
        {"key": "a", "type": "teleport", "compensation": "undo-a"}]}}
    found = nodes(parse(graph_for(plan)))
    assert found["a"]["color"] == "red" and found["a"]["style"] == "dashed"
    assert found["undo-a"]["label"] == "missing: undo-a"


DECOMPOSITION = {"kind": "decomposition_rules", "key": "decompose.fibre", "body": {
    "fulfilmentSystems": [{"id": "oss-fibre", "domain": "service"}, {"id": "inv-ports", "domain": "resource"},
                          {"id": "crm", "domain": "product"}],
    "rules": [
        {"id": "product", "specification": "spec-fibre", "productSpecification": "spec-fibre",
         "domain": "product", "fulfilmentSystem": "crm"},
        {"id": "access", "specification": "cfs-internet", "productSpecification": "spec-fibre",
         "domain": "service", "fulfilmentSystem": "oss-fibre", "dependsOn": ["ont"],
         "requiredCharacteristics": ["bandwidth"]},
        {"id": "ont", "specification": "res-ont", "productSpecification": "spec-fibre", "domain": "resource",
         "fulfilmentSystem": "inv-ports", "exclude": {"==": [{"var": "item.characteristics.ownEquipment"}, True]}},
    ]}}
CATALOG = {"kind": "catalog", "body": {
    "productOfferings": [],
    "productSpecifications": [{"id": "spec-fibre", "name": "Fibre access", "productSpecificationRelationship": [
        {"id": "cfs-internet", "relationshipType": "realizedAs"}]}],
    "serviceSpecifications": [
        {"id": "cfs-internet", "name": "Internet access",
         "serviceSpecRelationship": [{"id": "rfs-gpon", "relationshipType": "realizedAs"}]},
        {"id": "rfs-gpon", "name": "GPON", "serviceSpecRelationship": [{"id": "res-ont", "relationshipType": "realizedAs"}]}],
    "resourceSpecifications": [{"id": "res-ont", "name": "ONT"}]}}


def test_decomposition_lines_are_clustered_by_domain_order():
    graph = parse(graph_for(DECOMPOSITION))
    clusters = {unquote(sub.get_name()): (unquote(sub.get_label()), set(nodes(sub)))
                for sub in graph.get_subgraphs()}
    assert clusters == {"cluster_domain_product_crm": ("product order · crm", {"product"}),
                        "cluster_domain_service_oss_fibre": ("service order · oss-fibre", {"access"}),
                        "cluster_domain_resource_inv_ports": ("resource order · inv-ports", {"ont"})}


def test_decomposition_edges_and_conditions_without_catalog():
    graph = parse(graph_for(DECOMPOSITION))
    found = edges(graph)
    assert found[("ont", "access")]["label"] == "after"
    assert {pair for pair in found if pair[0] == "items of spec-fibre"} == {
        ("items of spec-fibre", "product"), ("items of spec-fibre", "access"), ("items of spec-fibre", "ont")}
    ont = nodes(graph.get_subgraph("cluster_domain_resource_inv_ports")[0])["ont"]
    assert ont["tooltip"] == 'excluded when {"==":[{"var":"item.characteristics.ownEquipment"},true]}'
    assert ont["shape"] == "cylinder"


def test_decomposition_with_catalog_names_specs_and_links_realizations():
    graph = parse(graph_for(DECOMPOSITION, catalog=CATALOG))
    found = edges(graph)
    assert found[("product", "access")]["label"] == "realizedAs"
    assert found[("access", "ont")]["tooltip"] == "via rfs-gpon"
    access = nodes(graph.get_subgraph("cluster_domain_service_oss_fibre")[0])["access"]
    assert access["label"] == "access\nInternet access (cfs-internet)\nneeds bandwidth"


def test_decomposition_spec_missing_from_catalog_is_red():
    catalog = {"productSpecifications": [{"id": "spec-fibre", "name": "Fibre"}]}
    graph = parse(graph_for(DECOMPOSITION, catalog=catalog))
    ont = nodes(graph.get_subgraph("cluster_domain_resource_inv_ports")[0])["ont"]
    assert ont["color"] == "red" and ont["tooltip"].endswith("not in the catalog")
