"""Capture: idempotency on externalId within a party."""
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order


def test_capture_is_idempotent_on_external_id_within_a_party(client, install_pack, worker):
    install_pack()
    first = client.post(BASE, json=fibre_order(externalId="crm-77")).json
    again = client.post(BASE, json=fibre_order(externalId="crm-77")).json
    other = client.post(BASE, json=fibre_order(externalId="crm-78")).json
    assert again["id"] == first["id"] and other["id"] != first["id"]
    assert client.get(BASE).headers["X-Total-Count"] == "2"
