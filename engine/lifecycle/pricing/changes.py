"""Pricing post-fulfilment changes: the recurring delta of a modify, the early-termination charge of a disconnect.

Modify
    The item (its full new configuration, filled in at capture) and the product's current
    characteristics are priced alike (price list and matrices at ``at``); only recurring charges
    count. The item's lines are the new recurring lines and the current ones negated (each with its
    own provenance), so each recurring total is the delta. No adjustments apply to a delta.
Disconnect
    Within the contract term (``remainingMonths`` = months started between ``at`` and the contract
    end, > 0), the termination table decides ``percent`` from ``{"order", "item",
    "product", "contract": {"termMonths", "endDate", "remainingMonths"}, "monthlyCharge"}``, where
    ``monthlyCharge`` is the current configuration's monthly price; the charge is remainingMonths x
    monthlyCharge x percent / 100, rounded half-up, one-time, with the table rule as provenance.
    After the term, without a bound table, or when no rule gives a percent, nothing is charged.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from engine.kinds.base.provenance import Provenance
from engine.kinds.base.values import parse_money
from engine.lifecycle.changes import MODIFY, InventoryProduct
from engine.lifecycle.trace import TraceEntry
from engine.rules.decision_table import DecisionTableError

from .apply import Pass, adjust
from .context import item_context, item_view
from .lines import ItemRef, price_lines
from .model import Charge, ItemPricing, PricedLine, PricingResult, Problem, charge_sums
from .money import round_money

MONTHLY = Charge("recurring", "month")
ONE_TIME = Charge("oneTime")


def price_change(order: dict, item: dict, kind: str, product: InventoryProduct, *, catalog, price_list, matrices,
                 termination, at: datetime, result: PricingResult) -> None:
    """Price one modify or delete item against its inventory product (see the module docstring)."""
    new = ItemRef(str(item.get("id")), product.offering_id, 1, item_context(order, item_view(item, catalog)))
    current = ItemRef(new.item_id, product.offering_id, 1, item_context(order, item_view(_as_is(item, product),
                                                                                         catalog)))
    before = _recurring(current, price_list, matrices, at)
    if kind == MODIFY:
        after = _recurring(new, price_list, matrices, at)
        lines = after + [_negated(line) for line in before]
        result.trace.append(TraceEntry(stage="price", rule="modify-delta", inputs={
            "itemId": new.item_id, "productId": product.id, "from": [_row(line) for line in before],
            "to": [_row(line) for line in after]}, decision={"outcome": "delta", "recurring": _sums(lines)}))
    else:
        lines = _termination(current, item, product, before, termination, at, result)
    if lines:
        totals = adjust(charge_sums(lines), [], Pass("item", new.item_id, result.currency), result.trace)
        result.items[new.item_id] = ItemPricing(new.item_id, product.offering_id, 1, tuple(lines), totals)


def _as_is(item: dict, product: InventoryProduct) -> dict:
    body = {**(item.get("product") or {}), "productCharacteristic": []}
    return {**item, "characteristics": dict(product.characteristics), "product": body}


def _recurring(ref: ItemRef, price_list, matrices, at: datetime) -> list[PricedLine]:
    return [line for line in price_lines(ref, price_list, matrices, at).lines if line.charge.price_type == "recurring"]


def _negated(line: PricedLine) -> PricedLine:
    return PricedLine(line.item_id, line.offering, line.charge, -line.unit_amount, line.quantity, -line.amount,
                      line.currency, line.source)


def _termination(ref: ItemRef, item: dict, product: InventoryProduct, current: list[PricedLine], table,
                 at: datetime, result: PricingResult) -> list[PricedLine]:
    remaining = months_until(at, product.contract_end)
    monthly = sum((line.amount for line in current if line.charge == MONTHLY), Decimal(0))
    inputs = {"itemId": ref.item_id, "productId": product.id, "remainingMonths": remaining,
              "monthlyCharge": monthly, "monthlyFrom": [_row(line) for line in current if line.charge == MONTHLY]}
    if remaining <= 0 or table is None:
        reason = "the contract term has ended" if remaining <= 0 else "no termination charge table is bound"
        result.trace.append(TraceEntry(stage="price", rule="early-termination", inputs=inputs,
                                       decision={"outcome": "not charged", "reason": reason}))
        return []
    context = {**ref.context, "product": {"id": product.id, "status": product.status,
                                          "characteristics": dict(product.characteristics)},
               "contract": {"termMonths": product.contract_term, "remainingMonths": remaining,
                            "endDate": product.contract_end.isoformat()}, "monthlyCharge": monthly}
    found = _percent(table, context, ref.item_id, result)
    if found is None:
        result.trace.append(TraceEntry(stage="price", artifact=table.key, version=table.version,
                                       rule="early-termination", inputs=inputs,
                                       decision={"outcome": "not charged", "reason": "no rule gives a percent"}))
        return []
    source, percent = found
    amount = round_money(monthly * remaining * percent / 100, result.currency)
    result.trace.append(TraceEntry(stage="price", artifact=source.artifact, version=source.version, rule=source.row,
                                   inputs={**inputs, "percent": percent},
                                   decision={"outcome": "priced", "amount": amount, "currency": result.currency}))
    return [PricedLine(ref.item_id, product.offering_id, ONE_TIME, amount, 1, amount, result.currency, source)]


def _percent(table, context: dict, item_id: str, result: PricingResult) -> tuple[Provenance, Decimal] | None:
    try:
        outcome = table.evaluate(context)
    except DecisionTableError as error:
        result.problems.append(Problem(item_id, "termination_failed",
                                       f"{table.key}: " + "; ".join(i.message for i in error.issues)))
        return None
    values = outcome.value if isinstance(outcome.value, list) else [outcome.value]
    for rule_id, outputs in zip(outcome.selected_rule_ids or ["default"] * len(values), values, strict=False):
        percent = outputs.get("percent") if isinstance(outputs, dict) else outputs  # one output: the value itself
        if percent is not None:
            return Provenance(table.key, table.version, rule_id), parse_money(percent)
    return None


def months_until(start: datetime, end: datetime | None) -> int:
    """Months started from ``start`` until ``end`` (0 when ``end`` is None or not after ``start``)."""
    if end is None or end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if (end.day, end.time()) > (start.day, start.time()):
        months += 1
    return max(months, 1)


def _sums(lines: list[PricedLine]) -> dict[str, Decimal]:
    return {charge.period or charge.price_type: amount for charge, amount in charge_sums(lines).items()}


def _row(line: PricedLine) -> dict:
    return {"artifact": line.source.artifact, "row": line.source.row, "amount": line.amount}
