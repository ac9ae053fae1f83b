import pytest

from engine.kinds import compile_document, validate_document


def codes(document):
    return [(issue.pointer, issue.code) for issue in validate_document(document)]


def test_systems_dependencies_and_mappings_are_checked(fixture_document):
    document = fixture_document("decomposition_rules")
    rules = document["body"]["rules"]
    rules[0]["fulfilmentSystem"] = "billing"
    rules[1]["domain"] = "resource"
    rules[1]["requiredCharacteristics"] = ["bandwidth", "vlan"]
    rules[2]["dependsOn"] = ["access"]
    rules[2]["quantity"] = {"var": [1, 2, 3]}
    assert sorted(codes(document)) == sorted([
        ("/body/rules/0/fulfilmentSystem", "unknown_fulfilment_system"),
        ("/body/rules/1/domain", "domain_mismatch"),
        ("/body/rules/1/requiredCharacteristics/1", "unmapped_characteristic"),
        ("/body/rules/1/id", "cycle"),
        ("/body/rules/2/quantity", "jsonlogic.wrong_arity")])


def test_a_rule_needs_a_domain_and_a_system(fixture_document):
    document = fixture_document("decomposition_rules")
    del document["body"]["rules"][1]["fulfilmentSystem"]
    assert codes(document) == [("/body/rules/1", "schema.required")]


def test_quantity_zero_drops_the_line_and_a_non_number_raises(fixture_document):
    rules = compile_document(fixture_document("decomposition_rules"), version=5)
    result = rules.decompose({}, {"quantity": 0, "characteristics": {"bandwidth": 100}}, "spec-fibre")
    assert result.dropped == {"ont": "quantity is 0"}
    assert result.lines[0].source.as_dict() == {"artifact": "decompose.fixture", "version": 5, "row": "product"}
    with pytest.raises(ValueError, match="quantity"):
        rules.decompose({}, {"quantity": "many"}, "spec-fibre")


def test_rules_scoped_to_another_product_specification_do_not_apply(fixture_document):
    rules = compile_document(fixture_document("decomposition_rules"))
    assert rules.decompose({}, {}, "spec-voip").lines == []
    only = rules.decompose({}, {"characteristics": {"bandwidth": 1}}, "spec-fibre", specifications=["cfs-internet"])
    assert [line.rule for line in only.lines] == ["access"] and only.domain_orders[0].depends_on == ()


def test_a_rule_applies_to_add_items_unless_it_names_other_actions(fixture_document):
    document = fixture_document("decomposition_rules")
    document["body"]["rules"][0]["actions"] = ["delete"]
    rules = compile_document(document, version=1)
    item = {"quantity": 1, "characteristics": {"bandwidth": 100}}
    added = {line.rule for line in rules.decompose({}, item, "spec-fibre").lines}
    deleted = {line.rule for line in rules.decompose({}, {**item, "action": "delete"}, "spec-fibre").lines}
    suspended = rules.decompose({}, {**item, "action": "modify", "product": {"status": "suspended"}}, "spec-fibre")
    assert document["body"]["rules"][0]["id"] not in added
    assert deleted == {document["body"]["rules"][0]["id"]}
    assert suspended.lines == []


def test_actions_are_the_known_ones(fixture_document):
    document = fixture_document("decomposition_rules")
    document["body"]["rules"][0]["actions"] = ["cancel"]
    document["body"]["rules"][1]["actions"] = []
    assert sorted(code for _, code in codes(document)) == ["schema.enum", "schema.minItems"]
