"""The skeleton planner for packs without decomposition rules."""
from engine.lifecycle.planning import DomainOrderSpec, TaskSpec, plan_order
from tests.engine.lifecycle.catalogs import compiled_catalog

CATALOG = compiled_catalog([{"id": "fibre-500", "name": "Fibre 500M", "productSpecification": {"id": "spec-fibre"}}])


def test_one_product_order_per_item_with_an_activation_task():
    plan = plan_order({"productOrderItem": [{"id": 1, "productOffering": {"id": "fibre-500"}},
                                            {"id": "2", "productOffering": {"id": "fibre-500"}}]}, CATALOG)
    assert [(d.ref, d.domain, d.fulfilment_system, d.state) for d in plan.domain_orders] == [
        ("product:1", "product", "inventory", "scheduled"), ("product:2", "product", "inventory", "scheduled")]
    task = plan.domain_orders[0].tasks[0]
    assert (task.key, task.handler, task.params, task.skipped, task.waits_for) == (
        "activate", "inventory.activate_product", {"itemId": "1"}, False, ())
    assert plan.trace[0].rule == "skeleton-one-task-plan" and plan.trace[0].stage == "decompose"


def test_the_persisted_shapes_still_build_positionally():
    task = TaskSpec("k", "K", "auto", "h")
    spec = DomainOrderSpec("service", "oss", "9", {}, [task])
    assert (spec.ref, spec.depends_on, spec.plan_key, task.depends_on) == ("service:9", (), None, ())
