"""TMF622 Product Ordering: productOrder create, list and retrieve."""
from __future__ import annotations

from flask import Blueprint, request
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.scope import ordering_party, party_conditions, visible_or_404
from api.errors import ApiError
from api.permissions import actor, requires
from api.runtime import runtime
from api.serializers.product_order import REQUIRED, order_href, select_fields, serialize_order
from api.tmf.etags import etag_of_body, require_if_match, tagged
from api.tmf.idempotency import REPLAYED, idempotency_key, key_scope
from api.tmf.listing import Listing, list_resources
from api.tmf.order_checks import validate_product_order
from api.tmf.product_order_list import order_bodies
from api.tmf.states import check_requested_initial_state, check_state_filters
from engine.runtime.orders.cancellation import withdraw_order
from engine.runtime.orders.idempotency import capture_once
from engine.runtime.orders.persistence import capture_or_replay, locked_order
from engine.runtime.orders.revisions import patch_order
from engine.runtime.packs import NoActivePack
from engine.store.models import CustomerOrder

bp = Blueprint("tmf622", __name__, url_prefix="/tmf-api/productOrderingManagement/v4")
# attributes whose serialized value is this column: filtered in SQL (any other attribute: on the representation)
COLUMNS = {"id": CustomerOrder.id, "state": CustomerOrder.state, "externalId": CustomerOrder.external_id}


@bp.post("/productOrder")
@requires("order.create")
def create_product_order():
    """Capture a ProductOrder: 201 with the order and its Location.

    With an ``Idempotency-Key`` header a repeat of the request (same key, same caller or customer party, same
    body) answers the order the first one created -- 201, its current representation, the same Location and
    ``Idempotent-Replayed: true`` -- and never captures a second; the same key with another body is a 422.
    ``externalId`` is treated the same way within the ordering party (a repeat replays, another body is a 422
    naming the order), with or without a key.
    TMF622 v5's ``requestedInitialState``: see api.tmf.states.
    """
    body = request.get_json(silent=True)
    validate_product_order(body)
    check_requested_initial_state(body)
    key = idempotency_key()
    try:
        with runtime().unit_of_work(actor()) as uow:
            party_id = ordering_party(uow.session, body)
            if key is None:
                captured = capture_or_replay(uow, body, party_id=party_id)
            else:
                captured = capture_once(uow, body, party_id=party_id, scope=key_scope(), key=key)
            representation = serialize_order(captured.order)
    except NoActivePack as error:
        raise ApiError(503, "Service Unavailable", str(error)) from error
    headers = {"Location": order_href(captured.order.id)}
    if captured.replayed:
        headers[REPLAYED] = "true"
    return representation, 201, headers


def require_current(session: Session, order_id: str) -> None:
    """Lock the order, then refuse the write unless If-Match names its current representation (428 / 412).

    The official TMF622 conformance kit sends no PATCH or DELETE of a productOrder, so Ordo requires it."""
    require_if_match(etag_of_body(serialize_order(locked_order(session, order_id))))


def current_etag(order_id: str) -> str:
    """The ETag a GET of the order answers now: read back after the write (PostgreSQL's jsonb orders an
    object's keys its own way, so the body a write built in memory can differ in bytes from a GET's)."""
    with runtime().reading() as session:
        return etag_of_body(serialize_order(session.get(CustomerOrder, order_id)))


@bp.get("/productOrder")
@requires("order.read")
def list_product_orders():
    """ProductOrders, newest first, with TMF filters, ``fields=``, offset/limit and X-Total/Result-Count."""
    check_state_filters(request.args)
    ids = (select(CustomerOrder.id).where(*party_conditions(CustomerOrder.party_id))
           .order_by(CustomerOrder.order_date.desc(), CustomerOrder.id))
    return list_resources(Listing(ids, COLUMNS, order_bodies, REQUIRED))


@bp.get("/productOrder/<order_id>")
@requires("order.read")
def get_product_order(order_id: str):
    """One ProductOrder (``fields=`` applies) with its ETag; 304 when If-None-Match names it."""
    with runtime().reading() as session:
        order = visible_or_404(session, CustomerOrder, order_id, "productOrder")
        return tagged(select_fields(serialize_order(order), request.args.get("fields"), REQUIRED))


@bp.patch("/productOrder/<order_id>")
@requires("order.update")
def patch_product_order(order_id: str):
    """Merge-PATCH: supplies missing information, or revises an order being fulfilled in flight.

    A revision answers 200 with the order and ``revisionImpact`` ({undo, redo, add, refused, priceDelta}):
    changes to items past their point of no return are listed in ``refused`` (pointer, code, message)
    while the rest goes ahead; 409 when every change is refused. A revised order (or supplied information) that
    breaks a product relationship of the catalog is a 422 listing every reason (``brokenRelationships`` in the
    preview), and nothing changes. Requires ``If-Match`` with the order's current ETag (428 without, 412 when
    stale); the answer's ETag is the revised order's (as a GET answers it).
    """
    patch = request.get_json(silent=True)
    if not isinstance(patch, dict):
        raise ApiError(400, "Bad Request", "the body must be a JSON merge-patch object")
    with runtime().unit_of_work(actor()) as uow:
        visible_or_404(uow.session, CustomerOrder, order_id, "productOrder")
        require_current(uow.session, order_id)
        order, impact = patch_order(uow, order_id, patch)
        body = serialize_order(order)
    headers = {"ETag": current_etag(order_id)}
    return ({**body, "revisionImpact": impact} if impact is not None else body), 200, headers


@bp.delete("/productOrder/<order_id>")
@requires("order.cancel")
def delete_product_order(order_id: str):
    """Withdraw an order not yet in progress (it ends ``cancelled``, kept for audit); 409 otherwise.
    Requires ``If-Match`` with the order's current ETag (428 without, 412 when stale)."""
    with runtime().unit_of_work(actor()) as uow:
        visible_or_404(uow.session, CustomerOrder, order_id, "productOrder")
        require_current(uow.session, order_id)
        withdraw_order(uow, order_id)
    return "", 204
