"""Product relationships against the stored inventory and the party's other open orders: the customer's
holdings, the items on their way, and the refusal (422, every reason with its pointer) of an order, or of a
revision of one, that breaks a requires, excludes or cardinality.

Checks that count the party's open orders run under ``lock_party`` (``SELECT ... FOR NO KEY UPDATE`` on the
party's row, taken before anything else the transaction locks but the order itself): two captures or
revisions for one party are checked one after the other, so together they cannot pass a per-customer
maximum. The lock does not block inserts that merely reference the party. SQLite has one writer at a time
(``BEGIN IMMEDIATE``) and needs no lock.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.errors import Invalid
from engine.lifecycle.capture import Rejection
from engine.lifecycle.changes import ADD
from engine.lifecycle.relationships import Holding, InFlight, relationship_problems
from engine.states import ORDER_ITEM, PRODUCT_ORDER, ProductOrderState, ProductStatus
from engine.store.models import CustomerOrder, OrderItem, Party, Product

HELD = (ProductStatus.CREATED, ProductStatus.PENDING_ACTIVE, ProductStatus.ACTIVE, ProductStatus.SUSPENDED)
OPEN = tuple(str(state) for state in ProductOrderState if not PRODUCT_ORDER.is_final(state))


def lock_party(session: Session, party_id: str | None) -> None:
    """Serialise relationship checks of one party until the transaction ends (no-op without a party)."""
    if party_id is not None:
        session.execute(select(Party.id).where(Party.id == party_id).with_for_update(key_share=True))


def holdings(session: Session, party_id: str | None, order_id: str | None = None) -> list[Holding]:
    """The party's products that count for relationships (created, pending, active or suspended); those of
    order ``order_id`` are left out (its items stand for them)."""
    if party_id is None:
        return []
    statement = select(Product.id, Product.offering_id, Product.payload, Product.parent_id).where(
        Product.party_id == party_id, Product.status.in_([str(s) for s in HELD]))
    if order_id is not None:
        statement = statement.where((Product.order_id != order_id) | Product.order_id.is_(None))
    rows = session.execute(statement.order_by(Product.created_at, Product.id)).all()
    return [Holding(pid, offering_id, _quantity(payload), parent_id) for pid, offering_id, payload, parent_id in rows]


def in_flight(session: Session, party_id: str | None, order_id: str | None = None) -> list[InFlight]:
    """The add items of the party's open orders (other than ``order_id``) whose product is not created yet
    and which are not closed (cancelled, failed...). Reads the item columns, never the stored item bodies."""
    if party_id is None:
        return []
    rows = session.execute(select(OrderItem.order_id, OrderItem.item_id, OrderItem.offering_id, OrderItem.quantity,
                                  OrderItem.state).join(CustomerOrder).where(
        CustomerOrder.party_id == party_id, CustomerOrder.state.in_(OPEN), OrderItem.action == ADD,
        OrderItem.offering_id.is_not(None), *([CustomerOrder.id != order_id] if order_id is not None else []))
        .order_by(CustomerOrder.order_date, OrderItem.order_id, OrderItem.position)).all()
    created = _created(session, {row.order_id for row in rows})
    return [InFlight(row.order_id, row.item_id, row.offering_id, _quantity({"quantity": row.quantity}))
            for row in rows if not ORDER_ITEM.is_final(row.state) and (row.order_id, row.item_id) not in created]


def relationship_rejections(session: Session, catalog, payload: dict, party_id: str | None,
                            order_id: str | None = None) -> list[Rejection]:
    """Every relationship the order (``order_id`` once stored) breaks, given what the party holds now and
    what its other open orders add."""
    return relationship_problems(payload, catalog, holdings(session, party_id, order_id), party_id,
                                 in_flight(session, party_id, order_id))


def refuse_broken_relationships(session: Session, catalog, payload: dict, party_id: str | None) -> None:
    """Raise Invalid (422) naming every item and offering when a new order breaks a product relationship.
    Locks the party (``lock_party``) first."""
    lock_party(session, party_id)
    refuse(relationship_rejections(session, catalog, payload, party_id), "the order")


def revision_rejections(session: Session, catalog, order: CustomerOrder, revised: dict) -> list[Rejection]:
    """The relationships ``revised`` breaks and the order's current document did not (same item, same code):
    a revision is not blamed for what changed around the order since it was captured."""
    lock_party(session, order.party_id)
    held, coming = holdings(session, order.party_id, order.id), in_flight(session, order.party_id, order.id)
    before = {(r.item_id, r.code) for r in relationship_problems(order.payload, catalog, held, order.party_id, coming)}
    return [r for r in relationship_problems(revised, catalog, held, order.party_id, coming)
            if (r.item_id, r.code) not in before]


def as_errors(found: list[Rejection]) -> list[dict]:
    """TMF Error details: ``[{pointer, code, message}]``."""
    return [{"pointer": r.pointer, "code": r.code, "message": r.message} for r in found]


def refuse(found: list[Rejection], what: str) -> None:
    """Raise Invalid (422): ``what`` breaks these relationships (none: nothing happens)."""
    if found:
        raise Invalid(f"{what} breaks {len(found)} product relationship(s) of the catalog: "
                      + "; ".join(r.message for r in found), errors=as_errors(found))


def _created(session: Session, order_ids: set[str]) -> set[tuple[str, str]]:
    if not order_ids:
        return set()
    return set(session.execute(select(Product.order_id, Product.order_item_id).where(
        Product.order_id.in_(order_ids))).tuples())


def _quantity(payload: dict | None) -> int:
    quantity = (payload or {}).get("quantity", 1)
    return quantity if isinstance(quantity, int) and not isinstance(quantity, bool) and quantity > 0 else 1
