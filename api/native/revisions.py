"""The impact preview of an in-flight revision: what a merge-PATCH would undo, redo, add and refuse."""
from __future__ import annotations

from flask import Blueprint, request

from api.auth.scope import visible_or_404
from api.errors import ApiError
from api.permissions import actor, requires
from api.runtime import runtime
from engine.runtime.context import UnitOfWork
from engine.runtime.orders.revisions import preview
from engine.store.models import CustomerOrder

bp = Blueprint("native_revisions", __name__, url_prefix="/api/v1/orders")


@bp.post("/<order_id>/revision-preview")
@requires("order.update")
def revision_preview(order_id: str):
    """Dry run of the merge-patch in the body (rolled back, nothing written); ``brokenRelationships`` lists the
    product relationships the revised order would break (the PATCH is then a 422 with the same details)."""
    patch = request.get_json(silent=True)
    if not isinstance(patch, dict):
        raise ApiError(400, "Bad Request", "the body must be a JSON merge-patch object")
    ordo = runtime()
    with ordo.session_factory() as session:
        session.begin()
        try:
            visible_or_404(session, CustomerOrder, order_id, "order")
            return {"orderId": order_id, **preview(UnitOfWork(session, ordo.clock.now(), actor()), order_id, patch)}
        finally:
            session.rollback()
