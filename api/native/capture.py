"""Native order capture: quote a draft (every problem and the price, nothing stored), capture it.

Capture goes through the same engine functions as TMF622 ``POST /productOrder`` (``capture_once`` /
``capture_or_replay``), with the same ``Idempotency-Key`` handling."""
from __future__ import annotations

from flask import Blueprint
from sqlalchemy import select

from api.contract import Page, endpoint
from api.errors import ApiError
from api.permissions import actor, requires
from api.read.capture import (
    CapturedView,
    OrderDraft,
    PartyQuery,
    PartyView,
    QuoteView,
    draft_party,
    draft_pointer,
    evaluate,
    party_page,
)
from api.runtime import runtime
from api.tmf.idempotency import REPLAYED, idempotency_key, key_scope
from engine.errors import Invalid
from engine.runtime.context import UnitOfWork
from engine.runtime.orders.idempotency import capture_once
from engine.runtime.orders.persistence import Captured, capture_or_replay, existing_order
from engine.runtime.packs import NoActivePack
from engine.store.models import IdempotencyKey

bp = Blueprint("native_capture", __name__, url_prefix="/api/v1/orders")
parties_bp = Blueprint("native_parties", __name__, url_prefix="/api/v1/parties")


@parties_bp.get("")
@requires("order.create")
@endpoint(query=PartyQuery, response=list[PartyView], paged=True)
def list_parties(query: PartyQuery) -> Page[PartyView]:
    """Customer parties an order may be captured for (a customer sees its own only)."""
    with runtime().reading() as session:
        return party_page(session, query)


@bp.post("/quote")
@requires("order.create")
@endpoint(body=OrderDraft, response=QuoteView)
def quote_order(body: OrderDraft) -> QuoteView:
    """Every capture problem of a draft (JSON pointers into it) and its price preview; stores nothing."""
    return quote(body)


@bp.post("")
@requires("order.create")
@endpoint(body=OrderDraft, response=CapturedView, status=201)
def capture_order(body: OrderDraft):
    """Capture a draft: 201 with the order id; 422 with every problem when capture refuses it.

    With an ``Idempotency-Key`` header a repeat (same key, same caller or customer party, same draft) answers
    the order the first one created (201, ``Idempotent-Replayed: true``); the same key with another draft is a
    422. Customers order for their own party only (403 naming another); staff name the party."""
    return capture_draft(body)


def quote(draft: OrderDraft, party: str | None = None) -> QuoteView:
    """Evaluate ``draft`` in a transaction that is rolled back (``party``: already decided by the caller)."""
    ordo = runtime()
    with ordo.session_factory() as session:
        session.begin()
        try:
            uow = UnitOfWork(session, ordo.clock.now(), actor())
            who = party if party is not None else draft_party(session, draft.party)
            return evaluate(uow, draft, who)[1]
        except NoActivePack as error:
            raise ApiError(503, "Service Unavailable", str(error)) from error
        finally:
            session.rollback()


def capture_draft(draft: OrderDraft, party: str | None = None):
    """Capture ``draft`` (see ``capture_order``); the view's answer: (CapturedView, 201, headers)."""
    key = idempotency_key()
    try:
        with runtime().unit_of_work(actor()) as uow:
            who = party if party is not None else draft_party(uow.session, draft.party)
            payload, verdict = evaluate(uow, draft, who)
            captured = _replay(uow, payload, who, key)
            if captured is None:
                _refuse(verdict)
                captured = _capture(uow, payload, who, key)
            view = CapturedView(id=captured.order.id, state=str(captured.order.state), replayed=captured.replayed)
    except NoActivePack as error:
        raise ApiError(503, "Service Unavailable", str(error)) from error
    headers = {"Location": f"/api/v1/orders/{view.id}"}
    if view.replayed:
        headers[REPLAYED] = "true"
    return view, 201, headers


def _replay(uow: UnitOfWork, payload: dict, party: str | None, key: str | None) -> Captured | None:
    """The order a repeat of the request replays (checked before validation: the inventory may have moved)."""
    if key is not None:
        recorded = uow.session.execute(select(IdempotencyKey.id).where(
            IdempotencyKey.scope == key_scope(), IdempotencyKey.key == key)).first()
        return _capture(uow, payload, party, key) if recorded is not None else None
    if existing_order(uow.session, party, payload.get("externalId")) is not None:
        return _capture(uow, payload, party, key)
    return None


def _capture(uow: UnitOfWork, payload: dict, party: str | None, key: str | None) -> Captured:
    try:
        if key is None:
            return capture_or_replay(uow, payload, party_id=party)
        return capture_once(uow, payload, party_id=party, scope=key_scope(), key=key)
    except Invalid as error:
        raise ApiError(422, "Unprocessable Entity", error.message, [_draft_error(e) for e in error.errors]) from error


def _draft_error(error: dict) -> dict:
    pointer = error.get("pointer") or ""
    if pointer.startswith("/productOrderItem") or pointer.startswith("/relatedParty"):
        pointer = draft_pointer(pointer)[0]
    return {**error, "pointer": pointer}


def _refuse(verdict: QuoteView) -> None:
    if verdict.problems:
        raise ApiError(422, "Unprocessable Entity",
                       f"the order cannot be captured: {len(verdict.problems)} problem(s): "
                       + "; ".join(p.message for p in verdict.problems[:5]),
                       [p.model_dump(mode="json", by_alias=True) for p in verdict.problems])
