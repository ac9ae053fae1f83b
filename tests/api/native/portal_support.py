"""What the portal, notes and issues tests share: people of two parties and the order desk, and demo-pack orders
placed by the customer (TMF622 POST, the worker run until idle)."""
from __future__ import annotations

import pytest

from tests.rulepacks.telco_demo_driver import BASE, example

PARTY = "cust-0042"  # the demo examples' customer party


@pytest.fixture
def people(make_user):
    return {"jane": make_user("jane", "customer", PARTY), "bob": make_user("bob", "customer", "cust-0099"),
            "agent": make_user("agent", "orderAgent"), "boss": make_user("boss", "orderManager"),
            "fitter": make_user("fitter", "fulfillmentAgent"), "approver": make_user("approver", "orderApprover")}


@pytest.fixture
def placed(secure_client, demo_pack, worker, people, clock):
    """``placed(example, who="jane", **changes) -> order id``: a demo example ordered by ``who``, a minute after
    the one before."""
    counter = iter(range(1000))

    def place(name: str = "fibre-500", who: str = "jane", **changes) -> str:
        body = {**example(name), "externalId": f"{name}-{next(counter)}", **changes}
        if who == "bob":
            body["relatedParty"] = [{"id": "cust-0099", "role": "customer", "@referredType": "Individual"}]
        response = secure_client.post(BASE, json=body, headers=people[who].headers)
        assert response.status_code == 201, response.json
        worker.run_until_idle()
        clock.advance(minutes=1)
        return response.json["id"]
    return place


def call(client, person, method: str, url: str, **kwargs):
    return client.open(url, method=method, headers=person.headers, **kwargs)
