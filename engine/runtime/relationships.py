"""Product relationships at capture against the stored inventory: the customer's holdings, and the refusal
(422, every reason with its pointer) of an order that breaks a requires, excludes or cardinality."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.errors import Invalid
from engine.lifecycle.capture import Rejection
from engine.lifecycle.relationships import Holding, relationship_problems
from engine.states import ProductStatus
from engine.store.models import Product

HELD = (ProductStatus.CREATED, ProductStatus.PENDING_ACTIVE, ProductStatus.ACTIVE, ProductStatus.SUSPENDED)


def holdings(session: Session, party_id: str | None) -> list[Holding]:
    """The party's products that count for relationships (created, pending, active or suspended)."""
    if party_id is None:
        return []
    rows = session.execute(select(Product.id, Product.offering_id, Product.payload, Product.parent_id).where(
        Product.party_id == party_id, Product.status.in_([str(s) for s in HELD])).order_by(Product.created_at,
                                                                                             Product.id)).all()
    return [Holding(pid, offering_id, _quantity(payload), parent_id) for pid, offering_id, payload, parent_id in rows]


def relationship_rejections(session: Session, catalog, payload: dict, party_id: str | None) -> list[Rejection]:
    """Every relationship the order breaks, given what the party holds now."""
    return relationship_problems(payload, catalog, holdings(session, party_id), party_id)


def refuse_broken_relationships(session: Session, catalog, payload: dict, party_id: str | None) -> None:
    """Raise Invalid (422) naming every item and offering when the order breaks a product relationship."""
    found = relationship_rejections(session, catalog, payload, party_id)
    if found:
        raise Invalid(f"the order breaks {len(found)} product relationship(s) of the catalog: "
                      + "; ".join(r.message for r in found),
                      errors=[{"pointer": r.pointer, "code": r.code, "message": r.message} for r in found])


def _quantity(payload: dict | None) -> int:
    quantity = (payload or {}).get("quantity", 1)
    return quantity if isinstance(quantity, int) and not isinstance(quantity, bool) and quantity > 0 else 1
