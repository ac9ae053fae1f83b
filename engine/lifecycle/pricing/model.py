"""Plain data the pricing stage returns: charges, lines, alterations, totals, problems."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from engine.kinds.base.provenance import Provenance
from engine.lifecycle.trace import TraceEntry

from .tmf import item_prices, order_total

PERIOD_ORDER = ("day", "week", "month", "quarter", "year")
TYPE_ORDER = ("oneTime", "recurring", "usage")


@dataclass(frozen=True)
class Charge:
    """What a price is for: ``price_type`` (oneTime, recurring, usage), its ``period`` or usage ``unit``."""

    price_type: str
    period: str | None = None
    unit: str | None = None

    def sort_key(self) -> tuple:
        """oneTime, then recurring by period length, then usage by unit."""
        period = PERIOD_ORDER.index(self.period) if self.period in PERIOD_ORDER else len(PERIOD_ORDER)
        return TYPE_ORDER.index(self.price_type), period, self.period or "", self.unit or ""

    def as_dict(self) -> dict:
        """TMF-style names: priceType, recurringChargePeriod, unitOfMeasure (only those that apply)."""
        found = {"priceType": self.price_type}
        if self.period:
            found["recurringChargePeriod"] = self.period
        if self.unit:
            found["unitOfMeasure"] = self.unit
        return found


@dataclass(frozen=True)
class PricedLine:
    """One price of an item: ``amount`` is ``unit_amount`` x quantity rounded (usage: the unit price as is)."""

    item_id: str
    offering: str
    charge: Charge
    unit_amount: Decimal
    quantity: int
    amount: Decimal
    currency: str
    source: Provenance


def charge_sums(lines: Iterable[PricedLine]) -> dict[Charge, Decimal]:
    """The sum of the line amounts per charge."""
    sums: dict[Charge, Decimal] = {}
    for line in lines:
        sums[line.charge] = sums.get(line.charge, Decimal(0)) + line.amount
    return sums


@dataclass(frozen=True)
class Alteration:
    """An applied adjustment. ``value`` > 0 is a reduction (10 = 10 % or 10.00 off); ``amount`` is the
    signed change to the charge (negative for a discount), rounded to the minor unit."""

    level: str
    item_id: str | None
    charge: Charge
    adjustment_type: str
    value: Decimal
    amount: Decimal
    priority: int | None
    stacking: str
    name: str
    source: Provenance


@dataclass(frozen=True)
class ChargeTotal:
    """A charge of an item or of the order: ``base`` before, ``amount`` after its ``alterations``."""

    charge: Charge
    base: Decimal
    alterations: tuple[Alteration, ...]
    amount: Decimal


@dataclass(frozen=True)
class ItemPricing:
    """The lines of one item and its charge totals after item-level adjustments."""

    item_id: str
    offering: str
    quantity: int
    lines: tuple[PricedLine, ...]
    totals: tuple[ChargeTotal, ...]


@dataclass(frozen=True)
class Problem:
    """Something the runtime may turn into a fallout: ``code`` and ``message`` for an item (or None)."""

    item_id: str | None
    code: str
    message: str

    def as_dict(self) -> dict:
        """``{itemId, code, message}``."""
        return {"itemId": self.item_id, "code": self.code, "message": self.message}


@dataclass
class PricingResult:
    """What ``price_order`` returns: priced items, order totals, problems and the trace."""

    currency: str
    items: dict[str, ItemPricing] = field(default_factory=dict)
    order_totals: tuple[ChargeTotal, ...] = ()
    problems: list[Problem] = field(default_factory=list)
    trace: list[TraceEntry] = field(default_factory=list)

    @property
    def lines(self) -> list[PricedLine]:
        """Every price line of every item, in item order."""
        return [line for item in self.items.values() for line in item.lines]

    def total(self, price_type: str, period: str | None = None) -> Decimal:
        """The order total of one charge after every adjustment (0 when the order has no such charge)."""
        wanted = Charge(price_type, period)
        return next((total.amount for total in self.order_totals if total.charge == wanted), Decimal(0))

    def to_tmf_item_prices(self, item_id: str) -> dict:
        """``{"itemPrice": [...], "itemTotalPrice": [...]}`` for a priced item (TMF622 v4 OrderPrice shapes);
        KeyError for an item that is not in ``items`` (not priced: see ``problems`` and the trace)."""
        return item_prices(self.items[item_id], self.currency)

    def to_tmf_order_total(self) -> list[dict]:
        """``orderTotalPrice`` (TMF622 v4): one OrderPrice per price type and period, order-level alterations."""
        return order_total(self.order_totals, self.currency)
