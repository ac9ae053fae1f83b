"""The task types of an orchestration plan, declared once: each type's name and what it means.

Everything that treats tasks by type (the runtime starting a task, the workspace, holds, waits, the watchdog,
the timeline, Studio's lint and graphs) reads it here; the plan schema's ``type`` enum lists the same names
(a test keeps them equal).
"""
from __future__ import annotations

from enum import StrEnum


class TaskType(StrEnum):
    AUTO = "auto"
    MANUAL = "manual"
    WORK_ORDER = "workOrder"
    APPROVAL = "approval"
    MILESTONE = "milestone"
    WAIT_UNTIL = "waitUntil"


MEANING = {
    TaskType.AUTO: "an auto-task handler (``handler``) does it: inline, or as its own job for a remote system",
    TaskType.MANUAL: "a person of the assignment group does it and completes it in the workspace",
    TaskType.WORK_ORDER: "field work (``workType``) a person of the group does and completes in the workspace",
    TaskType.APPROVAL: "a person with ``role`` approves or rejects it in the approvals inbox",
    TaskType.MILESTONE: "completes at once and announces the milestone (``milestone``) to event listeners",
    TaskType.WAIT_UNTIL: "a timer: waits until ``until``, or for ``wait`` seconds, then completes",
}
HUMAN_TYPES = frozenset({TaskType.MANUAL, TaskType.WORK_ORDER, TaskType.APPROVAL})
"""Types a person does: they wait for someone, have a due date from their SLA and can be held."""
TIMED_TYPES = (TaskType.AUTO, TaskType.MANUAL, TaskType.WORK_ORDER, TaskType.APPROVAL)
"""Types that take working time, so an SLA (and jeopardy) applies to them."""
