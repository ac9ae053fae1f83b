"""Compiled decomposition rules (applied by ``engine.lifecycle.decomposition.lines.apply_rule``)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from engine.rules.jsonlogic import CompiledRule


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


@dataclass(frozen=True)
class CompiledDecompositionRules:
    """Rules in dependency order, with the fulfilment systems (id -> domain) they may name."""

    key: str
    version: int | None
    rules: tuple[DecompositionRule, ...]
    systems: Mapping[str, str]

