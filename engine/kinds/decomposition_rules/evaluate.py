"""Applying decomposition rules to one order item."""
from __future__ import annotations

from decimal import Decimal

from engine.states.actions import item_action

from ..base.provenance import Provenance
from .model import (
    CompiledDecompositionRules,
    DecompositionLine,
    DecompositionResult,
    DecompositionRule,
    DomainOrderGroup,
)


def decompose(rules: CompiledDecompositionRules, context: dict, product_specification: str | None,
              specifications: frozenset | None) -> DecompositionResult:
    """Evaluate every applicable rule, then group lines by (domain, fulfilment system)."""
    result = DecompositionResult()
    produced: dict[str, DecompositionLine] = {}
    action = item_action(context.get("item") or {})
    for rule in rules.rules:
        if action not in rule.actions or not rule.applies_to(product_specification) or (
                specifications is not None and rule.specification not in specifications):
            continue
        reason = _drop_reason(rule, context)
        if reason:
            result.dropped[rule.id] = reason
            continue
        line = _line(rule, context, rules)
        if line.quantity <= 0:
            result.dropped[rule.id] = "quantity is 0"
            continue
        produced[rule.id] = line
        result.lines.append(line)
    result.domain_orders = _groups(rules, produced)
    return result


def _drop_reason(rule: DecompositionRule, context: dict) -> str | None:
    if rule.include is not None and not rule.include(context):
        return "include is false"
    if rule.exclude is not None and rule.exclude(context):
        return "exclude is true"
    return None


def _line(rule: DecompositionRule, context: dict, rules: CompiledDecompositionRules) -> DecompositionLine:
    characteristics = {name: value(context) for name, value in rule.characteristics.items()}
    awaiting = tuple(name for name in rule.required if characteristics.get(name) in (None, ""))
    return DecompositionLine(rule.id, rule.specification, rule.domain, rule.fulfilment_system,
                             _quantity(rule, context), characteristics, awaiting,
                             Provenance(rules.key, rules.version, rule.id))


def _quantity(rule: DecompositionRule, context: dict) -> int:
    if rule.quantity is None:
        return 1
    value = rule.quantity(context)
    try:
        return max(int(Decimal(str(value))), 0)
    except (ArithmeticError, ValueError):
        raise ValueError(f"rule {rule.id!r}: quantity {value!r} is not a number") from None


def _groups(rules: CompiledDecompositionRules, produced: dict[str, DecompositionLine]) -> list[DomainOrderGroup]:
    lines_by_group: dict[tuple[str, str], list[DecompositionLine]] = {}
    for line in produced.values():
        lines_by_group.setdefault((line.domain, line.fulfilment_system), []).append(line)
    by_id = {rule.id: rule for rule in rules.rules}
    groups = []
    for group, lines in lines_by_group.items():
        depends = []
        for line in lines:
            for dependency in by_id[line.rule].depends_on:
                target = produced.get(dependency)
                other = target and (target.domain, target.fulfilment_system)
                if other and other != group and other not in depends:
                    depends.append(other)
        groups.append(DomainOrderGroup(group[0], group[1], tuple(lines), tuple(depends)))
    return groups
