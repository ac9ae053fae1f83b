"""Orders as the agents' workspace shows them: the order list, one order (with the first page of its items),
its items page by page, and its decision trace. None of them reads the stored order body or whole item payloads
(an item's characteristics only)."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import Field
from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session, load_only

from api.auth.scope import party_conditions, visible
from api.contract import ListQuery, Model, Page, Timestamp, sort_by
from api.read.approvals import ApprovalView, approval_view
from api.read.tasks import TaskView, task_view
from api.routing import MAX_INT
from engine.errors import NotFound
from engine.lifecycle.compensation import past_point_of_no_return
from engine.lifecycle.jeopardy import ORDER_SCOPE
from engine.store.models import (
    Approval,
    CustomerOrder,
    DomainOrder,
    FalloutRecord,
    ImportedOrder,
    JeopardyState,
    OrderItem,
    OrderTraceEntry,
    Party,
    RulePack,
    Task,
)

ITEMS_IN_DETAIL = 100


class OrderSummary(Model):
    id: str
    external_id: str | None
    state: str
    stage: str = Field(description="the engine's finer stage of the state")
    party_id: str | None = Field(description="the customer party")
    party_name: str | None
    order_date: Timestamp
    completion_date: Timestamp | None
    pack: int | None = Field(description="id of the rule pack the order runs on")
    pack_key: str | None
    pack_version: int | None
    item_count: int
    jeopardy: str | None = Field(description="the order's jeopardy level (none when on track or not assessed)")
    priority: str | None = Field(description="the order's priority as captured (TMF622: '0' highest .. '4')")
    requested_completion_date: str | None = Field(description="as the order states it")
    revision: int
    point_of_no_return: bool = Field(description="a point-of-no-return task was passed (done, running or claimed)")
    fallout_count: int = Field(description="open fallout records of the order")


class OrderQuery(ListQuery):
    sort: sort_by("orderDate", "state", "id", "priority", "requestedCompletionDate", "revision") | None = Field(
        None, description="default: newest first")
    state: str | None = None
    stage: str | None = None
    pack: int | None = Field(None, ge=0, le=MAX_INT, description="rule pack id")
    external_id: str | None = None
    party: str | None = Field(None, description="customer party id")
    order_date_from: datetime | None = Field(None, description="ordered at or after (UTC when no offset)")
    order_date_to: datetime | None = Field(None, description="ordered before (UTC when no offset)")
    jeopardy: str | None = Field(None, description="jeopardy level of the order, e.g. high")
    priority: str | None = Field(None, max_length=20, description="the order's priority, e.g. 1")
    point_of_no_return: bool | None = Field(None, description="true: passed the point of no return; false: not")
    fallout: bool | None = Field(None, description="true: with open fallout; false: without")
    revision_from: int | None = Field(None, ge=1, le=MAX_INT, description="revised at least to this revision")
    requested_completion_from: datetime | None = Field(None, description="requested completion at or after")
    requested_completion_to: datetime | None = Field(None, description="requested completion before")
    import_id: str | None = Field(None, max_length=64, description="the orders a bulk import created or found")


class OrderItemView(Model):
    id: str
    action: str
    product_offering: str | None
    quantity: int
    state: str
    characteristics: list[dict[str, Any]] = Field(default_factory=list, description="the item's product "
                                                  "characteristics as ordered ({name, value})")


class OrderItemQuery(ListQuery):
    sort: sort_by("position", "id", "state") | None = Field(None, description="default: as ordered")
    state: str | None = None
    action: str | None = None


class DomainOrderView(Model):
    id: str
    ref: str
    domain: str
    fulfilment_system: str | None
    state: str
    depends_on: list[str] = Field(description="refs of the domain orders it waits for")
    plan: str | None
    plan_version: int | None
    missing: list[dict[str, Any]] | None = Field(description="information it waits for")


class DomainOrderLineView(Model):
    id: str | None
    item_id: str | None = Field(description="the order item the line fulfils")
    specification: str | None
    quantity: int | None
    characteristics: dict[str, Any]
    rule: str | None = Field(description="the decomposition rule that made the line")
    awaiting: list[Any] = Field(description="information the line still waits for")


class OrderView(Model):
    id: str
    external_id: str | None
    party_id: str | None
    state: str
    stage: str
    state_reason: str | None
    revision: int
    order_date: Timestamp
    completion_date: Timestamp | None
    expected_completion_date: Timestamp | None
    requested_completion_date: str | None = Field(description="as the order states it")
    priority: str | None
    pack: int | None
    pack_key: str | None
    pack_version: int | None
    point_of_no_return: list[str] = Field(description="keys of the tasks past their point of no return (passed "
                                                      "when not empty)")
    fallout_count: int = Field(description="open fallout records of the order")
    missing_information: list[Any] | None
    pricing: dict[str, Any] | None = Field(description="the priced order; amounts are decimal strings")
    approvals: list[ApprovalView]
    item_count: int
    items: list[OrderItemView] = Field(description=f"the first {ITEMS_IN_DETAIL} items; the rest: GET "
                                                   "/api/v1/orders/{id}/items")
    domain_orders: list[DomainOrderView] = Field(description="their lines: GET /api/v1/orders/{id}/domain-orders/"
                                                              "{domainOrderId}/lines")
    tasks: list[TaskView]


class LineQuery(ListQuery):
    sort: sort_by("position") | None = Field(None, description="as decomposition made them (the only order)")


class TraceEntryView(Model):
    at: Timestamp
    stage: str
    artifact: str | None
    version: int | None
    rule: str | None
    inputs: Any = Field(description="what the rule read")
    decision: Any = Field(description="what it decided")


class TraceQuery(ListQuery):
    sort: sort_by("at") | None = Field(None, description="default: in the order it happened")
    stage: str | None = None


PRIORITY = CustomerOrder.payload["priority"].as_string()
REQUESTED = CustomerOrder.payload["requestedCompletionDate"].as_string()
ORDER_SORTS = {"orderDate": CustomerOrder.order_date, "state": CustomerOrder.state, "id": CustomerOrder.id,
               "priority": PRIORITY, "requestedCompletionDate": REQUESTED, "revision": CustomerOrder.revision}
SUMMARY_COLUMNS = (CustomerOrder.id, CustomerOrder.external_id, CustomerOrder.state, CustomerOrder.stage,
                   CustomerOrder.party_id, Party.name, CustomerOrder.order_date, CustomerOrder.completion_date,
                   CustomerOrder.pack_id, RulePack.key, RulePack.version, JeopardyState.level, CustomerOrder.revision,
                   PRIORITY.label("priority"), REQUESTED.label("requested"))
DETAIL_COLUMNS = (CustomerOrder.id, CustomerOrder.external_id, CustomerOrder.party_id, CustomerOrder.state,
                  CustomerOrder.stage, CustomerOrder.state_reason, CustomerOrder.revision, CustomerOrder.order_date,
                  CustomerOrder.completion_date, CustomerOrder.expected_completion_date, CustomerOrder.pack_id,
                  CustomerOrder.missing_information, CustomerOrder.pricing, CustomerOrder.lock_version)
DONE_WORK = ("completed", "running")


def passed_point_of_no_return(order_id):
    """SQL: a point-of-no-return task of the order is done, running or claimed (as the engine decides it)."""
    return exists().where(Task.order_id == order_id, Task.point_of_no_return.is_(True),
                          or_(Task.state.in_(DONE_WORK), and_(Task.state == "waiting", Task.assignee.is_not(None))))


def open_fallout(order_id):
    return exists().where(FalloutRecord.order_id == order_id, FalloutRecord.state == "open")


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return _utc(moment).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def _flag(condition, wanted: bool | None) -> list:
    return [] if wanted is None else [condition if wanted else ~condition]


def _bounds(query: OrderQuery) -> list:
    found = []
    if query.order_date_from is not None:
        found.append(CustomerOrder.order_date >= _utc(query.order_date_from))
    if query.order_date_to is not None:
        found.append(CustomerOrder.order_date < _utc(query.order_date_to))
    if query.requested_completion_from is not None:
        found.append(REQUESTED >= _iso(query.requested_completion_from))
    if query.requested_completion_to is not None:
        found.append(REQUESTED < _iso(query.requested_completion_to))
    if query.revision_from is not None:
        found.append(CustomerOrder.revision >= query.revision_from)
    return found


def _order_conditions(query: OrderQuery) -> list:
    equal = {CustomerOrder.state: query.state, CustomerOrder.stage: query.stage, CustomerOrder.pack_id: query.pack,
             CustomerOrder.external_id: query.external_id, CustomerOrder.party_id: query.party,
             JeopardyState.level: query.jeopardy, PRIORITY: query.priority}
    conditions = [column == value for column, value in equal.items() if value is not None]
    conditions += _bounds(query)
    conditions += _flag(passed_point_of_no_return(CustomerOrder.id), query.point_of_no_return)
    conditions += _flag(open_fallout(CustomerOrder.id), query.fallout)
    if query.import_id is not None:
        conditions.append(CustomerOrder.id.in_(select(ImportedOrder.order_id)
                                               .where(ImportedOrder.import_id == query.import_id)))
    return conditions + party_conditions(CustomerOrder.party_id)


def _with_jeopardy(statement):
    return statement.outerjoin(JeopardyState, and_(JeopardyState.scope == ORDER_SCOPE,
                                                   JeopardyState.subject_id == CustomerOrder.id))


def item_counts(session: Session, order_ids: list[str]) -> dict[str, int]:
    """How many items each of ``order_ids`` has (one grouped COUNT)."""
    if not order_ids:
        return {}
    return dict(session.execute(select(OrderItem.order_id, func.count()).where(OrderItem.order_id.in_(order_ids))
                                .group_by(OrderItem.order_id)).all())


def fallout_counts(session: Session, order_ids: list[str]) -> dict[str, int]:
    """How many open fallout records each of ``order_ids`` has."""
    if not order_ids:
        return {}
    return dict(session.execute(select(FalloutRecord.order_id, func.count())
                                .where(FalloutRecord.order_id.in_(order_ids), FalloutRecord.state == "open")
                                .group_by(FalloutRecord.order_id)).all())


def passed_orders(session: Session, order_ids: list[str]) -> set[str]:
    """Which of ``order_ids`` passed the point of no return."""
    if not order_ids:
        return set()
    return set(session.scalars(select(CustomerOrder.id).where(CustomerOrder.id.in_(order_ids),
                                                               passed_point_of_no_return(CustomerOrder.id))))


def _summary(row, items: dict, fallouts: dict, passed: set) -> OrderSummary:
    return OrderSummary(id=row.id, external_id=row.external_id, state=row.state, stage=row.stage,
                        party_id=row.party_id, party_name=row.name, order_date=row.order_date,
                        completion_date=row.completion_date, pack=row.pack_id, pack_key=row.key,
                        pack_version=row.version, item_count=items.get(row.id, 0), jeopardy=row.level,
                        priority=row.priority, requested_completion_date=row.requested, revision=row.revision,
                        point_of_no_return=row.id in passed, fallout_count=fallouts.get(row.id, 0))


def order_page(session: Session, query: OrderQuery) -> Page[OrderSummary]:
    """The orders the caller may see that match the query; customers only their own party's."""
    conditions = _order_conditions(query)
    column = ORDER_SORTS[query.sort_key or "orderDate"]
    descending = query.descending or query.sort is None
    statement = _with_jeopardy(select(*SUMMARY_COLUMNS).select_from(CustomerOrder)
                               .outerjoin(Party, Party.id == CustomerOrder.party_id)
                               .outerjoin(RulePack, RulePack.id == CustomerOrder.pack_id))
    rows = session.execute(statement.where(*conditions)
                           .order_by(column.desc() if descending else column, CustomerOrder.id)
                           .offset(query.offset).limit(query.limit)).all()
    count = select(func.count()).select_from(CustomerOrder)
    total = session.scalar((count if query.jeopardy is None else _with_jeopardy(count)).where(*conditions))
    ids = [row.id for row in rows]
    items, fallouts, passed = item_counts(session, ids), fallout_counts(session, ids), passed_orders(session, ids)
    return Page([_summary(r, items, fallouts, passed) for r in rows], total)


def visible_order(session: Session, order_id: str) -> CustomerOrder:
    """The order (without its stored body) if the caller may see it; 404 otherwise."""
    order = session.execute(select(CustomerOrder).options(load_only(*DETAIL_COLUMNS))
                            .where(CustomerOrder.id == order_id)).scalar_one_or_none()
    if order is None or not visible(order.party_id):
        raise NotFound(f"no order with id {order_id}")
    return order


def _items(session: Session, order_id: str, query: OrderItemQuery) -> list[OrderItemView]:
    conditions = _item_conditions(order_id, query)
    column = {"position": OrderItem.position, "id": OrderItem.item_id, "state": OrderItem.state}[
        query.sort_key or "position"]
    rows = session.execute(select(OrderItem.item_id, OrderItem.action, OrderItem.offering_id, OrderItem.quantity,
                                  OrderItem.state, OrderItem.payload["product"].label("product")).where(*conditions)
                           .order_by(query.ordered(column), OrderItem.position)
                           .offset(query.offset).limit(query.limit)).all()
    return [OrderItemView(id=r.item_id, action=r.action, product_offering=r.offering_id, quantity=r.quantity,
                          state=r.state, characteristics=_characteristics(r.product)) for r in rows]


def _characteristics(product) -> list[dict[str, Any]]:
    found = product.get("productCharacteristic") if isinstance(product, dict) else None
    return [{"name": c.get("name"), "value": c.get("value")} for c in found or [] if isinstance(c, dict)]


def _item_conditions(order_id: str, query: OrderItemQuery) -> list:
    conditions = [OrderItem.order_id == order_id]
    if query.state is not None:
        conditions.append(OrderItem.state == query.state)
    if query.action is not None:
        conditions.append(OrderItem.action == query.action)
    return conditions


def item_page(session: Session, order_id: str, query: OrderItemQuery) -> Page[OrderItemView]:
    """A page of the items of a visible order (404 for one the caller may not see)."""
    visible_order(session, order_id)
    total = session.scalar(select(func.count()).select_from(OrderItem).where(*_item_conditions(order_id, query)))
    return Page(_items(session, order_id, query), total)


def _domain_orders(session: Session, order_id: str) -> list[DomainOrderView]:
    columns = (DomainOrder.id, DomainOrder.ref, DomainOrder.domain, DomainOrder.fulfilment_system, DomainOrder.state,
               DomainOrder.depends_on, DomainOrder.plan_key, DomainOrder.plan_version, DomainOrder.missing)
    rows = session.execute(select(*columns).where(DomainOrder.order_id == order_id)
                           .order_by(DomainOrder.created_at, DomainOrder.id)).all()
    return [DomainOrderView(id=r.id, ref=r.ref, domain=r.domain, fulfilment_system=r.fulfilment_system,
                            state=r.state, depends_on=r.depends_on or [], plan=r.plan_key, plan_version=r.plan_version,
                            missing=r.missing) for r in rows]


def _head(session: Session, order: CustomerOrder) -> dict:
    """What the header shows besides the order's columns: priority, requested date, pack, open fallouts."""
    priority, requested = session.execute(select(PRIORITY, REQUESTED).where(CustomerOrder.id == order.id)).one()
    pack = session.get(RulePack, order.pack_id) if order.pack_id is not None else None
    return {"priority": priority, "requested_completion_date": requested,
            "pack_key": pack.key if pack else None, "pack_version": pack.version if pack else None,
            "fallout_count": fallout_counts(session, [order.id]).get(order.id, 0)}


def order_view(session: Session, order_id: str) -> OrderView:
    """One order as the workspace shows it: its state, approvals, domain orders and tasks, the item count and
    the first page of its items."""
    order = visible_order(session, order_id)
    approvals = session.execute(select(Approval).where(Approval.order_id == order_id)
                                .order_by(Approval.created_at, Approval.id)).scalars()
    tasks = session.execute(select(Task).where(Task.order_id == order_id).order_by(Task.created_at, Task.id)
                            ).scalars().all()
    return OrderView(
        id=order.id, external_id=order.external_id, party_id=order.party_id, state=order.state, stage=order.stage,
        state_reason=order.state_reason, revision=order.revision, order_date=order.order_date,
        completion_date=order.completion_date, expected_completion_date=order.expected_completion_date,
        pack=order.pack_id, missing_information=order.missing_information,
        point_of_no_return=[t.key for t in tasks if past_point_of_no_return(t)], **_head(session, order),
        pricing=order.pricing, approvals=[approval_view(a) for a in approvals],
        item_count=item_counts(session, [order_id]).get(order_id, 0),
        items=_items(session, order_id, OrderItemQuery(limit=ITEMS_IN_DETAIL)),
        domain_orders=_domain_orders(session, order_id), tasks=[task_view(t) for t in tasks])


def trace_page(session: Session, order_id: str, query: TraceQuery) -> Page[TraceEntryView]:
    """The decisions the rules took for a visible order, in the order they were taken."""
    visible_order(session, order_id)
    conditions = [OrderTraceEntry.order_id == order_id]
    if query.stage is not None:
        conditions.append(OrderTraceEntry.stage == query.stage)
    order = query.ordered(OrderTraceEntry.id)
    rows = session.execute(select(OrderTraceEntry).where(*conditions).order_by(order)
                           .offset(query.offset).limit(query.limit)).scalars().all()
    total = session.scalar(select(func.count()).select_from(OrderTraceEntry).where(*conditions))
    return Page([TraceEntryView(at=e.at, stage=e.stage, artifact=e.artifact, version=e.artifact_version,
                                rule=e.rule, inputs=e.inputs, decision=e.decision) for e in rows], total)


def line_page(session: Session, order_id: str, domain_order_id: str, query: LineQuery) -> Page[DomainOrderLineView]:
    """A page of the lines of a domain order of a visible order, as decomposition made them."""
    visible_order(session, order_id)
    payload = session.scalar(select(DomainOrder.payload).where(DomainOrder.id == domain_order_id,
                                                               DomainOrder.order_id == order_id))
    if payload is None:
        raise NotFound(f"order {order_id} has no domain order {domain_order_id}")
    lines = payload.get("lines") or []
    if query.descending:
        lines = lines[::-1]
    return Page([DomainOrderLineView(
        id=_text(line.get("id")), item_id=_text(line.get("itemId")), specification=line.get("specification"),
        quantity=line.get("quantity"), characteristics=line.get("characteristics") or {}, rule=line.get("rule"),
        awaiting=line.get("awaiting") or []) for line in lines[query.offset:query.offset + query.limit]], len(lines))


def _text(value) -> str | None:
    return None if value is None else str(value)
