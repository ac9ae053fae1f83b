"""The timeline and the jeopardy board of orders with compensation (undo) and replacement (redo) work,
and of orders waiting on a timer, driven through the API with the demo pack."""
from __future__ import annotations

from datetime import datetime, timedelta

from engine.store.models import Task
from tests.rulepacks.telco_demo_driver import BASE, if_match

CANCEL = "/tmf-api/productOrderingManagement/v4/cancelProductOrder"


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def revised(client, place, worker) -> str:
    """An SD-WAN order whose site count changed in flight: work undone, and replaced by new work."""
    order_id = place("sdwan-12-sites")
    response = client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id),
                            json={"productOrderItem": [{"id": "1", "quantity": 10}]})
    assert response.status_code == 200, response.json
    worker.run_until_idle()
    return order_id


def test_the_timeline_of_a_revised_order_places_undo_after_the_work_and_redo_after_the_undo(client, place,
                                                                                            worker):
    order_id = revised(client, place, worker)
    response = client.get(f"/api/v1/orders/{order_id}/timeline")
    assert response.status_code == 200, response.json
    tasks = response.json["tasks"]
    by_id = {t["id"]: t for t in tasks}
    undo = {t["key"]: t for t in tasks if t["key"].startswith("undo:")}
    assert set(undo) == {"undo:reserve", "undo:allocate", "undo:configure-olt", "undo:activate"}
    for key, task in undo.items():
        undone = next(t for t in tasks if t["key"] == key.removeprefix("undo:") and t["domainOrder"] ==
                      task["domainOrder"] and t["state"] == "completed")
        assert task["compensates"] == undone["key"] and undone["compensates"] is None
        assert undone["id"] in task["dependsOn"]  # compensation runs after the work it undoes
        assert moment(task["plannedStart"]) >= moment(undone["plannedEnd"])
        assert all(moment(task["plannedStart"]) >= moment(by_id[p]["plannedEnd"]) for p in task["dependsOn"])
    # reverse dependency order: the fibre built on the resources is undone before they are released
    assert undo["undo:activate"]["id"] in undo["undo:configure-olt"]["dependsOn"]
    assert undo["undo:allocate"]["id"] in undo["undo:reserve"]["dependsOn"]
    assert undo["undo:configure-olt"]["id"] in undo["undo:reserve"]["dependsOn"]
    # the redone work of a replaced domain order starts after the undo of the one it replaces
    redo = {t["key"]: t for t in tasks if t["key"] in ("reserve", "configure-olt") and t["id"] not in
            {p for u in undo.values() for p in u["dependsOn"]}}
    assert {undo["undo:reserve"]["id"], undo["undo:allocate"]["id"]} <= set(redo["reserve"]["dependsOn"])
    assert {undo["undo:activate"]["id"], undo["undo:configure-olt"]["id"]} <= set(redo["configure-olt"]["dependsOn"])
    assert response.json["criticalPath"] and all(i in by_id for i in response.json["criticalPath"])


def test_jeopardy_board_and_scan_survive_an_order_with_compensations(client, place, worker, clock):
    revised_id = revised(client, place, worker)
    cancelled_id = place("fibre-cancel-after-install")
    other_id = place("fibre-voip-port-in")
    response = client.post(CANCEL, json={"productOrder": {"id": cancelled_id, "@referredType": "ProductOrder"},
                                         "cancellationReason": "moving abroad"})
    assert response.status_code == 201, response.json
    worker.run_until_idle()
    for order_id in (revised_id, cancelled_id, other_id):
        assert client.get(f"/api/v1/orders/{order_id}/timeline").status_code == 200
        assert client.get(f"/api/v1/orders/{order_id}/jeopardy").status_code == 200
    assert client.get("/api/v1/jeopardy").status_code == 200
    worker.schedule_periodic()
    clock.advance(days=30)
    worker.run_until_idle()
    alerts = client.get(f"/api/v1/jeopardy/alerts?orderId={other_id}")
    assert int(alerts.headers["X-Total-Count"]) >= 1  # the scan went on to the other orders
    board = client.get("/api/v1/jeopardy").json
    assert other_id in {row["orderId"] for row in board}


def test_the_prediction_and_the_timeline_include_the_donor_wait_as_stored_on_the_task(client, place, worker,
                                                                                       runtime, clock):
    order_id = place("fibre-voip-port-in")
    visit = next(t for t in client.get("/api/v1/tasks?group=field-south").json if t["orderId"] == order_id)
    assert client.post(f"/api/v1/tasks/{visit['id']}/claim").status_code == 200
    assert client.post(f"/api/v1/tasks/{visit['id']}/complete", json={"output": {}}).status_code == 200
    worker.run_until_idle()
    timeline = client.get(f"/api/v1/orders/{order_id}/timeline").json
    wait = next(t for t in timeline["tasks"] if t["key"] == "await-donor")
    assert wait["state"] == "waiting" and wait["critical"]
    wake = clock.now() + timedelta(days=1)
    assert moment(wait["plannedEnd"]) == wake
    after = timedelta(minutes=15 + 5 + 1)  # cut-over, then billing and activation of the product
    assert moment(timeline["plannedEnd"]) == wake + after
    assert moment(client.get(f"/api/v1/orders/{order_id}/jeopardy").json["predictedCompletion"]) == wake + after
    with runtime.unit_of_work(actor="test") as uow:  # the wait ended early: its wake time is now
        uow.session.get(Task, wait["id"]).due_at = clock.now()
    predicted = client.get(f"/api/v1/orders/{order_id}/jeopardy").json["predictedCompletion"]
    assert moment(predicted) == clock.now() + after
    assert moment(client.get(f"/api/v1/orders/{order_id}/timeline").json["plannedEnd"]) == clock.now() + after


def test_a_dependency_cycle_in_stored_tasks_is_a_409_naming_it_not_a_500(client, place, worker, runtime):
    order_id = place("fibre-voip-port-in")  # in progress: the technician's work order waits
    with runtime.unit_of_work(actor="test") as uow:  # corrupt the stored plan: two tasks wait for each other
        tasks = uow.session.query(Task).filter(Task.order_id == order_id).order_by(Task.created_at, Task.id).all()
        first = tasks[0]
        second = next(t for t in tasks[1:] if t.domain_order_id == first.domain_order_id)
        first.depends_on, second.depends_on = [second.key], [first.key]
    response = client.get(f"/api/v1/orders/{order_id}/timeline")
    assert response.status_code == 409
    assert "dependency cycle through task" in response.json["detail"] and order_id in response.json["detail"]
    assert client.get(f"/api/v1/orders/{order_id}/jeopardy").status_code == 409
    board = client.get("/api/v1/jeopardy")
    assert board.status_code == 200 and board.headers["X-Unassessed-Count"] == "1"
    [unassessed] = client.get("/api/v1/jeopardy/unassessed").json
    assert unassessed["orderId"] == order_id and "cycle" in unassessed["error"]


def test_the_gantt_gets_summary_rows_markers_jeopardy_and_the_completion_dates(client, place, worker):
    order_id = revised(client, place, worker)
    timeline = client.get(f"/api/v1/orders/{order_id}/timeline").json
    rows = {d["id"]: d for d in timeline["domainOrders"]}
    assert all(t["domainOrderId"] in rows and rows[t["domainOrderId"]]["ref"] == t["domainOrder"]
               for t in timeline["tasks"])
    undo = [t for t in timeline["tasks"] if t["marker"] == "undo"]
    assert undo and all(t["compensates"] for t in undo)
    redo = [t for t in timeline["tasks"] if t["marker"] == "redo"]
    assert redo and all(rows[t["domainOrderId"]]["replaces"] for t in redo)
    for row in rows.values():
        own = [t for t in timeline["tasks"] if t["domainOrderId"] == row["id"]]
        if own:
            assert row["plannedStart"] == min(t["plannedStart"] for t in own)
    assert all(t["name"] and t["type"] for t in timeline["tasks"])
    assert timeline["orderState"] and timeline["predictedCompletion"]
    assert set(timeline) >= {"requestedCompletion", "lateBySeconds", "jeopardy"}
