"""Our TMF622 representations validate against the official v4 ProductOrder schema, in every state we reach."""
import copy
import json
import re
from datetime import datetime

import pytest
from jsonschema import Draft4Validator, FormatChecker

from api.tmf.validation import SPECS
from tests.conftest import DEMO_PACK

BASE = "/tmf-api/productOrderingManagement/v4/productOrder"
DEFINITIONS = json.loads((SPECS / "TMF622-ProductOrder-v4.0.0.swagger.json").read_text())["definitions"]
FORMATS = FormatChecker()
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    if not RFC3339.fullmatch(value):
        raise ValueError(f"{value!r} is not an RFC 3339 date-time")
    datetime.fromisoformat(value.replace("Z", "+00:00"))
    return True


def validator(partial: bool = False) -> Draft4Validator:
    """ProductOrder; ``partial`` (a ``fields=`` selection): the attributes present must be valid, none is required."""
    definition = dict(DEFINITIONS["ProductOrder"])
    if partial:
        definition.pop("required", None)
    return Draft4Validator({**definition, "definitions": DEFINITIONS}, format_checker=FORMATS)


def violations(body: dict, partial: bool = False) -> list[str]:
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(partial).iter_errors(body)]


REFUSED_AT_CAPTURE = {"voip-without-fibre"}  # a 422, no order (tests/rulepacks/test_telco_demo_golden.py)


def examples() -> list[tuple[str, dict]]:
    """The demo pack's examples (but those refused at capture), plus the VoIP port-in without its donor operator (it waits in pending)."""
    found = [(path.stem, json.loads(path.read_text())) for path in sorted((DEMO_PACK / "examples").glob("*.json"))
             if path.stem not in REFUSED_AT_CAPTURE]
    no_donor = copy.deepcopy(dict(found)["fibre-voip-port-in"])
    no_donor["externalId"] += "-no-donor"
    voip = no_donor["productOrderItem"][1]["product"]
    voip["productCharacteristic"] = [c for c in voip["productCharacteristic"] if c["name"] != "donorOperator"]
    return [*found, ("fibre-voip-port-in-no-donor", no_donor)]


@pytest.fixture
def orders(client, demo_pack, worker):
    """Every example placed and run as far as the worker takes it unattended; {state: [ids]}."""
    for name, body in examples():
        response = client.post(BASE, json=body)
        assert response.status_code == 201, (name, response.json)
        assert not violations(response.json), (name, violations(response.json))
    worker.run_until_idle()
    by_state: dict[str, list[str]] = {}
    for order in client.get(BASE).json:
        by_state.setdefault(order["state"], []).append(order["id"])
    return by_state


def test_the_examples_reach_the_states_this_test_must_cover(orders):
    assert {"acknowledged", "completed", "rejected", "pending", "inProgress"} <= set(orders), sorted(orders)


def test_every_order_validates_in_the_list_and_by_id(client, orders):
    listed = client.get(BASE).json
    assert len(listed) == sum(map(len, orders.values()))
    problems = {order["id"]: violations(order) for order in listed}
    problems.update({f"{order_id} by id": violations(client.get(f"{BASE}/{order_id}").json)
                     for ids in orders.values() for order_id in ids})
    assert not {key: value for key, value in problems.items() if value}


@pytest.mark.parametrize("fields", ["state", "id,orderDate", "productOrderItem,note", "orderTotalPrice,relatedParty",
                                    "completionDate,externalId,category"])
def test_fields_selections_validate(client, orders, fields):
    for body in client.get(BASE, query_string={"fields": fields}).json:
        assert not violations(body, partial=True), violations(body, partial=True)
    some_id = orders["completed"][0]
    assert not violations(client.get(f"{BASE}/{some_id}", query_string={"fields": fields}).json, partial=True)


def test_the_validator_catches_what_the_spec_forbids():
    assert violations({"productOrderItem": [{"id": "1", "action": "add", "state": "done"}]})
    assert violations({"productOrderItem": [], "orderDate": "yesterday"})
    assert violations({"state": "draft"}, partial=True)
