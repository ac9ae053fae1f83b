"""The task queue as a list (paging, sorts, declared filters), one task with its ETag, task actions answering
the task (If-Match honoured), and the bodies of task actions refused with what and where."""
import pytest
from sqlalchemy import func, select

from engine.store.models import Task
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order

TASKS = "/api/v1/tasks"
TASK_VIEW = {"id", "orderId", "domainOrderId", "key", "name", "type", "state", "handler", "assignmentGroup",
             "assignee", "attempt", "pointOfNoReturn", "compensates", "role", "workType", "sla", "duration",
             "dependsOn", "waitsFor", "params", "output", "notes", "readyAt", "dueAt", "startedAt", "completedAt",
             "domainOrderRef", "fulfilmentSystem", "outputSchema"}
QUEUE_ROW = TASK_VIEW | {"orderExternalId", "slaPercent", "jeopardy"}


@pytest.fixture
def order_id(client, install_pack, worker):
    install_pack(lambda docs, bindings: bindings.pop("approval"))
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    worker.run_until_idle()
    return order_id


@pytest.fixture
def install(client, order_id):
    [task] = client.get(f"{TASKS}?group=field-north").json
    return task


def count(runtime, **where) -> int:
    with runtime.reading() as session:
        return session.scalar(select(func.count()).select_from(Task).filter_by(**where))


def test_the_queue_is_a_list_of_task_views_with_counts(client, install):
    queue = client.get(TASKS)
    assert queue.status_code == 200 and queue.headers["X-Total-Count"] == "1"
    assert [set(t) for t in queue.json] == [QUEUE_ROW]
    assert queue.json[0]["state"] == "waiting" and queue.json[0]["type"] == "workOrder"


def test_filters_sort_and_paging(client, order_id, runtime):
    pending = client.get(TASKS, query_string={"state": "pending", "orderId": order_id, "sort": "id", "limit": 2})
    total = count(runtime, state="pending", order_id=order_id)
    assert total > 2 and pending.headers["X-Total-Count"] == str(total)
    assert pending.headers["X-Result-Count"] == "2" and all(t["state"] == "pending" for t in pending.json)
    everything = client.get(TASKS, query_string={"state": "pending", "sort": "-id", "limit": 1000}).json
    assert [t["id"] for t in everything] == sorted((t["id"] for t in everything), reverse=True)
    assert [t["id"] for t in pending.json] == sorted(t["id"] for t in everything)[:2]
    assert client.get(TASKS, query_string={"state": "pending", "offset": 2, "sort": "id"}).json[0]["id"] == \
        sorted(t["id"] for t in everything)[2]
    assert client.get(TASKS, query_string={"type": "auto", "group": "field-north"}).headers["X-Total-Count"] == "0"
    for bad in ({"sort": "name"}, {"colour": "red"}, {"limit": "1001"}, {"offset": "-1"}):
        refused = client.get(TASKS, query_string=bad)
        assert refused.status_code == 400 and refused.json["errors"][0]["parameter"] == next(iter(bad)), bad


def test_a_task_has_an_etag_and_actions_answer_the_task_honouring_if_match(client, install):
    url = f"{TASKS}/{install['id']}"
    read = client.get(url)
    assert read.status_code == 200 and read.json == {k: install[k] for k in TASK_VIEW} and read.headers["ETag"]
    assert client.get(url, headers={"If-None-Match": read.headers["ETag"]}).status_code == 304
    noted = client.post(f"{url}/notes", json={"text": "call first"}, headers={"If-Match": read.headers["ETag"]})
    assert noted.status_code == 200 and noted.json["notes"][-1]["text"] == "call first"
    assert noted.headers["ETag"] == client.get(url).headers["ETag"] != read.headers["ETag"]
    stale = client.post(f"{url}/claim", headers={"If-Match": read.headers["ETag"]})
    assert stale.status_code == 412 and client.get(url).json["assignee"] is None
    claimed = client.post(f"{url}/claim", headers={"If-Match": noted.headers["ETag"]})
    assert claimed.status_code == 200 and claimed.json["assignee"] == noted.json["notes"][-1]["author"]
    assert claimed.headers["ETag"] == client.get(url).headers["ETag"]
    assert client.get(f"{TASKS}/nope").status_code == 404


def test_action_bodies_are_refused_with_what_and_where(client, install):
    complete = f"{TASKS}/{install['id']}/complete"
    wrong_type = client.post(complete, data="output=1", content_type="application/x-www-form-urlencoded")
    assert wrong_type.status_code == 415
    broken = client.post(complete, data='{"output": ', content_type="application/json")
    assert broken.status_code == 400 and broken.json["errors"][0]["line"] == 1
    extra = client.post(complete, json={"output": {}, "outptu": {}})
    assert extra.status_code == 422 and extra.json["errors"][0]["pointer"] == "/outptu"
    reason = client.post(f"{TASKS}/{install['id']}/release", json={"reason": 5})
    assert reason.status_code == 422 and reason.json["errors"][0]["pointer"] == "/reason"
    assert client.post(f"{TASKS}/{install['id']}/release", json={"reason": "up again"}).status_code == 409
    assert client.get(f"{TASKS}/{install['id']}").json["state"] == "waiting"
