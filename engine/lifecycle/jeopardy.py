"""Jeopardy: how close each task is to its SLA, rolled up to domain orders and the order, and the
predicted completion from the remaining critical path.

A task's clock starts when it became ready and stops when it completed. Levels come from thresholds
as a percentage of the SLA (default 50 / 75 / 100 → low / medium / high; past the due time,
critical) or from a pack's ``jeopardy_rules`` levels. An order is in jeopardy even before any task
is late when the predicted completion passes the committed date.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from engine.lifecycle.timeline import TimelineTask, plan_timeline

LEVELS = ("low", "medium", "high", "critical")
DEFAULT_THRESHOLDS = ((Decimal(50), "low"), (Decimal(75), "medium"), (Decimal(100), "high"))


@dataclass(frozen=True)
class SlaTask:
    """A task as jeopardy sees it: the timeline task plus when its clock started and its SLA."""

    timeline: TimelineTask
    ready_at: datetime | None
    sla: timedelta | None


@dataclass(frozen=True)
class TaskJeopardy:
    task_id: str
    percent: Decimal
    level: str | None
    due_at: datetime


@dataclass(frozen=True)
class OrderJeopardy:
    tasks: tuple[TaskJeopardy, ...]
    domain_orders: dict[str, str | None]
    level: str | None
    predicted_completion: datetime
    committed: datetime | None
    late_by: timedelta | None = None
    reasons: tuple[str, ...] = field(default_factory=tuple)


def default_level(percent: Decimal) -> str | None:
    """Default thresholds; anything beyond 100 % (past due) is critical."""
    if percent > 100:
        return "critical"
    reached = [level for threshold, level in DEFAULT_THRESHOLDS if percent >= threshold]
    return reached[-1] if reached else None


def highest(levels: Iterable[str | None]) -> str | None:
    """The most severe level (None when nothing is in jeopardy)."""
    ranked = [LEVELS.index(level) for level in levels if level in LEVELS]
    return LEVELS[max(ranked)] if ranked else None


def task_jeopardy(task: SlaTask, now: datetime, level_for: Callable[[Decimal], str | None] = default_level
                  ) -> TaskJeopardy | None:
    """Percent of SLA used and the level, or None for tasks without SLA or not started yet."""
    if task.sla is None or task.ready_at is None or task.sla <= timedelta(0):
        return None
    stopped = task.timeline.completed_at or now
    used = Decimal((stopped - task.ready_at).total_seconds()) / Decimal(task.sla.total_seconds()) * 100
    percent = used.quantize(Decimal("0.1"))
    level = level_for(percent) if not task.timeline.completed_at else None
    return TaskJeopardy(task.timeline.id, percent, level, task.ready_at + task.sla)


def assess(tasks: list[SlaTask], now: datetime, start: datetime, committed: datetime | None = None,
           level_for: Callable[[Decimal], str | None] = default_level) -> OrderJeopardy:
    """Levels per task, per domain order and for the order; predicted completion against ``committed``."""
    per_task = [j for j in (task_jeopardy(t, now, level_for) for t in tasks) if j is not None]
    by_id = {j.task_id: j for j in per_task}
    domains: dict[str, list[str | None]] = {}
    for task in tasks:
        domains.setdefault(task.timeline.domain_ref, []).append(by_id.get(task.timeline.id) and
                                                                by_id[task.timeline.id].level)
    entries, _ = plan_timeline([t.timeline for t in tasks], start, not_before=now)
    predicted = max((e.planned_end for e in entries.values()), default=now)
    level, reasons, late_by = highest(j.level for j in per_task), [], None
    if committed is not None and predicted > committed:
        late_by = predicted - committed
        reasons.append(f"predicted completion {predicted.isoformat()} is after the committed {committed.isoformat()}")
        level = highest([level, "high" if now <= committed else "critical"])
    reasons += [f"task {j.task_id} at {j.percent} % of its SLA ({j.level})" for j in per_task if j.level]
    return OrderJeopardy(tuple(per_task), {ref: highest(levels) for ref, levels in domains.items()}, level,
                         predicted, committed, late_by, tuple(reasons))


# ---- changes the scan acts on ----

TASK_SCOPE, ORDER_SCOPE = "task", "order"


@dataclass(frozen=True)
class LevelChange:
    """A subject (a task, or an order's predicted completion) whose level differs from the recorded one."""

    scope: str
    subject_id: str
    previous: str | None
    level: str | None
    percent: Decimal | None = None

    @property
    def rising(self) -> bool:
        return rank(self.level) > rank(self.previous)


def rank(level: str | None) -> int:
    """0 for no jeopardy, then 1 (low) … 4 (critical)."""
    return LEVELS.index(level) + 1 if level in LEVELS else 0


def prediction_level(result: OrderJeopardy, now: datetime) -> str | None:
    """The order's own level from its predicted completion: high before the committed date, critical after."""
    if result.late_by is None or result.committed is None:
        return None
    return "high" if now <= result.committed else "critical"


def current_levels(result: OrderJeopardy, order_id: str, now: datetime) -> dict[tuple[str, str], tuple]:
    """``(scope, subject id) -> (level, percent)`` for every subject in jeopardy now."""
    levels = {(TASK_SCOPE, t.task_id): (t.level, t.percent) for t in result.tasks if t.level}
    predicted = prediction_level(result, now)
    if predicted:
        levels[(ORDER_SCOPE, order_id)] = (predicted, None)
    return levels


def changes(current: dict[tuple[str, str], tuple], recorded: dict[tuple[str, str], str]) -> list[LevelChange]:
    """Subjects whose level rose, fell or cleared since ``recorded``; unchanged ones are left out."""
    found = []
    for key in sorted(set(current) | set(recorded)):
        level, percent = current.get(key, (None, None))
        if level != recorded.get(key):
            found.append(LevelChange(key[0], key[1], recorded.get(key), level, percent))
    return found


def jeopardy_event(change: LevelChange, order: dict, task: dict | None = None,
                   domain_order: dict | None = None) -> dict:
    """The event the jeopardy rules match against (absent values are left out, so ``$nex`` sees them)."""
    event = {"type": "jeopardy", "scope": change.scope, "level": change.level, "previousLevel": change.previous,
             "percentOfSla": change.percent, "order": _present(order), "task": _present(task),
             "domainOrder": _present(domain_order)}
    return _present(event)


def _present(values: dict | None) -> dict | None:
    return None if values is None else {key: value for key, value in values.items() if value is not None}
