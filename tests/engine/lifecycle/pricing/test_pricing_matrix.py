from decimal import Decimal

import pytest

from engine.kinds import Provenance
from engine.lifecycle.pricing import Charge

MONTH = Charge("recurring", "month")


@pytest.fixture
def matrix(kit):
    cells = [{"key": [bw, term, region], "amount": str(amount)}
             for (bw, term, region), amount in {
                 (100, 12, "north"): 30, (100, 12, "south"): 32, (100, 24, "north"): 27, (100, 24, "south"): 29,
                 (500, 12, "north"): 45, (500, 12, "south"): 47, (500, 24, "north"): 40}.items()]
    cells.append({"id": "big-south-long", "key": [500, 24, "south"], "amount": "42.50"})
    return kit.compile("pricing_matrix", "prices.fibre-matrix", {
        "productOfferings": ["fibre"], "currency": "EUR", "priceType": "recurring", "recurringChargePeriod": "month",
        "dimensions": [
            {"name": "bandwidth", "type": "number", "path": "item.characteristics.bandwidth", "values": [100, 500]},
            {"name": "term", "type": "number", "path": "order.term", "values": [12, 24]},
            {"name": "region", "expression": {"if": [{"in": [{"var": "order.postcode"}, ["N1", "N2"]]}, "north", "south"]},
             "values": ["north", "south"]}],
        "cells": cells, "requireComplete": True}, version=3)


@pytest.fixture
def prices(kit):
    return kit.price_list(kit.row("list-mrc", "fibre", "60", "recurring"), kit.row("install", "fibre", "99"),
                          kit.row("router-mrc", "router", "5", "recurring"))


@pytest.mark.parametrize(("bandwidth", "term", "postcode", "row", "amount"), [
    (100, 12, "N1", "c1", "30"), (500, 24, "S9", "big-south-long", "42.50"), (500, 12, "N2", "c5", "45"),
    ("100", 24, "S1", "c4", "29")])
def test_matrix_lookup_by_bandwidth_term_and_region(kit, matrix, prices, bandwidth, term, postcode, row, amount):
    the_order = kit.order(kit.item("1", "fibre", quantity=2, bandwidth=bandwidth), term=term, postcode=postcode)
    result = kit.price(the_order, prices, matrices=[matrix])
    line = next(line for line in result.lines if line.charge == MONTH)
    assert line.source == Provenance("prices.fibre-matrix", 3, row)
    assert (line.unit_amount, line.amount) == (Decimal(amount), Decimal(amount) * 2)


def test_matrix_replaces_the_list_line_of_its_charge_only(kit, matrix, prices):
    the_order = kit.order(kit.item("1", "fibre", bandwidth=500), kit.item("2", "router"), term=24, postcode="S1")
    result = kit.price(the_order, prices, matrices=[matrix])
    assert [(line.item_id, line.source.row, line.amount) for line in result.lines] == [
        ("1", "install", Decimal("99")), ("1", "big-south-long", Decimal("42.50")), ("2", "router-mrc", Decimal("5"))]
    replaced = [e for e in result.trace if e.rule == "list-mrc"]
    assert replaced[0].decision == {"outcome": "skipped", "reason": "replaced by matrix cell 'big-south-long'"}
    priced = next(e for e in result.trace if e.rule == "big-south-long")
    assert priced.inputs["dimensions"] == {"bandwidth": 500, "term": 24, "region": "south"}
    assert priced.decision["replaces"] == ["list-mrc"]


def test_no_matrix_cell_keeps_the_list_price_and_says_why(kit, matrix, prices):
    the_order = kit.order(kit.item("1", "fibre", bandwidth=1000), term=12, postcode="N1")
    result = kit.price(the_order, prices, matrices=[matrix])
    assert [line.source.row for line in result.lines] == ["list-mrc", "install"]
    miss = next(e for e in result.trace if e.artifact == "prices.fibre-matrix")
    assert miss.decision == {"outcome": "skipped", "reason": "no cell for these values and no default"}


def test_matrix_default_prices_values_without_a_cell(kit, prices):
    matrix = kit.compile("pricing_matrix", "prices.m", {
        "productOfferings": ["fibre"], "currency": "EUR", "priceType": "oneTime",
        "dimensions": [{"name": "bandwidth", "type": "number", "path": "item.characteristics.bandwidth",
                        "values": [100]}],
        "cells": [{"key": [100], "amount": "10"}], "default": "250"})
    result = kit.price(kit.order(kit.item("1", "fibre", bandwidth=500)), prices, matrices=[matrix])
    assert [(line.source.row, line.amount) for line in result.lines] == [("list-mrc", Decimal("60")),
                                                                         ("default", Decimal("250"))]


def test_first_matrix_in_binding_order_wins(kit, prices):
    def flat(key, amount):
        return kit.compile("pricing_matrix", key, {
            "productOfferings": ["fibre"], "currency": "EUR", "priceType": "recurring", "recurringChargePeriod": "month",
            "dimensions": [{"name": "any", "path": "order.id", "values": ["o1"]}],
            "cells": [{"key": ["o1"], "amount": amount}]})
    result = kit.price(kit.order(kit.item("1", "fibre")), prices, matrices=[flat("m.a", "11"), flat("m.b", "22")])
    assert [(line.source.artifact, line.amount) for line in result.lines if line.charge == MONTH] == [
        ("m.a", Decimal("11"))]


def test_matrix_in_another_currency_is_reported_and_does_not_replace(kit, prices):
    matrix = kit.compile("pricing_matrix", "prices.usd", {
        "productOfferings": ["fibre"], "currency": "USD", "priceType": "recurring", "recurringChargePeriod": "month",
        "dimensions": [{"name": "any", "path": "order.id", "values": ["o1"]}],
        "cells": [{"id": "usd", "key": ["o1"], "amount": "9"}]})
    result = kit.price(kit.order(kit.item("1", "fibre")), prices, matrices=[matrix])
    assert [(p.item_id, p.code) for p in result.problems] == [("1", "currency_mismatch")]
    assert [line.source.row for line in result.lines] == ["list-mrc", "install"]


def test_matrix_alone_prices_an_offering_missing_from_the_list(kit, matrix):
    prices = kit.price_list(kit.row("router-mrc", "router", "5", "recurring"))
    result = kit.price(kit.order(kit.item("1", "fibre", bandwidth=100), term=12, postcode="N1"), prices,
                       matrices=[matrix])
    assert result.problems == []
    assert result.total("recurring", "month") == Decimal("30")
