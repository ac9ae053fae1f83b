"""Small hand-built catalog, decomposition rules and plans, compiled the way a pack loads them."""
from datetime import UTC, datetime

import pytest

from engine.kinds import compile_document
from engine.lifecycle.decomposition import decompose_order

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def spec(spec_id, realized=(), requires=(), bundles=(), characteristics=()):
    relationships = [{"id": t, "relationshipType": "realizedAs", "quantity": q} for t, q in realized]
    relationships += [{"id": t, "relationshipType": "requires"} for t in requires]
    relationships += [{"id": t, "relationshipType": "bundles", "quantity": q} for t, q in bundles]
    return {"id": spec_id, "name": spec_id, "relationships": relationships, "characteristics": list(characteristics)}


def _level(specs, characteristics_member, relationships_member, **extra):
    return [{"id": s["id"], "name": s["name"], characteristics_member: s["characteristics"],
             relationships_member: s["relationships"], **extra} for s in specs]


CATALOG = {
    "kind": "catalog", "key": "catalog.test", "schemaVersion": 1, "title": "Test catalog",
    "body": {
        "productOfferings": [
            {"id": "fibre-500", "name": "Fibre 500", "productSpecification": {"id": "spec-fibre"}},
            {"id": "voip-line", "name": "VoIP line", "productSpecification": {"id": "spec-voip"}},
            {"id": "office-pack", "name": "Office pack", "isBundle": True, "productSpecification": {"id": "spec-office"},
             "bundledProductOffering": [{"id": "fibre-500"}, {"id": "voip-line"}]},
            {"id": "sdwan-site", "name": "SD-WAN site", "productSpecification": {"id": "spec-sdwan-site"}},
            {"id": "sdwan-pack", "name": "SD-WAN sites", "isBundle": True,
             "productSpecification": {"id": "spec-sdwan-bundle"}, "bundledProductOffering": [{"id": "sdwan-site"}]},
            {"id": "gadget", "name": "Gadget", "productSpecification": {"id": "spec-gadget"}}],
        "productSpecifications": _level([
            spec("spec-fibre", realized=[("cfs-internet", 1)],
                 characteristics=[{"name": "bandwidth", "valueType": "integer"},
                                  {"name": "term", "valueType": "integer",
                                   "characteristicValueSpecification": [{"value": 12, "isDefault": True}]}]),
            spec("spec-voip", realized=[("cfs-voice", 1)], requires=["spec-fibre"]),
            spec("spec-office", bundles=[("spec-fibre", 1), ("spec-voip", 2)]),
            spec("spec-sdwan-site", realized=[("cfs-sdwan", 1)]),
            spec("spec-sdwan-bundle", bundles=[("spec-sdwan-site", 1)]),
            spec("spec-gadget")], "productSpecCharacteristic", "productSpecificationRelationship"),
        "serviceSpecifications": _level([
            spec("cfs-internet", realized=[("rfs-gpon", 1)]),
            spec("rfs-gpon", realized=[("res-ont", 2)]),
            spec("cfs-voice", realized=[("res-number", 1)], requires=["cfs-internet"]),
            spec("cfs-sdwan", realized=[("res-cpe", 1)])], "specCharacteristic", "serviceSpecRelationship"),
        "resourceSpecifications": _level([spec("res-ont"), spec("res-number"), spec("res-cpe")],
                                         "resourceSpecCharacteristic", "resourceSpecRelationship"),
    }}

RULES = {
    "kind": "decomposition_rules", "key": "decompose.test", "schemaVersion": 1, "title": "Test rules",
    "body": {
        "fulfilmentSystems": [{"id": "crm", "domain": "product"}, {"id": "oss-fibre", "domain": "service"},
                              {"id": "oss-voice", "domain": "service"}, {"id": "oss-sdwan", "domain": "service"},
                              {"id": "inv", "domain": "resource"}],
        "rules": [
            {"id": "product-fibre", "specification": "spec-fibre", "domain": "product", "fulfilmentSystem": "crm",
             "characteristics": {"term": {"var": "item.characteristics.term"}}},
            {"id": "product-voip", "specification": "spec-voip", "domain": "product", "fulfilmentSystem": "crm"},
            {"id": "ont", "specification": "res-ont", "domain": "resource", "fulfilmentSystem": "inv",
             "exclude": {"==": [{"var": "item.characteristics.ownEquipment"}, True]}},
            {"id": "internet", "specification": "cfs-internet", "domain": "service", "fulfilmentSystem": "oss-fibre",
             "characteristics": {"bandwidth": {"var": "item.characteristics.bandwidth"}},
             "requiredCharacteristics": ["bandwidth"], "dependsOn": ["ont"]},
            {"id": "voice", "specification": "cfs-voice", "domain": "service", "fulfilmentSystem": "oss-voice",
             "characteristics": {"portInNumber": {"var": "item.characteristics.portInNumber"}},
             "requiredCharacteristics": ["portInNumber"]},
            {"id": "number", "specification": "res-number", "domain": "resource", "fulfilmentSystem": "inv",
             "include": {"!!": [{"var": "item.characteristics.newNumber"}]}},
            {"id": "office-voice-number", "specification": "res-number", "productSpecification": "spec-office",
             "domain": "resource", "fulfilmentSystem": "inv", "quantity": 1},
            {"id": "cpe", "specification": "res-cpe", "domain": "resource", "fulfilmentSystem": "inv"},
            {"id": "sdwan", "specification": "cfs-sdwan", "domain": "service", "fulfilmentSystem": "oss-sdwan",
             "quantity": {"var": "item.quantity"}, "dependsOn": ["cpe"],
             "characteristics": {"sites": {"var": "item.quantity"}}}]}}


def plan_document(key, tasks, compensation_tasks=()):
    body = {"tasks": tasks}
    if compensation_tasks:
        body["compensationTasks"] = list(compensation_tasks)
    return {"kind": "orchestration_plan", "key": key, "schemaVersion": 1, "title": key, "body": body}


PLANS = [
    plan_document("plan.product", [
        {"key": "activate", "type": "auto", "handler": "inventory.activate_product", "duration": "PT5M",
         "params": {"itemIds": {"var": "domainOrder.itemIds"}}}]),
    plan_document("plan.service", [
        {"key": "design", "type": "auto", "handler": "oss.design", "duration": "PT1H", "sla": "PT4H",
         "params": {"bandwidth": {"var": "item.characteristics.bandwidth"}, "lines": {"var": "domainOrder.quantity"}}},
        {"key": "approve", "type": "approval", "role": "orderApprover", "duration": "PT4H",
         "condition": {">": [{"var": "order.total"}, 10000]}},
        {"key": "activate", "type": "auto", "handler": "oss.activate", "dependsOn": ["design", "approve"],
         "duration": "PT2H", "pointOfNoReturn": True, "compensation": "deactivate", "assignmentGroup": "noc",
         "retry": {"maxAttempts": 3, "backoff": "PT1M"},
         "params": {"ref": {"var": "domainOrder.ref"}}}],
        [{"key": "deactivate", "type": "auto", "handler": "oss.deactivate",
          "params": {"ref": {"var": "domainOrder.ref"}}}]),
    plan_document("plan.resource", [
        {"key": "reserve", "type": "auto", "handler": "inventory.reserve", "duration": "PT30M"},
        {"key": "ship", "type": "workOrder", "workType": "ship", "dependsOn": ["reserve"], "duration": "P1D",
         "condition": {"in": ["res-ont", {"var": "domainOrder.specifications"}]}}]),
    plan_document("plan.voice", [
        {"key": "port", "type": "manual", "duration": "P2D", "assignmentGroup": "porting"},
        {"key": "activate", "type": "auto", "handler": "voice.activate", "dependsOn": ["port"], "duration": "PT1H"}]),
]

BINDING = {"product": "plan.product", "service": "plan.service", "resource": "plan.resource",
           "cfs-voice": "plan.voice"}


@pytest.fixture(scope="session")
def artifacts():
    """Compiled catalog, rules and plans (version 1 each) and the pack's orchestration binding."""
    plans = {doc["key"]: compile_document(doc, version=1) for doc in PLANS}
    return {"catalog": compile_document(CATALOG, version=1), "rules": compile_document(RULES, version=1),
            "plans": plans, "plan_binding": BINDING}


@pytest.fixture(scope="session")
def decompose(artifacts):
    """decompose_order with the test pack: ``decompose(order, **overrides)``."""
    def run(order, **overrides):
        return decompose_order(order, **{**artifacts, "now": NOW, **overrides})
    return run


def make_item(item_id, offering, quantity=1, **characteristics):
    """A TMF622 add item with product characteristics."""
    return {"id": item_id, "action": "add", "quantity": quantity, "productOffering": {"id": offering},
            "product": {"productCharacteristic": [{"name": k, "value": v} for k, v in characteristics.items()]}}


def make_order(*items, **extra):
    """A ProductOrder with the given items."""
    return {"id": "ord-1", "productOrderItem": list(items), **extra}


@pytest.fixture(scope="session")
def item():
    """``item(id, offering, quantity=1, **characteristics)``: a TMF622 add item."""
    return make_item


@pytest.fixture(scope="session")
def order():
    """``order(*items, **members)``: a ProductOrder."""
    return make_order
