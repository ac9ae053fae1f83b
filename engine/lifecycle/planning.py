"""Planning for packs without a ``decomposition`` binding: one product domain order per item, each
with a one-task plan that activates the item in inventory.

Packs that bind decomposition rules use ``engine.lifecycle.decomposition.decompose_order``, whose
``DomainOrderPlan`` / ``TaskPlan`` carry the same members as ``DomainOrderSpec`` / ``TaskSpec`` here
(the optional ones below default to what the skeleton means), so the runtime persists both alike.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from engine.kinds.catalog import CompiledCatalog
from engine.lifecycle.trace import TraceEntry


@dataclass(frozen=True)
class TaskSpec:
    """A task to create; the members after ``assignment_group`` mirror ``TaskPlan``."""

    key: str
    name: str
    type: str
    handler: str | None
    params: dict = field(default_factory=dict)
    depends_on: tuple[str, ...] = ()
    assignment_group: str | None = None
    waits_for: tuple[str, ...] = ()
    skipped: bool = False
    condition: bool | None = None
    duration: timedelta | None = None
    sla: timedelta | None = None
    point_of_no_return: bool = False
    compensation: object = None
    retry: object = None


@dataclass(frozen=True)
class DomainOrderSpec:
    """A domain order to create for one item; the members after ``tasks`` mirror ``DomainOrderPlan``."""

    domain: str
    fulfilment_system: str
    item_id: str
    payload: dict
    tasks: list[TaskSpec]
    state: str = "scheduled"
    depends_on: tuple[str, ...] = ()
    missing: tuple = ()
    lines: tuple = ()
    plan_key: str | None = None
    plan_version: int | None = None

    @property
    def ref(self) -> str:
        """``product:<itemId>``: one domain order per item."""
        return f"{self.domain}:{self.item_id}"


@dataclass(frozen=True)
class Plan:
    """The skeleton's domain orders and its trace."""

    domain_orders: list[DomainOrderSpec]
    trace: list[TraceEntry]


def plan_order(order: dict, catalog: CompiledCatalog) -> Plan:
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
