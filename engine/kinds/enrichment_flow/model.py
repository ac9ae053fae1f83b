"""The compiled enrichment flow and what a run of it returns."""
from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from .steps import LookupStep, Step

Lookup = Callable[[LookupStep, dict], object]
"""Evaluates a lookup step's decision table for the context ``{"order", "item"}``; returns the table value."""


@dataclass(frozen=True)
class Finding:
    """A validation failure or a missing field: which step, which item (None: order level), what."""

    step: str
    item: str | None
    code: str
    message: str
    path: str | None = None
    severity: str = "error"

    def as_dict(self) -> dict:
        """JSON-friendly form."""
        return {"step": self.step, "item": self.item, "code": self.code, "message": self.message,
                "path": self.path, "severity": self.severity}


@dataclass
class EnrichmentResult:
    """The enriched order (a copy), validation errors, missing information and a per-step trace."""

    order: dict
    errors: list[Finding] = field(default_factory=list)
    missing: list[Finding] = field(default_factory=list)
    trace: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class CompiledEnrichmentFlow:
    """Steps in dependency order; ``tables`` are the decision table keys its lookups need."""

    key: str
    version: int | None
    steps: tuple[Step, ...]

    @property
    def tables(self) -> frozenset[str]:
        """Keys of the decision tables the lookup steps evaluate."""
        return frozenset(step.table for step in self.steps if isinstance(step, LookupStep))

    def run(self, order: dict, lookup: Lookup) -> EnrichmentResult:
        """Run the steps over a deep copy of ``order``; ``lookup`` evaluates decision tables."""
        from .runner import run_flow
        return run_flow(self, copy.deepcopy(order), lookup)
