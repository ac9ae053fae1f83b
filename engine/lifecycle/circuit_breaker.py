"""A circuit breaker per external system: stop calling after N consecutive failures.

closed → (N consecutive failures) → open: calls are held, not made → after ``cool_down`` one probe is
let through (half-open) → a success closes it, a failure opens it again. Marking the system up
closes it at once. Plain data, so the runtime can store it and every worker sees the same state.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

CLOSED, OPEN, HALF_OPEN = "closed", "open", "halfOpen"


@dataclass(frozen=True)
class Breaker:
    system: str
    state: str = CLOSED
    failures: int = 0
    opened_at: datetime | None = None
    threshold: int = 5
    cool_down: timedelta = timedelta(minutes=1)

    def allows(self, now: datetime) -> bool:
        """May a call go out now? (An open breaker lets one probe through after the cool-down.)"""
        return self.state != OPEN or (self.opened_at is not None and now >= self.opened_at + self.cool_down)

    def before_call(self, now: datetime) -> Breaker:
        return replace(self, state=HALF_OPEN) if self.state == OPEN and self.allows(now) else self

    def succeeded(self) -> Breaker:
        return replace(self, state=CLOSED, failures=0, opened_at=None)

    def failed(self, now: datetime) -> Breaker:
        failures = self.failures + 1
        if self.state == HALF_OPEN or failures >= self.threshold:
            return replace(self, state=OPEN, failures=failures, opened_at=now)
        return replace(self, failures=failures)

    def marked_up(self) -> Breaker:
        return self.succeeded()
