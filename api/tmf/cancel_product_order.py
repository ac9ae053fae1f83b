"""TMF622 cancelProductOrder: request the cancellation of an order, list and read the requests."""
from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, request
from sqlalchemy import select

from api.auth.scope import party_conditions, visible_or_404
from api.errors import ApiError
from api.permissions import actor, requires
from api.runtime import runtime
from api.serializers.product_order import select_fields
from api.tmf.listing import Listing, list_resources, row_bodies
from api.tmf.validation import validate_tmf
from engine.runtime.orders.cancellation import request_cancellation
from engine.runtime.orders.pipeline.cancel import HREF, representation
from engine.store.models import CancelRequest, CustomerOrder

bp = Blueprint("tmf622_cancel", __name__, url_prefix="/tmf-api/productOrderingManagement/v4")
SPEC = "TMF622-ProductOrder-v4.0.0.swagger.json"
COLUMNS = {"id": CancelRequest.id, "state": CancelRequest.state}


@bp.post("/cancelProductOrder")
@requires("order.cancel")
def create_cancel_product_order():
    """Assess and carry out the cancellation; a refusal is stored too (``terminatedWithError``)."""
    body = request.get_json(silent=True)
    validate_tmf(body, SPEC, "CancelProductOrder_Create")
    requested = parse_date(body.get("requestedCancellationDate"), "/requestedCancellationDate")
    with runtime().unit_of_work(actor()) as uow:
        order = visible_or_404(uow.session, CustomerOrder, str(body["productOrder"]["id"]), "productOrder")
        cancel = request_cancellation(uow, order.id, body.get("cancellationReason"), requested)
        representation_ = representation(cancel)
    return representation_, 201, {"Location": HREF.format(cancel.id)}


@bp.get("/cancelProductOrder")
@requires("order.read")
def list_cancel_product_orders():
    """CancelProductOrders, newest first, with TMF filters, ``fields=`` and offset/limit."""
    ids = (select(CancelRequest.id).where(*party_conditions(CancelRequest.party_id))
           .order_by(CancelRequest.created_at.desc(), CancelRequest.id))
    return list_resources(Listing(ids, COLUMNS, row_bodies(CancelRequest, representation, _minimal)))


@bp.get("/cancelProductOrder/<request_id>")
@requires("order.read")
def get_cancel_product_order(request_id: str):
    with runtime().reading() as session:
        cancel = visible_or_404(session, CancelRequest, request_id, "cancelProductOrder")
        return select_fields(representation(cancel), request.args.get("fields"))


def _minimal(request_id: str) -> dict:
    return {"id": request_id, "href": HREF.format(request_id), "@type": "CancelProductOrder"}


def parse_date(value, pointer: str) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as error:
        raise ApiError(400, "Bad Request", f"{pointer}: not an ISO 8601 date-time",
                       [{"pointer": pointer, "code": "invalid_date", "message": str(error)}]) from error
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
