"""Pieces of the in-flight revision that need no database: the price delta and the changed items."""
from engine.runtime.orders.revisions import _changed_items, price_delta


def total(price_type: str, value: str, period: str | None = None) -> dict:
    body = {"priceType": price_type, "price": {"dutyFreeAmount": {"unit": "EUR", "value": value}}}
    return {**body, "recurringChargePeriod": period} if period else body


def test_the_price_delta_is_exact_per_price_type_and_period_including_new_and_gone_ones():
    before = [total("oneTime", "19.90"), total("recurring", "44.90", "month")]
    after = [total("recurring", "44.80", "month"), total("usage", "0.09")]
    assert price_delta(before, after) == {"oneTime": "-19.90", "recurring:month": "-0.10", "usage": "0.09"}


def test_changed_items_are_those_whose_lines_differ_in_a_domain_order():
    old = [{"itemId": "1", "specification": "rfs-gpon-access", "quantity": 1},
           {"itemId": "2", "specification": "res-phone-number", "quantity": 1}]
    new = [{"itemId": "1", "specification": "rfs-gpon-access", "quantity": 1},
           {"itemId": "2", "specification": "res-phone-number", "quantity": 2},
           {"itemId": "3", "specification": "res-phone-number", "quantity": 1}]
    assert _changed_items(old, new) == {"2", "3"}
    assert _changed_items(old, old) == set()
