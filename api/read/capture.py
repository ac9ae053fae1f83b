"""Order capture for the native API: an order draft, its TMF622 form, and its evaluation by the pipeline's own
capture, enrichment and pricing functions (every problem with a JSON pointer into the draft, and the price).

The evaluation writes nothing: it reads the inventory and the party's open orders, runs the capture checks
(``validate_order``, the product relationships, changes already in progress), the bound enrichment flow and
``price_order`` in memory."""
from __future__ import annotations

import re
import uuid
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.auth.identity import current_user
from api.auth.scope import ordering_party, party_conditions
from api.contract import ListQuery, Model, Page
from api.errors import ApiError
from api.read.catalog import active_view
from api.routing import MAX_INT
from api.tmf.validation import validate_tmf
from engine.lifecycle.capture import Rejection
from engine.lifecycle.changes import CHANGE_KINDS, change_kind, product_id, resolved_item
from engine.lifecycle.items import item_characteristics
from engine.lifecycle.pricing import price_order
from engine.runtime.context import UnitOfWork
from engine.runtime.orders.pipeline import capture as capture_stage
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.orders.product_changes import change_products
from engine.runtime.packs import PackView
from engine.store.models import CustomerOrder, Party

SPEC = "TMF622-ProductOrder-v4.0.0.swagger.json"
Action = Literal["add", "modify", "suspend", "resume", "disconnect"]
STATUS = {"suspend": "suspended", "resume": "active"}
CHARACTERISTIC_CODES = frozenset({"missing_characteristic", "unknown_characteristic", "wrong_type", "not_allowed",
                                  "out_of_range", "pattern_mismatch"})
ITEM_POINTER = re.compile(r"^/productOrderItem/(\d+)(/.*)?$")
IN_MESSAGE = re.compile(r"\((/productOrderItem/[^)\s]*)\)")
FIELDS = (("/productOffering", "/offering"), ("/product/productCharacteristic", "/characteristics"),
          ("/product/place", "/place"), ("/product/status", "/action"), ("/product/id", "/product"),
          ("/quantity", "/quantity"), ("/action", "/action"))


class Address(Model):
    """The installation address of an add item."""

    street_name: str | None = Field(None, max_length=200)
    postcode: str | None = Field(None, max_length=20)
    city: str | None = Field(None, max_length=100)
    country: str | None = Field(None, max_length=2, description="ISO 3166-1 alpha-2")


class DraftItem(Model):
    action: Action = "add"
    offering: str | None = Field(None, max_length=200, description="the product offering (add)")
    quantity: int = Field(1, ge=1, le=MAX_INT)
    characteristics: dict[str, Any] = Field(default_factory=dict, description="name -> value (add, modify)")
    product: str | None = Field(None, max_length=64, description="the inventory product a change is for")
    place: Address | None = None


class OrderDraft(Model):
    party: str | None = Field(None, max_length=64, description="the customer party (staff); customers: their own")
    external_id: str | None = Field(None, max_length=200)
    items: list[DraftItem] = Field(max_length=500)


class CaptureProblem(Model):
    pointer: str = Field(description="JSON pointer into the draft, e.g. /items/0/characteristics/bandwidth")
    item: int | None = Field(description="index of the draft item (none: the whole order)")
    code: str
    message: str


class PriceLineView(Model):
    item: int | None
    offering: str
    price_type: str
    period: str | None
    unit: str | None
    name: str | None = Field(description="price list row, matrix cell or termination rule")
    unit_amount: str
    quantity: int
    amount: str


class ItemPriceView(Model):
    item: int | None
    one_time: str
    recurring: str = Field(description="per month; for a modify the monthly delta")


class AdjustmentView(Model):
    item: int | None
    name: str
    price_type: str
    amount: str


class PricePreview(Model):
    currency: str
    lines: list[PriceLineView]
    items: list[ItemPriceView]
    adjustments: list[AdjustmentView]
    one_time_total: str
    recurring_total: str = Field(description="per month")


class QuoteView(Model):
    party: str | None
    accepted: bool = Field(description="no problem: capture would take the order")
    problems: list[CaptureProblem]
    information_needed: list[CaptureProblem] = Field(description="the order would wait for this information")
    price: PricePreview | None


class CapturedView(Model):
    id: str
    state: str
    replayed: bool


def draft_party(session: Session, party: str | None) -> str | None:
    """Whose order it is: a customer's own party (403 naming another), else the staff-named existing party."""
    user = current_user()
    payload = {"relatedParty": [{"id": party, "role": "customer"}]} if party else {}
    found = ordering_party(session, payload)
    if user is not None and user.is_customer:
        return found
    if party is None:
        raise ApiError(422, "Unprocessable Entity", "name the customer party the order is for",
                       [{"pointer": "/party", "code": "party_missing", "message": "the customer party is missing"}])
    if found is None or session.get(Party, party) is None:
        raise ApiError(422, "Unprocessable Entity", f"no customer party {party!r}",
                       [{"pointer": "/party", "code": "party_unknown", "message": f"no party {party!r}"}])
    return found


def tmf_payload(draft: OrderDraft, party: str | None) -> dict:
    """The TMF622 ProductOrder_Create the draft stands for (post-fulfilment changes as TMF622 v4 writes them)."""
    payload: dict = {"productOrderItem": [_tmf_item(i, item) for i, item in enumerate(draft.items)]}
    if party:
        payload["relatedParty"] = [{"id": party, "role": "customer", "@referredType": "Individual"}]
    if draft.external_id:
        payload["externalId"] = draft.external_id
    return payload


def _tmf_item(position: int, item: DraftItem) -> dict:
    body: dict = {"id": str(position + 1), "quantity": item.quantity,
                  "action": {"disconnect": "delete", "suspend": "modify", "resume": "modify"}.get(item.action,
                                                                                             item.action)}
    product: dict = {}
    if item.action == "add":
        if item.offering:
            body["productOffering"] = {"id": item.offering}
        if item.place is not None:
            product["place"] = [{"role": "installationAddress", "@type": "GeographicAddress",
                                 **item.place.model_dump(by_alias=True, exclude_none=True)}]
    else:
        if item.product:
            product["id"] = item.product
        if item.action in STATUS:
            product["status"] = STATUS[item.action]
    if item.action in ("add", "modify") and item.characteristics:
        product["productCharacteristic"] = [{"name": name, "value": value}
                                            for name, value in item.characteristics.items() if value is not None]
    if product:
        body["product"] = product
    return body


def evaluate(uow: UnitOfWork, draft: OrderDraft, party: str | None) -> tuple[dict, QuoteView]:
    """The TMF payload and what capture, enrichment and pricing say of it (nothing is written)."""
    payload = tmf_payload(draft, party)
    try:
        validate_tmf(payload, SPEC, "ProductOrder_Create")
    except ApiError as error:
        problems = [_problem(Rejection(None, "invalid", d["message"], d["pointer"])) for d in error.details or []]
        return payload, QuoteView(party=party, accepted=False, problems=problems, information_needed=[], price=None)
    view = active_view(uow.session)
    problems = [_problem(r, payload, view) for r in _capture_rejections(uow, view, payload, party)]
    working, missing = _enriched(view, _resolved(uow.session, view, payload), problems)
    price = _price(uow, view, working, problems)
    quote = QuoteView(party=party, accepted=not problems, problems=problems, information_needed=missing,
                      price=price)
    return payload, quote


def _capture_rejections(uow: UnitOfWork, view: PackView, payload: dict, party: str | None) -> list[Rejection]:
    order = CustomerOrder(id=f"quote-{uuid.uuid4()}", party_id=party, payload=payload)
    return capture_stage.capture_rejections(StageContext(uow, order, view))


def _enriched(view: PackView, payload: dict, problems: list[CaptureProblem]) -> tuple[dict, list[CaptureProblem]]:
    flow = view.compiled_binding("enrichment")
    if flow is None:
        return payload, []
    result = flow.run(payload, lambda step, context: view.compiled(step.table).evaluate(context).value)
    seen = {(p.item, p.message) for p in problems}
    for finding in result.errors:
        problem = _finding(finding, payload)
        if (problem.item, problem.message) not in seen:
            problems.append(problem)
    return result.order, [_finding(f, payload) for f in result.missing]


def _resolved(session: Session, view: PackView, payload: dict) -> dict:
    products = change_products(session, payload)
    items = []
    for item in payload.get("productOrderItem") or []:
        product = products.get(product_id(item)) if change_kind(item) in CHANGE_KINDS else None
        if product is not None:
            offering = view.catalog.offering(product.offering_id)
            item = resolved_item(item, product, offering.name if offering else None)
        items.append(item)
    return {**payload, "productOrderItem": items}


def _price(uow: UnitOfWork, view: PackView, payload: dict, problems: list[CaptureProblem]) -> PricePreview | None:
    binding = view.bindings.get("pricing")
    if not binding:
        return None
    result = price_order(
        payload, catalog=view.catalog, price_list=view.compiled(binding["priceList"]),
        matrices=tuple(view.compiled(key) for key in binding.get("matrices", [])),
        adjustments=view.compiled(binding["adjustments"]) if binding.get("adjustments") else None, at=uow.now,
        products=change_products(uow.session, payload),
        termination=view.compiled(binding["terminationCharges"]) if binding.get("terminationCharges") else None)
    blamed = {p.item for p in problems}
    for found in result.problems:
        index = _index(found.item_id)
        if index not in blamed:
            problems.append(CaptureProblem(pointer=_item_pointer(index), item=index, code=found.code,
                                           message=found.message))
    return _preview(result, row_names(view))


def row_names(view: PackView) -> dict[str, str]:
    """Price list row id -> its name (the price preview names a line by its row)."""
    binding = view.bindings.get("pricing") or {}
    pinned = view.artifacts.get(binding.get("priceList", ""))
    rows = ((pinned.document.get("body") or {}).get("prices") or []) if pinned is not None else []
    return {str(row["id"]): str(row["name"]) for row in rows if isinstance(row, dict) and row.get("id") and row.get("name")}


def _preview(result, names: dict[str, str]) -> PricePreview:
    lines = [PriceLineView(item=_index(line.item_id), offering=line.offering, price_type=line.charge.price_type,
                           period=line.charge.period, unit=line.charge.unit,
                           name=names.get(_source(line.source) or "", _source(line.source)),
                           unit_amount=str(line.unit_amount), quantity=line.quantity, amount=str(line.amount))
             for line in result.lines]
    items = [ItemPriceView(item=_index(item_id), one_time=str(_sum(pricing.totals, "oneTime")),
                           recurring=str(_sum(pricing.totals, "recurring", "month")))
             for item_id, pricing in result.items.items()]
    totals = [t for item in result.items.values() for t in item.totals] + list(result.order_totals)
    adjustments = [AdjustmentView(item=_index(a.item_id), name=a.name, price_type=a.charge.price_type,
                                  amount=str(a.amount)) for total in totals for a in total.alterations]
    return PricePreview(currency=result.currency, lines=lines, items=items, adjustments=adjustments,
                        one_time_total=str(result.total("oneTime")),
                        recurring_total=str(result.total("recurring", "month")))


def _sum(totals, price_type: str, period: str | None = None) -> Decimal:
    return sum((t.amount for t in totals if t.charge.price_type == price_type
                and (period is None or t.charge.period == period)), Decimal("0.00"))


def _source(source) -> str | None:
    row = getattr(source, "row", None)
    return None if row is None else str(row)


def _index(item_id: str | None) -> int | None:
    return int(item_id) - 1 if item_id is not None and str(item_id).isdigit() and int(item_id) > 0 else None


def _item_pointer(index: int | None) -> str:
    return "" if index is None else f"/items/{index}"


def draft_pointer(tmf: str | None) -> tuple[str, int | None]:
    """A TMF622 body pointer as a pointer into the draft (and the item index)."""
    match = ITEM_POINTER.match(tmf or "")
    if match is None:
        return ("/party" if (tmf or "").startswith("/relatedParty") else ""), None
    index, rest = int(match.group(1)), match.group(2) or ""
    for tmf_field, draft_field in FIELDS:
        if rest.startswith(tmf_field):
            return f"/items/{index}{draft_field}", index
    return f"/items/{index}", index


def _problem(rejection: Rejection, payload: dict | None = None, view: PackView | None = None) -> CaptureProblem:
    """A capture rejection with its pointer into the draft: the TMF pointer it carries (or names in its
    message), else its item; a characteristic's, place's or offering's problem points at that field."""
    found = IN_MESSAGE.search(rejection.message)
    pointer, index = draft_pointer(rejection.pointer or (found.group(1) if found else None))
    if index is None:
        index = _index(rejection.item_id)
        pointer = pointer or _item_pointer(index)
    field = _field(rejection, payload, view, index) if index is not None else None
    return CaptureProblem(pointer=f"/items/{index}{field}" if field else pointer, item=index, code=rejection.code,
                          message=rejection.message)


def _field(rejection: Rejection, payload: dict | None, view: PackView | None, index: int) -> str | None:
    if rejection.code in CHARACTERISTIC_CODES and payload is not None and view is not None:
        name = _characteristic(payload, view, index, rejection.message)
        return f"/characteristics/{_escape(name)}" if name is not None else None
    if rejection.code == "place_missing":
        return "/place"
    if rejection.code.startswith("offering_") and rejection.code != "offering_mismatch":
        return "/offering"
    return None


def _characteristic(payload: dict, view: PackView, index: int, message: str) -> str | None:
    """Which characteristic a capture message is about: the catalog's own check of the item names it."""
    items = payload.get("productOrderItem") or []
    if index >= len(items):
        return None
    item = items[index]
    offering = view.catalog.offering((item.get("productOffering") or {}).get("id") or "")
    if offering is None or view.catalog.specification(offering.specification_id) is None:
        return None
    for problem in view.catalog.check_characteristics(offering.specification_id, item_characteristics(item)):
        if problem.message in message:
            return problem.name
    return None


def _finding(finding, payload: dict) -> CaptureProblem:
    index = _index(finding.item) if finding.item is not None else None
    return CaptureProblem(pointer=_item_pointer(index), item=index, code=finding.code, message=finding.message)


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


class PartyView(Model):
    id: str
    name: str


class PartyQuery(ListQuery):
    q: str | None = Field(None, max_length=200, description="words in the party's id or name")


def party_page(session: Session, query: PartyQuery) -> Page[PartyView]:
    """Customer parties an order may be captured for, by name (a customer: its own)."""
    conditions = [Party.kind == "customer", *party_conditions(Party.id)]
    for word in (query.q or "").lower().split():
        conditions.append(func.lower(Party.name).contains(word, autoescape=True)
                          | func.lower(Party.id).contains(word, autoescape=True))
    total = session.scalar(select(func.count()).select_from(Party).where(*conditions))
    rows = session.execute(select(Party.id, Party.name).where(*conditions).order_by(Party.name, Party.id)
                           .offset(query.offset).limit(query.limit)).all()
    return Page([PartyView(id=row.id, name=row.name) for row in rows], total)
