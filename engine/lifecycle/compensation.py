"""Undoing work: the point of no return, which tasks need compensating, and in which order.

A plan names, per task, the compensation task that undoes it. Work that was done (a completed task, or
a running one whose effect may already exist) is undone by its compensation; compensations run in
reverse dependency order: the compensation of a task waits for those of every task that depended on it,
directly or through tasks that need no compensation.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from engine.states import TaskState

UNDO_PREFIX = "undo:"
DONE_WORK = (TaskState.COMPLETED, TaskState.RUNNING)


@dataclass(frozen=True)
class Undo:
    """One compensation to plan: the task it undoes, its key, and the compensation keys it waits for."""

    task: object
    key: str
    depends_on: tuple[str, ...]


def past_point_of_no_return(task) -> bool:
    """A point-of-no-return task that is done, running, or claimed by a person has been passed."""
    if not task.point_of_no_return:
        return False
    return task.state in DONE_WORK or (task.state == TaskState.WAITING and bool(task.assignee))


def is_compensation(task) -> bool:
    return bool((task.spec or {}).get("compensates"))


def needs_undo(task) -> bool:
    """Done (or possibly done) work whose plan names a compensation."""
    return not is_compensation(task) and bool((task.spec or {}).get("compensation")) and task.state in DONE_WORK


def undo_key(task_key: str, suffix: str = "") -> str:
    return f"{UNDO_PREFIX}{task_key}{suffix}"


def plan_undo(tasks: Iterable, suffix: str = "", only: set[str] | None = None) -> list[Undo]:
    """The compensations for ``tasks`` of one domain order (``only`` narrows to those task keys), in
    reverse dependency order, each waiting for the compensations of the tasks that depended on it."""
    tasks = [t for t in tasks if not is_compensation(t)]
    undone = [t for t in tasks if needs_undo(t) and (only is None or t.key in only)]
    ancestors = _ancestors(tasks)
    plans = []
    for task in undone:
        later = sorted(undo_key(other.key, suffix) for other in undone if task.key in ancestors[other.key])
        plans.append(Undo(task, undo_key(task.key, suffix), tuple(later)))
    return sorted(plans, key=lambda plan: (-len(ancestors[plan.task.key]), plan.key))


def _ancestors(tasks: list) -> dict[str, set[str]]:
    direct = {t.key: set(t.depends_on or ()) for t in tasks}
    found: dict[str, set[str]] = {}

    def visit(key: str, trail: frozenset) -> set[str]:
        if key not in found:
            reach = set()
            for parent in direct.get(key, ()):
                if parent not in trail:
                    reach |= {parent} | visit(parent, trail | {parent})
            found[key] = reach
        return found[key]

    for key in direct:
        visit(key, frozenset({key}))
    return found
