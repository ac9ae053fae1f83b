"""Task actions through the workspace API, including the refused ones."""
import pytest

from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order


@pytest.fixture
def install_task(client, install_pack, worker):
    install_pack(lambda docs, bindings: bindings.pop("approval"))
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    worker.run_until_idle()
    task = client.get("/api/v1/tasks?group=field-north").json[0]
    return order_id, task


def test_reassign_and_notes_are_recorded(client, install_task):
    _, task = install_task
    moved = client.post(f"/api/v1/tasks/{task['id']}/reassign", json={"group": "field-south"})
    assert moved.status_code == 200 and moved.json["assignmentGroup"] == "field-south"
    assert client.get("/api/v1/tasks?group=field-north").json == []
    noted = client.post(f"/api/v1/tasks/{task['id']}/notes", json={"text": "customer prefers mornings"}).json
    assert noted["notes"][-1]["text"] == "customer prefers mornings"
    actions = [e["action"] for e in client.get(f"/api/v1/audit?entityId={task['id']}").json]
    assert {"task.reassigned", "task.noted"} <= set(actions)


def test_refused_task_actions(client, install_task):
    order_id, task = install_task
    auto = next(t for t in client.get(f"/api/v1/orders/{order_id}").json["tasks"] if t["type"] == "auto")
    assert client.post(f"/api/v1/tasks/{auto['id']}/complete", json={}).status_code == 409
    for action, body, pointer in (("reassign", {}, ""), ("notes", {"text": " "}, "/text"),
                                  ("complete", {"output": "done"}, "/output")):
        refused = client.post(f"/api/v1/tasks/{task['id']}/{action}", json=body)
        assert refused.status_code == 422 and refused.json["errors"][0]["pointer"] == pointer, action
    assert client.post(f"/api/v1/tasks/{task['id']}/complete", json={}).status_code == 200
    again = client.post(f"/api/v1/tasks/{task['id']}/complete", json={})
    assert again.status_code == 409 and again.mimetype == "application/problem+json"
    assert client.post("/api/v1/tasks/nope/claim").status_code == 404
    assert client.post("/api/v1/approvals/nope/approve").status_code == 404


def test_the_queue_lists_waiting_tasks_by_due_date(client, install_task):
    _, task = install_task
    queue = client.get("/api/v1/tasks")
    assert queue.headers["X-Total-Count"] == "1" and queue.json[0]["dueAt"] == "2026-01-06T09:00:00.000Z"
