"""Compiled decomposition rules and what applying them to an order item gives."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from engine.rules.jsonlogic import CompiledRule

from ..base.provenance import Provenance


@dataclass(frozen=True)
class DecompositionRule:
    """One rule, expressions compiled."""

    id: str
    specification: str
    product_specification: str | None
    domain: str
    fulfilment_system: str
    include: CompiledRule | None
    exclude: CompiledRule | None
    characteristics: Mapping[str, CompiledRule]
    required: tuple[str, ...]
    quantity: CompiledRule | None
    depends_on: tuple[str, ...]
    actions: tuple[str, ...] = ("add",)

    def applies_to(self, product_specification: str | None) -> bool:
        """True when the rule is for any item or for items of ``product_specification``."""
        return self.product_specification is None or self.product_specification == product_specification


@dataclass(frozen=True)
class DecompositionLine:
    """A line of a domain order: specification, quantity, mapped characteristics, what it waits for."""

    rule: str
    specification: str
    domain: str
    fulfilment_system: str
    quantity: int
    characteristics: dict
    awaiting: tuple[str, ...]
    source: Provenance


@dataclass(frozen=True)
class DomainOrderGroup:
    """The lines for one (domain, fulfilment system), and the groups it depends on."""

    domain: str
    fulfilment_system: str
    lines: tuple[DecompositionLine, ...]
    depends_on: tuple[tuple[str, str], ...]

    @property
    def state(self) -> str:
        """``awaitingInformation`` while a line misses a required characteristic, else ``draft``."""
        return "awaitingInformation" if any(line.awaiting for line in self.lines) else "draft"


@dataclass
class DecompositionResult:
    """Lines produced, rules that did not produce (rule id -> reason), and lines grouped per system."""

    lines: list[DecompositionLine] = field(default_factory=list)
    dropped: dict[str, str] = field(default_factory=dict)
    domain_orders: list[DomainOrderGroup] = field(default_factory=list)


@dataclass(frozen=True)
class CompiledDecompositionRules:
    """Rules in dependency order, indexed by the specification they produce."""

    key: str
    version: int | None
    rules: tuple[DecompositionRule, ...]
    systems: Mapping[str, str]

    def rules_for(self, specification: str) -> tuple[DecompositionRule, ...]:
        """The rules that produce lines for ``specification``."""
        return tuple(rule for rule in self.rules if rule.specification == specification)

    def decompose(self, order: dict, item: dict, product_specification: str | None,
                  specifications: Iterable[str] | None = None) -> DecompositionResult:
        """Apply the rules for an item of ``product_specification`` (optionally only for the given
        specifications, e.g. those the catalog's relationships reach) and group the lines."""
        from .evaluate import decompose
        return decompose(self, {"order": order, "item": item}, product_specification,
                         None if specifications is None else frozenset(specifications))
