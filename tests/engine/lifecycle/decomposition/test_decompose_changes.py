import copy

import pytest

from engine.kinds import compile_document
from tests.engine.lifecycle.decomposition.conftest import PLANS, RULES, make_item, make_order, plan_document

CHANGE_RULES = [
    {"id": "internet-change", "specification": "cfs-internet", "domain": "service", "fulfilmentSystem": "oss-fibre",
     "actions": ["modify", "suspend", "resume", "delete"],
     "characteristics": {"product": {"var": "item.product.id"}}},
    {"id": "ont-return", "specification": "res-ont", "domain": "resource", "fulfilmentSystem": "inv",
     "actions": ["delete"], "dependsOn": ["internet-change"]},
    {"id": "product-change", "specification": "spec-fibre", "domain": "product", "fulfilmentSystem": "crm",
     "actions": ["modify", "suspend", "resume", "delete"], "dependsOn": ["internet-change"]}]
CHANGE_PLANS = [plan_document(f"plan.{name}", [{"key": "apply", "type": "auto", "handler": "simulator.run"}])
                for name in ("suspend", "disconnect", "release", "rate", "cfs-suspend")]
BINDING = {"product": "plan.product", "service": "plan.service", "resource": "plan.resource",
           "service@suspend": "plan.suspend", "product@suspend": "plan.rate", "service@delete": "plan.disconnect",
           "product@delete": "plan.rate", "resource@delete": "plan.release"}


@pytest.fixture(scope="module")
def changes(decompose):
    rules = copy.deepcopy(RULES)
    rules["body"]["rules"] += CHANGE_RULES
    plans = {doc["key"]: compile_document(doc, version=1) for doc in PLANS + CHANGE_PLANS}
    compiled = compile_document(rules, version=1)

    def run(order, binding=BINDING):
        return decompose(order, rules=compiled, plans=plans, plan_binding=binding)
    return run


def change(action, **product):
    return {"id": "1", "action": action, "productOffering": {"id": "fibre-500"}, "product": {"id": "p-1", **product}}


def summary(plan):
    return {d.ref: ([line.rule for line in d.lines], d.plan_key, list(d.depends_on)) for d in plan.domain_orders}


def test_a_disconnect_takes_only_the_rules_for_delete_and_the_delete_plans(changes):
    plan = changes(make_order(change("delete")))
    assert plan.problems == ()
    assert summary(plan) == {
        "service:oss-fibre@delete": (["internet-change"], "plan.disconnect", []),
        "resource:inv@delete": (["ont-return"], "plan.release", ["service:oss-fibre@delete"]),
        "product:crm@delete": (["product-change"], "plan.rate", ["service:oss-fibre@delete"])}
    assert plan.domain_order("service:oss-fibre@delete").lines[0].characteristics == {"product": "p-1"}


def test_a_suspend_is_a_modify_with_status_suspended(changes):
    plan = changes(make_order(change("modify", status="suspended")))
    assert summary(plan) == {"service:oss-fibre@suspend": (["internet-change"], "plan.suspend", []),
                             "product:crm@suspend": (["product-change"], "plan.rate", ["service:oss-fibre@suspend"])}
    assert plan.domain_order("service:oss-fibre@suspend").bound_by == "domain:service@suspend"


def test_a_specification_entry_for_the_action_wins_and_gets_its_own_ref(changes):
    binding = {**BINDING, "cfs-internet@suspend": "plan.cfs-suspend"}
    plan = changes(make_order(change("modify", status="suspended")), binding)
    service = plan.domain_order("service:oss-fibre:plan.cfs-suspend@suspend")
    assert (service.plan_key, service.bound_by) == ("plan.cfs-suspend", "specification:cfs-internet@suspend")


def test_change_lines_never_fall_back_to_the_add_plans(changes):
    plan = changes(make_order(change("modify", status="active")))
    assert sorted((p.code, p.ref) for p in plan.problems) == [("no_plan_bound", "product:crm@resume"),
                                                              ("no_plan_bound", "service:oss-fibre@resume")]


def test_an_add_item_in_the_same_order_keeps_its_rules_and_plans(changes):
    plan = changes(make_order(make_item("2", "fibre-500", bandwidth=500), change("delete")))
    add_refs = {d.ref for d in plan.domain_orders if "@" not in d.ref}
    assert add_refs == {"product:crm", "service:oss-fibre", "resource:inv"}
    assert [line.rule for line in plan.domain_order("resource:inv").lines] == ["ont"]
