"""Compiled task definitions of an orchestration plan."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from engine.rules.jsonlogic import CompiledRule


@dataclass(frozen=True)
class RetryPolicy:
    """Up to ``max_attempts`` attempts; the wait before attempt n+1 is backoff * multiplier**(n-1), capped."""

    max_attempts: int
    backoff: timedelta
    multiplier: float
    max_backoff: timedelta | None

    def delay_after(self, attempt: int) -> timedelta | None:
        """The wait after failed ``attempt`` (1-based), or None when no attempt is left."""
        if attempt >= self.max_attempts:
            return None
        delay = self.backoff * (self.multiplier ** (attempt - 1))
        return min(delay, self.max_backoff) if self.max_backoff is not None else delay


@dataclass(frozen=True)
class TaskDefinition:
    """One task of a plan, evaluation-ready (conditions and parameters compiled, durations parsed)."""

    key: str
    name: str
    type: str
    depends_on: tuple[str, ...] = ()
    condition: CompiledRule | None = None
    duration: timedelta | None = None
    sla: timedelta | None = None
    assignment_group: str | None = None
    point_of_no_return: bool = False
    compensation: str | None = None
    retry: RetryPolicy | None = None
    handler: str | None = None
    params: Mapping[str, CompiledRule] = field(default_factory=dict)
    role: str | None = None
    work_type: str | None = None
    wait: timedelta | None = None
    until: CompiledRule | None = None
    milestone: str | None = None

    @property
    def expected_duration(self) -> timedelta:
        """``duration``, else a waitUntil task's fixed ``wait``, else zero."""
        return self.duration or self.wait or timedelta(0)

    def included(self, context: dict) -> bool:
        """True when the task has no condition or its condition is truthy for ``context``."""
        return self.condition is None or bool(self.condition(context))

    def parameters(self, context: dict) -> dict:
        """The task's parameters computed for ``context``."""
        return {name: rule(context) for name, rule in self.params.items()}
