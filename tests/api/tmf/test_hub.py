"""TMF622 hub: register, read and delete listeners; only http(s) callbacks; who may use it."""
import pytest

HUB = "/tmf-api/productOrderingManagement/v4/hub"
DELIVERIES = "/api/v1/events/deliveries"


@pytest.fixture(autouse=True)
def _example_hosts_allowed(monkeypatch):
    """The .example names below do not resolve; the SSRF guard (test_hub_ssrf.py) would refuse them."""
    monkeypatch.setenv("ORDO_HUB_ALLOWED_HOSTS", "crm.example,a.example,x.example,ok.example")


def test_register_read_and_delete_a_listener(client):
    created = client.post(HUB, json={"callback": "https://crm.example/events",
                                     "query": "eventType=ProductOrderStateChangeEvent"})
    assert created.status_code == 201, created.json
    body = created.json
    assert body["callback"] == "https://crm.example/events"
    assert body["query"] == "eventType=ProductOrderStateChangeEvent"
    assert len(body["secret"]) == 64 and body["id"]
    assert created.headers["Location"] == f"{HUB}/{body['id']}"
    read = client.get(f"{HUB}/{body['id']}")
    assert read.status_code == 200
    assert read.json == {"id": body["id"], "callback": body["callback"], "query": body["query"]}
    assert client.delete(f"{HUB}/{body['id']}").status_code == 204
    gone = client.get(f"{HUB}/{body['id']}")
    assert gone.status_code == 404 and gone.json["@type"] == "Error"
    assert client.delete(f"{HUB}/{body['id']}").status_code == 404


def test_each_listener_gets_its_own_secret(client):
    first = client.post(HUB, json={"callback": "http://a.example/"}).json
    second = client.post(HUB, json={"callback": "http://a.example/"}).json
    assert first["secret"] != second["secret"] and "query" not in first


@pytest.mark.parametrize("body", [
    {"callback": "ftp://files.example/in"}, {"callback": "not a url"}, {"callback": "https://"},
    {"callback": "javascript:alert(1)"}, {"callback": 42}, {}, {"query": "eventType=X"},
    {"callback": "https://ok.example/", "query": "no-equals-sign"}])
def test_a_bad_registration_is_a_400(client, body):
    response = client.post(HUB, json=body)
    assert response.status_code == 400, response.json
    assert response.json["@type"] == "Error"


def test_who_may_manage_listeners_and_read_deliveries(secure_client, make_user):
    integration, admin, auditor, agent, customer = (
        make_user("int", "integration"), make_user("admin", "processAdmin"), make_user("aud", "auditor"),
        make_user("agent", "orderAgent"), make_user("cust", "customer", "p-1"))
    for user in (integration, admin):
        created = secure_client.post(HUB, json={"callback": "https://x.example/"}, headers=user.headers)
        assert created.status_code == 201
        assert secure_client.get(f"{HUB}/{created.json['id']}", headers=user.headers).status_code == 200
        assert secure_client.get(DELIVERIES, headers=user.headers).status_code == 200
    for user in (auditor, agent, customer):
        assert secure_client.post(HUB, json={"callback": "https://x.example/"}, headers=user.headers
                                  ).status_code == 403
    assert secure_client.get(DELIVERIES, headers=auditor.headers).status_code == 200
    for user in (agent, customer):
        assert secure_client.get(DELIVERIES, headers=user.headers).status_code == 403
    assert secure_client.get(DELIVERIES).status_code == 401
    assert secure_client.post(HUB, json={"callback": "https://x.example/"}).status_code == 401
