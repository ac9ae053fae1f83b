from engine.kinds import compile_document, validate_document


def codes(document):
    return [(issue.pointer, issue.code) for issue in validate_document(document)]


def test_relationships_must_point_at_existing_specifications_of_the_right_level(fixture_document):
    document = fixture_document("catalog")
    specs = document["body"]["productSpecifications"]
    specs[1]["productSpecificationRelationship"] = [{"id": "ghost", "relationshipType": "requires"},
                                                   {"id": "cfs-internet", "relationshipType": "bundles"}]
    assert codes(document) == [
        ("/body/productSpecifications/1/productSpecificationRelationship/0/id", "unknown_specification"),
        ("/body/productSpecifications/1/productSpecificationRelationship/1/relationshipType", "invalid_relationship")]


def test_a_relationship_cycle_is_reported(fixture_document):
    document = fixture_document("catalog")
    document["body"]["resourceSpecifications"][0]["resourceSpecRelationship"] = [
        {"id": "res-ont", "relationshipType": "realizedAs"}]
    assert codes(document) == [("/body/resourceSpecifications/0", "cycle")]


def test_characteristic_specifications_are_checked(fixture_document):
    document = fixture_document("catalog")
    characteristics = document["body"]["productSpecifications"][0]["productSpecCharacteristic"]
    characteristics.append({"name": "bandwidth", "valueType": "string", "valueFrom": 1, "regex": "("})
    characteristics[0]["characteristicValueSpecification"] = [{"value": "fast", "isDefault": True},
                                                             {"value": 100, "isDefault": True}]
    characteristics[1]["valueFrom"] = 40
    base = "/body/productSpecifications/0/productSpecCharacteristic"
    assert sorted(codes(document)) == sorted([
        (f"{base}/0/characteristicValueSpecification/0/value", "invalid_value"),
        (f"{base}/0/characteristicValueSpecification", "multiple_defaults"),
        (f"{base}/1/valueTo", "invalid_range"),
        (f"{base}/3/name", "duplicate_name"),
        (f"{base}/3/valueFrom", "range_not_applicable"),
        (f"{base}/3/regex", "invalid_regex")])


def test_offering_quantity_range_and_duplicate_ids(fixture_document):
    document = fixture_document("catalog")
    offerings = document["body"]["productOfferings"]
    offerings[0]["orderQuantity"] = {"min": 3, "max": 2}
    offerings[3]["id"] = "static-ip"
    document["body"]["resourceSpecifications"].append({"id": "spec-ip", "name": "clash"})
    assert sorted(codes(document)) == sorted([
        ("/body/resourceSpecifications/1/id", "duplicate_id"),
        ("/body/productOfferings/3/id", "duplicate_id"),
        ("/body/productOfferings/0/orderQuantity/max", "invalid_range")])


def test_compiled_catalog_checks_characteristics_and_walks_the_realisation(fixture_document):
    catalog = compile_document(fixture_document("catalog"))
    fibre = catalog.offering("fibre-500")
    assert fibre.sellable and fibre.place_required and fibre.required_party_roles == ("customer",)
    assert catalog.check_characteristics("spec-fibre", {"bandwidth": "500", "circuitRef": "C1234"}) == []
    assert [p.code for p in catalog.check_characteristics("spec-fibre", {"bandwidth": 500.5})] == ["wrong_type"]
    assert catalog.defaults("spec-fibre") == {"term": 12}
    walk = [(r.specification.id, r.relationship_type, r.quantity) for r in catalog.realization("spec-office")]
    assert walk[:4] == [("spec-fibre", "bundles", 1), ("cfs-internet", "realizedAs", 1),
                        ("rfs-gpon", "realizedAs", 1), ("res-ont", "realizedAs", 2)]
    assert catalog.specification("rfs-gpon").category == "RFS"


def test_schema_errors_come_before_semantics(fixture_document):
    document = fixture_document("catalog")
    document["body"]["productOfferings"][0]["lifecycleStatus"] = "Alive"
    document["body"]["productOfferings"][1]["productSpecification"] = {"id": "ghost"}
    assert codes(document) == [("/body/productOfferings/0/lifecycleStatus", "schema.enum")]
