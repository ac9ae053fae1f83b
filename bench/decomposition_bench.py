"""Decomposition plus plan instances for large orders, best of 3 (target: a 1,000-item order under 2 s).

Run: .venv/bin/python bench/decomposition_bench.py

The pack: a catalog of fibre (product -> CFS -> RFS -> 2 ONTs), VoIP (requires internet), an SD-WAN
site bundle and an IoT fleet; 10 decomposition rules over 5 fulfilment systems; 4 plans of 3-6 tasks
with conditions, parameters, compensation and retry. Orders: 1,000 mixed items (a quarter of the
VoIP lines miss their port-in number, so their domain order waits), 500 SD-WAN site items, one
SD-WAN bundle item of quantity 500.
"""
from __future__ import annotations

import platform
import time
from datetime import UTC, datetime

from engine.kinds import compile_document
from engine.lifecycle.decomposition import complete_information, decompose_order

NOW = datetime(2026, 3, 1, tzinfo=UTC)
REPEATS = 3


def _spec(spec_id, realized=(), requires=(), bundles=()):
    relationships = [{"id": t, "relationshipType": "realizedAs", "quantity": q} for t, q in realized]
    relationships += [{"id": t, "relationshipType": "requires"} for t in requires]
    relationships += [{"id": t, "relationshipType": "bundles", "quantity": q} for t, q in bundles]
    return {"id": spec_id, "name": spec_id, "relationships": relationships}


def _level(specs, relationships_member):
    return [{"id": s["id"], "name": s["name"], relationships_member: s["relationships"]} for s in specs]


CATALOG = {"kind": "catalog", "key": "catalog.bench", "schemaVersion": 1, "title": "bench", "body": {
    "productOfferings": [
        {"id": "fibre", "name": "Fibre", "productSpecification": {"id": "spec-fibre"}},
        {"id": "voip", "name": "VoIP", "productSpecification": {"id": "spec-voip"}},
        {"id": "sdwan-site", "name": "SD-WAN site", "productSpecification": {"id": "spec-sdwan-site"}},
        {"id": "sdwan-pack", "name": "SD-WAN pack", "isBundle": True, "productSpecification": {"id": "spec-sdwan"},
         "bundledProductOffering": [{"id": "sdwan-site"}]},
        {"id": "iot", "name": "IoT fleet", "productSpecification": {"id": "spec-iot"}}],
    "productSpecifications": _level([
        _spec("spec-fibre", realized=[("cfs-internet", 1)]), _spec("spec-voip", realized=[("cfs-voice", 1)]),
        _spec("spec-sdwan-site", realized=[("cfs-sdwan", 1)]), _spec("spec-sdwan", bundles=[("spec-sdwan-site", 1)]),
        _spec("spec-iot", realized=[("res-sim", 1)])], "productSpecificationRelationship"),
    "serviceSpecifications": _level([
        _spec("cfs-internet", realized=[("rfs-gpon", 1)]), _spec("rfs-gpon", realized=[("res-ont", 2)]),
        _spec("cfs-voice", realized=[("res-number", 1)], requires=["cfs-internet"]),
        _spec("cfs-sdwan", realized=[("res-cpe", 1)])], "serviceSpecRelationship"),
    "resourceSpecifications": _level([_spec("res-ont"), _spec("res-number"), _spec("res-cpe"), _spec("res-sim")],
                                     "resourceSpecRelationship")}}


def _rule(rule_id, specification, domain, system, **extra):
    return {"id": rule_id, "specification": specification, "domain": domain, "fulfilmentSystem": system, **extra}


def _char(name):
    return {"var": f"item.characteristics.{name}"}


RULES = {"kind": "decomposition_rules", "key": "decompose.bench", "schemaVersion": 1, "title": "bench", "body": {
    "rules": [
        _rule("product", "spec-fibre", "product", "crm"), _rule("product-voip", "spec-voip", "product", "crm"),
        _rule("product-site", "spec-sdwan-site", "product", "crm"), _rule("product-iot", "spec-iot", "product", "crm"),
        _rule("ont", "res-ont", "resource", "inv", exclude={"==": [_char("ownEquipment"), True]}),
        _rule("internet", "cfs-internet", "service", "oss-fibre", characteristics={"bandwidth": _char("bandwidth")},
              requiredCharacteristics=["bandwidth"], dependsOn=["ont"]),
        _rule("voice", "cfs-voice", "service", "oss-voice", characteristics={"portIn": _char("portInNumber")},
              requiredCharacteristics=["portIn"]),
        _rule("number", "res-number", "resource", "inv", include={"!!": [_char("newNumber")]}),
        _rule("cpe", "res-cpe", "resource", "inv"),
        _rule("sdwan", "cfs-sdwan", "service", "oss-sdwan", quantity={"var": "item.quantity"}, dependsOn=["cpe"]),
        _rule("sim", "res-sim", "resource", "hlr", quantity={"*": [{"var": "item.quantity"}, 10]})]}}


def _plan(key, tasks, compensations=()):
    return {"kind": "orchestration_plan", "key": key, "schemaVersion": 1, "title": key,
            "body": {"tasks": tasks, **({"compensationTasks": list(compensations)} if compensations else {})}}


PLANS = [
    _plan("plan.product", [{"key": "activate", "type": "auto", "handler": "inventory.activate_product",
                            "params": {"items": {"var": "domainOrder.itemIds"}}, "duration": "PT5M"}]),
    _plan("plan.service", [
        {"key": "design", "type": "auto", "handler": "oss.design", "duration": "PT1H",
         "params": {"lines": {"var": "domainOrder.quantity"}, "ref": {"var": "domainOrder.ref"}}},
        {"key": "approve", "type": "approval", "role": "approver", "duration": "PT4H",
         "condition": {">": [{"var": "order.total"}, 10000]}},
        {"key": "configure", "type": "auto", "handler": "oss.configure", "dependsOn": ["design", "approve"],
         "duration": "PT2H", "compensation": "unconfigure", "retry": {"maxAttempts": 3}},
        {"key": "install", "type": "workOrder", "dependsOn": ["configure"], "duration": "P2D", "pointOfNoReturn": True},
        {"key": "test", "type": "auto", "handler": "oss.test", "dependsOn": ["install"], "duration": "PT10M"},
        {"key": "ready", "type": "milestone", "milestone": "serviceReady", "dependsOn": ["test"]}],
        [{"key": "unconfigure", "type": "auto", "handler": "oss.unconfigure"}]),
    _plan("plan.resource", [
        {"key": "reserve", "type": "auto", "handler": "inventory.reserve", "duration": "PT30M"},
        {"key": "ship", "type": "workOrder", "dependsOn": ["reserve"], "duration": "P1D"},
        {"key": "confirm", "type": "manual", "dependsOn": ["ship"], "duration": "PT1H"}]),
    _plan("plan.voice", [{"key": "port", "type": "manual", "duration": "P2D"},
                         {"key": "activate", "type": "auto", "handler": "voice.activate", "dependsOn": ["port"]}]),
]
BINDING = {"product": "plan.product", "service": "plan.service", "resource": "plan.resource", "cfs-voice": "plan.voice"}


def _item(n, offering, quantity=1, **characteristics):
    return {"id": str(n), "action": "add", "quantity": quantity, "productOffering": {"id": offering},
            "product": {"productCharacteristic": [{"name": k, "value": v} for k, v in characteristics.items()]}}


def mixed_order(size: int, port_in: bool = False) -> dict:
    items = []
    for n in range(size):
        kind = n % 4
        if kind == 0:
            items.append(_item(n, "fibre", bandwidth=500))
        elif kind == 1:
            number = "+44" if port_in or n % 16 != 1 else None
            items.append(_item(n, "voip", portInNumber=number, newNumber=True))
        elif kind == 2:
            items.append(_item(n, "sdwan-site"))
        else:
            items.append(_item(n, "iot", quantity=50))
    return {"id": "bench", "total": 20000, "productOrderItem": items}


def best(function, *args) -> tuple[float, object]:
    """Best wall time of REPEATS runs, and the last result."""
    times, result = [], None
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> None:
    pack = {"catalog": compile_document(CATALOG, version=1), "rules": compile_document(RULES, version=1),
            "plans": {doc["key"]: compile_document(doc, version=1) for doc in PLANS}, "plan_binding": BINDING}

    def decompose(order):
        return decompose_order(order, now=NOW, **pack)

    print(f"python {platform.python_version()} on {platform.machine()}, best of {REPEATS}")
    print(f"{'case':<44} {'seconds':>8} {'domain orders':>14} {'lines':>6} {'tasks':>6} {'trace':>6}")
    cases = {"1,000 mixed items": mixed_order(1000), "500 SD-WAN site items": {"productOrderItem": [
        _item(n, "sdwan-site") for n in range(500)]}, "1 SD-WAN bundle item, quantity 500": {
        "productOrderItem": [_item(1, "sdwan-pack", quantity=500)]}}
    for name, order in cases.items():
        seconds, plan = best(decompose, order)
        lines = sum(len(d.lines) for d in plan.domain_orders)
        tasks = sum(len(d.tasks) for d in plan.domain_orders)
        print(f"{name:<44} {seconds:>8.3f} {len(plan.domain_orders):>14} {lines:>6} {tasks:>6} {len(plan.trace):>6}")
        assert not plan.problems, plan.problems
    plan = decompose(cases["1,000 mixed items"])
    assert plan.awaiting, "the bench order should leave the VoIP order awaiting information"
    seconds, _ = best(plan.critical_path)
    print(f"{'critical path of the 1,000-item plan':<44} {seconds:>8.3f}")
    seconds, _ = best(plan.to_dict)
    print(f"{'to_dict of the 1,000-item plan':<44} {seconds:>8.3f}")
    seconds, after = best(lambda: complete_information(plan, mixed_order(1000, port_in=True), now=NOW, **pack))
    assert not after.awaiting
    print(f"{'complete_information (1,000 items)':<44} {seconds:>8.3f}")
    total, _ = best(lambda: decompose(cases["1,000 mixed items"]).critical_path())
    print(f"1,000-item decomposition + plans + critical path: {total:.3f} s (target < 2 s: "
          f"{'met' if total < 2 else 'NOT met'})")


if __name__ == "__main__":
    main()
