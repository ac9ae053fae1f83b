"""Price lines of one item: the price list's rows at ``at``, replaced per charge by matrix prices."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from engine.kinds.base.provenance import Provenance
from engine.kinds.price_list import CompiledPriceList
from engine.kinds.pricing_matrix import CompiledPricingMatrix, MatrixPrice
from engine.lifecycle.trace import TraceEntry

from .model import Charge, PricedLine, Problem
from .money import round_money


@dataclass(frozen=True)
class ItemRef:
    """The item being priced: id, offering, quantity and its ``{"order", "item"}`` context."""

    item_id: str
    offering: str
    quantity: int
    context: dict


@dataclass
class LineOutcome:
    """Lines found for an item, with their trace entries and problems."""

    lines: list[PricedLine] = field(default_factory=list)
    trace: list[TraceEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def price_lines(ref: ItemRef, price_list: CompiledPriceList, matrices, at: datetime) -> LineOutcome:
    """Price-list lines valid at ``at`` whose condition holds; a matrix price for the same charge
    (type, period, unit) replaces them; the first matrix in binding order that gives a price wins."""
    outcome = LineOutcome()
    currency = price_list.currency
    by_matrix = _matrix_prices(ref, matrices, currency, outcome)
    replaced: dict[Charge, list[str]] = {}
    for found in price_list.prices_for(ref.offering, at, ref.context):
        charge = Charge(found.price_type, found.period, found.unit)
        if not _same_currency(ref, found.source, found.currency, currency, outcome):
            continue
        if charge in by_matrix:
            replaced.setdefault(charge, []).append(found.source.row)
            _skip(outcome, ref, found.source, charge, f"replaced by matrix cell {by_matrix[charge][0].source.row!r}")
            continue
        _add(outcome, ref, charge, found.amount, found.currency, found.source, {})
    for charge, (price, dimensions) in by_matrix.items():
        _add(outcome, ref, charge, price.amount, price.currency, price.source,
             {"dimensions": dimensions}, {"replaces": replaced.get(charge, [])})
    return outcome


def _matrix_prices(ref: ItemRef, matrices, currency: str, outcome: LineOutcome) -> dict:
    found: dict[Charge, tuple[MatrixPrice, dict]] = {}
    for matrix in matrices:
        if ref.offering not in matrix.offerings:
            continue
        dimensions = matrix.dimension_values(ref.context)
        price = matrix.lookup(dimensions)
        charge = Charge(matrix.price_type, matrix.period, matrix.unit)
        if price is None:
            _matrix_miss(outcome, ref, matrix, charge, dimensions, "no cell for these values and no default")
        elif charge in found:
            _matrix_miss(outcome, ref, matrix, charge, dimensions,
                         f"charge already priced by matrix {found[charge][0].source.artifact!r}")
        elif _same_currency(ref, price.source, price.currency, currency, outcome):
            found[charge] = (price, dimensions)
    return found


def line_amount(charge: Charge, unit_amount: Decimal, quantity: int, currency: str) -> Decimal:
    """Quantity x unit amount rounded to the minor unit; a usage price stays the unrounded unit price."""
    if charge.price_type == "usage":
        return unit_amount
    return round_money(unit_amount * quantity, currency)


def _add(outcome: LineOutcome, ref: ItemRef, charge: Charge, unit_amount: Decimal, currency: str,
         source: Provenance, inputs: dict, decision: dict | None = None) -> None:
    amount = line_amount(charge, unit_amount, ref.quantity, currency)
    outcome.lines.append(PricedLine(ref.item_id, ref.offering, charge, unit_amount, ref.quantity, amount,
                                    currency, source))
    outcome.trace.append(_entry(ref, source, charge, {"unitAmount": unit_amount, "quantity": ref.quantity, **inputs},
                                {"outcome": "priced", "amount": amount, "currency": currency, **(decision or {})}))


def _same_currency(ref: ItemRef, source: Provenance, found: str, expected: str, outcome: LineOutcome) -> bool:
    if found == expected:
        return True
    message = f"item {ref.item_id}: {source.artifact} row {source.row!r} is in {found}, the order is priced in {expected}"
    outcome.problems.append(Problem(ref.item_id, "currency_mismatch", message))
    outcome.trace.append(_entry(ref, source, None, {"currency": found},
                                {"outcome": "excluded", "reason": f"currency {found} is not {expected}"}))
    return False


def _skip(outcome: LineOutcome, ref: ItemRef, source: Provenance, charge: Charge, reason: str) -> None:
    outcome.trace.append(_entry(ref, source, charge, {}, {"outcome": "skipped", "reason": reason}))


def _matrix_miss(outcome: LineOutcome, ref: ItemRef, matrix: CompiledPricingMatrix, charge: Charge,
                 dimensions: dict, reason: str) -> None:
    outcome.trace.append(TraceEntry(
        stage="price", artifact=matrix.key, version=matrix.version, rule=None,
        inputs={"itemId": ref.item_id, "productOffering": ref.offering, **charge.as_dict(), "dimensions": dimensions},
        decision={"outcome": "skipped", "reason": reason}))


def _entry(ref: ItemRef, source: Provenance, charge: Charge | None, inputs: dict, decision: dict) -> TraceEntry:
    head = {"itemId": ref.item_id, "productOffering": ref.offering, **(charge.as_dict() if charge else {})}
    return TraceEntry(stage="price", artifact=source.artifact, version=source.version, rule=source.row,
                      inputs={**head, **inputs}, decision=decision)
