"""Audit API: the hash-chained log, paged, and its verification."""
from __future__ import annotations

from flask import Blueprint, request

from api.paging import paging
from api.permissions import requires
from api.runtime import runtime
from engine.clock import iso
from engine.store import audit
from engine.store.audit_query import AuditFilter, find_events

bp = Blueprint("audit", __name__, url_prefix="/api/v1/audit")
FILTERS = (("entityType", "entity_type"), ("entityId", "entity_id"), ("actor", "actor"), ("action", "action"),
           ("orderId", "order_id"))


@bp.get("")
@requires("audit.read")
def list_events():
    offset, limit = paging()
    chosen = AuditFilter(**{field: request.args[name] for name, field in FILTERS if name in request.args})
    with runtime().reading() as session:
        total, events = find_events(session, chosen, offset, limit)
        return {"total": total, "events": [
            {"id": e.id, "at": iso(e.at), "actor": e.actor, "action": e.action, "entityType": e.entity_type,
             "entityId": e.entity_id, "data": e.data, "hash": e.hash} for e in events]}


@bp.get("/verify")
@requires("audit.read")
def verify():
    with runtime().reading() as session:
        broken = audit.verify(session)
    return {"intact": broken is None, "firstBrokenEntry": broken.event_id if broken else None,
            "reason": broken.reason if broken else None}
