import pytest

from engine.kinds import KIND_NAMES, PACK_STAGES, validate_references

NAMES = KIND_NAMES


@pytest.fixture
def pack(fixture_document):
    documents = {doc["key"]: doc for doc in map(fixture_document, NAMES)}
    segment = fixture_document("decision_table")
    segment["key"] = "enrich.segment"
    documents[segment["key"]] = segment
    fibre_500 = documents["catalog.fixture"]["body"]["productOfferings"][0]
    documents["catalog.fixture"]["body"]["productOfferings"].append(dict(fibre_500, id="iot-sim-fleet"))
    bindings = {"catalog": "catalog.fixture", "enrichment": "enrich.b2b",
                "pricing": {"priceList": "prices.fixture", "matrices": ["prices.fibre-matrix"]},
                "approval": "approval.policy", "decomposition": "decompose.fixture",
                "orchestration": {"service": "plan.fibre-service", "cfs-internet": "plan.fibre-service"},
                "jeopardy": "jeopardy.sla", "fallout": "fallout.default"}
    return documents, bindings


def found(issues):
    return sorted(((issue.artifact or ""), issue.pointer, issue.code) for issue in issues)


def test_a_consistent_pack_has_no_issues(pack):
    assert validate_references(*pack) == []


def test_every_stage_is_described():
    assert set(PACK_STAGES) == {"catalog", "enrichment", "pricing", "approval", "decomposition", "orchestration",
                                "jeopardy", "fallout"}
    assert PACK_STAGES["pricing"].slots["matrices"].many and PACK_STAGES["catalog"].required


def test_binding_problems_are_all_reported(pack):
    documents, bindings = pack
    bindings["approval"] = "enrich.b2b"
    bindings["fallout"] = "fallout.missing"
    bindings["pricing"] = {"matrices": "prices.fibre-matrix", "coupons": "x"}
    bindings["orchestration"]["no-such-spec"] = "plan.fibre-service"
    bindings["shipping"] = "x"
    del bindings["catalog"]
    assert found(validate_references(documents, bindings)) == sorted([
        ("", "/bindings", "missing_binding"),
        ("", "/bindings/approval", "wrong_kind"),
        ("", "/bindings/pricing/coupons", "unknown_slot"),
        ("", "/bindings/pricing", "missing_binding"),
        ("", "/bindings/pricing/matrices", "invalid_binding"),
        ("", "/bindings/fallout", "missing_artifact"),
        ("", "/bindings/shipping", "unknown_stage")])


def test_artifact_references_are_checked_against_the_pack_and_the_catalog(pack):
    documents, bindings = pack
    documents["enrich.b2b"]["body"]["steps"][1]["table"] = "plan.fibre-service"
    documents["prices.fixture"]["body"]["prices"][4]["productOffering"] = "iot-gone"
    documents["decompose.fixture"]["body"]["rules"][1]["specification"] = "cfs-gone"
    bindings["orchestration"]["spec-gone"] = "plan.fibre-service"
    assert found(validate_references(documents, bindings)) == sorted([
        ("enrich.b2b", "/body/steps/1/table", "wrong_kind"),
        ("prices.fixture", "/body/prices/4/productOffering", "unknown_offering"),
        ("decompose.fixture", "/body/rules/1/specification", "unknown_specification"),
        ("", "/bindings/orchestration/spec-gone", "unknown_specification")])


def test_bound_decision_tables_need_the_outputs_their_stage_reads(pack):
    documents, bindings = pack
    documents["approval.policy"]["body"]["outputs"][0]["name"] = "verdict"
    bindings["pricing"]["adjustments"] = "enrich.segment"
    assert found(validate_references(documents, bindings)) == sorted([
        ("enrich.segment", "/body/outputs", "missing_output"),
        ("enrich.segment", "/body/outputs", "missing_output"),
        ("approval.policy", "/body/outputs", "missing_output")])


def test_change_actions_bind_plans_per_domain_or_specification(pack):
    documents, bindings = pack
    bindings["orchestration"].update({"service@suspend": "plan.fibre-service", "cfs-internet@delete": "plan.fibre-service",
                                      "service@cancel": "plan.fibre-service", "spec-gone@modify": "plan.fibre-service",
                                      "resource@resume": "plan.gone"})
    assert found(validate_references(documents, bindings)) == sorted([
        ("", "/bindings/orchestration/service@cancel", "unknown_action"),
        ("", "/bindings/orchestration/spec-gone@modify", "unknown_specification"),
        ("", "/bindings/orchestration/resource@resume", "missing_artifact")])


def test_the_termination_charge_table_needs_a_percent(pack):
    documents, bindings = pack
    bindings["pricing"]["terminationCharges"] = "enrich.segment"
    assert found(validate_references(documents, bindings)) == [("enrich.segment", "/body/outputs", "missing_output")]
