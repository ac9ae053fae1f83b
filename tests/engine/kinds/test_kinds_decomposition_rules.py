from engine.kinds import validate_document


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


def test_actions_are_the_known_ones(fixture_document):
    document = fixture_document("decomposition_rules")
    document["body"]["rules"][0]["actions"] = ["cancel"]
    document["body"]["rules"][1]["actions"] = []
    assert sorted(code for _, code in codes(document)) == ["schema.enum", "schema.minItems"]
