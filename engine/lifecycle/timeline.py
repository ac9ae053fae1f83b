"""Timeline of an order's tasks for the Gantt view: planned start/end, dependencies, the critical path.

Planned times: a task starts when its predecessors have ended — actual ends where known, planned ends
otherwise — and not before it existed; it lasts its duration, and a timer does not end before its wake
time; a task that has started keeps its actual start. The critical path is the chain of tasks that
decides the planned end of the whole order.

Predecessors of ordinary work: the tasks of its own domain order it depends on, and the work of the
domain orders it waits for. A revision replaces a domain order by a new one with the same ref: work
that is still live waits for the newest generation of a ref, work that was replaced or undone for the
generation it was planned with, and the replacement (the redo) waits for the undo of the one it
replaces. Compensations (the undo) run after the work they undo, in reverse dependency order: after
the compensations they depend on, and after those of the domain orders undone first in the same
cancellation or revision.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class TimelineTask:
    """A task as the timeline sees it; ``domain_id`` tells apart domain orders that share a ref (it
    defaults to the ref), ``compensates`` names the task (of the same domain order) a compensation
    undoes and ``batch`` the cancellation or revision that planned it, ``replaces`` the domain order
    whose undo a replacement waits for, ``wake_at`` when a timer ends."""

    id: str
    key: str
    domain_ref: str
    state: str
    duration: timedelta
    depends_on: tuple[str, ...] = ()
    waits_for: tuple[str, ...] = ()
    started_at: datetime | None = None
    completed_at: datetime | None = None
    domain_id: str | None = None
    created_at: datetime | None = None
    wake_at: datetime | None = None
    compensates: str | None = None
    batch: str | None = None
    replaces: str | None = None

    @property
    def domain(self) -> str:
        return self.domain_id or self.domain_ref


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
    started but not ended cannot end earlier: the planned end becomes a prediction. Raises
    ``ValueError`` on a dependency cycle.
    """
    predecessors = Graph(tasks).predecessors
    by_id = {task.id: task for task in tasks}
    entries: dict[str, TimelineEntry] = {}

    def visit(task: TimelineTask, trail: frozenset = frozenset()) -> TimelineEntry:
        if task.id in entries:
            return entries[task.id]
        if task.id in trail:
            raise ValueError(f"dependency cycle through task {task.key!r}")
        before = predecessors[task.id]
        ends = [visit(by_id[p], trail | {task.id}).planned_end for p in before]
        entry = _planned(task, max([*ends, start, task.created_at or start, not_before or start]), not_before)
        entry.predecessors = before
        entries[task.id] = entry
        return entry

    for task in tasks:
        visit(task)
    return entries, _critical_path(entries)


def _planned(task: TimelineTask, ready: datetime, not_before: datetime | None) -> TimelineEntry:
    begin = task.started_at or ready
    end = task.completed_at or max(begin + task.duration, task.wake_at or begin)
    if not_before and not task.completed_at:
        end = max(end, not_before)
    return TimelineEntry(task, min(begin, end), end)


class Graph:
    """The predecessors of every task (ids, in a stable order)."""

    def __init__(self, tasks: list[TimelineTask]):
        self.by_key = {(t.domain, t.key): t for t in tasks}
        self.work: dict[str, list[TimelineTask]] = {}
        self.undo: dict[str, list[TimelineTask]] = {}
        self.refs: dict[str, list[str]] = {}
        for task in tasks:
            (self.undo if task.compensates else self.work).setdefault(task.domain, []).append(task)
            if task.domain not in self.refs.setdefault(task.domain_ref, []):
                self.refs[task.domain_ref].append(task.domain)
        self.replaces = {t.domain: t.replaces for t in tasks if t.replaces}
        self.replaced_by = {old: new for new, old in self.replaces.items()}
        self.generations: dict[tuple[str, str], str | None] = {}
        self.ages: dict[str, tuple[datetime, int]] = {}
        self.predecessors = {task.id: list(dict.fromkeys(p.id for p in self._of(task))) for task in tasks}

    def _of(self, task: TimelineTask) -> list[TimelineTask]:
        own = [self.by_key[(task.domain, key)] for key in task.depends_on if (task.domain, key) in self.by_key]
        if task.compensates:
            undone = [self.by_key[(task.domain, task.compensates)]] if (task.domain, task.compensates) in \
                self.by_key else []
            first = [u for ref in task.waits_for for other in self.refs.get(ref, []) if other != task.domain
                     for u in self.undo.get(other, []) if u.batch == task.batch]
            return undone + own + first
        waited = [w for ref in task.waits_for for w in self.work.get(self._generation(ref, task.domain), [])]
        return own + waited + (self.undo.get(task.replaces, []) if task.replaces else [])

    def _generation(self, ref: str, domain: str) -> str | None:
        """The domain order of ``ref`` that work of ``domain`` waits for."""
        if (ref, domain) not in self.generations:
            self.generations[(ref, domain)] = self._pick(ref, domain)
        return self.generations[(ref, domain)]

    def _pick(self, ref: str, domain: str) -> str | None:
        generations = sorted((d for d in self.refs.get(ref, []) if d != domain), key=self._age)
        if self._retired(domain):
            generations = [d for d in generations if self._age(d) <= self._age(domain)] or generations[:1]
        return generations[-1] if generations else None

    def _retired(self, domain: str) -> bool:
        return domain in self.replaced_by or bool(self.undo.get(domain))

    def _age(self, domain: str) -> tuple[datetime, int]:
        if domain not in self.ages:
            self.ages[domain] = self._created_and_position(domain)
        return self.ages[domain]

    def _created_and_position(self, domain: str) -> tuple[datetime, int]:
        created = [t.created_at or EARLIEST for t in self.work.get(domain) or self.undo.get(domain, [])]
        position, current = 0, domain
        while current in self.replaces and position <= len(self.replaces):
            position, current = position + 1, self.replaces[current]
        return min(created, default=EARLIEST), position


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
