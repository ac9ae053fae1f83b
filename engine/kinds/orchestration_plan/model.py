"""The compiled orchestration plan: tasks in dependency order, selection and critical path."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from .tasks import TaskDefinition


@dataclass(frozen=True)
class PlanSelection:
    """The tasks a context includes and those its conditions skip (both in dependency order)."""

    included: tuple[str, ...]
    skipped: tuple[str, ...]


@dataclass(frozen=True)
class CompiledOrchestrationPlan:
    """Tasks in dependency order (ties keep authored order) and the compensation tasks by key."""

    key: str
    version: int | None
    tasks: tuple[TaskDefinition, ...]
    compensation_tasks: Mapping[str, TaskDefinition]

    @property
    def handlers(self) -> frozenset[str]:
        """Handler names the auto tasks need (check against the runtime registry at activation)."""
        every = self.tasks + tuple(self.compensation_tasks.values())
        return frozenset(task.handler for task in every if task.handler)

    def task(self, key: str) -> TaskDefinition:
        """A task or compensation task by key."""
        for task in self.tasks:
            if task.key == key:
                return task
        return self.compensation_tasks[key]

    def select(self, context: dict) -> PlanSelection:
        """Which tasks run for ``context``; a skipped task counts as done for its dependents."""
        included = tuple(task.key for task in self.tasks if task.included(context))
        return PlanSelection(included, tuple(task.key for task in self.tasks if task.key not in included))

    def critical_path(self, included: tuple[str, ...] | None = None) -> tuple[timedelta, tuple[str, ...]]:
        """The longest chain of expected durations through the included tasks (all by default)."""
        keep = set(included) if included is not None else {task.key for task in self.tasks}
        finish: dict[str, tuple[timedelta, tuple[str, ...]]] = {}
        for task in self.tasks:
            before = max((finish[d] for d in task.depends_on if d in finish), default=(timedelta(0), ()),
                         key=lambda entry: entry[0])
            if task.key in keep:
                finish[task.key] = (before[0] + task.expected_duration, before[1] + (task.key,))
            else:
                finish[task.key] = before
        return max(reversed(finish.values()), default=(timedelta(0), ()), key=lambda entry: entry[0])
