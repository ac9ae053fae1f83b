"""The compiled price list: entries indexed by offering, filtered by date and condition."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from engine.rules.jsonlogic import CompiledRule

from ..base.provenance import Provenance


@dataclass(frozen=True)
class PriceLine:
    """One applicable price with the artifact, version and row that produced it."""

    offering: str
    price_type: str
    amount: Decimal
    currency: str
    period: str | None
    unit: str | None
    source: Provenance


@dataclass(frozen=True)
class PriceEntry:
    """A compiled price row: amount as Decimal, validity window, optional compiled condition."""

    line: PriceLine
    valid_from: datetime | None
    valid_to: datetime | None
    condition: CompiledRule | None

    def applies(self, at: datetime | None, context: dict) -> bool:
        """Valid at ``at`` (any time when None) and the condition, if any, truthy for ``context``."""
        if at is not None and ((self.valid_from and at < self.valid_from) or (self.valid_to and at >= self.valid_to)):
            return False
        return self.condition is None or bool(self.condition(context))


@dataclass(frozen=True)
class CompiledPriceList:
    """Price entries by offering id, in list order."""

    key: str
    version: int | None
    currency: str
    entries: Mapping[str, tuple[PriceEntry, ...]]

    def prices_for(self, offering_id: str, at: datetime | None = None, context: dict | None = None) -> list[PriceLine]:
        """The price lines of an offering valid at ``at`` whose condition holds for ``context``."""
        return [entry.line for entry in self.entries.get(offering_id, ()) if entry.applies(at, context or {})]
