"""Pricing stage speed: one 100-item order through ``price_order``.

Mixed offerings (one-time, recurring, yearly and usage rows, some with conditions and
effective dates), a fibre matrix (bandwidth x term x region, 3 x 3 x 4 cells) and a COLLECT
adjustments table of 20 rules (item and order level, priorities, stacking, exclusive, caps).
Run: .venv/bin/python bench/pricing_bench.py
"""

from __future__ import annotations

import random
import sys
import timeit
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.kinds import compile_document  # noqa: E402
from engine.lifecycle.pricing import price_order  # noqa: E402

ITEMS = 100
OFFERINGS = ["fibre", "router", "voice", "iot", "ip", "support", "backup", "sdwan"]
BANDWIDTHS, TERMS, REGIONS = [100, 500, 1000], [12, 24, 36], ["north", "south", "east", "west"]
AT = datetime(2026, 3, 1, tzinfo=UTC)


def document(kind: str, key: str, body: dict) -> object:
    return compile_document({"kind": kind, "key": key, "schemaVersion": 1, "title": key, "body": body}, version=1)


def catalog():
    return document("catalog", "catalog.bench", {
        "productOfferings": [{"id": o, "name": o, "productSpecification": {"id": "spec"}} for o in OFFERINGS],
        "productSpecifications": [{"id": "spec", "name": "Spec"}]})


def price_list():
    rows = []
    for index, offering in enumerate(OFFERINGS):
        rows += [
            {"id": f"{offering}-nrc", "productOffering": offering, "priceType": "oneTime", "amount": f"{49 + index}.90"},
            {"id": f"{offering}-mrc-old", "productOffering": offering, "priceType": "recurring",
             "recurringChargePeriod": "month", "amount": f"{20 + index}.00", "validFor": {"endDateTime": "2026-01-01"}},
            {"id": f"{offering}-mrc", "productOffering": offering, "priceType": "recurring",
             "recurringChargePeriod": "month", "amount": f"{19 + index}.99", "validFor": {"startDateTime": "2026-01-01"}},
            {"id": f"{offering}-yr", "productOffering": offering, "priceType": "recurring",
             "recurringChargePeriod": "year", "amount": "120", "condition": {">=": [{"var": "order.term"}, 24]}},
            {"id": f"{offering}-gb", "productOffering": offering, "priceType": "usage", "unitOfMeasure": "GB",
             "amount": "0.0450"}]
    return document("price_list", "prices.bench", {"currency": "EUR", "prices": rows})


def matrix():
    cells = [{"key": [b, t, r], "amount": f"{b / 10 + 40 - t / 2:.2f}"}
             for b in BANDWIDTHS for t in TERMS for r in REGIONS]
    return document("pricing_matrix", "prices.fibre-matrix", {
        "productOfferings": ["fibre"], "currency": "EUR", "priceType": "recurring", "recurringChargePeriod": "month",
        "dimensions": [
            {"name": "bandwidth", "type": "number", "path": "item.characteristics.bandwidth", "values": BANDWIDTHS},
            {"name": "term", "type": "number", "path": "order.term", "values": TERMS},
            {"name": "region", "path": "order.region", "values": REGIONS}],
        "cells": cells})


def adjustments(rng: random.Random):
    rules = []
    for index in range(20):
        level = "order" if index % 5 == 0 else "item"
        offering = "-" if level == "order" or index % 3 == 0 else f'"{rng.choice(OFFERINGS)}"'
        rules.append({"id": f"r{index}", "inputEntries": [offering, rng.choice(["-", ">= 24", "[12..24]"]),
                                                          rng.choice(["-", '"gold"', '"silver","gold"'])],
                      "outputEntries": [rng.choice(["percent", "amount"]), rng.choice([2, 5, 10, 15]), level,
                                        rng.choice([None, 1, 2, 3]), rng.choice(["stack", "stack", "exclusive"]),
                                        rng.choice([None, "25"]), rng.choice([None, "oneTime", "recurring"])]})
    return document("decision_table", "pricing.bench", {
        "hitPolicy": "COLLECT",
        "inputs": [{"name": "offering", "path": "item.productOffering.id", "type": "string"},
                   {"name": "term", "path": "order.term", "type": "number"},
                   {"name": "segment", "path": "order.segment", "type": "string"}],
        "outputs": [{"name": n} for n in ("adjustmentType", "value", "level", "priority", "stacking", "cap",
                                          "priceType")],
        "rules": rules})


def order(rng: random.Random) -> dict:
    items = []
    for index in range(ITEMS):
        offering = OFFERINGS[index % len(OFFERINGS)]
        item = {"id": str(index + 1), "action": "add", "quantity": rng.randint(1, 5), "productOffering": {"id": offering}}
        if offering == "fibre":
            item["product"] = {"productCharacteristic": [{"name": "bandwidth", "value": rng.choice(BANDWIDTHS)}]}
        items.append(item)
    return {"id": "bench", "term": 24, "region": "south", "segment": "gold", "productOrderItem": items}


def main() -> None:
    rng = random.Random(7)
    cat, prices, matrices, table, the_order = catalog(), price_list(), [matrix()], adjustments(rng), order(rng)
    result = price_order(the_order, catalog=cat, price_list=prices, matrices=matrices, adjustments=table, at=AT)
    assert not result.problems, result.problems
    applied = sum(len(t.alterations) for i in result.items.values() for t in i.totals)
    applied += sum(len(t.alterations) for t in result.order_totals)

    def run() -> None:
        price_order(the_order, catalog=cat, price_list=prices, matrices=matrices, adjustments=table, at=AT)

    times = timeit.repeat(run, number=1, repeat=30)
    print(f"items={ITEMS} lines={len(result.lines)} alterations={applied} trace={len(result.trace)} "
          f"best={min(times) * 1e3:.2f} ms median={sorted(times)[len(times) // 2] * 1e3:.2f} ms (target < 50 ms)")


if __name__ == "__main__":
    main()
