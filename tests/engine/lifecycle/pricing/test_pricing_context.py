from decimal import Decimal

import pytest

from engine.lifecycle.items import item_characteristics
from engine.lifecycle.pricing.context import item_view
from engine.lifecycle.pricing.money import round_money


def test_characteristics_come_from_the_tmf622_list_over_an_existing_dict():
    item = {"characteristics": {"colour": "red", "bandwidth": 100},
            "product": {"productCharacteristic": [{"name": "bandwidth", "value": 500}, {"value": "no name"}]}}
    assert item_characteristics(item) == {"colour": "red", "bandwidth": 500}


def test_item_view_fills_catalog_defaults_without_touching_the_item(catalog):
    item = {"id": "1", "productOffering": {"id": "fibre"}}
    view = item_view(item, catalog)
    assert view["characteristics"] == {"bandwidth": 100}
    assert "characteristics" not in item
    given = item_view({**item, "product": {"productCharacteristic": [{"name": "bandwidth", "value": 500}]}}, catalog)
    assert given["characteristics"] == {"bandwidth": 500}


@pytest.mark.parametrize(("amount", "currency", "rounded"), [
    ("2.345", "EUR", "2.35"), ("2.355", "EUR", "2.36"), ("-2.345", "EUR", "-2.35"), ("2.5", "JPY", "3"),
    ("1.2345", "KWD", "1.235"), ("7", "EUR", "7.00")])
def test_round_money_is_half_up_to_the_minor_unit(amount, currency, rounded):
    assert str(round_money(Decimal(amount), currency)) == rounded
