"""TMF622 v4 price shapes: OrderPrice (itemPrice, itemTotalPrice, orderTotalPrice) and PriceAlteration.

Money is ``{"unit": currency, "value": Decimal}`` (the store writes Decimal as text). An
alteration's ``dutyFreeAmount`` is the signed change (negative for a discount); percent
alterations also give ``percentage`` (the admin's value, positive for a discount).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decimal import Decimal

    from .model import Alteration, ChargeTotal, ItemPricing, PricedLine


def money(amount: Decimal, currency: str) -> dict:
    """TMF Money."""
    return {"unit": currency, "value": amount}


def item_prices(item: ItemPricing, currency: str) -> dict:
    """``itemPrice`` (one per line, with its row as ``name``) and ``itemTotalPrice`` (per charge)."""
    return {"itemPrice": [_line_price(line) for line in item.lines],
            "itemTotalPrice": [_total_price(total, currency) for total in item.totals]}


def order_total(totals: tuple[ChargeTotal, ...], currency: str) -> list[dict]:
    """``orderTotalPrice``: one entry per one-time / recurring charge with the order-level alterations."""
    return [_total_price(total, currency) for total in totals]


def _line_price(line: PricedLine) -> dict:
    return {"name": line.source.row, **line.charge.as_dict(),
            "price": {"dutyFreeAmount": money(line.amount, line.currency)},
            "provenance": line.source.as_dict()}


def _total_price(total: ChargeTotal, currency: str) -> dict:
    entry = {**total.charge.as_dict(), "price": {"dutyFreeAmount": money(total.amount, currency)}}
    if total.alterations:
        entry["priceAlteration"] = [_alteration(a, currency) for a in total.alterations]
    return entry


def _alteration(alteration: Alteration, currency: str) -> dict:
    price = {"dutyFreeAmount": money(alteration.amount, currency)}
    if alteration.adjustment_type == "percent":
        price["percentage"] = alteration.value
    entry = {"name": alteration.name, **alteration.charge.as_dict(), "price": price,
             "provenance": alteration.source.as_dict()}
    if alteration.priority is not None:
        entry["priority"] = alteration.priority
    return entry
