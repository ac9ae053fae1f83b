"""GET /api/v1/stream: live updates as server-sent events, resumable, kept alive, bounded, as private as reads."""
import json
import time

import pytest
from sqlalchemy import select

from engine.runtime.tasks.groups import add_member, create_group
from engine.store.models import OutboxEvent
from studio import artifacts
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order, simple_plan

STREAM = "/api/v1/stream"
FAST = {"STREAM_HEARTBEAT_SECONDS": 0.05, "STREAM_LIFETIME_SECONDS": 0.4, "STREAM_POLL_SECONDS": 0.01,
        "STREAM_GAP_GRACE_SECONDS": 0.05}


def parse(text: str) -> list[dict]:
    """The frames of a stream: each a dict of its fields (``comment`` for comment lines)."""
    frames = []
    for block in filter(None, text.split("\n\n")):
        frame = {}
        for line in block.split("\n"):
            name, _, value = line.partition(":")
            frame[name or "comment"] = value.strip()
        frames.append(frame)
    return frames


def events(frames: list[dict]) -> list[dict]:
    return [frame for frame in frames if "event" in frame]


class People(dict):
    """Users made on first use (hashing a password takes a while): ``people["ann"]``."""

    ROLES = {"ann": ("fulfillmentAgent", None), "out": ("fulfillmentAgent", None),
             "boss": ("fulfillmentManager", None), "clerk": ("orderAgent", None), "admin": ("processAdmin", None),
             "cust": ("customer", "cust-1"), "other": ("customer", "cust-2")}

    def __init__(self, make_user):
        super().__init__()
        self.make_user = make_user

    def __missing__(self, name: str):
        self[name] = self.make_user(name, *self.ROLES[name])
        return self[name]


@pytest.fixture
def people(secure_app, make_user, runtime):
    secure_app.config.update(FAST)
    staff = People(make_user)
    ann, out = staff["ann"].username, staff["out"].username
    staff["cust"]  # its party, cust-1, exists before the order names it
    with runtime.unit_of_work(actor="admin") as uow:
        create_group(uow, "field-north")
        create_group(uow, "field-south")
        add_member(uow, "field-north", ann)
        add_member(uow, "field-south", out)
    return staff


@pytest.fixture
def order(secure_client, install_pack, worker, people):
    """The fibre order of customer party cust-1, its install task waiting in field-north's queue."""
    install_pack(lambda docs, bindings: bindings.pop("approval"))
    posted = secure_client.post(BASE, json=fibre_order(), headers=people["clerk"].headers)
    assert posted.status_code == 201, posted.json
    worker.run_until_idle()
    return posted.json["id"]


def get(client, person, query: str, **headers):
    return client.get(f"{STREAM}?{query}", headers={**(person.headers if person else {}), **headers})


def outbox(runtime, order_id):
    with runtime.reading() as session:
        return [(seq, kind) for seq, kind in session.execute(
            select(OutboxEvent.seq, OutboxEvent.event_type).where(OutboxEvent.entity_id == order_id)
            .order_by(OutboxEvent.seq))]


def test_an_orders_events_arrive_in_order_with_their_outbox_ids_and_small_data(secure_client, people, order,
                                                                              runtime):
    response = get(secure_client, people["cust"], f"topic=order:{order}&since=0")
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    assert response.headers["Cache-Control"] == "no-cache"
    frames = parse(response.get_data(as_text=True))
    assert frames[0] == {"retry": "3000", "id": "0"}
    received = [(int(frame["id"]), frame["event"]) for frame in events(frames)]
    assert received == outbox(runtime, order) and len(received) >= 2  # a customer gets no task changes
    data = json.loads(events(frames)[-1]["data"])
    assert data["orderId"] == order and data["topics"] == [f"order:{order}"] and "productOrderItem" not in data
    assert set(data) == {"eventId", "type", "at", "orderId", "state", "topics"}


def test_staff_following_an_order_also_get_its_task_changes(secure_client, people, order):
    kinds = [frame["event"] for frame in events(parse(get(secure_client, people["clerk"],
                                                          f"topic=order:{order}&since=0").get_data(as_text=True)))]
    assert "TaskCreateEvent" in kinds and "ProductOrderCreateEvent" in kinds


def test_resuming_with_last_event_id_gives_only_later_events(secure_client, people, order, runtime):
    ids = [seq for seq, _ in outbox(runtime, order)]
    for headers, query in (({"Last-Event-ID": str(ids[0])}, ""), ({}, f"&since={ids[0]}"),
                           ({"Last-Event-ID": str(ids[0])}, "&since=0")):  # the header wins
        frames = parse(get(secure_client, people["cust"], f"topic=order:{order}{query}", **headers)
                       .get_data(as_text=True))
        assert [int(frame["id"]) for frame in events(frames)] == ids[1:]


def test_events_arrive_live_on_a_queue_and_heartbeats_keep_it_open_until_its_lifetime(secure_client, people,
                                                                                     order):
    install = secure_client.get("/api/v1/tasks?group=field-north", headers=people["ann"].headers).json[0]
    started = time.monotonic()
    response = get(secure_client, people["ann"], "topic=queue:field-north")
    chunks = iter(response.response)
    assert next(chunks).startswith(b"retry: 3000\nid: ")  # from the newest event: nothing old is replayed
    claimed = secure_client.post(f"/api/v1/tasks/{install['id']}/claim", headers=people["ann"].headers)
    assert claimed.status_code == 200
    frames = parse(b"".join(chunks).decode())
    response.close()
    assert time.monotonic() - started < 5
    [claim] = events(frames)
    assert claim["event"] == "TaskAssignmentChangeEvent"
    data = json.loads(claim["data"])
    assert (data["taskId"], data["assignee"], data["group"], data["topics"]) == (
        install["id"], "ann", "field-north", ["queue:field-north"])
    assert sum(frame.get("comment") == "keepalive" for frame in frames) >= 2
    assert frames[-1]["comment"] == "lifetime over, reconnect"


def test_the_cursor_moves_over_events_of_other_topics_in_heartbeats(secure_client, people, order, runtime):
    frames = parse(get(secure_client, people["out"], "topic=queue:field-south&since=0").get_data(as_text=True))
    assert events(frames) == []
    newest = max(seq for seq, _ in outbox(runtime, order))
    assert any(frame.get("comment") == "keepalive" and int(frame.get("id", -1)) >= newest for frame in frames)


def test_an_artifacts_version_changes_arrive_for_studio_readers(secure_client, people, runtime):
    with runtime.unit_of_work(actor="admin") as uow:
        artifacts.create_draft(uow, simple_plan("plan.live"))
    response = get(secure_client, people["admin"], "topic=artifact:plan.live")
    chunks = iter(response.response)
    next(chunks)
    with runtime.unit_of_work(actor="admin") as uow:
        artifacts.save_draft(uow, "plan.live", 1, {**simple_plan("plan.live"), "title": "Live"}, 1)
    [saved] = events(parse(b"".join(chunks).decode()))
    response.close()
    assert saved["event"] == "ArtifactVersionChangeEvent"
    assert {key: value for key, value in json.loads(saved["data"]).items() if key not in ("eventId", "at")} == {
        "type": "ArtifactVersionChangeEvent", "key": "plan.live", "version": 1, "status": "draft",
        "topics": ["artifact:plan.live"]}


def test_a_customer_cannot_follow_another_partys_order(secure_client, people, order):
    hidden = get(secure_client, people["other"], f"topic=order:{order}")
    assert hidden.status_code == 404 and hidden.mimetype == "application/problem+json"
    assert get(secure_client, people["other"], "topic=order:no-such-order").status_code == 404


def test_an_agent_cannot_follow_another_groups_queue(secure_client, people, order):
    refused = get(secure_client, people["out"], "topic=queue:field-north")
    assert refused.status_code == 403 and refused.mimetype == "application/problem+json"
    assert "out is not a member of assignment group 'field-north'" in refused.json["detail"]
    assert get(secure_client, people["boss"], "topic=queue:field-north").status_code == 200
    assert get(secure_client, people["out"], "topic=queue:*").status_code == 200


def test_each_topic_needs_the_permission_of_its_reads(secure_client, people, order):
    customer_queue = get(secure_client, people["cust"], f"topic=order:{order},queue:field-north")
    assert customer_queue.status_code == 403 and "task.read" in customer_queue.json["detail"]
    clerk_studio = get(secure_client, people["clerk"], "topic=artifact:plan.mini")
    assert clerk_studio.status_code == 403 and "studio.read" in clerk_studio.json["detail"]
    assert get(secure_client, people["admin"], "topic=artifact:no-such-artifact").status_code == 404
    anonymous = get(secure_client, None, f"topic=order:{order}")
    assert anonymous.status_code == 401 and anonymous.mimetype == "application/problem+json"


@pytest.mark.parametrize("query, status, parameter", [
    ("topic=orders:1", 422, "topic"), ("topic=queue:bad%20key", 422, "topic"),  # not a topic
    ("", 400, "topic"), ("topic=queue:*&since=-1", 400, "since"), ("topic=queue:*&since=x", 400, "since")])
def test_a_missing_or_malformed_topic_or_since_is_refused_naming_the_parameter(secure_client, people, query,
                                                                               status, parameter):
    refused = get(secure_client, people["boss"], query)
    assert refused.status_code == status and refused.mimetype == "application/problem+json"
    assert refused.json["errors"][0]["parameter"] == parameter


def test_a_bad_last_event_id_is_422(secure_client, people):
    refused = get(secure_client, people["boss"], "topic=queue:*", **{"Last-Event-ID": "abc"})
    assert refused.status_code == 422 and refused.json["errors"][0]["header"] == "Last-Event-ID"


def test_connections_are_capped_and_a_closed_one_frees_its_place(secure_app, secure_client, people):
    secure_app.config["STREAM_MAX_CONNECTIONS"] = 1
    first = get(secure_client, people["boss"], "topic=queue:*")
    busy = get(secure_client, people["boss"], "topic=queue:*")
    assert busy.status_code == 503 and busy.headers["Retry-After"] == "3"
    first.close()
    again = get(secure_client, people["boss"], "topic=queue:*")
    assert again.status_code == 200
    again.close()


def test_every_artifacts_changes_arrive_on_the_catalog_topic(secure_client, people, runtime):
    with runtime.unit_of_work(actor="admin") as uow:
        artifacts.create_draft(uow, simple_plan("plan.any"))
    response = get(secure_client, people["admin"], "topic=artifact:*")
    chunks = iter(response.response)
    next(chunks)
    with runtime.unit_of_work(actor="admin") as uow:
        artifacts.save_draft(uow, "plan.any", 1, {**simple_plan("plan.any"), "title": "Any"}, 1)
    [saved] = events(parse(b"".join(chunks).decode()))
    response.close()
    assert json.loads(saved["data"])["key"] == "plan.any" and json.loads(saved["data"])["topics"] == ["artifact:*"]
    refused = get(secure_client, people["clerk"], "topic=artifact:*")
    assert refused.status_code == 403 and "studio.read" in refused.json["detail"]
