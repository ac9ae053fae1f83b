"""Delivery re-checks the callback (DNS may have changed) and connects to the address it checked."""
from engine.runtime.jobs.handlers.events import post
from tests.engine.runtime.events.conftest import HUB, PUBLIC, no_approval
from tests.engine.runtime.events.test_delivery import CREATE_ONLY, DELIVERIES, place


def test_delivery_checks_again_and_never_calls_a_host_that_now_resolves_inward(
        client, dns, install_pack, worker, receiver):
    install_pack(no_approval)
    port = receiver.url.rsplit(":", 1)[1]
    dns["rebind.example"] = [PUBLIC]
    assert client.post(HUB, json={"callback": f"http://rebind.example:{port}/in", "query": CREATE_ONLY}
                       ).status_code == 201
    dns["rebind.example"] = ["127.0.0.1"]
    place(client)
    worker.run_until_idle()
    assert receiver.received == []
    [attempt] = client.get(DELIVERIES).json
    assert attempt["outcome"] == "retrying" and attempt["statusCode"] is None
    assert attempt["error"].startswith("refused:") and "loopback" in attempt["error"]


def test_delivery_connects_to_the_checked_address_not_a_second_lookup(receiver):
    port = receiver.url.rsplit(":", 1)[1]
    status = post(f"http://never-resolved.example:{port}/pinned?x=1", b"{}", {"Content-Type": "application/json"},
                  5, address="127.0.0.1")
    assert status == 200
    assert [r.path for r in receiver.received] == ["/pinned?x=1"]
    assert receiver.received[0].headers["Host"] == f"never-resolved.example:{port}"
