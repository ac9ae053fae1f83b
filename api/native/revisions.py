"""The impact preview of an in-flight revision: what a merge-PATCH would undo, redo, add and refuse."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import Blueprint
from pydantic import Field

from api.auth.scope import visible_or_404
from api.contract import Model, endpoint
from api.permissions import actor, requires
from api.runtime import runtime
from engine.runtime.context import UnitOfWork
from engine.runtime.orders.revisions import preview
from engine.store.models import CustomerOrder

bp = Blueprint("native_revisions", __name__, url_prefix="/api/v1/orders")
MERGE_PATCH = {"type": "object", "description": "a JSON merge-patch of the TMF622 ProductOrder",
               "properties": {"productOrderItem": {"type": "array", "items": {"type": "object"}}}}


class RevisionPreview(Model):
    order_id: str
    undo: list[dict[str, Any]] = Field(description="tasks whose work would be undone (compensated)")
    redo: list[dict[str, Any]] = Field(description="work that would be done again")
    add: list[dict[str, Any]] = Field(description="work that would be added")
    refused: list[dict[str, Any]] = Field(description="changes that are refused, with why")
    price_delta: dict[str, Decimal] = Field(description="per price type, the change of the price (a decimal "
                                                        "string)")
    removed_items: list[str]
    added_items: list[str]
    broken_relationships: list[dict[str, Any]] = Field(description="product relationships the revised order "
                                                                   "would break (the PATCH is then a 422)")


@bp.post("/<order_id>/revision-preview")
@requires("order.update")
@endpoint(body=MERGE_PATCH, response=RevisionPreview)
def revision_preview(order_id: str, body: dict) -> RevisionPreview:
    """Dry run of the merge-patch in the body (rolled back, nothing written); ``brokenRelationships`` lists the
    product relationships the revised order would break (the PATCH is then a 422 with the same details)."""
    ordo = runtime()
    with ordo.session_factory() as session:
        session.begin()
        try:
            visible_or_404(session, CustomerOrder, order_id, "order")
            impact = preview(UnitOfWork(session, ordo.clock.now(), actor()), order_id, body)
            return RevisionPreview.model_validate({"orderId": order_id, **impact})
        finally:
            session.rollback()

