"""Lines: catalog walk (bundles, realizedAs, quantities), rule conditions, mappings and the decompose trace."""
from engine.kinds import compile_document


def lines_of(plan):
    return {line.id: line for d in plan.domain_orders for line in d.lines}


def decompose_trace(plan, **decision):
    return [e for e in plan.trace if e.stage == "decompose" and all(e.decision.get(k) == v for k, v in decision.items())]


def test_product_cfs_rfs_resource_chain_gives_a_line_per_ruled_specification(decompose, item, order):
    lines = lines_of(decompose(order(item("1", "fibre-500", bandwidth=500))))
    assert set(lines) == {"1.product-fibre", "1.ont", "1.internet"}
    assert lines["1.ont"].path == ("spec-fibre", "cfs-internet", "rfs-gpon", "res-ont")
    assert (lines["1.ont"].domain, lines["1.ont"].fulfilment_system) == ("resource", "inv")


def test_default_quantity_multiplies_item_and_catalog_quantities(decompose, item, order):
    lines = lines_of(decompose(order(item("1", "fibre-500", quantity=3, bandwidth=500))))
    assert lines["1.ont"].quantity == 6
    assert lines["1.internet"].quantity == 3


def test_rule_quantity_wins_over_the_catalog(decompose, item, order):
    lines = lines_of(decompose(order(item("1", "office-pack", bandwidth=1, portInNumber="+1"))))
    assert lines["1.office-voice-number"].quantity == 1
    assert lines_of(decompose(order(item("1", "voip-line", portInNumber="+1", newNumber=True))))["1.number"].quantity == 1


def test_characteristics_are_mapped_with_catalog_defaults(decompose, item, order):
    lines = lines_of(decompose(order(item("1", "fibre-500", bandwidth=500))))
    assert lines["1.internet"].characteristics == {"bandwidth": 500}
    assert lines["1.product-fibre"].characteristics == {"term": 12}
    lines = lines_of(decompose(order(item("1", "fibre-500", bandwidth=500, term=24))))
    assert lines["1.product-fibre"].characteristics == {"term": 24}


def test_exclude_and_include_drop_lines_and_say_why(decompose, item, order):
    plan = decompose(order(item("1", "fibre-500", bandwidth=500, ownEquipment=True), item("2", "voip-line")))
    assert "1.ont" not in lines_of(plan) and "2.number" not in lines_of(plan)
    dropped = {(e.rule, e.inputs["itemId"]): e.decision["reason"] for e in decompose_trace(plan, produced=False)}
    assert dropped == {("ont", "1"): "exclude is true", ("number", "2"): "include is false"}
    entry = decompose_trace(plan, produced=False)[0]
    assert (entry.artifact, entry.version) == ("decompose.test", 1)


def test_produced_lines_are_traced_with_rule_and_path(decompose, item, order):
    plan = decompose(order(item("1", "fibre-500", bandwidth=500)))
    entry = next(e for e in decompose_trace(plan, produced=True) if e.rule == "ont")
    assert entry.decision == {"produced": True, "line": "1.ont", "quantity": 2, "awaiting": []}
    assert entry.inputs["path"] == ["spec-fibre", "cfs-internet", "rfs-gpon", "res-ont"]
    assert decompose_trace(plan, noRuleFor=["rfs-gpon"])


def test_bundle_components_are_decomposed_as_their_own_product_specifications(decompose, item, order):
    lines = lines_of(decompose(order(item("7", "office-pack", quantity=2, bandwidth=100, portInNumber="+1"))))
    assert {lines[i].product_specification for i in ("7.product-fibre", "7.internet")} == {"spec-fibre"}
    assert lines["7.product-voip"].quantity == 4
    assert lines["7.voice"].product_specification == "spec-voip"
    assert lines["7.internet"].characteristics == {"bandwidth": 100}


def test_a_rule_for_the_bundle_matches_specifications_reached_through_its_components(decompose, item, order):
    lines = lines_of(decompose(order(item("7", "office-pack", bandwidth=100, portInNumber="+1"))))
    assert lines["7.office-voice-number"].path == ("spec-voip", "cfs-voice", "res-number")
    assert "7.office-voice-number" not in lines_of(decompose(order(item("8", "voip-line", portInNumber="+1"))))


def test_unknown_offering_and_unsupported_action_are_problems_not_exceptions(decompose, item, order):
    modify = {**item("2", "fibre-500"), "action": "noChange"}
    plan = decompose(order(item("1", "nope"), modify, item("3", "fibre-500", bandwidth=1)))
    assert [(p.code, p.item_id) for p in plan.problems] == [("unknown_offering", "1"), ("action_not_supported", "2")]
    assert {line.item_id for d in plan.domain_orders for line in d.lines} == {"3"}


def test_specification_given_without_offering_must_be_in_the_catalog(decompose, item, order):
    plan = decompose(order({"id": "1", "productSpecification": {"id": "spec-unknown"}}))
    assert [(p.code, p.specification) for p in plan.problems] == [("unknown_specification", "spec-unknown")]


def test_a_quantity_that_is_not_a_number_is_a_problem_and_drops_the_line(decompose, item, order):
    rules = compile_document({"kind": "decomposition_rules", "key": "decompose.count", "schemaVersion": 1,
                              "title": "count", "body": {"rules": [
                                  {"id": "cpe", "specification": "res-cpe", "domain": "resource",
                                   "fulfilmentSystem": "inv", "quantity": {"var": "item.characteristics.count"}}]}})
    plan = decompose(order(item("1", "sdwan-site", count="lots")), rules=rules)
    assert [(p.code, p.item_id, p.specification) for p in plan.problems] == [("invalid_expression", "1", "res-cpe")]
    assert not plan.domain_orders
    assert decompose_trace(plan, produced=False)[0].decision["reason"].startswith("evaluation failed")
    assert lines_of(decompose(order(item("1", "sdwan-site", count="3")), rules=rules))["1.cpe"].quantity == 3
