"""POST productOrder with an Idempotency-Key, and externalId idempotency: one order per key, also under races."""
import json
import threading

import pytest

from tests.api.tmf.test_product_order import BASE, order_for
from tests.rulepacks.telco_demo_driver import example, if_match

KEY = {"Idempotency-Key": "7b1f6c1e-1d5a-4c55-9a53-0d6f6b2f0a11"}


def _without_party(**extra):
    return {key: value for key, value in order_for("fibre-500", **extra).items() if key != "relatedParty"}


def _total(client, headers=None) -> int:
    return int(client.get(BASE, headers=headers or {}).headers["X-Total-Count"])


def test_a_repeat_with_the_same_key_answers_the_first_order_and_captures_nothing(client, demo_pack, worker):
    first = client.post(BASE, json=order_for("fibre-500"), headers=KEY)
    assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
    worker.run_until_idle()
    again = client.post(BASE, json=order_for("fibre-500"), headers=KEY)
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.headers["Location"] == first.headers["Location"]
    assert again.json == client.get(f"{BASE}/{first.json['id']}").json
    assert again.json["state"] == "completed"
    assert _total(client) == 1


def test_the_body_is_compared_as_json_not_as_text(client, demo_pack):
    body = order_for("fibre-500")
    first = client.post(BASE, json=body, headers=KEY).json
    reordered = dict(reversed(list(body.items())))
    again = client.post(BASE, data=json.dumps(reordered, indent=2), content_type="application/json",
                        headers=KEY)
    assert again.status_code == 201 and again.json["id"] == first["id"]


def test_the_same_key_with_another_body_is_a_422_that_says_so(client, demo_pack):
    first = client.post(BASE, json=order_for("fibre-500"), headers=KEY).json
    other = client.post(BASE, json=order_for("fibre-500", description="something else"), headers=KEY)
    assert other.status_code == 422 and other.json["@type"] == "Error"
    assert "Idempotency-Key" in other.json["message"] and first["id"] in other.json["message"]
    assert other.json["details"][0]["pointer"] == "header:Idempotency-Key"
    assert _total(client) == 1


def test_without_a_key_or_with_another_key_each_post_is_a_new_order(client, demo_pack):
    client.post(BASE, json=order_for("fibre-500"))
    client.post(BASE, json=order_for("fibre-500"))
    client.post(BASE, json=order_for("fibre-500"), headers={"Idempotency-Key": "a"})
    client.post(BASE, json=order_for("fibre-500"), headers={"Idempotency-Key": "b"})
    assert _total(client) == 4


@pytest.mark.parametrize("key", ["", "   ", "x" * 256, "née", "two words"])
def test_a_malformed_key_is_a_400_and_captures_nothing(client, demo_pack, key):
    response = client.post(BASE, json=order_for("fibre-500"), headers={"Idempotency-Key": key})
    assert response.status_code == 400 and "Idempotency-Key" in response.json["message"]
    assert _total(client) == 0


def test_an_invalid_body_is_refused_before_the_key_is_used(client, demo_pack):
    assert client.post(BASE, json={"description": "no items"}, headers=KEY).status_code == 400
    assert client.post(BASE, json=order_for("fibre-500"), headers=KEY).status_code == 201


def test_keys_are_scoped_per_customer_party_and_per_other_caller(secure_client, demo_pack, make_user):
    alice, bob = make_user("alice", "customer", "p-a"), make_user("bob", "customer", "p-b")
    alice2 = make_user("alice2", "customer", "p-a")
    agent, integration = make_user("agent", "orderAgent"), make_user("int", "integration")
    ids = {}
    for user in (alice, bob, agent, integration):
        response = secure_client.post(BASE, json=_without_party(), headers={**user.headers, **KEY})
        assert response.status_code == 201 and "Idempotent-Replayed" not in response.headers
        ids[user.username] = response.json["id"]
    assert len(set(ids.values())) == 4
    same_party = secure_client.post(BASE, json=_without_party(), headers={**alice2.headers, **KEY})
    assert same_party.headers["Idempotent-Replayed"] == "true" and same_party.json["id"] == ids["alice"]
    # bob's retry never reveals alice's order
    retry = secure_client.post(BASE, json=_without_party(), headers={**bob.headers, **KEY})
    assert retry.json["id"] == ids["bob"]
    assert _total(secure_client, bob.headers) == 1


def _race(app, bodies_and_headers) -> list:
    """POST concurrently (one test client per thread, released together); the responses."""
    barrier = threading.Barrier(len(bodies_and_headers))
    responses = [None] * len(bodies_and_headers)

    def post(index, body, headers):
        client = app.test_client()
        barrier.wait()
        responses[index] = client.post(BASE, json=body, headers=headers)

    threads = [threading.Thread(target=post, args=(n, body, headers))
               for n, (body, headers) in enumerate(bodies_and_headers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return responses


def test_simultaneous_posts_with_one_key_make_one_order(app, client, demo_pack):
    responses = _race(app, [(order_for("fibre-500"), KEY)] * 6)
    assert [r.status_code for r in responses] == [201] * 6, [r.json for r in responses]
    assert len({r.json["id"] for r in responses}) == 1
    assert sum("Idempotent-Replayed" not in r.headers for r in responses) == 1
    assert _total(client) == 1


@pytest.mark.parametrize("with_party", [True, False])
def test_simultaneous_posts_with_one_external_id_make_one_order(app, client, demo_pack, with_party):
    body = order_for("fibre-500", externalId="race-1") if with_party else _without_party(externalId="race-1")
    responses = _race(app, [(body, {})] * 6)
    assert [r.status_code for r in responses] == [201] * 6, [r.json for r in responses]
    assert len({r.json["id"] for r in responses}) == 1
    assert sum("Idempotent-Replayed" not in r.headers for r in responses) == 1
    assert _total(client) == 1


@pytest.mark.parametrize("key", [None, "same-key"])
def test_simultaneous_posts_with_one_external_id_and_two_bodies_make_one_order_and_refuse_the_other_body(
        app, client, demo_pack, key):
    bodies = [order_for("fibre-500", externalId="race-2"),
              order_for("fibre-500", externalId="race-2", description="another order")]
    headers = {"Idempotency-Key": key} if key else {}
    responses = _race(app, [(bodies[n % 2], headers) for n in range(6)])
    created = [r for r in responses if r.status_code == 201]
    refused = [r for r in responses if r.status_code == 422]
    assert len(created) == len(refused) == 3, [(r.status_code, r.json) for r in responses]
    winner = created[0].json["id"]
    assert {r.json["id"] for r in created} == {winner} and _total(client) == 1
    assert sum("Idempotent-Replayed" not in r.headers for r in created) == 1
    assert all(winner in r.json["message"] for r in refused)


def test_the_same_external_id_and_body_replays_the_order_with_the_replay_header(client, demo_pack, worker):
    first = client.post(BASE, json=order_for("fibre-500", externalId="crm-1"))
    assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
    worker.run_until_idle()
    again = client.post(BASE, json=order_for("fibre-500", externalId="crm-1"))
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.headers["Location"] == first.headers["Location"]
    assert again.json == client.get(f"{BASE}/{first.json['id']}").json and again.json["state"] == "completed"
    assert _total(client) == 1


def test_the_same_external_id_with_another_body_is_a_422_naming_the_order(client, demo_pack):
    first = client.post(BASE, json=order_for("fibre-500", externalId="crm-2")).json
    other = client.post(BASE, json=order_for("fibre-1g", externalId="crm-2"))
    assert other.status_code == 422 and other.json["@type"] == "Error"
    assert "externalId 'crm-2'" in other.json["message"] and first["id"] in other.json["message"]
    assert [(d["pointer"], d["code"]) for d in other.json["details"]] == [("/externalId", "external_id_reused")]
    assert _total(client) == 1


def test_a_rejected_order_is_replayed_but_never_answers_another_body(client, demo_pack, worker):
    unknown = order_for("fibre-500", externalId="crm-3")
    unknown["productOrderItem"][0]["productOffering"] = {"id": "fibre-10g"}
    first = client.post(BASE, json=unknown).json
    worker.run_until_idle()
    again = client.post(BASE, json=unknown)
    assert again.headers["Idempotent-Replayed"] == "true" and again.json["state"] == "rejected"
    fixed = client.post(BASE, json=order_for("fibre-500", externalId="crm-3"))
    assert fixed.status_code == 422 and first["id"] in fixed.json["message"]
    assert "rejected" in fixed.json["message"]


def test_a_revised_order_still_replays_the_request_that_captured_it(client, demo_pack, worker):
    body = example("fibre-voip-port-in-number-missing")
    first = client.post(BASE, json=body).json
    worker.run_until_idle()
    patched = client.patch(f"{BASE}/{first['id']}", headers=if_match(client, first['id']),
                           json={"productOrderItem": [{"id": "2", "product": {
        "productCharacteristic": [{"name": "portInNumber", "value": "+493012345678"}]}}]})
    assert patched.status_code == 200, patched.json
    again = client.post(BASE, json=body)
    assert again.json["id"] == first["id"] and again.headers["Idempotent-Replayed"] == "true"
    assert again.json == client.get(f"{BASE}/{first['id']}").json  # the order as revised


def test_a_new_key_for_an_external_id_already_captured_replays_it_and_the_key_then_too(client, demo_pack):
    first = client.post(BASE, json=order_for("fibre-500", externalId="crm-5")).json
    with_key = client.post(BASE, json=order_for("fibre-500", externalId="crm-5"), headers=KEY)
    assert with_key.json["id"] == first["id"] and with_key.headers["Idempotent-Replayed"] == "true"
    assert client.post(BASE, json=order_for("fibre-1g", externalId="crm-5"), headers={"Idempotency-Key": "k2"}
                       ).status_code == 422
    assert _total(client) == 1


def test_the_same_external_id_for_another_party_is_another_order(client, demo_pack, make_user):
    make_user("jane", "customer", "cust-0042")  # the example's customer party now exists
    mine = client.post(BASE, json=_without_party(externalId="x-1")).json
    again = client.post(BASE, json=_without_party(externalId="x-1")).json
    assert again["id"] == mine["id"]
    with_party = client.post(BASE, json=order_for("fibre-500", externalId="x-1")).json
    assert with_party["id"] != mine["id"]
