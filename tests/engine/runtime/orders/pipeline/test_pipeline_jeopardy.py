"""Jeopardy through the workspace API: a work order running out of its SLA, and the board."""
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order


def test_a_waiting_work_order_goes_from_low_to_critical_and_shows_on_the_board(client, install_pack, worker,
                                                                                clock):
    install_pack(lambda docs, bindings: bindings.pop("approval"))
    order_id = client.post(BASE, json=fibre_order(requestedCompletionDate="2026-01-20T00:00:00Z")).json["id"]
    worker.run_until_idle()
    assert client.get(f"/api/v1/orders/{order_id}/jeopardy").json["level"] is None
    clock.advance(days=3)  # the install work order has a 5-day SLA: 60 %
    view = client.get(f"/api/v1/orders/{order_id}/jeopardy").json
    assert view["level"] == "low" and view["tasks"][0]["percentOfSla"] == "60.0"
    clock.advance(days=3)  # past due
    board = client.get("/api/v1/jeopardy?level=high").json
    assert [row["orderId"] for row in board] == [order_id]
    assert board[0]["level"] == "critical"
    assert client.get("/api/v1/jeopardy?level=severe").status_code == 400


def test_a_prediction_past_the_committed_date_is_jeopardy_before_any_task_is_late(client, install_pack, worker):
    install_pack(lambda docs, bindings: bindings.pop("approval"))
    order_id = client.post(BASE, json=fibre_order(requestedCompletionDate="2026-01-02T00:00:00Z")).json["id"]
    worker.run_until_idle()
    view = client.get(f"/api/v1/orders/{order_id}/jeopardy").json
    assert view["level"] == "high" and view["lateBySeconds"] > 0
    assert view["predictedCompletion"] > "2026-01-03"
