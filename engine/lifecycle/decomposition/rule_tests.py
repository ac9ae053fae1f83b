"""Artifact tests of decomposition rules, run through the runtime's own evaluator.

A ``decomposition_rules`` test gives one item and no catalog, so the item is one unit reaching the
specifications the test names (else every specification a rule produces); each is reached with the
item's quantity. From there the lines come from ``item_lines`` / ``apply_rule`` and the domain orders
from ``group_lines`` / ``link_lines`` — the functions ``decompose_order`` runs — so a test cannot
pass on code the runtime never runs.
"""
from __future__ import annotations

from engine.kinds.decomposition_rules import CompiledDecompositionRules
from engine.lifecycle.items import item_characteristics

from .grouping import Group, group_lines, link_lines
from .items import Reached, Unit, item_quantity, unit_view
from .lines import ItemLines, item_lines, rules_by_specification


def decompose_test_item(rules: CompiledDecompositionRules, order: dict, item: dict,
                        product_specification: str | None, specifications: list[str] | None = None) -> dict:
    """Lines, dropped rules, problems and domain orders for one item, in the artifact test format
    (see ``engine.kinds.decomposition_rules``)."""
    unit = _unit(rules, item, product_specification, specifications)
    produced = item_lines(rules, rules_by_specification(rules), order, [unit])
    groups = group_lines(produced.lines, {})
    link_lines(groups, rules, None, {unit.item_id: frozenset({unit.item_id})})
    return {"lines": [{"rule": line.rule, "specification": line.specification, "quantity": line.quantity,
                       "characteristics": dict(line.characteristics), "awaiting": list(line.awaiting)}
                      for line in produced.lines],
            "specifications": [line.specification for line in produced.lines],
            "dropped": _dropped(produced), "problems": [problem.message for problem in produced.problems],
            "domainOrders": [_domain_order(group, groups) for group in groups.values()]}


def _unit(rules: CompiledDecompositionRules, item: dict, product_specification: str | None,
          specifications: list[str] | None) -> Unit:
    spec = product_specification or ""
    quantity = item_quantity(item)
    reached = specifications if specifications is not None else dict.fromkeys(r.specification for r in rules.rules)
    view = unit_view(item, item_characteristics(item), spec, quantity, (spec,))
    return Unit(str(item.get("id", "item")), spec, quantity, (spec,), view,
                tuple(Reached(target, quantity, (spec,) if target == spec else (spec, target)) for target in reached))


def _dropped(produced: ItemLines) -> dict[str, str]:
    return {entry.rule: entry.decision["reason"] for entry in produced.trace
            if entry.rule is not None and entry.decision.get("produced") is False}


def _domain_order(group: Group, groups: dict[str, Group]) -> dict:
    return {"domain": group.domain, "fulfilmentSystem": group.fulfilment_system,
            "specifications": [line.specification for line in group.lines],
            "state": "awaitingInformation" if any(line.awaiting for line in group.lines) else "draft",
            "dependsOn": [f"{groups[ref].domain}:{groups[ref].fulfilment_system}" for ref in group.depends_on]}
