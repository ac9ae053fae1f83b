"""``price_order``: lines per item, item-level adjustments, order totals, order-level adjustments."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal

from engine.kinds.base.values import parse_instant
from engine.kinds.catalog import CompiledCatalog
from engine.kinds.decision_table import CompiledDecisionTable
from engine.kinds.price_list import CompiledPriceList
from engine.kinds.pricing_matrix import CompiledPricingMatrix
from engine.lifecycle.changes import DELETE, MODIFY, InventoryProduct, change_kind, product_id
from engine.lifecycle.trace import TraceEntry

from .adjustments import read_adjustments
from .apply import Pass, adjust
from .changes import price_change
from .context import item_context, item_view, offering_id
from .lines import ItemRef, price_lines
from .model import Charge, ChargeTotal, ItemPricing, PricingResult, Problem, charge_sums


def price_order(order: dict, *, catalog: CompiledCatalog, price_list: CompiledPriceList,
                matrices: Iterable[CompiledPricingMatrix] = (), adjustments: CompiledDecisionTable | None = None,
                at: datetime, products: Mapping[str, InventoryProduct] | None = None,
                termination: CompiledDecisionTable | None = None) -> PricingResult:
    """Price every ``add`` item of a TMF622 ProductOrder at ``at`` in the price list's currency, and
    every modify (recurring delta) or delete (early-termination charge) item whose product is in
    ``products`` (``engine.lifecycle.pricing.changes``).

    Never raises for data problems: they are listed in ``PricingResult.problems``. Semantics
    (matrix overrides, adjustments, rounding) are described in ``engine.lifecycle.pricing``.
    A naive ``at`` is taken as UTC.
    """
    result = PricingResult(price_list.currency)
    matrices, at = tuple(matrices), parse_instant(at)
    for item in order.get("productOrderItem") or []:
        kind, product = change_kind(item), (products or {}).get(product_id(item) or "")
        if kind in (MODIFY, DELETE) and product is not None:
            price_change(order, item, kind, product, catalog=catalog, price_list=price_list, matrices=matrices,
                         termination=termination, at=at, result=result)
            continue
        ref = _item_ref(order, item, catalog, result)
        if ref is not None:
            _price_item(ref, price_list, matrices, adjustments, at, result)
    result.order_totals = _order_totals(order, adjustments, result)
    return result


def _item_ref(order: dict, item: dict, catalog: CompiledCatalog, result: PricingResult) -> ItemRef | None:
    item_id, offering, action = str(item.get("id")), offering_id(item), change_kind(item)
    if action != "add":
        _not_priced(result, item_id, offering, f"not priced (action {action})")
        return None
    if offering is None or catalog.offering(offering) is None:
        _reject(result, item_id, offering, "unknown_offering", f"offering {offering!r} is not in the catalog")
        return None
    quantity = _quantity(item.get("quantity", 1))
    if quantity is None:
        _reject(result, item_id, offering, "invalid_quantity", f"quantity {item.get('quantity')!r} is not a whole number >= 1")
        return None
    return ItemRef(item_id, offering, quantity, item_context(order, item_view(item, catalog)))


def _price_item(ref: ItemRef, price_list: CompiledPriceList, matrices: tuple, adjustments, at: datetime,
                result: PricingResult) -> None:
    found = price_lines(ref, price_list, matrices, at)
    result.trace.extend(found.trace)
    result.problems.extend(found.problems)
    if not found.lines:
        _reject(result, ref.item_id, ref.offering, "no_price",
                f"offering {ref.offering!r} has no {result.currency} price at {at.isoformat()}")
        return
    bases = charge_sums(found.lines)
    context = {**ref.context, "level": "item", "price": price_view(bases)}
    where = Pass("item", ref.item_id, result.currency)
    totals = _adjusted(bases, adjustments, context, where, result)
    result.items[ref.item_id] = ItemPricing(ref.item_id, ref.offering, ref.quantity, tuple(found.lines), totals)


def _order_totals(order: dict, adjustments, result: PricingResult) -> tuple[ChargeTotal, ...]:
    bases: dict[Charge, Decimal] = {}
    for item in result.items.values():
        for total in item.totals:
            if total.charge.price_type != "usage":
                bases[total.charge] = bases.get(total.charge, Decimal(0)) + total.amount
    items = [{"id": item.item_id, "productOffering": item.offering, "quantity": item.quantity,
              "price": price_view({t.charge: t.amount for t in item.totals})} for item in result.items.values()]
    context = {"order": order, "level": "order", "price": price_view(bases), "items": items}
    return _adjusted(bases, adjustments, context, Pass("order", None, result.currency), result)


def _adjusted(bases: dict[Charge, Decimal], table: CompiledDecisionTable | None, context: dict, where: Pass,
              result: PricingResult) -> tuple[ChargeTotal, ...]:
    if table is None:
        return adjust(bases, [], where, result.trace)
    outcome = read_adjustments(table, context, where.level)
    if outcome.error is not None:
        result.problems.append(Problem(where.item_id, "adjustments_failed", f"{table.key}: {outcome.error}"))
    for source, message in outcome.invalid:
        result.problems.append(Problem(where.item_id, "invalid_adjustment", f"{source.artifact} rule {source.row!r}: {message}"))
        result.trace.append(TraceEntry(stage="price", artifact=source.artifact, version=source.version, rule=source.row,
                                       inputs={"level": where.level, "itemId": where.item_id},
                                       decision={"outcome": "skipped", "reason": f"invalid adjustment: {message}"}))
    return adjust(bases, outcome.adjustments, where, result.trace)


def price_view(amounts: dict[Charge, Decimal]) -> dict:
    """Amounts as the tables read them: ``{"oneTime": x, "recurring": {period: x}, "usage": {unit: x}}``."""
    view: dict = {}
    for charge, amount in amounts.items():
        if charge.price_type == "oneTime":
            view["oneTime"] = amount
        else:
            view.setdefault(charge.price_type, {})[charge.period or charge.unit] = amount
    return view


def _quantity(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    return value if isinstance(value, int) and value >= 1 else None


def _reject(result: PricingResult, item_id: str, offering: str | None, code: str, message: str) -> None:
    result.problems.append(Problem(item_id, code, f"item {item_id}: {message}"))
    _not_priced(result, item_id, offering, f"not priced: {message}", code)


def _not_priced(result: PricingResult, item_id: str, offering: str | None, reason: str, code: str | None = None) -> None:
    decision = {"outcome": "not priced", "reason": reason, **({"problem": code} if code else {})}
    result.trace.append(TraceEntry(stage="price", inputs={"itemId": item_id, "productOffering": offering},
                                   decision=decision))
