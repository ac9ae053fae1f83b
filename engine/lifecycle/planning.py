"""Planning (walking skeleton): one product domain order per item, each with a one-task plan.

Issue 4 replaces this with decomposition rules and orchestration plans from the rule pack; the
shape of what it returns (domain orders with task specs) stays.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.catalog import Catalog
from engine.lifecycle.trace import TraceEntry


@dataclass(frozen=True)
class TaskSpec:
    key: str
    name: str
    type: str
    handler: str | None
    params: dict = field(default_factory=dict)
    depends_on: tuple[str, ...] = ()
    assignment_group: str | None = None


@dataclass(frozen=True)
class DomainOrderSpec:
    domain: str
    fulfilment_system: str
    item_id: str
    payload: dict
    tasks: list[TaskSpec]


@dataclass(frozen=True)
class Plan:
    domain_orders: list[DomainOrderSpec]
    trace: list[TraceEntry]


def plan_order(order: dict, catalog: Catalog) -> Plan:
    """Turn each accepted item into a product order whose plan activates it in inventory."""
    domain_orders, trace = [], []
    for item in order.get("productOrderItem") or []:
        offering = catalog.offering(item["productOffering"]["id"])
        task = TaskSpec(key="activate", name=f"Activate {offering.name}", type="auto",
                        handler="inventory.activate_product", params={"itemId": str(item["id"])})
        domain_orders.append(DomainOrderSpec(
            domain="product", fulfilment_system="inventory", item_id=str(item["id"]),
            payload={"productOffering": {"id": offering.id, "name": offering.name}}, tasks=[task]))
        trace.append(TraceEntry(stage="decompose", rule="skeleton-one-task-plan",
                                inputs={"itemId": str(item["id"]), "productOffering": offering.id},
                                decision={"domainOrders": ["product"], "tasks": [task.key]}))
    return Plan(domain_orders, trace)
