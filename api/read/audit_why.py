"""An order's "why" as the auditor sees it: the pack it ran on, and where every price line, adjustment, domain
order and task came from (artifact, version and the row inside it)."""
from __future__ import annotations

from typing import Any

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.contract import Model
from api.read.orders import visible_order
from engine.store.models import DomainOrder, OrderTraceEntry, RulePack, Task


class ProvenanceView(Model):
    artifact: str | None
    version: int | None
    row: str | None = Field(description="the row, rule, step or task key inside the artifact")


class PriceLineWhy(Model):
    item_id: str | None
    offering: str | None
    price_type: str | None
    recurring_charge_period: str | None
    unit_amount: str | None
    quantity: Any
    amount: str | None
    currency: str | None
    provenance: ProvenanceView


class AdjustmentWhy(Model):
    level: str | None
    item_id: str | None
    name: str | None
    type: str | None
    value: str | None
    amount: str | None
    price_type: str | None
    provenance: ProvenanceView


class TaskWhy(Model):
    id: str
    key: str
    name: str
    type: str
    state: str
    assignment_group: str | None
    provenance: ProvenanceView = Field(description="the orchestration plan version and the task's key in it")


class DomainOrderWhy(Model):
    id: str
    ref: str
    domain: str
    state: str
    plan: ProvenanceView | None = Field(description="the orchestration plan version that made its tasks")
    decomposition: list[ProvenanceView] = Field(description="the decomposition rules that made its lines")
    tasks: list[TaskWhy]


class PackRef(Model):
    key: str
    version: int
    pack: str = Field(description="key@version")


class OrderWhyView(Model):
    order_id: str
    external_id: str | None
    state: str
    pack: PackRef | None = Field(description="the rule pack version the order ran on")
    currency: str | None
    order_total_price: Any = Field(description="the TMF order totals as priced")
    price_lines: list[PriceLineWhy]
    adjustments: list[AdjustmentWhy]
    domain_orders: list[DomainOrderWhy]


def _provenance(value: Any) -> ProvenanceView:
    value = value if isinstance(value, dict) else {}
    row = value.get("row")
    return ProvenanceView(artifact=value.get("artifact"), version=value.get("version"),
                          row=None if row is None else str(row))


def _price_line(line: dict) -> PriceLineWhy:
    return PriceLineWhy(item_id=line.get("itemId"), offering=line.get("offering"), price_type=line.get("priceType"),
                        recurring_charge_period=line.get("recurringChargePeriod"),
                        unit_amount=line.get("unitAmount"), quantity=line.get("quantity"), amount=line.get("amount"),
                        currency=line.get("currency"), provenance=_provenance(line.get("provenance")))


def _adjustment(entry: dict) -> AdjustmentWhy:
    return AdjustmentWhy(level=entry.get("level"), item_id=entry.get("itemId"), name=entry.get("name"),
                         type=entry.get("type"), value=entry.get("value"), amount=entry.get("amount"),
                         price_type=entry.get("priceType"), provenance=_provenance(entry.get("provenance")))


def _decomposition_sources(session: Session, order_id: str) -> dict[str, ProvenanceView]:
    """rule -> the artifact version of the decomposition trace entry that names it."""
    rows = session.execute(select(OrderTraceEntry.rule, OrderTraceEntry.artifact, OrderTraceEntry.artifact_version)
                           .where(OrderTraceEntry.order_id == order_id, OrderTraceEntry.stage.like("decompos%"))
                           .order_by(OrderTraceEntry.id)).all()
    return {row.rule: ProvenanceView(artifact=row.artifact, version=row.artifact_version, row=row.rule)
            for row in rows if row.rule}


def _domain_order(domain_order: DomainOrder, tasks: list[Task], sources: dict[str, ProvenanceView]) -> DomainOrderWhy:
    plan = (ProvenanceView(artifact=domain_order.plan_key, version=domain_order.plan_version, row=None)
            if domain_order.plan_key else None)
    rules = dict.fromkeys(line.get("rule") for line in (domain_order.payload or {}).get("lines") or []
                          if line.get("rule"))
    decomposition = [sources.get(rule) or ProvenanceView(artifact=None, version=None, row=rule) for rule in rules]
    return DomainOrderWhy(
        id=domain_order.id, ref=domain_order.ref, domain=domain_order.domain, state=domain_order.state, plan=plan,
        decomposition=decomposition,
        tasks=[TaskWhy(id=t.id, key=t.key, name=t.name, type=t.type, state=t.state,
                       assignment_group=t.assignment_group,
                       provenance=ProvenanceView(artifact=domain_order.plan_key, version=domain_order.plan_version,
                                                 row=t.key)) for t in tasks])


def order_why(session: Session, order_id: str) -> OrderWhyView:
    """Where everything the order got came from (404 for an order the caller may not see)."""
    order = visible_order(session, order_id)
    pack = session.get(RulePack, order.pack_id) if order.pack_id is not None else None
    pricing = order.pricing or {}
    domain_orders = session.execute(select(DomainOrder).where(DomainOrder.order_id == order_id)
                                    .order_by(DomainOrder.created_at, DomainOrder.id)).scalars().all()
    tasks: dict[str, list[Task]] = {}
    for task in session.execute(select(Task).where(Task.order_id == order_id)
                                .order_by(Task.created_at, Task.id)).scalars():
        tasks.setdefault(task.domain_order_id, []).append(task)
    sources = _decomposition_sources(session, order_id)
    return OrderWhyView(
        order_id=order.id, external_id=order.external_id, state=order.state,
        pack=PackRef(key=pack.key, version=pack.version, pack=f"{pack.key}@{pack.version}") if pack else None,
        currency=pricing.get("currency"), order_total_price=pricing.get("orderTotalPrice"),
        price_lines=[_price_line(line) for line in pricing.get("lines") or []],
        adjustments=[_adjustment(entry) for entry in pricing.get("adjustments") or []],
        domain_orders=[_domain_order(d, tasks.get(d.id, []), sources) for d in domain_orders])
