"""The pricing stage: price a TMF622 ProductOrder with the pack's price list, matrices and adjustments.

    price_order(order, *, catalog, price_list, matrices=(), adjustments=None, at, products=None,
                termination=None) -> PricingResult

Artifacts are the compiled objects of ``engine.kinds.compile_document``. Semantics:

Items
    ``add`` items are priced as below; a ``modify`` or ``delete`` item whose product is in
    ``products`` gets its recurring delta or early-termination charge
    (``engine.lifecycle.pricing.changes``); others get a trace entry "not priced (action …)". An
    unknown offering, a quantity that is not a whole number >= 1, or an offering with no
    price in the list's currency is a ``problems`` entry ``{itemId, code, message}``
    (``unknown_offering``, ``invalid_quantity``, ``no_price``), never an exception; such an
    item is left out of ``items`` and of the totals.
Context
    ``{"order": order, "item": item}`` where ``item.characteristics`` is the TMF622
    ``product.productCharacteristic`` list as name -> value, over the catalog defaults
    (``context.item_view``). Price-list conditions and matrix dimensions read it.
Lines
    The price list's rows for the offering valid at ``at`` whose condition holds. A matrix
    listing the offering replaces the price-list rows of the same charge (price type and
    period, or usage unit) when it gives a price (a cell or its default); with no price the
    rows stand. The first matrix in binding order that prices a charge wins. One-time and
    recurring lines are unit amount x quantity; usage lines are the unit price, never
    multiplied. The order is priced in the price list's currency: a row or matrix in another
    currency is left out and reported as ``currency_mismatch``.
Adjustments
    The decision table runs once per item, context ``{"order", "item", "level": "item",
    "price"}`` and once for the order, context ``{"order", "level": "order", "price",
    "items": [{"id", "productOffering", "quantity", "price"}]}``; ``price`` is
    ``{"oneTime": x, "recurring": {period: x}, "usage": {unit: x}}`` before that pass's
    adjustments (the order's is the sum of the adjusted item totals). A pass keeps the rows
    of its ``level``; multi-hit tables give several adjustments, single-hit ones at most one.
    Output names and defaults: ``engine.lifecycle.pricing.adjustments``. A positive value
    reduces (10 percent off, 10.00 off), a negative one is a surcharge. An item-level amount
    applies to the item's charge as a whole (not per unit). Order of application, stacking,
    exclusive, caps and the zero floor: ``engine.lifecycle.pricing.apply``. Usage charges are
    adjusted only by adjustments naming ``priceType: usage`` and are not in the order totals.
Rounding
    Every line amount and every adjustment change is rounded half-up to the currency's minor
    unit (``money.round_money``) when it is computed; sums are then exact, so each total is
    exactly the sum of its lines and alterations. Usage unit prices keep their precision.
Provenance and trace
    Each line and alteration carries ``Provenance(artifact, version, row)`` (price-list row,
    matrix cell, table rule, ``default`` for a table default). ``trace`` holds one
    ``TraceEntry(stage="price")`` per line (priced, replaced, excluded), per matrix without a
    price, per adjustment and charge (applied or skipped with the reason) and per item not priced.
"""
from __future__ import annotations

from .adjustments import Adjustment
from .model import Alteration, Charge, ChargeTotal, ItemPricing, PricedLine, PricingResult, Problem
from .money import round_money
from .stage import price_order

__all__ = ["Adjustment", "Alteration", "Charge", "ChargeTotal", "ItemPricing", "PricedLine", "PricingResult",
           "Problem", "price_order", "round_money"]
