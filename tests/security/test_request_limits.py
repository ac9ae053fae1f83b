"""Limits at the door (api.limits): bodies too large, too deep, with text or numbers no store can hold, or orders
with too many items or characteristics are refused with the limit named, before anything is parsed or stored;
orders within the limits go through."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from api.limits import Limits
from engine.store.models import CustomerOrder
from tests.rulepacks.telco_demo_driver import example

ORDERS = "/tmf-api/productOrderingManagement/v4/productOrder"
LIMITS = {"MAX_BODY_BYTES": 20_000, "JSON_MAX_DEPTH": 32, "JSON_MAX_STRING_LENGTH": 1_000, "MAX_ORDER_ITEMS": 3,
          "MAX_ITEM_CHARACTERISTICS": 4}


@pytest.fixture
def limited(database_url, clock, demo_pack):
    from api.app import create_app

    application = create_app({"TESTING": True, "DATABASE_URL": database_url, "AUTH_REQUIRED": False, **LIMITS},
                             clock=clock)
    yield application.test_client()
    application.extensions["ordo"].engine.dispose()


def stored(runtime) -> int:
    with runtime.reading() as session:
        return session.scalar(select(func.count()).select_from(CustomerOrder))


def detail(response) -> str:
    """The problem's text: ``detail`` of problem+json, ``message`` of a TMF Error (under /tmf-api)."""
    return response.json.get("detail") or response.json.get("message") or ""


def first_error(response) -> dict:
    return (response.json.get("errors") or response.json.get("details"))[0]


def post_text(client, text: str, path: str = ORDERS):
    return client.post(path, data=text.encode("utf-8", "surrogatepass"), content_type="application/json")


def item(n: int, characteristics: int = 1) -> dict:
    return {"id": str(n), "action": "add", "quantity": 1, "productOffering": {"id": "fibre-500"},
            "product": {"productCharacteristic": [{"name": f"c{k}", "value": "x"} for k in range(characteristics)]}}


def test_an_order_within_the_limits_goes_through(limited, runtime):
    assert limited.post(ORDERS, json=example("fibre-500")).status_code == 201
    assert stored(runtime) == 1


def test_a_body_over_the_size_limit_is_a_413_naming_it(limited, runtime):
    body = {**example("fibre-500"), "description": "x" * 900, "note": [{"text": "y" * 900}] * 30}
    response = limited.post(ORDERS, json=body)
    assert response.status_code == 413 and "MAX_BODY_BYTES" in detail(response)
    assert stored(runtime) == 0


@pytest.mark.parametrize("levels", [40, 990, 5000])
def test_deep_nesting_is_refused_before_it_is_parsed(limited, runtime, levels):
    text = json.dumps({**example("fibre-500"), "x": "PLACE"}).replace('"PLACE"', "[" * levels + "]" * levels)
    response = post_text(limited, text)
    assert response.status_code == 422 and "JSON_MAX_DEPTH" in detail(response)
    assert stored(runtime) == 0


def test_brackets_inside_strings_do_not_count_as_nesting(limited):
    body = {**example("fibre-500"), "description": "[[[[{{{{" * 20}
    assert limited.post(ORDERS, json=body).status_code == 201


def test_a_lone_surrogate_is_a_400_with_its_pointer(limited, runtime):
    text = json.dumps({**example("fibre-500"), "description": "PLACE"}).replace("PLACE", "\\ud800")
    response = post_text(limited, text)
    assert response.status_code == 400
    assert first_error(response)["pointer"] == "/description"
    assert stored(runtime) == 0


@pytest.mark.parametrize("quantity", [2**63, -(2**63) - 1, 10**30])
def test_an_integer_beyond_64_bits_is_a_422_with_its_pointer(limited, runtime, quantity):
    body = example("fibre-500")
    body["productOrderItem"][0]["quantity"] = quantity
    response = limited.post(ORDERS, json=body)
    assert response.status_code == 422
    assert first_error(response)["pointer"] == "/productOrderItem/0/quantity"
    assert stored(runtime) == 0


def test_every_value_over_a_limit_is_listed_at_once(limited):
    body = {**example("fibre-500"), "description": "x" * 1001}
    body["productOrderItem"][0]["quantity"] = 2**64
    response = limited.post(ORDERS, json=body)
    assert response.status_code == 422
    listed = {(e["pointer"], e["code"]) for e in (response.json.get("errors") or response.json["details"])}
    assert listed == {("/description", "too_long"), ("/productOrderItem/0/quantity", "out_of_range")}


def test_nan_and_infinity_are_refused(limited):
    text = json.dumps(example("fibre-500")).replace('"quantity": 1', '"quantity": NaN')
    response = post_text(limited, text)
    assert response.status_code == 400 and first_error(response)["code"] == "not_finite"


def test_a_string_over_the_length_limit_is_named(limited):
    response = limited.post(ORDERS, json={**example("fibre-500"), "description": "x" * 1001})
    assert response.status_code == 422 and "JSON_MAX_STRING_LENGTH" in detail(response)
    assert first_error(response)["pointer"] == "/description"


def test_too_many_items_or_characteristics_name_the_limit_on_tmf_and_native_routes(limited, runtime):
    many = {**example("fibre-500"), "productOrderItem": [item(n) for n in range(4)]}
    response = limited.post(ORDERS, json=many)
    assert response.status_code == 422 and first_error(response)["limit"] == "MAX_ORDER_ITEMS"
    crowded = {**example("fibre-500"), "productOrderItem": [item(1, characteristics=5)]}
    response = limited.post(ORDERS, json=crowded)
    assert response.status_code == 422
    assert first_error(response)["pointer"] == "/productOrderItem/0/product/productCharacteristic"
    native = limited.post("/api/v1/orders/quote", json={"items": [{"offering": "fibre-500"}] * 4})
    assert native.status_code == 422 and first_error(native)["limit"] == "MAX_ORDER_ITEMS"
    assert stored(runtime) == 0


def test_the_item_limit_is_for_orders_only(limited):
    """Other JSON bodies with an ``items`` array are not orders (the studio's artifacts, for one)."""
    response = limited.post("/api/v1/studio/validate", json={"kind": "price_list", "items": [1, 2, 3, 4, 5]})
    assert response.status_code != 422 or "MAX_ORDER_ITEMS" not in detail(response)


@pytest.mark.parametrize("setting", ["MAX_BODY_BYTES", "JSON_MAX_DEPTH", "MAX_ORDER_ITEMS"])
@pytest.mark.parametrize("value", [0, -1, "many"])
def test_a_limit_that_is_not_a_positive_integer_refuses_to_start(setting, value):
    with pytest.raises(ValueError, match=setting):
        Limits.from_config({setting: value})
