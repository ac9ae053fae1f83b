"""Applying adjustments to the charges of one level (an item, or the order).

Per charge: among the ``exclusive`` adjustments only the one with the biggest reduction of the
charge's base (its amount before this level's adjustments, cap and floor applied) survives,
ties to the lower priority then the earlier row; the survivor then joins the ``stack`` ones and
all are applied in priority order, each on the running amount. A change is rounded half-up to
the minor unit, limited to ``cap`` in size, and a reduction never takes the running amount below
zero (nor lowers one already at or below zero).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from engine.lifecycle.trace import TraceEntry

from .adjustments import Adjustment
from .model import Alteration, Charge, ChargeTotal
from .money import round_money

ZERO = Decimal(0)


@dataclass(frozen=True)
class Pass:
    """Where the adjustments apply: ``level`` (item | order), the item id, the currency."""

    level: str
    item_id: str | None
    currency: str


@dataclass(frozen=True)
class Change:
    """The signed change one adjustment makes to an amount, and whether the cap or the floor bit."""

    amount: Decimal
    capped: bool
    floored: bool


def change_for(adjustment: Adjustment, running: Decimal, currency: str) -> Change:
    """The change ``adjustment`` makes to ``running`` (negative for a reduction)."""
    raw = running * adjustment.value / 100 if adjustment.adjustment_type == "percent" else adjustment.value
    reduction = round_money(raw, currency)
    capped = adjustment.cap is not None and abs(reduction) > adjustment.cap
    if capped:
        cap = round_money(adjustment.cap, currency)
        reduction = cap if reduction > 0 else -cap
    floored = reduction > 0 and reduction > max(running, ZERO)
    if floored:
        reduction = max(running, ZERO)
    return Change(-reduction, capped, floored)


def adjust(bases: dict[Charge, Decimal], adjustments: list[Adjustment], where: Pass,
           trace: list[TraceEntry]) -> tuple[ChargeTotal, ...]:
    """The charge totals after ``adjustments``; one trace entry per adjustment and charge."""
    for adjustment in adjustments:
        if not any(adjustment.targets(charge) for charge in bases):
            trace.append(_entry(adjustment, where, None, {}, _skipped(f"no {_wanted(adjustment)} charge to adjust")))
    return tuple(_adjust_charge(charge, bases[charge], [a for a in adjustments if a.targets(charge)], where, trace)
                 for charge in sorted(bases, key=Charge.sort_key))


def _adjust_charge(charge: Charge, base: Decimal, adjustments: list[Adjustment], where: Pass,
                   trace: list[TraceEntry]) -> ChargeTotal:
    running, alterations = base, []
    for adjustment in _surviving(charge, base, adjustments, where, trace):
        change = change_for(adjustment, running, where.currency)
        inputs = {"before": running}
        if change.amount == 0:
            trace.append(_entry(adjustment, where, charge, inputs, _skipped(_why_nothing(adjustment, change, running))))
            continue
        running += change.amount
        alterations.append(_alteration(adjustment, where, charge, change.amount))
        decision = {"outcome": "applied", "amount": change.amount, "after": running,
                    "capped": change.capped, "floored": change.floored}
        trace.append(_entry(adjustment, where, charge, inputs, decision))
    return ChargeTotal(charge, base, tuple(alterations), running)


def _surviving(charge: Charge, base: Decimal, adjustments: list[Adjustment], where: Pass,
               trace: list[TraceEntry]) -> list[Adjustment]:
    exclusive = [a for a in adjustments if a.stacking == "exclusive"]
    kept = [a for a in adjustments if a.stacking != "exclusive"]
    if exclusive:
        best = min(exclusive, key=lambda a: (change_for(a, base, where.currency).amount, a.order_key()))
        kept.append(best)
        for loser in (a for a in exclusive if a is not best):
            reason = f"exclusive: rule {best.source.row!r} gives a bigger reduction"
            trace.append(_entry(loser, where, charge, {"before": base}, _skipped(reason)))
    return sorted(kept, key=Adjustment.order_key)


def _alteration(adjustment: Adjustment, where: Pass, charge: Charge, amount: Decimal) -> Alteration:
    return Alteration(where.level, where.item_id, charge, adjustment.adjustment_type, adjustment.value, amount,
                      adjustment.priority, adjustment.stacking, adjustment.name, adjustment.source)


def _why_nothing(adjustment: Adjustment, change: Change, running: Decimal) -> str:
    if adjustment.value > 0 and running <= 0:
        return "the charge is already at zero"
    return "the cap is zero" if change.capped else "the change is zero once rounded"


def _wanted(adjustment: Adjustment) -> str:
    if adjustment.price_type is None:
        return "one-time or recurring"
    return " ".join(filter(None, (adjustment.price_type, adjustment.period)))


def _skipped(reason: str) -> dict:
    return {"outcome": "skipped", "reason": reason}


def _entry(adjustment: Adjustment, where: Pass, charge: Charge | None, inputs: dict, decision: dict) -> TraceEntry:
    head = {"level": where.level, "itemId": where.item_id, **(charge.as_dict() if charge else {}),
            "adjustmentType": adjustment.adjustment_type, "value": adjustment.value,
            "priority": adjustment.priority, "stacking": adjustment.stacking, "cap": adjustment.cap}
    return TraceEntry(stage="price", artifact=adjustment.source.artifact, version=adjustment.source.version,
                      rule=adjustment.source.row, inputs={**head, **inputs}, decision=decision)
