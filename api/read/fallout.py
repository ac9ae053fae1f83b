"""Fallout records as the fallout screen shows them: the queue, one record, the summary, bulk retry results."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import Field, model_validator
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from api.contract import ListQuery, Model, Page, Query, Timestamp, sort_by
from api.read import canonical
from engine.errors import Forbidden, NotFound
from engine.runtime.fallout.records import OPEN
from engine.store.models import DomainOrder, FalloutRecord, Task

AGE_BUCKETS = ((3600, "<1h"), (86400, "<1d"), (7 * 86400, "<7d"))
BULK_LIMIT = 500
NON_BLANK = r"\S"
ASSIGNEE, NOTES = "assignee", "workNotes"
AUTO_RETRY = re.compile(r"^attempt (\d+) failed: (.*)$", re.S)


class WorkNote(Model):
    at: Timestamp
    author: str
    text: str


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
    assignee: str | None = Field(description="the person working the record (null: anyone of its group)")
    task_key: str | None = Field(description="the failed task's key in its plan")
    item: str | None = Field(description="the ref of the task's domain order (the item being fulfilled)")


class FailingCall(Model):
    handler: str | None = Field(description="the task handler that called the system")
    system: str | None = Field(description="the fulfilment system of the task's domain order")
    task_key: str
    task_name: str
    task_state: str
    attempt: int = Field(description="the task's attempt count so far")
    params: dict[str, Any] = Field(description="what the task sent: its params (what /fix patches)")
    lines: list[dict[str, Any]] = Field(description="the domain order's lines (id, characteristics)")


class FailingAnswer(Model):
    error: str = Field(description="the error the system (or the engine) answered")
    output: dict[str, Any] | None = Field(description="the task's stored output after the failure (while the record "
                                                     "is open)")


class AttemptView(Model):
    at: Timestamp
    attempt: int | None
    event: Literal["retriedAutomatically", "falloutOpened", "resolved"]
    error: str | None = Field(description="the failure of this attempt or record")
    reason: str | None = Field(description="on resolved: the reason given")
    by: str | None = Field(description="who acted: a user, the retry policy or the fallout rules")
    record_id: str | None = Field(description="the fallout record of this event")
    resolution: str | None


class FalloutRecordView(FalloutView):
    request: FailingCall | None = Field(description="the failing call; null for a record about a whole order")
    response: FailingAnswer
    history: list[AttemptView] = Field(description="the task's attempts, fallout records and their outcomes, "
                                                   "oldest first")
    notes: list[WorkNote] = Field(description="work notes, oldest first")


class FalloutQuery(ListQuery):
    state: Literal["open", "resolved"] = Field("open", description="open (the default) or resolved records")
    type: str | None = None
    group: str | None = Field(None, description="assignment group")
    order_id: str | None = None
    priority: int | None = Field(None, ge=0, le=1000)
    assignee: str | None = Field(None, description="records assigned to this person")
    scope: Literal["all", "mine", "groups"] = Field(
        "all", description="all the caller sees, those assigned to the caller, or those of the caller's groups")
    age: Literal["<1h", "<1d", "<7d", ">=7d"] | None = Field(None, description="an age bucket of the summary")
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


class FalloutReassign(Model):
    group: str | None = Field(None, min_length=1, max_length=120, pattern=NON_BLANK,
                              description="the new assignment group")
    assignee: str | None = Field(None, min_length=1, max_length=120, pattern=NON_BLANK,
                                 description="the new assignee, a member of the (new) group")
    reason: str = Field(min_length=1, max_length=4000, pattern=NON_BLANK, description="why (audited)")

    @model_validator(mode="after")
    def _one_of(self) -> FalloutReassign:
        if self.group is None and self.assignee is None:
            raise ValueError("send a group and/or an assignee")
        return self


class FalloutNote(Model):
    text: str = Field(min_length=1, max_length=4000, pattern=NON_BLANK)


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
           "order_id": FalloutRecord.order_id, "priority": FalloutRecord.priority}
ASSIGNED = FalloutRecord.details[ASSIGNEE].as_string()


@dataclass(frozen=True)
class Viewer:
    """Whose queue: ``visible`` the groups whose records the caller sees (None: every group), ``own`` the
    groups the caller is a member of (what ``scope=groups`` means)."""

    username: str
    visible: set[str] | None
    own: set[str]


def fallout_view(record: FalloutRecord, task: tuple[str, str] | None = None) -> FalloutView:
    """A record in the queue; ``task`` its task's key and its domain order's ref."""
    return FalloutView(task_key=task[0] if task else None, item=task[1] if task else None,id=record.id, order_id=record.order_id, task_id=record.task_id, type=record.type,
                       priority=record.priority, assignment_group=record.assignment_group, state=record.state,
                       error=record.error, details=canonical(_rules_details(record)), resolution=record.resolution,
                       resolved_by=record.resolved_by, created_at=record.created_at,
                       resolved_at=record.resolved_at, assignee=(record.details or {}).get(ASSIGNEE))


def _rules_details(record: FalloutRecord) -> dict:
    return {key: value for key, value in (record.details or {}).items() if key not in (ASSIGNEE, NOTES)}


def _conditions(filters: dict, groups: set[str] | None) -> list:
    conditions = [FILTERS[name] == value for name, value in filters.items() if value is not None]
    if groups is not None:
        conditions.append(or_(FalloutRecord.assignment_group.is_(None),
                              FalloutRecord.assignment_group.in_(sorted(groups))))
    return conditions


def _age_condition(bucket: str, now: datetime) -> list:
    limits = [0, *(limit for limit, _ in AGE_BUCKETS)]
    labels = [label for _, label in AGE_BUCKETS] + [">=7d"]
    index = labels.index(bucket)
    older_than = [FalloutRecord.created_at <= now - timedelta(seconds=limits[index])] if index else []
    if index < len(AGE_BUCKETS):
        older_than.append(FalloutRecord.created_at > now - timedelta(seconds=limits[index + 1]))
    return older_than


def queue_conditions(query: FalloutQuery, viewer: Viewer, now: datetime) -> list:
    """What a queue query selects, for a viewer: its filters, the viewer's visibility, and its scope."""
    where = _conditions({name: getattr(query, name) for name in FILTERS}, viewer.visible)
    if query.assignee is not None:
        where.append(ASSIGNED == query.assignee)
    if query.scope == "mine":
        where.append(ASSIGNED == viewer.username)
    elif query.scope == "groups":
        where.append(FalloutRecord.assignment_group.in_(sorted(viewer.own)))
    if query.age is not None:
        where += _age_condition(query.age, now)
    return where


def fallout_page(session: Session, query: FalloutQuery, viewer: Viewer, now: datetime) -> Page[FalloutView]:
    """A page of records matching the query, of the groups the viewer sees (and of no group)."""
    where = queue_conditions(query, viewer, now)
    order = [FalloutRecord.priority, FalloutRecord.created_at]
    if query.sort_key:
        column = SORTS[query.sort_key]
        order = [query.ordered(column)]
    rows = session.execute(select(FalloutRecord).where(*where).order_by(*order, FalloutRecord.id)
                           .offset(query.offset).limit(query.limit)).scalars().all()
    tasks = task_refs(session, [r.task_id for r in rows if r.task_id])
    return Page([fallout_view(r, tasks.get(r.task_id)) for r in rows], count_records(session, where))


def task_refs(session: Session, task_ids: list[str]) -> dict[str, tuple[str, str]]:
    """Per task id, its key and its domain order's ref (one query)."""
    if not task_ids:
        return {}
    rows = session.execute(select(Task.id, Task.key, DomainOrder.ref)
                           .join(DomainOrder, DomainOrder.id == Task.domain_order_id)
                           .where(Task.id.in_(task_ids))).all()
    return {row.id: (row.key, row.ref) for row in rows}


def count_records(session: Session, where: list) -> int:
    """How many records match ``where``."""
    return session.scalar(select(func.count()).select_from(FalloutRecord).where(*where))


def visible_record(session: Session, record_id: str, groups: set[str] | None, username: str) -> FalloutRecord:
    """The record (404 when missing; 403, naming its group, when it is of a group the caller does not see)."""
    record = session.get(FalloutRecord, record_id)
    if record is None:
        raise NotFound(f"no fallout record with id {record_id}")
    if groups is not None and record.assignment_group is not None and record.assignment_group not in groups:
        raise Forbidden(f"{username} is not a member of assignment group {record.assignment_group!r} and may not "
                        f"see fallout {record_id}", group=record.assignment_group, user=username)
    return record


def fallout_record(session: Session, record_id: str, groups: set[str] | None, username: str) -> FalloutRecordView:
    """One record with its failing call, the retry history and the work notes."""
    return record_detail(session, visible_record(session, record_id, groups, username))


def record_detail(session: Session, record: FalloutRecord) -> FalloutRecordView:
    """The record as its screen shows it: the failing request and answer, the history, the notes."""
    task = session.get(Task, record.task_id) if record.task_id else None
    notes = [WorkNote(**note) for note in (record.details or {}).get(NOTES) or []]
    refs = task_refs(session, [record.task_id]) if record.task_id else {}
    return FalloutRecordView(**fallout_view(record, refs.get(record.task_id)).model_dump(), request=_failing_call(session, task),
                             response=FailingAnswer(error=record.error, output=_failed_output(record, task)),
                             history=_history(session, record, task), notes=notes)


def _failed_output(record: FalloutRecord, task: Task | None) -> dict | None:
    """The task's stored output while the record is open (what the failure left); None once it is resolved."""
    return canonical(task.output) if task is not None and task.output and record.state == OPEN else None


def _failing_call(session: Session, task: Task | None) -> FailingCall | None:
    if task is None:
        return None
    domain_order = session.get(DomainOrder, task.domain_order_id)
    lines = (domain_order.payload or {}).get("lines") or [] if domain_order else []
    return FailingCall(handler=task.handler, system=domain_order.fulfilment_system if domain_order else None,
                       task_key=task.key, task_name=task.name, task_state=task.state, attempt=task.attempt,
                       params=canonical(task.params or {}),
                       lines=[canonical({"id": line.get("id"), "itemId": line.get("itemId"),
                                         "specification": line.get("specification"),
                                         "characteristics": line.get("characteristics") or {}})
                              for line in lines if isinstance(line, dict)])


def _history(session: Session, record: FalloutRecord, task: Task | None) -> list[AttemptView]:
    """The automatic retries (the plan's retry policy notes them on the task), then every fallout record of the
    same task (or this one for a whole order) opened and resolved, oldest first."""
    events: list[AttemptView] = []
    for note in (task.notes or []) if task else []:
        found = AUTO_RETRY.match(str(note.get("text", "")))
        if found and note.get("at"):
            events.append(AttemptView(at=datetime.fromisoformat(note["at"]), attempt=int(found[1]),
                                      event="retriedAutomatically", error=found[2], reason=None, by="retry policy",
                                      record_id=None, resolution=None))
    records = [record] if task is None else session.scalars(
        select(FalloutRecord).where(FalloutRecord.task_id == task.id)
        .order_by(FalloutRecord.created_at, FalloutRecord.resolved_at.is_(None), FalloutRecord.resolved_at,
                  FalloutRecord.id)).all()
    for each in records:
        events.append(AttemptView(at=each.created_at, attempt=(each.details or {}).get("attempt"),
                                  event="falloutOpened", error=each.error, reason=None, by=None, record_id=each.id,
                                  resolution=None))
        if each.resolved_at is not None:
            events.append(AttemptView(at=each.resolved_at, attempt=None, event="resolved",
                                      error=None, reason=(each.details or {}).get("reason"), by=each.resolved_by,
                                      record_id=each.id, resolution=each.resolution))
    return sorted(events, key=lambda event: event.at)


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
