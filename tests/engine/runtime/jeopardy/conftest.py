"""A mini pack with jeopardy rules, and helpers to run the jeopardy scan on the fake clock."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.store.models import AuditEvent, JeopardyAlert, OutboxEvent
from tests.engine.runtime.orders.pipeline.conftest import (  # noqa: F401
    BASE,
    fibre_order,
    install_pack,
    reserve_port_handler,
)

JEOPARDY = "ProductOrderJeopardyAlertEvent"
RULES = {
    "kind": "jeopardy_rules", "key": "jeopardy.test", "schemaVersion": 1, "title": "test jeopardy", "tests": [],
    "body": {
        "levels": [{"level": "low", "atPercent": 50}, {"level": "medium", "atPercent": 75},
                   {"level": "high", "atPercent": 100}, {"level": "critical", "atPercent": 120}],
        "rules": [
            {"name": "tell", "when": {"m": {"$ex": {"level": 1}}},
             "then": [{"action": "alert", "params": {"message": {"$m": "task.key"}}}]},
            {"name": "dispatch", "when": {"m": {"$and": [{"task.type": "workOrder"}, {"level": "high"}]}},
             "then": [{"action": "escalate", "params": {"to": "field-dispatch", "reason": "visit past its SLA"}},
                      {"action": "notify", "params": {"to": "fulfillmentManager"}}]},
            {"name": "rescue", "when": {"m": {"$and": [{"task.type": "workOrder"}, {"level": "critical"}]}},
             "then": [{"action": "reassign", "params": {"assignmentGroup": "field-rapid"}}]},
            {"name": "late-order", "when": {"m": {"scope": "order"}},
             "then": [{"action": "escalate", "params": {"to": "orderManager"}}]}]}}


def no_approval(documents, bindings):
    bindings.pop("approval")


def with_rules(documents, bindings):
    no_approval(documents, bindings)
    documents.append(RULES)
    bindings["jeopardy"] = RULES["key"]


@pytest.fixture
def scanning(client, install_pack, worker, clock):  # noqa: F811
    """``scanning(mutate, **order)``: the pack installed, one order posted and run, the scan scheduled."""
    def start(mutate=no_approval, **order) -> str:
        install_pack(mutate)
        order_id = client.post(BASE, json=fibre_order(**order)).json["id"]
        worker.run_until_idle()
        worker.schedule_periodic()
        return order_id
    return start


@pytest.fixture
def at(worker, clock):
    """``at(days=..)``: move the fake clock to that time after the order was posted, then run due jobs."""
    start = clock.now()

    def move(**delta) -> None:
        from datetime import timedelta
        clock.set(start + timedelta(**delta))
        worker.run_until_idle()
    return move


def alerts(runtime, order_id: str) -> list[JeopardyAlert]:
    with runtime.reading() as session:
        return list(session.execute(select(JeopardyAlert).where(JeopardyAlert.order_id == order_id)
                                    .order_by(JeopardyAlert.created_at, JeopardyAlert.scope)).scalars())


def alert_events(runtime, order_id: str) -> list[dict]:
    with runtime.reading() as session:
        return [e.envelope for e in session.execute(select(OutboxEvent).where(
            OutboxEvent.entity_id == order_id, OutboxEvent.event_type == JEOPARDY).order_by(OutboxEvent.seq)).scalars()]


def audit_actions(runtime, entity_id: str) -> list[str]:
    with runtime.reading() as session:
        return list(session.execute(select(AuditEvent.action).where(AuditEvent.entity_id == entity_id)
                                    .order_by(AuditEvent.id)).scalars())
