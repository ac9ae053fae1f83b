"""An outbox row for every change of a task and of an artifact version, written in the change's transaction.

Task states, groups and assignees are changed from many places (pipeline, workspace, holds, jeopardy and
fallout actions); artifact versions by the studio. Rather than a call in each, a ``before_flush`` hook of
the unit of work's session (``UnitOfWork`` marks it with ``NOW``) adds the rows, so no change is missed.
They are for live updates only: no hub listener gets them (``engine.runtime.events.outbox.publish`` does that).
"""
from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from engine.clock import iso
from engine.store import outbox_rows
from engine.store.models import Artifact, ArtifactVersion, Task

NOW = "ordo.now"
TASK, ARTIFACT_VERSION = "task", "artifact"
TASK_CREATE, TASK_STATE, TASK_ASSIGNMENT = "TaskCreateEvent", "TaskStateChangeEvent", "TaskAssignmentChangeEvent"
ARTIFACT_CREATE, ARTIFACT_STATUS = "ArtifactVersionCreateEvent", "ArtifactVersionStatusChangeEvent"
ARTIFACT_CHANGE, ARTIFACT_DELETE = "ArtifactVersionChangeEvent", "ArtifactVersionDeleteEvent"


def mark(session: Session, now: datetime) -> None:
    """Have the changes flushed through ``session`` written to the outbox, dated ``now``."""
    session.info[NOW] = now


def record_changes(session: Session, _flush_context, _instances) -> None:
    """The ``before_flush`` hook: one outbox row per new or changed task and artifact version."""
    now = session.info.get(NOW)
    if now is None:
        return
    found = [(obj, _new_event(obj)) for obj in list(session.new)]
    found += [(obj, _changed_event(obj)) for obj in list(session.dirty)]
    found += [(obj, ARTIFACT_DELETE) for obj in list(session.deleted) if isinstance(obj, ArtifactVersion)]
    with session.no_autoflush:
        for obj, event_type in found:
            if event_type is not None:
                _write(session, now, event_type, obj)


def _new_event(obj) -> str | None:
    if isinstance(obj, Task):
        return TASK_CREATE
    return ARTIFACT_CREATE if isinstance(obj, ArtifactVersion) else None


def _changed_event(obj) -> str | None:
    if isinstance(obj, Task):
        if _changed(obj, "state"):
            return TASK_STATE
        return TASK_ASSIGNMENT if _changed(obj, "assignment_group") or _changed(obj, "assignee") else None
    if isinstance(obj, ArtifactVersion):
        if _changed(obj, "status"):
            return ARTIFACT_STATUS
        return ARTIFACT_CHANGE if _changed(obj, "document") else None
    return None


def _changed(obj, attribute: str) -> bool:
    history = inspect(obj).attrs[attribute].history
    return bool(history.added) and (not history.deleted or history.deleted[0] != history.added[0])


def _previous(obj, attribute: str):
    history = inspect(obj).attrs[attribute].history
    return history.deleted[0] if history.added and history.deleted else None


def _write(session: Session, now: datetime, event_type: str, obj) -> None:
    if isinstance(obj, Task):
        entity_type, entity_id, summary = TASK, obj.id, _task_summary(obj, event_type)
    else:
        entity_type, summary = ARTIFACT_VERSION, _artifact_summary(session, obj)
        entity_id = f"{summary['key']}@{summary['version']}"
    event_id = str(uuid.uuid4())
    envelope = {"eventId": event_id, "eventTime": iso(now), "eventType": event_type,
                "event": {entity_type: summary}}
    outbox_rows.add(session, {"event_id": event_id, "event_type": event_type, "entity_type": entity_type,
                              "entity_id": entity_id, "envelope": envelope, "summary": summary, "created_at": now})


def _task_summary(task: Task, event_type: str) -> dict:
    summary = {"taskId": task.id, "orderId": task.order_id, "key": task.key, "state": task.state,
               "group": task.assignment_group, "assignee": task.assignee}
    if event_type != TASK_CREATE and _changed(task, "assignment_group"):
        summary["previousGroup"] = _previous(task, "assignment_group")
    return summary


def _artifact_summary(session: Session, version: ArtifactVersion) -> dict:
    artifact = version.artifact or session.get(Artifact, version.artifact_id)
    return {"key": artifact.key, "version": version.version, "status": version.status}


event.listen(Session, "before_flush", record_changes)
