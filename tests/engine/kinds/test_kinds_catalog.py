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


def test_offering_relationships_and_cardinality_are_checked_with_pointers(fixture_document):
    document = fixture_document("catalog")
    offerings = document["body"]["productOfferings"]
    offerings[0]["productOfferingRelationship"] = [{"id": "ghost", "relationshipType": "requires"},
                                                   {"id": "fibre-500", "relationshipType": "excludes"},
                                                   {"id": "static-ip", "relationshipType": "excludes"}]
    offerings[0]["cardinality"] = {"perOrder": {"min": 2, "max": 1}, "perCustomer": {"max": 3}}
    offerings[1]["productOfferingRelationship"] = [{"id": "fibre-500", "relationshipType": "excludes"}]
    at = "/body/productOfferings"
    assert sorted(codes(document)) == sorted([
        (f"{at}/0/productOfferingRelationship/0/id", "unknown_offering"),
        (f"{at}/0/productOfferingRelationship/1/id", "self_relationship"),
        (f"{at}/0/cardinality/perOrder/max", "invalid_range"),
        # static-ip requires a fibre (its specification) and excludes it (the reverse of fibre's excludes)
        (f"{at}/1/productOfferingRelationship", "contradictory_relationship")])


def test_excludes_is_between_product_specifications_and_is_no_cycle(fixture_document):
    document = fixture_document("catalog")
    specs = document["body"]["productSpecifications"]
    specs[0]["productSpecificationRelationship"].append({"id": "spec-office", "relationshipType": "excludes"})
    specs[2]["productSpecificationRelationship"].append({"id": "spec-fibre", "relationshipType": "excludes"})
    assert codes(document) == []
    catalog = compile_document(document)
    assert [r.offering_ids for r in catalog.offering("fibre-500").excludes] == [("office-pack",)]
    assert [r.offering_ids for r in catalog.offering("office-pack").excludes] == [("fibre-500",)]
    document["body"]["serviceSpecifications"][0]["serviceSpecRelationship"].append(
        {"id": "rfs-gpon", "relationshipType": "excludes"})
    assert codes(document) == [("/body/serviceSpecifications/0/serviceSpecRelationship/1/relationshipType",
                                "invalid_relationship")]


def test_a_sold_specification_cannot_require_one_no_offering_sells(fixture_document):
    document = fixture_document("catalog")
    document["body"]["productSpecifications"].append({"id": "spec-unsold", "name": "nobody sells it"})
    document["body"]["productSpecifications"][1]["productSpecificationRelationship"].append(
        {"id": "spec-unsold", "relationshipType": "requires"})
    assert codes(document) == [("/body/productSpecifications/1/productSpecificationRelationship/1/id",
                                "requirement_not_sold")]


def test_requires_and_cardinality_are_compiled_once_into_the_offering(fixture_document):
    document = fixture_document("catalog")
    document["body"]["productOfferings"][1]["cardinality"] = {"perCustomer": {"max": 2}}
    catalog = compile_document(document)
    static_ip = catalog.offering("static-ip")
    assert [(r.target, r.offering_ids) for r in static_ip.requires] == [("spec-fibre", ("fibre-500",))]
    assert (static_ip.per_customer.min, static_ip.per_customer.max, static_ip.per_order) == (None, 2, None)
    assert static_ip.requires[0].describe() == "'spec-fibre' (fibre-500)"
