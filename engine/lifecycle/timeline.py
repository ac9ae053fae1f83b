"""Timeline of an order's tasks for the Gantt view: planned start/end, dependencies, the critical path.

Planned times: a task starts when its dependencies (tasks of its domain order, and every task of the
domain orders it waits for) have ended — actual ends where known, planned ends otherwise — and lasts
its duration; a task that has started keeps its actual start. The critical path is the chain of
tasks that decides the planned end of the whole order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass(frozen=True)
class TimelineTask:
    id: str
    key: str
    domain_ref: str
    state: str
    duration: timedelta
    depends_on: tuple[str, ...] = ()
    waits_for: tuple[str, ...] = ()
    started_at: datetime | None = None
    completed_at: datetime | None = None


@dataclass
class TimelineEntry:
    task: TimelineTask
    planned_start: datetime
    planned_end: datetime
    predecessors: list[str] = field(default_factory=list)


def plan_timeline(tasks: list[TimelineTask], start: datetime, not_before: datetime | None = None
                  ) -> tuple[dict[str, TimelineEntry], list[str]]:
    """Planned times per task id, and the task ids of the critical path (in order).

    With ``not_before`` (now), work that has not started cannot start earlier, and work that has
    started but not ended cannot end earlier: the planned end becomes a prediction.
    """
    by_domain_key = {(t.domain_ref, t.key): t for t in tasks}
    by_domain: dict[str, list[TimelineTask]] = {}
    for task in tasks:
        by_domain.setdefault(task.domain_ref, []).append(task)
    entries: dict[str, TimelineEntry] = {}

    def visit(task: TimelineTask, trail: frozenset = frozenset()) -> TimelineEntry:
        if task.id in entries:
            return entries[task.id]
        if task.id in trail:
            raise ValueError(f"dependency cycle through task {task.key!r}")
        predecessors = [by_domain_key[(task.domain_ref, key)] for key in task.depends_on
                        if (task.domain_ref, key) in by_domain_key]
        predecessors += [other for ref in task.waits_for for other in by_domain.get(ref, [])]
        ends = [(visit(p, trail | {task.id}).planned_end, p.id) for p in predecessors]
        begin = task.started_at or max([end for end, _ in ends] + [start] + ([not_before] if not_before else []))
        end = task.completed_at or begin + task.duration
        if not_before and not task.completed_at:
            end = max(end, not_before)
        entry = TimelineEntry(task, begin, end, [p.id for p in predecessors])
        entries[task.id] = entry
        return entry

    for task in tasks:
        visit(task)
    return entries, _critical_path(entries)


def _critical_path(entries: dict[str, TimelineEntry]) -> list[str]:
    if not entries:
        return []
    has_successor = {p for e in entries.values() for p in e.predecessors}
    current = max(entries.values(), key=lambda e: (e.planned_end, e.task.id not in has_successor))
    path = [current.task.id]
    while current.predecessors:
        current = max((entries[p] for p in current.predecessors), key=lambda e: e.planned_end)
        path.append(current.task.id)
    return list(reversed(path))
