"""Customer data isolation: a customer sees only its own party's orders and products."""
from __future__ import annotations

from sqlalchemy import bindparam, false, select
from sqlalchemy.orm import Session

from api.auth.identity import current_user
from api.errors import ApiError
from engine.store.models import Party

_PARTY = select(Party.id).where(Party.id == bindparam("party_id"))  # built once (api.auth.tokens)


def party_conditions(column) -> list:
    """WHERE conditions narrowing ``column`` (a party id column) to what the caller may see."""
    user = current_user()
    if user is None or not user.is_customer:
        return []
    return [column == user.party_id] if user.party_id else [false()]


def visible(party_id: str | None) -> bool:
    """Whether the caller may see a resource of ``party_id``."""
    user = current_user()
    return user is None or not user.is_customer or (user.party_id is not None and party_id == user.party_id)


def visible_or_404(session: Session, model, resource_id: str, label: str):
    """The ``model`` row with that id if the caller may see it; 404 otherwise (never a hint that it exists)."""
    found = session.get(model, resource_id)
    if found is None or not visible(found.party_id):
        raise ApiError(404, "Not Found", f"no {label} with id {resource_id}")
    return found


def ordering_party(session: Session, payload: dict) -> str | None:
    """The party an order is captured for: the customer's own, else the payload's existing customer party."""
    user = current_user()
    named = _customer_party_ids(payload)
    if user is not None and user.is_customer:
        if any(party_id != user.party_id for party_id in named):
            raise ApiError(403, "Forbidden", "a customer orders only for its own party (relatedParty)")
        return user.party_id
    for party_id in named:
        if session.scalar(_PARTY, {"party_id": party_id}) is not None:
            return party_id
    return None


def _customer_party_ids(payload: dict) -> list[str]:
    parties = payload.get("relatedParty") if isinstance(payload, dict) else None
    return [str(p["id"]) for p in parties or [] if isinstance(p, dict) and p.get("id")
            and str(p.get("role", "")).lower() == "customer"]
