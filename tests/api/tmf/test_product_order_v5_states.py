"""TMF622 v5 state names on the v4 API: filters accept them (matching nothing), draft creation is refused clearly."""
import re

import pytest

from api.tmf.states import ITEM_STATES, ORDER_STATES, V5_ITEM_STATES, V5_ORDER_STATES
from engine.states import ProductOrderState
from tests.api.tmf.test_product_order import BASE, order_for
from tests.conftest import SHARED

V5_SPEC = (SHARED / "data" / "tmf" / "TMF622-ProductOrdering-v5.0.0.oas.yaml").read_text()


def v5_enum(schema: str) -> set[str]:
    """The values of a string enum schema of the v5 spec (read as text: no YAML dependency)."""
    block = re.search(rf"^    {schema}:\n      enum:\n((?:        - .+\n)+)", V5_SPEC, re.MULTILINE)
    return {line.strip()[2:] for line in block.group(1).splitlines()}


def test_the_accepted_names_are_exactly_v4_plus_what_v5_adds():
    assert ORDER_STATES == v5_enum("ProductOrderStateType")
    assert ITEM_STATES == v5_enum("ProductOrderItemStateType")
    assert set(V5_ORDER_STATES) | set(V5_ITEM_STATES) == {"draft", "inProgress.accepted", "partial"}
    assert not set(V5_ORDER_STATES) & set(ProductOrderState)  # Ordo never stores a v5-only order state
    assert v5_enum("InitialProductOrderStateType") == {"acknowledged", "draft"}


@pytest.fixture
def completed(client, demo_pack, worker):
    order = client.post(BASE, json=order_for("fibre-500")).json
    worker.run_until_idle()
    return order


@pytest.mark.parametrize("query", [{"state": "draft"}, {"state": "inProgress.accepted"},
                                   {"productOrderItem.state": "partial"}])
def test_a_v5_state_filter_is_accepted_and_matches_no_order(client, completed, query):
    response = client.get(BASE, query_string=query)
    assert response.status_code == 200 and response.json == []
    assert response.headers["X-Total-Count"] == "0"


def test_v4_state_filters_still_match(client, completed):
    assert [o["id"] for o in client.get(BASE, query_string={"state": "completed"}).json] == [completed["id"]]
    assert client.get(BASE, query_string={"productOrderItem.state": "completed"}).headers["X-Total-Count"] == "1"


@pytest.mark.parametrize("query", [{"state": "done"}, {"state": "Completed"}, {"state": "inprogress.accepted"},
                                   {"productOrderItem.state": "draft"}])
def test_a_state_no_version_knows_is_a_400_naming_the_parameter(client, completed, query):
    response = client.get(BASE, query_string=query)
    name = next(iter(query))
    assert response.status_code == 400 and f"{name}=" in response.json["message"]
    assert response.json["details"] == [{"pointer": f"query:{name}", "message": "unknown state"}]


def test_requested_initial_state_acknowledged_captures_as_usual(client, demo_pack):
    response = client.post(BASE, json=order_for("fibre-500", requestedInitialState="acknowledged"))
    assert response.status_code == 201 and response.json["state"] == "acknowledged"


def test_a_draft_order_is_a_422_that_says_what_to_send_and_stores_nothing(client, demo_pack):
    response = client.post(BASE, json=order_for("fibre-500", requestedInitialState="draft"))
    assert response.status_code == 422 and response.json["@type"] == "Error"
    assert "draft" in response.json["message"] and "acknowledged" in response.json["message"]
    assert response.json["details"][0]["pointer"] == "/requestedInitialState"
    bad = client.post(BASE, json=order_for("fibre-500", requestedInitialState="held"))
    assert bad.status_code == 400 and bad.json["details"][0]["pointer"] == "/requestedInitialState"
    assert client.get(BASE).headers["X-Total-Count"] == "0"
