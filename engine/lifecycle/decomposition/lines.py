"""Decomposition rules applied to the units of one order item: lines, dropped rules and why."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from engine.kinds.decomposition_rules import CompiledDecompositionRules, DecompositionRule
from engine.lifecycle.trace import TraceEntry
from engine.states.actions import item_action

from .items import Reached, Unit
from .model import DomainOrderLine, Problem

EVALUATION_ERRORS = (ArithmeticError, ValueError, TypeError, KeyError)


@dataclass
class ItemLines:
    """What the rules made of one order item."""

    lines: list[DomainOrderLine] = field(default_factory=list)
    trace: list[TraceEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def rules_by_specification(rules: CompiledDecompositionRules) -> dict[str, list[DecompositionRule]]:
    """Rules per specification they produce, in the rules' dependency order."""
    found: dict[str, list[DecompositionRule]] = {}
    for rule in rules.rules:
        found.setdefault(rule.specification, []).append(rule)
    return found


def item_lines(rules: CompiledDecompositionRules, index: dict[str, list[DecompositionRule]], order: dict,
               item_units: list[Unit]) -> ItemLines:
    """Apply every matching rule to every specification the item's units reach."""
    result = ItemLines()
    candidates = []
    for unit in item_units:
        context = {"order": order, "item": unit.view}
        action = item_action(unit.view)
        for reached in unit.reached:
            for rule in index.get(reached.specification, ()):
                if action in rule.actions and (rule.product_specification is None
                                               or rule.product_specification in unit.chain):
                    candidates.append((rule, unit, reached, context))
    position = {rule.id: i for i, rule in enumerate(rules.rules)}
    candidates.sort(key=lambda candidate: position[candidate[0].id])
    counts: dict[str, int] = {}
    for rule, unit, reached, context in candidates:
        apply_rule(rules, rule, unit, reached, context, counts, result)
    _trace_unmatched(rules, index, item_units, result)
    return result


def apply_rule(rules: CompiledDecompositionRules, rule: DecompositionRule, unit: Unit, reached: Reached,
               context: dict, counts: dict[str, int], result: ItemLines) -> None:
    """The one evaluation of a decomposition rule (runtime and artifact tests alike): include and
    exclude, quantity (the rule's, else the reached quantity), characteristics and what the line awaits.
    Appends the line or the reason it was dropped (an evaluation error is a problem, never raised)."""
    inputs = {"itemId": unit.item_id, "productSpecification": unit.specification,
              "specification": reached.specification, "path": list(reached.path)}
    try:
        reason = _drop_reason(rule, context)
        quantity = reached.quantity if rule.quantity is None else _whole(rule.quantity(context))
        if reason is None and quantity <= 0:
            reason = "quantity is 0"
        characteristics = {} if reason else {name: value(context) for name, value in rule.characteristics.items()}
    except EVALUATION_ERRORS as error:
        result.problems.append(Problem("invalid_expression", f"rule {rule.id!r}: {error}", unit.item_id,
                                       specification=reached.specification))
        reason = f"evaluation failed: {error}"
    if reason:
        result.trace.append(_entry(rules, rule, inputs, {"produced": False, "reason": reason}))
        return
    counts[rule.id] = counts.get(rule.id, 0) + 1
    line_id = f"{unit.item_id}.{rule.id}" + (f".{counts[rule.id]}" if counts[rule.id] > 1 else "")
    awaiting = tuple(name for name in rule.required if characteristics.get(name) in (None, ""))
    result.lines.append(DomainOrderLine(
        line_id, unit.item_id, reached.specification, quantity, characteristics, rule.id, rule.domain,
        rule.fulfilment_system, unit.specification, reached.path, awaiting, action=item_action(unit.view)))
    result.trace.append(_entry(rules, rule, inputs, {"produced": True, "line": line_id, "quantity": quantity,
                                                     "awaiting": list(awaiting)}))


def _drop_reason(rule: DecompositionRule, context: dict) -> str | None:
    if rule.include is not None and not rule.include(context):
        return "include is false"
    if rule.exclude is not None and rule.exclude(context):
        return "exclude is true"
    return None


def _whole(value: object) -> int:
    try:
        return max(int(Decimal(str(value))), 0)
    except (ArithmeticError, ValueError):
        raise ValueError(f"quantity {value!r} is not a number") from None


def _entry(rules: CompiledDecompositionRules, rule: DecompositionRule, inputs: dict, decision: dict) -> TraceEntry:
    return TraceEntry(stage="decompose", artifact=rules.key, version=rules.version, rule=rule.id, inputs=inputs,
                      decision=decision)


def _trace_unmatched(rules: CompiledDecompositionRules, index: dict, item_units: list[Unit],
                     result: ItemLines) -> None:
    for unit in item_units:
        action = item_action(unit.view)
        unmatched = [r.specification for r in unit.reached if not any(
            action in rule.actions and rule.product_specification in (None, *unit.chain)
            for rule in index.get(r.specification, ()))]
        if unmatched:
            result.trace.append(TraceEntry(
                stage="decompose", artifact=rules.key, version=rules.version, rule=None,
                inputs={"itemId": unit.item_id, "productSpecification": unit.specification},
                decision={"noRuleFor": unmatched}))
