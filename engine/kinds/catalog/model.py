"""The compiled catalog: offerings and specifications indexed by id, ready for capture and decomposition."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from .characteristics import CharacteristicProblem, CharacteristicSpec

SELLABLE_STATUSES = frozenset({"launched", "active"})
NOT_REALIZING = frozenset({"requires", "excludes"})  # relationships between products, not below one


@dataclass(frozen=True)
class Relationship:
    """``relationship_type`` (bundles, realizedAs, requires, excludes) towards specification ``target``."""

    target: str
    relationship_type: str
    quantity: int = 1


@dataclass(frozen=True)
class Specification:
    """A product, service or resource specification (``level``); services carry CFS / RFS ``category``."""

    id: str
    name: str
    level: str
    category: str | None
    characteristics: Mapping[str, CharacteristicSpec]
    relationships: tuple[Relationship, ...]

    def related(self, relationship_type: str) -> tuple[Relationship, ...]:
        """The relationships of one type, in catalog order."""
        return tuple(r for r in self.relationships if r.relationship_type == relationship_type)


@dataclass(frozen=True)
class Requirement:
    """A ``requires`` or ``excludes`` of an offering: ``target`` as the catalog names it (an offering or a product
    specification) and the offerings a product of which meets it."""

    target: str
    offering_ids: tuple[str, ...]

    def describe(self) -> str:
        """``'fibre-100'``, or ``'spec-fibre-access' (fibre-100 / fibre-500)`` for a specification."""
        if self.offering_ids == (self.target,):
            return repr(self.target)
        return f"{self.target!r} ({' / '.join(self.offering_ids) or 'no offering sells it'})"


@dataclass(frozen=True)
class Bounds:
    """An inclusive count range; None is unbounded."""

    min: int | None = None
    max: int | None = None

    def contains(self, count: int) -> bool:
        """``count`` within min..max."""
        return (self.min is None or count >= self.min) and (self.max is None or count <= self.max)

    def describe(self) -> str:
        """``1..4``, ``0..∞``."""
        return f"{self.min or 0}..{'∞' if self.max is None else self.max}"


@dataclass(frozen=True)
class Offering:
    """A product offering of the catalog: identity, sellability, quantity limits, parties and place it needs, and
    the offerings it requires or excludes and how many of it an order may add or a customer hold (compiled)."""

    id: str
    name: str
    is_sellable: bool
    lifecycle_status: str
    specification_id: str
    is_bundle: bool = False
    bundled_offering_ids: tuple[str, ...] = ()
    min_quantity: int | None = None
    max_quantity: int | None = None
    required_party_roles: tuple[str, ...] = ()
    place_required: bool = False
    valid_from: datetime | None = None
    valid_to: datetime | None = None
    requires: tuple[Requirement, ...] = ()
    excludes: tuple[Requirement, ...] = ()
    per_order: Bounds | None = None
    per_customer: Bounds | None = None
    raw: Mapping = field(default_factory=dict, repr=False, compare=False)

    @property
    def sellable(self) -> bool:
        """Sellable flag set and lifecycle status Launched or Active."""
        return self.is_sellable and self.lifecycle_status.lower() in SELLABLE_STATUSES

    def sellable_at(self, moment: datetime) -> bool:
        """``sellable`` and ``moment`` inside the offering's validFor period."""
        return self.sellable and (self.valid_from is None or moment >= self.valid_from) and (
            self.valid_to is None or moment < self.valid_to)


@dataclass(frozen=True)
class Realization:
    """One specification reached while walking bundles / realizedAs from a root; ``path`` is the ids above it."""

    specification: Specification
    relationship_type: str
    quantity: int
    path: tuple[str, ...]


@dataclass(frozen=True)
class CompiledCatalog:
    """A catalog compiled once: lookups by id, characteristic checks and the decomposition walk."""

    key: str
    version: int | None
    offerings: Mapping[str, Offering]
    specifications: Mapping[str, Specification]

    def offering(self, offering_id: str) -> Offering | None:
        """The offering with that id, or None."""
        return self.offerings.get(offering_id)

    def specification(self, specification_id: str) -> Specification | None:
        """The product, service or resource specification with that id, or None."""
        return self.specifications.get(specification_id)

    def check_characteristics(self, specification_id: str, values: Mapping[str, object]) -> list[CharacteristicProblem]:
        """Every problem of the characteristic ``values`` (name -> value) against the specification."""
        characteristics = self.specifications[specification_id].characteristics
        found = [CharacteristicProblem(name, "unknown_characteristic", f"{name!r} is not a characteristic of "
                                       f"{specification_id!r}") for name in values if name not in characteristics]
        for name, spec in characteristics.items():
            if values.get(name) is None:
                if spec.required and spec.default is None:
                    found.append(CharacteristicProblem(name, "missing_characteristic", f"{name!r} is required"))
            else:
                found.extend(spec.problems(values[name]))
        return found

    def defaults(self, specification_id: str) -> dict[str, object]:
        """The default value of each characteristic that has one."""
        characteristics = self.specifications[specification_id].characteristics
        return {name: spec.default for name, spec in characteristics.items() if spec.default is not None}

    def realization(self, specification_id: str) -> list[Realization]:
        """Depth-first walk of bundles and realizedAs below a specification (the root itself excluded)."""
        found: list[Realization] = []
        self._walk(specification_id, (specification_id,), 1, found)
        return found

    def _walk(self, specification_id: str, path: tuple[str, ...], multiplier: int, found: list) -> None:
        for relation in self.specifications[specification_id].relationships:
            if relation.relationship_type in NOT_REALIZING:
                continue
            target = self.specifications[relation.target]
            quantity = multiplier * relation.quantity
            found.append(Realization(target, relation.relationship_type, quantity, path))
            self._walk(target.id, path + (target.id,), quantity, found)
