"""Audit API: the hash-chained log, paged, and its verification."""
from __future__ import annotations

from flask import Blueprint

from api.contract import endpoint
from api.permissions import requires
from api.read.audit import AuditCheckView, AuditEventView, AuditQuery, audit_page, check_view
from api.runtime import runtime
from engine.store import audit

bp = Blueprint("audit", __name__, url_prefix="/api/v1/audit")


@bp.get("")
@requires("audit.read")
@endpoint(query=AuditQuery, response=list[AuditEventView], paged=True)
def list_events(query: AuditQuery):
    """Audit entries, newest first, filtered by entity, actor, action or order."""
    with runtime().reading() as session:
        return audit_page(session, query)


@bp.get("/verify")
@requires("audit.read")
@endpoint(response=AuditCheckView)
def verify():
    """Check the hash chain of the whole log: the first broken entry, if any."""
    with runtime().reading() as session:
        return check_view(session, audit.verify(session))
