"""The workspace's home tiles: per list the caller may open, how many entries it holds now.

Each count is the total of the list its tile opens, computed by that list's own query (the same filters and
group visibility), so a tile never promises what its list does not show. A count is null when the caller's
role may not read that list."""
from __future__ import annotations

from datetime import datetime

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.contract import Model, Query
from api.read.approvals import ApprovalQuery, approval_page
from api.read.fallout import FalloutQuery, Viewer, count_records, queue_conditions
from api.read.jeopardy import BoardQuery, board_page
from api.read.orders import OrderQuery, order_page
from api.read.tasks import TaskQuery, task_page
from engine.runtime.tasks.groups import Caller
from engine.store.models import Task

NEW_ORDER_STATE = "acknowledged"
JEOPARDY_TILE_LEVEL = "high"


class WorkSummaryQuery(Query):
    """No parameters: the counts are the caller's."""


class WorkSummary(Model):
    new_orders: int | None = Field(description="orders acknowledged, not yet in progress (orders list, "
                                               "state=acknowledged)")
    my_tasks: int | None = Field(description="open tasks assigned to the caller (tasks list, assignee=me)")
    group_tasks: int | None = Field(description="open tasks of the caller's assignment groups")
    unassigned_tasks: int | None = Field(description="open tasks the caller sees that nobody is assigned")
    my_fallouts: int | None = Field(description="open fallout assigned to the caller (fallout list, scope=mine)")
    group_fallouts: int | None = Field(description="open fallout of the caller's groups (fallout list, "
                                                   "scope=groups)")
    jeopardy: int | None = Field(description="orders in high or critical jeopardy (jeopardy board, level=high)")
    pending_approvals: int | None = Field(description="pending approvals the caller may decide (approvals inbox)")


def new_orders(session: Session) -> int:
    """The orders list's total with ``state=acknowledged`` (a customer's own party's only)."""
    return order_page(session, OrderQuery(state=NEW_ORDER_STATE, limit=1)).total


def task_counts(session: Session, who: Caller, narrowed: bool, now: datetime) -> dict[str, int]:
    """Open tasks as the task queue's three views total them: the caller's (``view=mine``), every queue the
    caller sees (``view=groups``: its groups' and those of no group; a manager's, all) and nobody's
    (``view=unassigned``)."""
    def total(query: TaskQuery) -> int:
        return task_page(session, query, who, narrowed, now).total
    return {"my_tasks": total(TaskQuery(assignee=who.username, limit=1)), "group_tasks": total(TaskQuery(limit=1)),
            "unassigned_tasks": total(TaskQuery(unassigned=True, limit=1))}


def _count(session: Session, where: list) -> int:
    return session.scalar(select(func.count()).select_from(Task).where(*where))


def fallout_counts(session: Session, viewer: Viewer, now: datetime) -> dict[str, int]:
    """Open fallout assigned to the caller, and of the caller's groups (the queue's scope=mine / groups)."""
    def count(scope: str) -> int:
        return count_records(session, queue_conditions(FalloutQuery(scope=scope), viewer, now))
    return {"my_fallouts": count("mine"), "group_fallouts": count("groups")}


def jeopardy_count(session: Session, now: datetime, conditions: list) -> int:
    """The jeopardy board's total at level high or above."""
    return board_page(session, BoardQuery(level=JEOPARDY_TILE_LEVEL, limit=1), now, conditions)[0].total


def pending_approvals(session: Session, who: Caller) -> int:
    """The approvals inbox's pending total, as a decider sees it."""
    return approval_page(session, ApprovalQuery(limit=1), who, True).total
