"""The periodic jeopardy scan: alert once per change of a task's or an order's jeopardy level.

``scan`` (every minute, ``engine.runtime.jobs.handlers.jeopardy``) assesses every order in progress against
the levels recorded in ``jeopardy_states`` and queues one ``jeopardy.apply`` job per order with a
change (an order that cannot be assessed is reported as a failed item and the scan goes on); it locks no order (on SQLite its transaction still holds the write lock while it runs).
``apply`` locks that order, assesses it again and, per change: on a rise it records a
``jeopardy_alerts`` row, lets the pack's jeopardy rules decide the actions and emits the TMF622
JeopardyAlert when they say ``alert`` (always, without rules); on a clear (task done, prediction
back in time) it records the clear (acknowledged by the scan itself) and tells listeners that saw
the rise; on a fall it only records the new level. States of finished orders are dropped.
"""
from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy import delete, select

from engine.clock import iso
from engine.lifecycle.jeopardy import (
    ORDER_SCOPE,
    LevelChange,
    changes,
    current_levels,
    jeopardy_event,
)
from engine.runtime.context import UnitOfWork
from engine.runtime.events import outbox as events
from engine.runtime.jeopardy.actions import perform
from engine.runtime.jeopardy.assess import Assessed, assess_orders, jeopardy_rules
from engine.runtime.jobs.periodic import item_failed
from engine.runtime.orders.persistence import lock_order
from engine.states import PRODUCT_ORDER, ProductOrderState
from engine.store.models import CustomerOrder, JeopardyAlert, JeopardyState

APPLY = "jeopardy.apply"
CHUNK = 500
IN_PROGRESS = ProductOrderState.IN_PROGRESS


def scan(uow: UnitOfWork) -> int:
    """Queue ``jeopardy.apply`` for every order in progress whose levels changed; returns how many."""
    _drop_finished(uow)
    queued, after = 0, ""
    while chunk := _open_orders(uow, after):
        recorded = _recorded(uow, [order.id for order in chunk])
        for assessed in assess_orders(uow.session, chunk, uow.now, on_error=lambda order, error: item_failed(
                uow, f"order {order.id}", error)):
            order_id = assessed.order.id
            if changes(current_levels(assessed.result, order_id, uow.now), recorded.get(order_id, {})):
                uow.enqueue(APPLY, {"orderId": order_id}, key=f"{APPLY}:{order_id}:{iso(uow.now)}")
                queued += 1
        after = chunk[-1].id
    return queued


def _open_orders(uow: UnitOfWork, after: str) -> list[CustomerOrder]:
    return list(uow.session.execute(select(CustomerOrder).where(CustomerOrder.state == IN_PROGRESS,
                                                                CustomerOrder.id > after)
                                    .order_by(CustomerOrder.id).limit(CHUNK)).scalars())


def _recorded(uow: UnitOfWork, order_ids: list[str]) -> dict[str, dict[tuple[str, str], str]]:
    found: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)
    for state in uow.session.execute(select(JeopardyState).where(JeopardyState.order_id.in_(order_ids))).scalars():
        found[state.order_id][(state.scope, state.subject_id)] = state.level
    return found


def _drop_finished(uow: UnitOfWork) -> None:
    finished = select(CustomerOrder.id).where(CustomerOrder.id == JeopardyState.order_id,
                                              CustomerOrder.state.in_([str(s) for s in PRODUCT_ORDER.finals]))
    uow.session.execute(delete(JeopardyState).where(finished.exists()))


def apply(uow: UnitOfWork, order_id: str) -> list[JeopardyAlert]:
    """Act on the changes of one order under its lock (a no-op when nothing changed since the scan)."""
    order = lock_order(uow.session, order_id)
    if order is None or order.state != IN_PROGRESS:
        return []
    [assessed] = assess_orders(uow.session, [order], uow.now)
    states = {(s.scope, s.subject_id): s for s in uow.session.execute(
        select(JeopardyState).where(JeopardyState.order_id == order_id)).scalars()}
    found = changes(current_levels(assessed.result, order_id, uow.now),
                    {key: state.level for key, state in states.items()})
    alerts = [_act(uow, assessed, change, states.get((change.scope, change.subject_id))) for change in found]
    return [alert for alert in alerts if alert is not None]


def _act(uow: UnitOfWork, assessed: Assessed, change: LevelChange, state: JeopardyState | None
         ) -> JeopardyAlert | None:
    if change.level is None:
        alert = _record(uow, assessed, change)
        alert.acknowledged_by, alert.acknowledged_at = uow.actor, uow.now  # a clear needs nobody's attention
        if state.published:
            alert.event_id = _publish(uow, assessed, change, alert, {})
        uow.session.delete(state)
        return alert
    if not change.rising:
        state.level, state.percent, state.updated_at = change.level, _text(change.percent), uow.now
        return None
    alert = _record(uow, assessed, change)
    publish = _decide(uow, assessed, change, alert)
    if publish is not None:
        alert.event_id = _publish(uow, assessed, change, alert, publish)
    _remember(uow, assessed, change, state, published=publish is not None, level=alert.level)
    return alert


def _record(uow: UnitOfWork, assessed: Assessed, change: LevelChange) -> JeopardyAlert:
    task = assessed.tasks.get(change.subject_id) if change.scope != ORDER_SCOPE else None
    alert = JeopardyAlert(id=str(uuid.uuid4()), order_id=assessed.order.id, task_id=task.id if task else None,
                          scope=change.scope, level=change.level, previous_level=change.previous,
                          percent=_text(change.percent), assignment_group=task.assignment_group if task else None,
                          reason=_reason(assessed, change), actions=[], created_at=uow.now)
    uow.session.add(alert)
    uow.audit("jeopardy.raised" if change.level else "jeopardy.cleared", "jeopardyAlert", alert.id,
              {"orderId": alert.order_id, "taskId": alert.task_id, "scope": change.scope, "level": change.level,
               "previous": change.previous, "percent": alert.percent})
    return alert


def _decide(uow: UnitOfWork, assessed: Assessed, change: LevelChange, alert: JeopardyAlert) -> dict | None:
    rules = jeopardy_rules(uow.session, assessed.order)
    if rules is None or not getattr(rules, "rules", None):
        return {}
    task = assessed.tasks.get(change.subject_id) if change.scope != ORDER_SCOPE else None
    decisions = rules.evaluate(jeopardy_event(change, _order_facts(assessed), *_task_facts(assessed, task)))
    return perform(uow, alert, task, decisions)


def _remember(uow: UnitOfWork, assessed: Assessed, change: LevelChange, state: JeopardyState | None,
              published: bool, level: str | None = None) -> None:
    if state is None:
        state = JeopardyState(scope=change.scope, subject_id=change.subject_id, order_id=assessed.order.id,
                              published=False)
        uow.session.add(state)
    state.level, state.percent, state.since, state.updated_at = (level or change.level, _text(change.percent),
                                                                  uow.now, uow.now)
    state.published = state.published or published


def _publish(uow: UnitOfWork, assessed: Assessed, change: LevelChange, alert: JeopardyAlert, params: dict) -> str:
    task = assessed.tasks.get(alert.task_id) if alert.task_id else None
    subject = f"task {task.key}" if task else "predicted completion"
    level = alert.level or "cleared"
    return events.jeopardy_alert(
        uow, assessed.order, name=params.get("name") or f"{subject}: {level}",
        message=params.get("message") or alert.reason, jeopardy_type=params.get("jeopardyType") or level,
        alert_id=alert.id, exception=alert.reason, item_ids=_item_ids(assessed, task))


def _item_ids(assessed: Assessed, task) -> tuple[str, ...]:
    if task is None:
        return tuple(item.item_id for item in assessed.order.items)
    lines = assessed.domain_orders[task.domain_order_id].payload.get("lines") or []
    return tuple(dict.fromkeys(str(line["itemId"]) for line in lines if line.get("itemId")))


def _reason(assessed: Assessed, change: LevelChange) -> str:
    result = assessed.result
    if change.scope == ORDER_SCOPE:
        if change.level is None:
            return "the predicted completion is back within the committed date"
        return (f"predicted completion {iso(result.predicted_completion)} is after the committed "
                f"{iso(result.committed)}")
    task = assessed.tasks.get(change.subject_id)
    key = task.key if task else change.subject_id
    if change.level is None:
        return f"task {key} is no longer in jeopardy (was {change.previous})"
    return f"task {key} at {change.percent} % of its SLA ({change.level})"


def _order_facts(assessed: Assessed) -> dict:
    result = assessed.result
    return {"id": assessed.order.id, "category": assessed.order.payload.get("category"), "level": result.level,
            "committedDate": iso(result.committed), "predictedCompletion": iso(result.predicted_completion),
            "lateBySeconds": int(result.late_by.total_seconds()) if result.late_by else None}


def _task_facts(assessed: Assessed, task) -> tuple[dict | None, dict | None]:
    if task is None:
        return None, None
    domain_order = assessed.domain_orders[task.domain_order_id]
    due = next((t.due_at for t in assessed.result.tasks if t.task_id == task.id), None)
    return ({"id": task.id, "key": task.key, "name": task.name, "type": task.type, "handler": task.handler,
             "assignmentGroup": task.assignment_group, "dueAt": iso(due)},
            {"ref": domain_order.ref, "domain": domain_order.domain, "fulfilmentSystem": domain_order.fulfilment_system,
             "level": assessed.result.domain_orders.get(domain_order.ref)})


def _text(percent) -> str | None:
    return None if percent is None else str(percent)
