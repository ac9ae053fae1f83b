"""Native order changes (PATCH, cancel, withdraw) driven through the API with the demo pack: the same engine as the
TMF622 routes, optimistic locking on the native order view's ETag, and who may do what."""
from __future__ import annotations

from sqlalchemy import func, select

from engine.store.models import AuditEvent
from tests.rulepacks.telco_demo_driver import example

ORDER = "/api/v1/orders/{}"
PORT_IN = {"productOrderItem": [{"id": "2", "product": {"productCharacteristic": [
    {"name": "portInNumber", "value": "+493012345678"}]}}]}


def etag(client, order_id: str, headers: dict | None = None) -> str:
    response = client.get(ORDER.format(order_id), headers=headers)
    assert response.status_code == 200, response.json
    return response.headers["ETag"]


def audit_count(runtime) -> int:
    with runtime.reading() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent))


def test_a_revision_answers_its_impact_as_the_preview_said_and_the_new_etag(client, place, worker):
    order_id = place("sdwan-12-sites")
    patch = {"productOrderItem": [{"id": "1", "quantity": 10}]}
    preview = client.post(ORDER.format(order_id) + "/revision-preview", json=patch).json
    response = client.patch(ORDER.format(order_id), json=patch, headers={"If-Match": etag(client, order_id)})
    assert response.status_code == 200, response.json
    impact = response.json["revisionImpact"]
    assert {k: impact[k] for k in ("undo", "redo", "add", "refused", "priceDelta")} == {
        k: preview[k] for k in ("undo", "redo", "add", "refused", "priceDelta")}
    assert response.json["order"]["revision"] == 2
    assert response.headers["ETag"] == etag(client, order_id)
    worker.run_until_idle()


def test_a_patch_needs_the_current_etag_and_a_stale_one_changes_nothing(client, place, runtime):
    order_id = place("sdwan-12-sites")
    patch = {"productOrderItem": [{"id": "1", "quantity": 10}]}
    assert client.patch(ORDER.format(order_id), json=patch).status_code == 428
    before = audit_count(runtime)
    stale = client.patch(ORDER.format(order_id), json=patch, headers={"If-Match": '"0123"'})
    assert stale.status_code == 412 and "If-Match is stale" in stale.json["detail"]
    assert audit_count(runtime) == before
    assert client.get(ORDER.format(order_id)).json["revision"] == 1


def awaiting(order: dict) -> list[str]:
    return [d["ref"] for d in order["domainOrders"] if d["state"] == "awaitingInformation"]


def test_supplying_missing_information_releases_the_waiting_domain_order(client, place, worker):
    order_id = place("fibre-voip-port-in-number-missing")
    assert awaiting(client.get(ORDER.format(order_id)).json)
    response = client.patch(ORDER.format(order_id), json=PORT_IN, headers={"If-Match": etag(client, order_id)})
    assert response.status_code == 200, response.json
    assert response.json["revisionImpact"] is None
    worker.run_until_idle()
    assert awaiting(client.get(ORDER.format(order_id)).json) == []


def test_cancel_past_the_point_of_no_return_is_refused_with_the_reason_and_the_order_goes_on(client, place):
    order_id = place("fibre-voip-port-in")
    work_order = next(t for t in client.get(ORDER.format(order_id)).json["tasks"] if t["key"] == "install-south")
    assert client.post(f"/api/v1/tasks/{work_order['id']}/claim").status_code == 200
    response = client.post(ORDER.format(order_id) + "/cancel", json={"reason": "moving house"})
    assert response.status_code == 201, response.json
    assert response.json["state"] == "terminatedWithError"
    assert "passed the point of no return" in response.json["error"]
    assert response.json["orderState"] == "inProgress"
    assert client.get(ORDER.format(order_id)).json["state"] == "inProgress"


def test_cancel_before_the_point_of_no_return_cancels(client, place, worker):
    order_id = place("fibre-voip-port-in")
    response = client.post(ORDER.format(order_id) + "/cancel", json={})
    assert response.status_code == 201 and response.json["state"] == "inProgress"
    worker.run_until_idle()
    assert client.get(ORDER.format(order_id)).json["state"] == "cancelled"


def test_a_bad_cancellation_date_is_a_400_naming_the_field(client, place):
    order_id = place("fibre-voip-port-in")
    response = client.post(ORDER.format(order_id) + "/cancel", json={"requestedCancellationDate": "soon"})
    assert response.status_code == 400
    assert response.json["errors"][0]["pointer"] == "/requestedCancellationDate"


def test_withdraw_ends_an_order_not_yet_in_progress_and_refuses_one_in_flight(client, place):
    waiting = place("sdwan-500-sites")  # waits for an approver
    response = client.delete(ORDER.format(waiting), headers={"If-Match": etag(client, waiting)})
    assert response.status_code == 200 and response.json["state"] == "done"
    assert client.get(ORDER.format(waiting)).json["state"] == "cancelled"
    in_flight = place("fibre-voip-port-in")
    refused = client.delete(ORDER.format(in_flight), headers={"If-Match": etag(client, in_flight)})
    assert refused.status_code == 409


def test_who_may_change_an_order(secure_client, demo_pack, worker, make_user):
    agent, fulfiller = make_user("agent", "orderAgent"), make_user("fitter", "fulfillmentAgent")
    own, other = make_user("own", "customer", "cust-0042"), make_user("other", "customer", "cust-9999")
    placed = secure_client.post("/tmf-api/productOrderingManagement/v4/productOrder",
                                json=example("fibre-voip-port-in"), headers=agent.headers)
    assert placed.status_code == 201, placed.json
    order_id = placed.json["id"]
    worker.run_until_idle()
    patch = {"productOrderItem": [{"id": "1", "quantity": 1}]}
    tag = etag(secure_client, order_id, agent.headers)
    assert secure_client.patch(ORDER.format(order_id), json=patch,
                               headers={**fulfiller.headers, "If-Match": tag}).status_code == 403
    assert secure_client.post(ORDER.format(order_id) + "/cancel", json={}, headers=fulfiller.headers).status_code == 403
    assert secure_client.patch(ORDER.format(order_id), json=patch,
                               headers={**other.headers, "If-Match": tag}).status_code == 404
    assert secure_client.post(ORDER.format(order_id) + "/cancel", json={}, headers=other.headers).status_code == 404
    assert secure_client.delete(ORDER.format(order_id), headers={**other.headers, "If-Match": tag}).status_code == 404
    mine = secure_client.post(ORDER.format(order_id) + "/cancel", json={"reason": "no longer needed"},
                              headers=own.headers)
    assert mine.status_code == 201 and mine.json["state"] == "inProgress"
    assert secure_client.post(ORDER.format(order_id) + "/cancel", json={}).status_code == 401
