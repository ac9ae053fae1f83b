"""Read access to a published catalog artifact's body: offerings and specifications by id."""
from __future__ import annotations

from dataclasses import dataclass, field

SELLABLE_STATUSES = frozenset({"launched", "active"})


@dataclass(frozen=True)
class Offering:
    id: str
    name: str
    is_sellable: bool
    lifecycle_status: str
    specification_id: str | None
    raw: dict = field(repr=False, compare=False)

    @property
    def sellable(self) -> bool:
        return self.is_sellable and self.lifecycle_status.lower() in SELLABLE_STATUSES


@dataclass(frozen=True)
class Catalog:
    offerings: dict[str, Offering]
    specifications: dict[str, dict]

    @classmethod
    def from_body(cls, body: dict) -> Catalog:
        """Build the lookup structure once from a catalog artifact's ``body``."""
        offerings = {}
        for raw in body.get("productOfferings", []):
            spec = raw.get("productSpecification") or {}
            offerings[raw["id"]] = Offering(
                id=raw["id"], name=raw.get("name", raw["id"]), is_sellable=raw.get("isSellable", True),
                lifecycle_status=raw.get("lifecycleStatus", "Launched"), specification_id=spec.get("id"), raw=raw)
        specifications = {spec["id"]: spec for spec in body.get("productSpecifications", [])}
        return cls(offerings, specifications)

    def offering(self, offering_id: str) -> Offering | None:
        return self.offerings.get(offering_id)
