"""The customer's "my orders" list and its CSV export: the native order list's filters (customers narrowed to
their own party) plus a free-text search, with what each order is for and the completion date asked for."""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator

from pydantic import Field
from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from api.contract import Model, Page, Timestamp, sort_by
from api.read.orders import ORDER_SORTS, OrderQuery, _order_conditions, _with_jeopardy, item_counts
from engine.clock import iso
from engine.store.models import CustomerOrder, OrderItem

EXPORT_BATCH = 500
EXPORT_LIMIT = 100_000
CSV_COLUMNS = ("id", "externalId", "state", "orderDate", "requestedCompletionDate", "completionDate", "itemCount",
               "products")


class PortalOrderQuery(OrderQuery):
    sort: sort_by("orderDate", "state", "id", "externalId") | None = Field(None, description="default: newest first")
    q: str | None = Field(None, max_length=200, description="id, externalId or product offering contains this "
                                                            "(case-insensitive)")


class PortalOrderSummary(Model):
    id: str
    external_id: str | None
    state: str
    order_date: Timestamp
    requested_completion_date: str | None = Field(description="as the customer asked for it (ISO 8601)")
    completion_date: Timestamp | None
    item_count: int
    products: list[str] = Field(description="the offerings ordered, each once, in item order")


SORTS = {**ORDER_SORTS, "externalId": CustomerOrder.external_id}
REQUESTED = CustomerOrder.payload["requestedCompletionDate"].as_string()
COLUMNS = (CustomerOrder.id, CustomerOrder.external_id, CustomerOrder.state, CustomerOrder.order_date, REQUESTED,
           CustomerOrder.completion_date)


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def portal_conditions(query: PortalOrderQuery) -> list:
    """The list's conditions: the native list's filters and party scope, and the search."""
    conditions = _order_conditions(query)
    if query.q and query.q.strip():
        pattern = _like(query.q.strip())
        offering = exists().where(OrderItem.order_id == CustomerOrder.id,
                                  func.lower(OrderItem.offering_id).like(pattern, escape="\\"))
        conditions.append(or_(func.lower(CustomerOrder.id).like(pattern, escape="\\"),
                              func.lower(CustomerOrder.external_id).like(pattern, escape="\\"), offering))
    return conditions


def _statement(query: PortalOrderQuery):
    column = SORTS[query.sort_key or "orderDate"]
    descending = query.descending or query.sort is None
    return (_joined(select(*COLUMNS).select_from(CustomerOrder), query).where(*portal_conditions(query))
            .order_by(column.desc() if descending else column, CustomerOrder.id))


def _joined(statement, query: PortalOrderQuery):
    """The jeopardy states joined when the query filters on them."""
    return statement if query.jeopardy is None else _with_jeopardy(statement)


def _products(session: Session, order_ids: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    if not order_ids:
        return found
    rows = session.execute(select(OrderItem.order_id, OrderItem.offering_id).where(OrderItem.order_id.in_(order_ids))
                           .order_by(OrderItem.order_id, OrderItem.position))
    for order_id, offering in rows:
        if offering and offering not in found[order_id]:
            found[order_id].append(offering)
    return found


def _summaries(session: Session, rows) -> list[PortalOrderSummary]:
    ids = [row.id for row in rows]
    counts, products = item_counts(session, ids), _products(session, ids)
    return [PortalOrderSummary(id=r.id, external_id=r.external_id, state=r.state, order_date=r.order_date,
                               requested_completion_date=r[4], completion_date=r.completion_date,
                               item_count=counts.get(r.id, 0), products=products.get(r.id, [])) for r in rows]


def portal_page(session: Session, query: PortalOrderQuery) -> Page[PortalOrderSummary]:
    """The caller's orders (customers: their own party's) that match the query, newest first by default."""
    rows = session.execute(_statement(query).offset(query.offset).limit(query.limit)).all()
    total = session.scalar(_joined(select(func.count()).select_from(CustomerOrder), query)
                           .where(*portal_conditions(query)))
    return Page(_summaries(session, rows), total)


def csv_lines(reading, query: PortalOrderQuery) -> Iterator[str]:
    """The CSV of every matching order (at most EXPORT_LIMIT), a header first, read EXPORT_BATCH orders at a time
    with ``reading()`` sessions; the query's conditions (party scope included) are fixed before the first row."""
    statement = _statement(query)
    yield _csv_row(CSV_COLUMNS)
    for offset in range(0, EXPORT_LIMIT, EXPORT_BATCH):
        with reading() as session:
            batch = _summaries(session, session.execute(statement.offset(offset).limit(EXPORT_BATCH)).all())
        yield "".join(_csv_row((o.id, o.external_id or "", o.state, iso(o.order_date),
                                o.requested_completion_date or "", iso(o.completion_date) or "", o.item_count,
                                " ".join(o.products))) for o in batch)
        if len(batch) < EXPORT_BATCH:
            return


def _csv_row(values) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([_safe(v) for v in values])
    return out.getvalue()


def _safe(value):
    """A cell a spreadsheet will not run as a formula (a leading = + - @ is quoted)."""
    return "'" + value if isinstance(value, str) and value and value[0] in "=+-@" else value
