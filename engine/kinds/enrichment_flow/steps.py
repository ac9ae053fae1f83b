"""Compiled enrichment steps, one dataclass per step type."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from engine.rules.jsonlogic import CompiledRule


@dataclass(frozen=True)
class Step:
    """What every step has: id, scope (order / item), own condition, dependencies."""

    id: str
    for_each: str
    condition: CompiledRule | None
    depends_on: tuple[str, ...]


@dataclass(frozen=True)
class ConditionStep(Step):
    """A gate: when ``rule`` is falsy, every step depending on this one is skipped."""

    rule: CompiledRule


@dataclass(frozen=True)
class LookupStep(Step):
    """Evaluate decision table ``table`` and write its outputs (name -> target path)."""

    table: str
    outputs: Mapping[str, str]


@dataclass(frozen=True)
class SetStep(Step):
    """Write each computed value to its target path."""

    assignments: tuple[tuple[str, CompiledRule], ...]


@dataclass(frozen=True)
class ValidateStep(Step):
    """A falsy ``rule`` yields an error (or warning) with ``message``."""

    rule: CompiledRule
    message: str
    code: str
    severity: str


@dataclass(frozen=True)
class RequireInformationStep(Step):
    """Each (path, label) whose value is null or empty is missing information."""

    fields: tuple[tuple[str, str], ...]
