"""Builders for small hand-made pricing artifacts, compiled through ``engine.kinds.compile_document``."""
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from engine.kinds import compile_document
from engine.lifecycle.pricing import price_order

AT = datetime(2026, 3, 1, tzinfo=UTC)

CATALOG_BODY = {
    "productOfferings": [
        {"id": "fibre", "name": "Fibre", "productSpecification": {"id": "spec-fibre"}},
        {"id": "router", "name": "Router", "productSpecification": {"id": "spec-router"}},
        {"id": "voice", "name": "Voice line", "productSpecification": {"id": "spec-router"}},
        {"id": "iot", "name": "IoT SIM", "productSpecification": {"id": "spec-router"}},
        {"id": "unpriced", "name": "Not in any price list", "productSpecification": {"id": "spec-router"}},
    ],
    "productSpecifications": [
        {"id": "spec-fibre", "name": "Fibre access", "productSpecCharacteristic": [
            {"name": "bandwidth", "valueType": "integer",
             "characteristicValueSpecification": [{"value": 100, "isDefault": True}, {"value": 500}]}]},
        {"id": "spec-router", "name": "Device"},
    ],
}


def compile_kind(kind: str, key: str, body: dict, version: int = 1):
    return compile_document({"kind": kind, "key": key, "schemaVersion": 1, "title": key, "body": body},
                            version=version)


def price_list(*rows: dict, currency: str = "EUR", version: int = 1, **body):
    return compile_kind("price_list", "prices.test", {"currency": currency, "prices": list(rows), **body}, version)


def row(row_id: str, offering: str, amount: str, price_type: str = "oneTime", **extra) -> dict:
    if price_type == "recurring":
        extra.setdefault("recurringChargePeriod", "month")
    if price_type == "usage":
        extra.setdefault("unitOfMeasure", "GB")
    return {"id": row_id, "productOffering": offering, "priceType": price_type, "amount": amount, **extra}


def table(*rules: tuple, outputs=("adjustmentType", "value"), inputs=(), hit_policy: str = "COLLECT",
          key: str = "pricing.adjustments", version: int = 1):
    """A table whose rules are (id, [input cells], [output values])."""
    body = {"hitPolicy": hit_policy, "inputs": list(inputs),
            "outputs": [{"name": name} for name in outputs],
            "rules": [{"id": rule_id, "inputEntries": cells, "outputEntries": values}
                      for rule_id, cells, values in rules]}
    return compile_kind("decision_table", key, body, version)


def order(*items: dict, **fields) -> dict:
    return {"id": "o1", "productOrderItem": list(items), **fields}


def item(item_id: str, offering: str, quantity: int = 1, action: str = "add", **characteristics) -> dict:
    found = {"id": item_id, "action": action, "quantity": quantity, "productOffering": {"id": offering}}
    if characteristics:
        found["product"] = {"productCharacteristic": [{"name": n, "value": v} for n, v in characteristics.items()]}
    return found


@pytest.fixture(scope="session")
def catalog():
    return compile_kind("catalog", "catalog.test", CATALOG_BODY)


@pytest.fixture
def kit(catalog):
    """Builders plus ``price(order, prices, **kwargs)`` that runs ``price_order`` at ``AT`` by default."""
    def price(the_order: dict, prices, **kwargs):
        kwargs.setdefault("at", AT)
        return price_order(the_order, catalog=catalog, price_list=prices, **kwargs)
    return SimpleNamespace(price=price, price_list=price_list, row=row, table=table, order=order, item=item,
                           compile=compile_kind, at=AT)
