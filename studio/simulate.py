"""Dry runs: an input through one artifact, or an order through a whole pack. Nothing is written.

A pack simulation runs the real pipeline (capture, enrich, price, approve, decompose, orchestrate as
far as it goes without people, timers or remote systems) inside a transaction that is rolled back.
"""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from engine.kinds import ArtifactInvalid, compile_document, run_document_tests
from engine.runtime.context import UnitOfWork
from engine.runtime.orders.persistence import capture, pending_trace
from engine.runtime.orders.pipeline.advance import advance_order
from engine.runtime.service import Runtime
from engine.store.models import DomainOrder, RulePack, Task
from studio.errors import Invalid

SIMULATION = "simulation"


def simulate_artifact(document: dict, given: object, resolve: Callable[[str], object] | None = None) -> dict:
    """Evaluate ``given`` the way the artifact's own tests do; returns the output and, for tables, the trace."""
    try:
        compiled = compile_document(document)
    except ArtifactInvalid as error:
        raise Invalid("the artifact does not compile", errors=[i.as_dict() for i in error.issues]) from error
    result = run_document_tests({**document, "tests": [{"name": SIMULATION, "input": given, "expect": None}]},
                                compiled, resolve=resolve)[0]
    body = {"output": result.actual}
    if result.actual is None and result.message:
        body["error"] = result.message
    trace = _table_trace(compiled, given)
    if trace is not None:
        body["trace"] = trace
    return body


def _table_trace(compiled: object, given: object) -> dict | None:
    table = getattr(compiled, "table", None)
    if table is None or not hasattr(table, "evaluate") or not isinstance(given, dict):
        return None
    try:
        return table.evaluate(given).trace
    except Exception as error:  # noqa: BLE001 - a simulation reports evaluation errors as data
        return {"error": str(error)}


def simulate_order(runtime: Runtime, pack: RulePack, payload: dict) -> dict:
    """Run ``payload`` through ``pack`` as far as it goes unattended, describe the outcome, roll back."""
    with runtime.session_factory() as session:
        session.begin()
        try:
            uow = UnitOfWork(session, runtime.clock.now(), actor=SIMULATION)
            fresh = {key: value for key, value in payload.items() if key != "externalId"}
            order = capture(uow, fresh, pack=session.merge(pack))
            advance_order(uow, order)
            return _describe(session, order)
        finally:
            session.rollback()


def _describe(session, order) -> dict:
    domain_orders = session.execute(select(DomainOrder).where(DomainOrder.order_id == order.id)
                                    .order_by(DomainOrder.created_at, DomainOrder.id)).scalars().all()
    tasks = session.execute(select(Task).where(Task.order_id == order.id).order_by(Task.created_at, Task.id)).scalars()
    by_domain = {}
    for task in tasks:
        by_domain.setdefault(task.domain_order_id, []).append(
            {"key": task.key, "name": task.name, "type": task.type, "state": task.state,
             "assignmentGroup": task.assignment_group, "pointOfNoReturn": task.point_of_no_return,
             "dependsOn": list(task.depends_on or []), "duration": (task.spec or {}).get("duration"),
             "sla": (task.spec or {}).get("sla")})
    trace = pending_trace(session, order.id)
    return {
        "state": order.state, "stage": order.stage, "stateReason": order.state_reason,
        "accepted": order.state not in ("rejected",), "missingInformation": order.missing_information,
        "order": order.payload, "pricing": order.pricing,
        "domainOrders": [{"ref": d.ref, "domain": d.domain, "fulfilmentSystem": d.fulfilment_system,
                          "state": d.state, "dependsOn": d.depends_on, "plan": d.plan_key, "missing": d.missing,
                          "lines": d.payload.get("lines", []), "tasks": by_domain.get(d.id, [])}
                         for d in domain_orders],
        "trace": [{"stage": t["stage"], "artifact": t["artifact"], "version": t["artifact_version"],
                   "rule": t["rule"], "inputs": t["inputs"], "decision": t["decision"]} for t in trace],
    }
