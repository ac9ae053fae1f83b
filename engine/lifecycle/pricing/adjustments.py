"""Adjustments read from the bound decision table: one per selected row, in result order.

Outputs: ``adjustmentType`` (percent | amount) and ``value`` required; ``level`` (item |
order, default item), ``priority`` (whole number, lower first, none last), ``stacking``
(stack | exclusive, default stack), ``cap`` (largest change, >= 0), ``priceType`` and
``recurringChargePeriod`` (which charge; default every one-time and recurring charge),
``name`` (default the rule id). A row whose ``value`` is null is "no adjustment".
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from engine.kinds.base.provenance import Provenance
from engine.kinds.base.values import parse_money
from engine.kinds.decision_table import CompiledDecisionTable
from engine.rules.decision_table import DecisionTableError, TableResult

from .model import Charge

TYPES = frozenset({"percent", "amount"})
LEVELS = frozenset({"item", "order"})
STACKINGS = frozenset({"stack", "exclusive"})
PRICE_TYPES = frozenset({"oneTime", "recurring", "usage"})


@dataclass(frozen=True)
class Adjustment:
    """One adjustment a table row asks for; ``position`` is its place in the table's result."""

    adjustment_type: str
    value: Decimal
    level: str
    priority: int | None
    stacking: str
    cap: Decimal | None
    price_type: str | None
    period: str | None
    name: str
    source: Provenance
    position: int

    def targets(self, charge: Charge) -> bool:
        """Whether it adjusts ``charge``: the named price type (and period), else any non-usage charge."""
        if self.price_type is None:
            return charge.price_type != "usage"
        return charge.price_type == self.price_type and self.period in (None, charge.period)

    def order_key(self) -> tuple:
        """Application order: priority ascending (none last), then table result order."""
        return self.priority is None, self.priority or 0, self.position


@dataclass
class TableOutcome:
    """The adjustments of one pass, the rows that were not valid adjustments, the table's trace."""

    adjustments: list[Adjustment]
    invalid: list[tuple[Provenance, str]]
    result: TableResult | None
    error: str | None = None


def read_adjustments(table: CompiledDecisionTable, context: dict, level: str) -> TableOutcome:
    """Evaluate ``table`` for ``context`` and keep the adjustments of ``level``."""
    try:
        result = table.evaluate(context)
    except DecisionTableError as error:
        return TableOutcome([], [], None, "; ".join(issue.message for issue in error.issues))
    adjustments, invalid = [], []
    for position, (rule_id, outputs) in enumerate(_hits(result)):
        source = Provenance(table.key, table.version, rule_id)
        try:
            adjustment = parse_adjustment(outputs, source, position)
        except ValueError as error:
            if _declared_level(outputs) == level:
                invalid.append((source, str(error)))
            continue
        if adjustment is not None and adjustment.level == level:
            adjustments.append(adjustment)
    return TableOutcome(adjustments, invalid, result)


def parse_adjustment(outputs: object, source: Provenance, position: int) -> Adjustment | None:
    """An Adjustment from one row's outputs; None when ``value`` is null; ValueError when malformed."""
    if not isinstance(outputs, dict):
        raise ValueError(f"the table gives {outputs!r}, not outputs by name")
    if outputs.get("value") is None:
        return None
    return Adjustment(
        _choice(outputs, "adjustmentType", TYPES, None), parse_money(outputs["value"]),
        _choice(outputs, "level", LEVELS, "item"), _priority(outputs.get("priority")),
        _choice(outputs, "stacking", STACKINGS, "stack"), _cap(outputs.get("cap")),
        _choice(outputs, "priceType", PRICE_TYPES, None, required=False), outputs.get("recurringChargePeriod"),
        str(outputs.get("name") or source.row), source, position)


def _declared_level(outputs: object) -> str:
    """The pass an invalid row is reported in: its ``level`` when valid, else the item pass."""
    level = outputs.get("level") if isinstance(outputs, dict) else None
    return level if level in LEVELS else "item"


def _hits(result: TableResult) -> list[tuple[str, object]]:
    if result.value is None:
        return []
    values = result.value if isinstance(result.value, list) else [result.value]
    ids = list(result.selected_rule_ids) or ["default"] * len(values)
    return list(zip(ids, values, strict=False))


def _choice(outputs: dict, name: str, allowed: frozenset, default: str | None, required: bool = True) -> str | None:
    value = outputs.get(name)
    if value is None and (default is not None or not required):
        return default
    if value not in allowed:
        raise ValueError(f"{name} {value!r} is not one of {', '.join(sorted(allowed))}")
    return value


def _priority(value: object) -> int | None:
    if value is None:
        return None
    number = parse_money(value)
    if number != number.to_integral_value():
        raise ValueError(f"priority {value!r} is not a whole number")
    return int(number)


def _cap(value: object) -> Decimal | None:
    if value is None:
        return None
    cap = parse_money(value)
    if cap < 0:
        raise ValueError(f"cap {value!r} is negative")
    return cap
