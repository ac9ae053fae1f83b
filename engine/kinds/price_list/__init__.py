"""The ``price_list`` kind: one-time, recurring and usage prices per offering, with effective dates.

Body (``schema.json``)::

    {"currency": "EUR", "validFor": {"startDateTime": "2026-01-01"},
     "prices": [{"id": "fibre-500-mrc", "productOffering": "fibre-500", "priceType": "recurring",
                 "recurringChargePeriod": "month", "amount": "49.90",
                 "validFor": {...}, "condition": {JsonLogic over {"order", "item"}}},
                {"id": "data-gb", "productOffering": "iot-sim-fleet", "priceType": "usage",
                 "unitOfMeasure": "GB", "amount": "0.50"}]}

Test: input ``{"offering": id, "at": iso-date?, "context": {"order", "item"}?}``; actual
``{"prices": [{"id", "priceType", "amount", "currency", "period", "unit"}]}`` in list order.
"""
from __future__ import annotations

from pathlib import Path

from ..base.kind import CatalogReference, Kind, KindTestError
from ..base.values import parse_instant
from .compiler import compile_price_list
from .model import CompiledPriceList, PriceEntry, PriceLine

__all__ = ["KIND", "CompiledPriceList", "PriceEntry", "PriceLine", "compile_price_list"]


def run_price_list_test(prices: CompiledPriceList, given: object, resolve=None) -> dict:
    """The price lines that apply to the offering at the date and context of the input."""
    if not isinstance(given, dict) or not isinstance(given.get("offering"), str):
        raise KindTestError('a price list test input is {"offering": id, "at": date?, "context": {...}?}')
    at = parse_instant(given["at"]) if "at" in given else None
    lines = prices.prices_for(given["offering"], at, given.get("context") or {})
    return {"prices": [{"id": line.source.row, "priceType": line.price_type, "amount": line.amount,
                        "currency": line.currency, "period": line.period, "unit": line.unit} for line in lines]}


def price_list_references(body: dict) -> list:
    """Every offering id the list prices."""
    return [CatalogReference(f"/body/prices/{i}/productOffering", price["productOffering"], "offering")
            for i, price in enumerate(body.get("prices", []))]


KIND = Kind("price_list", Path(__file__).with_name("schema.json"), compile_price_list, run_price_list_test,
            catalog_references=price_list_references)
