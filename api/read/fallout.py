"""Fallout records as the fallout screen shows them: the queue, one record, the summary, bulk retry results."""
from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any, Literal

from pydantic import Field, model_validator
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from api.contract import ListQuery, Model, Page, Query, Timestamp, sort_by
from api.read import canonical
from engine.errors import NotFound
from engine.runtime.fallout.records import OPEN
from engine.store.models import FalloutRecord

AGE_BUCKETS = ((3600, "<1h"), (86400, "<1d"), (7 * 86400, "<7d"))
BULK_LIMIT = 500
NON_BLANK = r"\S"


class FalloutView(Model):
    id: str
    order_id: str
    task_id: str | None = Field(description="null for a stuck order (a record about the whole order)")
    type: str
    priority: int = Field(description="1 is the most urgent")
    assignment_group: str
    state: Literal["open", "resolved"]
    error: str
    details: dict[str, Any] = Field(description="what the fallout rules decided (rules, attempt, reason, ...)")
    resolution: str | None
    resolved_by: str | None
    created_at: Timestamp
    resolved_at: Timestamp | None


class FalloutQuery(ListQuery):
    state: Literal["open", "resolved"] = Field("open", description="open (the default) or resolved records")
    type: str | None = None
    group: str | None = Field(None, description="assignment group")
    order_id: str | None = None
    sort: sort_by("priority", "createdAt", "type", "assignmentGroup") | None = Field(
        None, description="default: priority, then oldest first")


class SummaryQuery(Query):
    type: str | None = None
    group: str | None = Field(None, description="assignment group")


class FalloutSummary(Model):
    open: int = Field(description="open records counted")
    by_type: dict[str, int]
    by_group: dict[str, int]
    by_priority: dict[str, int]
    by_age: dict[str, int] = Field(description="buckets <1h, <1d, <7d, >=7d")


class FalloutReason(Model):
    reason: str = Field(min_length=1, max_length=4000, pattern=NON_BLANK, description="why (audited)")


class FalloutFix(Model):
    params: dict[str, Any] | None = Field(None, description="merge-patch of the task's params")
    lines: dict[str, dict[str, Any]] | None = Field(
        None, description="per line id of the task's domain order, a merge-patch of its characteristics")
    reason: str | None = Field(None, max_length=4000)

    @model_validator(mode="after")
    def _something_to_fix(self) -> FalloutFix:
        if self.params is None and self.lines is None:
            raise ValueError("send params and/or lines")
        return self


class FalloutBulkRetry(Model):
    ids: list[str] | None = Field(None, max_length=BULK_LIMIT, description="record ids (or a filter instead)")
    type: str | None = None
    assignment_group: str | None = None

    @model_validator(mode="after")
    def _ids_or_filter(self) -> FalloutBulkRetry:
        if self.ids is None and self.type is None and self.assignment_group is None:
            raise ValueError("send ids or a filter (type, assignmentGroup)")
        return self


class FalloutRetryOutcome(Model):
    id: str
    outcome: Literal["retried", "refused", "forbidden", "error"]
    status: int = Field(description="the status a single retry of this record would have answered")
    detail: str | None = None
    group: str | None = Field(None, description="on forbidden: the record's assignment group")


class FalloutBulkRetryResult(Model):
    retried: int
    results: list[FalloutRetryOutcome]


SORTS = {"priority": FalloutRecord.priority, "createdAt": FalloutRecord.created_at, "type": FalloutRecord.type,
         "assignmentGroup": FalloutRecord.assignment_group}
FILTERS = {"state": FalloutRecord.state, "type": FalloutRecord.type, "group": FalloutRecord.assignment_group,
           "order_id": FalloutRecord.order_id}


def fallout_view(record: FalloutRecord) -> FalloutView:
    return FalloutView(id=record.id, order_id=record.order_id, task_id=record.task_id, type=record.type,
                       priority=record.priority, assignment_group=record.assignment_group, state=record.state,
                       error=record.error, details=canonical(record.details or {}), resolution=record.resolution,
                       resolved_by=record.resolved_by, created_at=record.created_at,
                       resolved_at=record.resolved_at)


def _conditions(filters: dict, groups: set[str] | None) -> list:
    conditions = [FILTERS[name] == value for name, value in filters.items() if value is not None]
    if groups is not None:
        conditions.append(or_(FalloutRecord.assignment_group.is_(None),
                              FalloutRecord.assignment_group.in_(sorted(groups))))
    return conditions


def fallout_page(session: Session, query: FalloutQuery, groups: set[str] | None) -> Page[FalloutView]:
    """A page of records matching the query; with ``groups``, only those groups' records (and of no group)."""
    where = _conditions({name: getattr(query, name) for name in FILTERS}, groups)
    order = [FalloutRecord.priority, FalloutRecord.created_at]
    if query.sort_key:
        column = SORTS[query.sort_key]
        order = [query.ordered(column)]
    rows = session.execute(select(FalloutRecord).where(*where).order_by(*order, FalloutRecord.id)
                           .offset(query.offset).limit(query.limit)).scalars().all()
    total = session.scalar(select(func.count()).select_from(FalloutRecord).where(*where))
    return Page([fallout_view(r) for r in rows], total)


def fallout_record(session: Session, record_id: str, groups: set[str] | None) -> FalloutView:
    """One record (404 when missing or, with ``groups``, of a group the caller does not see)."""
    record = session.get(FalloutRecord, record_id)
    if record is None or (groups is not None and record.assignment_group is not None
                          and record.assignment_group not in groups):
        raise NotFound(f"no fallout record with id {record_id}")
    return fallout_view(record)


def fallout_summary(session: Session, query: SummaryQuery, groups: set[str] | None, now: datetime) -> FalloutSummary:
    """Open records counted by type, group, priority and age (reading only those columns)."""
    where = _conditions({"state": OPEN, "type": query.type, "group": query.group}, groups)
    rows = session.execute(select(FalloutRecord.type, FalloutRecord.assignment_group, FalloutRecord.priority,
                                  FalloutRecord.created_at).where(*where)).all()
    return FalloutSummary(open=len(rows), by_type=Counter(r.type for r in rows),
                          by_group=Counter(r.assignment_group for r in rows),
                          by_priority=Counter(str(r.priority) for r in rows),
                          by_age=Counter(_age((now - r.created_at).total_seconds()) for r in rows))


def _age(seconds: float) -> str:
    return next((label for limit, label in AGE_BUCKETS if seconds < limit), ">=7d")


def open_ids(session: Session, body: FalloutBulkRetry, groups: set[str] | None) -> list[str]:
    """The ids a bulk retry works on: the body's (each once, in order), or the open records its filter picks."""
    if body.ids is not None:
        return list(dict.fromkeys(body.ids))
    where = _conditions({"state": OPEN, "type": body.type, "group": body.assignment_group}, groups)
    return list(session.scalars(select(FalloutRecord.id).where(*where)
                                .order_by(FalloutRecord.priority, FalloutRecord.created_at, FalloutRecord.id)
                                .limit(BULK_LIMIT)))
