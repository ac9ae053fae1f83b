"""Price list checks (amounts, currencies, dates, conditions, unique rows) and compilation."""
from __future__ import annotations

from types import MappingProxyType

from ..base.expressions import compile_optional
from ..base.graph import Node, check_unique
from ..base.issues import Issues
from ..base.kind import ArtifactMeta
from ..base.provenance import Provenance
from ..base.values import instant, money
from .model import CompiledPriceList, PriceEntry, PriceLine


def compile_price_list(body: dict, meta: ArtifactMeta, issues: Issues) -> CompiledPriceList:
    """Compile every price row; amounts become Decimal, conditions compiled JsonLogic."""
    rows = body["prices"]
    check_unique([Node(row["id"], f"/body/prices/{i}/id", ()) for i, row in enumerate(rows)], issues)
    list_window = _window(body.get("validFor", {}), "/body/validFor", issues)
    entries: dict[str, list[PriceEntry]] = {}
    for i, row in enumerate(rows):
        entry = _entry(row, f"/body/prices/{i}", body["currency"], list_window, meta, issues)
        entries.setdefault(row["productOffering"], []).append(entry)
    frozen = {offering: tuple(found) for offering, found in entries.items()}
    return CompiledPriceList(meta.key, meta.version, body["currency"], MappingProxyType(frozen))


def _entry(row: dict, at: str, currency: str, list_window: tuple, meta: ArtifactMeta, issues: Issues) -> PriceEntry:
    start, end = _window(row.get("validFor", {}), f"{at}/validFor", issues)
    line = PriceLine(row["productOffering"], row["priceType"], money(row["amount"], f"{at}/amount", issues),
                     row.get("currency", currency), row.get("recurringChargePeriod"), row.get("unitOfMeasure"),
                     Provenance(meta.key, meta.version, row["id"]))
    return PriceEntry(line, _later(start, list_window[0]), _earlier(end, list_window[1]),
                      compile_optional(row, "condition", at, issues))


def _window(valid_for: dict, at: str, issues: Issues) -> tuple:
    start = instant(valid_for.get("startDateTime"), f"{at}/startDateTime", issues)
    end = instant(valid_for.get("endDateTime"), f"{at}/endDateTime", issues)
    if start and end and start >= end:
        issues.add(f"{at}/endDateTime", "invalid_range", "endDateTime must be after startDateTime")
    return start, end


def _later(a, b):
    return max(a, b) if a and b else a or b


def _earlier(a, b):
    return min(a, b) if a and b else a or b
