"""Every change of a task and of an artifact version writes an outbox row, in the change's transaction."""
import pytest
from sqlalchemy import select

from engine.runtime.events.outbox import DELIVER
from engine.store.models import Job, OutboxEvent, Task
from studio import artifacts
from tests.engine.runtime.events.conftest import no_approval
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order, simple_plan


def rows(runtime, entity_type: str, after: int = 0) -> list[OutboxEvent]:
    with runtime.reading() as session:
        return list(session.execute(select(OutboxEvent).where(OutboxEvent.entity_type == entity_type,
                                                              OutboxEvent.seq > after)
                                    .order_by(OutboxEvent.seq)).scalars())


def test_a_tasks_creation_states_and_reassignment_are_written_with_their_group(client, install_pack, worker,
                                                                                 runtime):
    install_pack(no_approval)
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    worker.run_until_idle()
    install = client.get("/api/v1/tasks?group=field-north").json[0]["id"]
    mark = rows(runtime, "task")[-1].seq
    assert client.post(f"/api/v1/tasks/{install}/reassign", json={"group": "field-south"}).status_code == 200
    moved = rows(runtime, "task", mark)
    assert [(r.event_type, r.entity_id) for r in moved] == [("TaskAssignmentChangeEvent", install)]
    assert moved[0].summary == {"taskId": install, "orderId": order_id, "key": "install", "state": "waiting",
                                "group": "field-south", "assignee": None, "previousGroup": "field-north"}
    assert moved[0].envelope["event"]["task"] == moved[0].summary
    written = [(r.event_type, r.summary["key"], r.summary["state"]) for r in rows(runtime, "task")
               if r.summary["key"] == "install"]
    assert written == [("TaskCreateEvent", "install", "pending"), ("TaskStateChangeEvent", "install", "waiting"),
                       ("TaskAssignmentChangeEvent", "install", "waiting")]
    with runtime.reading() as session:
        assert session.get(Task, install).assignment_group == "field-south"
        assert not session.execute(select(Job).where(Job.kind == DELIVER)).first()  # not for the hub


def test_artifact_versions_are_written_as_drafts_are_made_saved_published_and_discarded(runtime):
    document = simple_plan("plan.live")
    with runtime.unit_of_work(actor="ann") as uow:
        artifacts.create_draft(uow, document)
    with runtime.unit_of_work(actor="ann") as uow:
        artifacts.save_draft(uow, "plan.live", 1, {**document, "title": "Live"}, 1)
    with runtime.unit_of_work(actor="bob") as uow:
        artifacts.publish(uow, "plan.live", 1)
    with runtime.unit_of_work(actor="ann") as uow:
        artifacts.create_draft(uow, key="plan.live")
    with runtime.unit_of_work(actor="ann") as uow:
        artifacts.discard_draft(uow, "plan.live", 2)
    written = [(r.event_type, r.entity_id, r.summary) for r in rows(runtime, "artifact")]
    assert written == [
        ("ArtifactVersionCreateEvent", "plan.live@1", {"key": "plan.live", "version": 1, "status": "draft"}),
        ("ArtifactVersionChangeEvent", "plan.live@1", {"key": "plan.live", "version": 1, "status": "draft"}),
        ("ArtifactVersionStatusChangeEvent", "plan.live@1",
         {"key": "plan.live", "version": 1, "status": "published"}),
        ("ArtifactVersionCreateEvent", "plan.live@2", {"key": "plan.live", "version": 2, "status": "draft"}),
        ("ArtifactVersionDeleteEvent", "plan.live@2", {"key": "plan.live", "version": 2, "status": "draft"})]


def test_nothing_is_written_for_a_rolled_back_change_or_outside_a_unit_of_work(runtime):
    with pytest.raises(RuntimeError), runtime.unit_of_work(actor="ann") as uow:
        artifacts.create_draft(uow, simple_plan("plan.gone"))
        raise RuntimeError("crash before commit")
    with runtime.session_factory() as session, session.begin():
        session.add(artifacts.ArtifactVersion(artifact=artifacts.Artifact(key="raw", kind="orchestration_plan",
                                                                          created_at=runtime.clock.now()),
                                              version=1, status="draft", document={},
                                              created_at=runtime.clock.now()))
    assert rows(runtime, "artifact") == []
