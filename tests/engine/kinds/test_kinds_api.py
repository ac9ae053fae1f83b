import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from engine.kinds import (
    ArtifactInvalid,
    compile_document,
    kind_schemas,
    run_document_tests,
    validate_document,
)

ROOT = Path(__file__).resolve().parents[3]
DEMO_CATALOG = ROOT / "rulepacks" / "telco-demo" / "artifacts" / "catalog.json"


def demo_catalog() -> dict:
    return json.loads(DEMO_CATALOG.read_text())


def test_demo_catalog_is_valid_and_keeps_its_sellable_offerings():
    document = demo_catalog()
    assert validate_document(document) == []
    catalog = compile_document(document, version=3)
    sellable = {o.id for o in catalog.offerings.values() if o.sellable}
    assert sellable == {"fibre-100", "fibre-500", "fibre-1g", "static-ip", "voip-line", "sdwan-site", "iot-sim-fleet"}
    assert catalog.key == "catalog.telco-demo" and catalog.version == 3


def test_unknown_kind_is_an_issue_not_a_crash():
    issues = validate_document({"kind": "spaceship", "key": "x", "schemaVersion": 1, "body": {}})
    assert [(i.pointer, i.code) for i in issues] == [("/kind", "unknown_kind")]


def test_a_non_object_document_is_one_issue():
    assert [i.code for i in validate_document([])] == ["schema.type"]


def test_envelope_issues_are_all_reported():
    issues = validate_document({"kind": "catalog", "key": "bad key", "schemaVersion": 2, "body": {
        "productOfferings": [], "productSpecifications": []},
        "tests": [{"name": "a", "input": {}, "expect": {}}, {"name": "a", "input": {}, "expect": {}}]})
    assert {(i.pointer, i.code) for i in issues} == {
        ("/key", "schema.pattern"), ("/schemaVersion", "schema.const"), ("/tests/1/name", "duplicate_test_name")}


def test_compile_raises_with_every_issue():
    document = demo_catalog()
    document["body"]["productOfferings"][0]["productSpecification"]["id"] = "nope"
    document["body"]["productOfferings"][1]["bundledProductOffering"] = [{"id": "ghost"}]
    with pytest.raises(ArtifactInvalid) as raised:
        compile_document(document)
    assert [(i.pointer, i.code) for i in raised.value.issues] == [
        ("/body/productOfferings/0/productSpecification/id", "unknown_specification"),
        ("/body/productOfferings/1/bundledProductOffering/0/id", "unknown_offering"),
        ("/body/productOfferings/1/isBundle", "not_a_bundle")]


def test_a_test_that_raises_is_reported_as_failed():
    document = demo_catalog()
    document["tests"] = [{"name": "bad input", "input": [], "expect": {}}]
    [result] = run_document_tests(document)
    assert not result.passed and "KindTestError" in result.message


def test_every_schema_is_a_valid_draft_2020_12_schema():
    schemas = kind_schemas()
    assert "envelope" in schemas
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)
