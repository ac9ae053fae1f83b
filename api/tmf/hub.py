"""TMF622 hub: register, read and delete event listeners (EventSubscription).

A callback must be a public http(s) address or a host in ORDO_HUB_ALLOWED_HOSTS (engine.runtime.events.callbacks):
a malformed one is a 400, a refused one a 422. The response to a registration carries ``secret`` (an Ordo extension, shown once): the key of the
``X-Ordo-Signature: t=<unix seconds>,v1=<hex HMAC of "<t>.<body>">`` header on every delivered event
(engine.runtime.events.signing, which also has the ``verify`` a listener runs).
"""
from __future__ import annotations

from flask import Blueprint, request

from api.errors import ApiError
from api.permissions import actor, requires
from api.runtime import runtime
from api.tmf.validation import validate_tmf
from engine.errors import Invalid
from engine.runtime.events import outbox as events
from engine.store.models import EventListener

bp = Blueprint("tmf622_hub", __name__, url_prefix="/tmf-api/productOrderingManagement/v4")
SPEC = "TMF622-ProductOrder-v4.0.0.swagger.json"


def serialize_listener(listener: EventListener) -> dict:
    body = {"id": listener.id, "callback": listener.callback}
    if listener.query:
        body["query"] = listener.query
    return body


@bp.post("/hub")
@requires("hub.manage")
def register_listener():
    body = request.get_json(silent=True)
    validate_tmf(body, SPEC, "EventSubscriptionInput")
    try:
        events.validate_listener(body.get("callback"), body.get("query"))
    except events.UnsafeCallback:
        raise  # 422 with the pointer /callback
    except Invalid as error:
        raise ApiError(400, "Bad Request", error.message, error.errors) from error
    with runtime().unit_of_work(actor()) as uow:
        listener, secret = events.register_listener(uow, body["callback"], body.get("query"))
        representation = {**serialize_listener(listener), "secret": secret}
    return representation, 201, {"Location": f"{bp.url_prefix}/hub/{listener.id}"}


@bp.get("/hub/<listener_id>")
@requires("hub.manage")
def get_listener(listener_id: str):
    with runtime().reading() as session:
        return serialize_listener(events.find_listener(session, listener_id))


@bp.delete("/hub/<listener_id>")
@requires("hub.manage")
def delete_listener(listener_id: str):
    with runtime().unit_of_work(actor()) as uow:
        events.unregister_listener(uow, listener_id)
    return "", 204
