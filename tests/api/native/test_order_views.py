"""The staff views of one order: the activity feed (audit entries of the order and its parts, newest first),
its revisions, and its orchestration (open fallout and SLA use per task); customers get 403."""
from __future__ import annotations

from datetime import timedelta

import pytest

from engine.store.models import OrderRevision
from tests.api.native.test_orders import DAY, get, orders, people  # noqa: F401

ORDERS = "/api/v1/orders"


@pytest.fixture
def history(runtime, orders):  # noqa: F811
    """o-1: captured, its task t-1 claimed then completed, revised once; o-3: one task claimed."""
    with runtime.unit_of_work(actor="bob") as uow:
        uow.audit("order.captured", "productOrder", "o-1", {"externalId": "ext-o-1"})
        uow.audit("task.claimed", "task", "t-1", {})
        uow.audit("task.claimed", "task", "t-3", {})
        uow.audit("task.completed", "task", "t-1", {"output": {"ok": True}})
        uow.session.add_all([OrderRevision(order_id="o-1", revision=1, payload={}, diff=None, actor="agent",
                                           created_at=DAY),
                             OrderRevision(order_id="o-1", revision=2, payload={}, actor="agent",
                                           diff=[{"op": "replace", "path": "/productOrderItem/0/quantity"}],
                                           created_at=DAY + timedelta(hours=1))])


def test_the_activity_feed_lists_the_orders_entries_newest_first(secure_client, history, people):  # noqa: F811
    feed = get(secure_client, people["agent"], f"{ORDERS}/o-1/activity")
    assert feed.status_code == 200, feed.json
    assert [(e["action"], e["entityId"]) for e in feed.json] == [
        ("task.completed", "t-1"), ("task.claimed", "t-1"), ("order.captured", "o-1")]
    assert feed.headers["X-Total-Count"] == "3" and feed.json[0]["actor"] == "bob"
    assert feed.json[0]["data"] == {"output": {"ok": True}}
    oldest = get(secure_client, people["agent"], f"{ORDERS}/o-1/activity", sort="id", limit=1)
    assert [e["action"] for e in oldest.json] == ["order.captured"]
    tasks_only = get(secure_client, people["agent"], f"{ORDERS}/o-1/activity", entityType="task",
                     action="task.claimed")
    assert [e["entityId"] for e in tasks_only.json] == ["t-1"]


def test_the_revisions_newest_first_with_their_diff(secure_client, history, people):  # noqa: F811
    revisions = get(secure_client, people["agent"], f"{ORDERS}/o-1/revisions")
    assert [r["revision"] for r in revisions.json] == [2, 1]
    assert revisions.json[0]["diff"] == [{"op": "replace", "path": "/productOrderItem/0/quantity"}]
    assert revisions.json[1]["diff"] is None and revisions.json[1]["actor"] == "agent"


def test_the_orchestration_names_each_tasks_open_fallout(secure_client, history, people):  # noqa: F811
    view = get(secure_client, people["agent"], f"{ORDERS}/o-3/orchestration")
    assert view.status_code == 200, view.json
    by_task = {t["taskId"]: t for t in view.json["tasks"]}
    assert by_task["t-3"]["openFallout"] == "f-1"
    assert view.json["orderId"] == "o-3"
    none = get(secure_client, people["agent"], f"{ORDERS}/o-1/orchestration").json
    assert all(t["openFallout"] is None for t in none["tasks"])


@pytest.mark.parametrize("view", ["activity", "revisions", "orchestration"])
def test_customers_get_403_and_unknown_orders_404(secure_client, history, people, view):  # noqa: F811
    assert get(secure_client, people["jane"], f"{ORDERS}/o-1/{view}").status_code == 403
    assert get(secure_client, people["agent"], f"{ORDERS}/nope/{view}").status_code == 404
    assert secure_client.get(f"{ORDERS}/o-1/{view}").status_code == 401
    assert get(secure_client, people["admin"], f"{ORDERS}/o-1/{view}").status_code == 200


def test_bad_activity_queries_are_400(secure_client, history, people):  # noqa: F811
    refused = get(secure_client, people["agent"], f"{ORDERS}/o-1/activity", sort="actor")
    assert refused.status_code == 400 and refused.json["errors"][0]["parameter"] == "sort"
