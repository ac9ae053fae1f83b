"""Dry runs: an input through one artifact, or an order through a whole pack. Nothing is written."""
from __future__ import annotations

from collections.abc import Callable

from engine.catalog import Catalog
from engine.kinds import ArtifactInvalid, compile_document, run_document_tests
from engine.lifecycle.capture import validate_order
from engine.lifecycle.planning import plan_order
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


def simulate_order(catalog_body: dict, catalog_ref: tuple[str, int], order: dict) -> dict:
    """What the pack would do with ``order`` now: capture decision, planned domain orders and tasks, trace."""
    catalog = Catalog.from_body(catalog_body)
    capture = validate_order(order, catalog, catalog_ref)
    result = {"accepted": capture.accepted,
              "rejections": [{"itemId": r.item_id, "code": r.code, "message": r.message} for r in capture.rejections],
              "domainOrders": [], "trace": [t.to_dict() for t in capture.trace]}
    if capture.accepted:
        plan = plan_order(order, catalog)
        result["domainOrders"] = [{"domain": d.domain, "fulfilmentSystem": d.fulfilment_system, "itemId": d.item_id,
                                   "tasks": [{"key": t.key, "name": t.name, "type": t.type, "handler": t.handler}
                                             for t in d.tasks]} for d in plan.domain_orders]
        result["trace"] += [t.to_dict() for t in plan.trace]
    return result
