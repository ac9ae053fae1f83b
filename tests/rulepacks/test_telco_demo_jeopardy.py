"""The demo pack's jeopardy rules on a real example: the field-south work order running out of its 6-day SLA."""
from datetime import timedelta

from sqlalchemy import select

from engine.store.models import JeopardyAlert, Task
from tests.rulepacks.telco_demo_driver import BASE, example


def test_a_late_field_work_order_is_alerted_escalated_and_moved_to_rapid_response(client, demo_pack, worker, clock,
                                                                                  runtime):
    order_id = client.post(BASE, json=example("fibre-voip-port-in")).json["id"]
    worker.run_until_idle()
    worker.schedule_periodic()
    start = clock.now()
    for days in (3.1, 4.6, 6.1, 7, 9.1, 10):
        clock.set(start + timedelta(days=days))
        worker.run_until_idle()
    with runtime.reading() as session:
        task = session.execute(select(Task).where(Task.order_id == order_id, Task.key == "install-south")).scalar_one()
        rows = session.execute(select(JeopardyAlert).where(JeopardyAlert.task_id == task.id)
                               .order_by(JeopardyAlert.created_at)).scalars().all()
        assert [(a.level, a.escalated_to) for a in rows] == [
            ("low", None), ("medium", None), ("high", "field-dispatch"), ("critical", "field-dispatch")]
        assert all(a.event_id for a in rows)
        assert [(d["action"], d["applied"]) for d in rows[-1].actions if d["action"] == "reassign"] == [
            ("reassign", True)]
        assert (task.state, task.assignment_group) == ("waiting", "field-rapid-response")
