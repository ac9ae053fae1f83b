"""A decomposition preview for the catalog designer: an order's items through a catalog and decomposition
rules (drafts included) into domain orders and their lines, without plans, without writing anything.

The runtime's own ``decompose_order`` does the work (plans left out, so no task is planned and the
"no plan bound" problems are dropped); ``units`` says what each item reaches through the catalog.
Enrichment does not run: rule expressions that read enriched members (e.g. ``item.region``) see them
only when the order gives them.
"""
from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from engine.kinds import ArtifactInvalid, compile_document
from engine.lifecycle.decomposition.decompose import decompose_order
from engine.lifecycle.decomposition.items import units
from engine.lifecycle.decomposition.serialize import line_to_dict, problem_to_dict
from engine.shipped import demo_pack
from studio.errors import Invalid

EXAMPLES_FOLDER = demo_pack() / "examples"
PLAN_PROBLEMS = frozenset({"no_plan_bound", "plan_not_loaded"})


def preview_decomposition(catalog_document: dict, rules_document: dict, order: dict) -> dict:
    """Items (what each reaches) and domain orders (lines, dependencies, what they await) for ``order``."""
    catalog = _compiled(catalog_document, "catalog", "/catalog")
    rules = _compiled(rules_document, "decomposition_rules", "/rules")
    plan = decompose_order(order, catalog=catalog, rules=rules, plans={}, plan_binding={},
                           now=datetime.now(UTC))
    return {"items": [_item(catalog, item) for item in order.get("productOrderItem") or []],
            "domainOrders": [{"ref": d.ref, "domain": d.domain, "fulfilmentSystem": d.fulfilment_system,
                              "dependsOn": list(d.depends_on),
                              "state": "awaitingInformation" if d.missing else "draft",
                              "lines": [line_to_dict(line) for line in d.lines]} for d in plan.domain_orders],
            "dropped": [{"rule": e.rule, "itemId": (e.inputs or {}).get("itemId"),
                         "specification": (e.inputs or {}).get("specification"), "reason": e.decision["reason"]}
                        for e in plan.trace if e.rule is not None and e.decision.get("produced") is False],
            "problems": [problem_to_dict(p) for p in plan.problems if p.code not in PLAN_PROBLEMS]}


def _compiled(document: dict, kind: str, at: str):
    if not isinstance(document, dict) or document.get("kind") != kind:
        raise Invalid(f"{at} must be a {kind} artifact document", errors=[
            {"pointer": f"{at}/kind", "code": "wrong_kind", "message": f"expected kind {kind!r}"}])
    try:
        return compile_document(document)
    except ArtifactInvalid as error:
        raise Invalid(f"the {kind} does not compile",
                      errors=[{**i.as_dict(), "pointer": at + i.pointer} for i in error.issues]) from error


def _item(catalog, item: dict) -> dict:
    offering_id = (item.get("productOffering") or {}).get("id")
    offering = catalog.offering(offering_id) if offering_id else None
    specification = offering.specification_id if offering else (item.get("productSpecification") or {}).get("id")
    found = {"id": str(item.get("id")), "action": item.get("action", "add"), "offering": offering_id,
             "offeringName": offering.name if offering else None, "specification": specification, "units": []}
    if specification and catalog.specification(specification) is not None:
        found["units"] = [{"specification": unit.specification, "quantity": unit.quantity, "chain": list(unit.chain),
                           "reached": [{"specification": r.specification, "quantity": r.quantity, "path": list(r.path),
                                        "level": catalog.specification(r.specification).level}
                                       for r in unit.reached]}
                          for unit in units(catalog, item, specification)]
    return found


def example_orders(folder: Path = EXAMPLES_FOLDER) -> list[dict]:
    """The demo pack's example orders: name (file stem), description and the order (without externalId)."""
    found = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        order = json.loads(path.read_text())
        if isinstance(order, dict) and isinstance(order.get("productOrderItem"), list):
            found.append({"name": path.stem, "description": order.get("description"),
                          "order": {k: v for k, v in order.items() if k not in ("externalId", "description")}})
    return found
