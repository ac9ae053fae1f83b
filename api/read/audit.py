"""The audit log as the audit screen shows it: a filtered, paged list of entries, and the chain's check."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.contract import ListQuery, Model, Page, Timestamp, sort_by
from api.routing import MAX_INT
from engine.store.audit import ChainBreak
from engine.store.audit_query import AuditFilter, conditions
from engine.store.models import AuditEvent


class AuditEventView(Model):
    id: int
    at: Timestamp
    actor: str
    action: str
    entity_type: str
    entity_id: str
    data: dict[str, Any] = Field(description="what the action recorded (free form, per action)")
    hash: str = Field(description="SHA-256 chaining this entry to the one before")


class AuditQuery(ListQuery):
    entity_type: str | None = Field(None, description="e.g. productOrder, task, artifact, rulePack")
    entity_id: str | None = None
    actor: str | None = None
    action: str | None = Field(None, description="e.g. task.claimed")
    order_id: str | None = Field(None, description="everything that happened to one order, whatever entity it "
                                                   "was recorded on (its tasks, fallout, approvals ...)")
    at_from: datetime | None = Field(None, description="recorded at or after (UTC when no offset)")
    at_to: datetime | None = Field(None, description="recorded before (UTC when no offset)")
    id_from: int | None = Field(None, ge=1, le=MAX_INT, description="entries from this id on (e.g. the first "
                                                                     "broken entry verify names, with sort=id)")
    sort: sort_by("id", "at") | None = Field(None, description="default: newest first (-id)")


class AuditCheckView(Model):
    intact: bool
    first_broken_entry: int | None
    reason: str | None
    checked: int = Field(description="how many entries were found intact (all of them, or those before the "
                                     "first broken one)")


LIST_COLUMNS = (AuditEvent.id, AuditEvent.at, AuditEvent.actor, AuditEvent.action, AuditEvent.entity_type,
                AuditEvent.entity_id, AuditEvent.data, AuditEvent.hash)
SORTS = {"id": AuditEvent.id, "at": AuditEvent.at}


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _where(query: AuditQuery) -> list:
    where = conditions(AuditFilter(query.entity_type, query.entity_id, query.actor, query.action, query.order_id))
    if query.at_from is not None:
        where.append(AuditEvent.at >= _utc(query.at_from))
    if query.at_to is not None:
        where.append(AuditEvent.at < _utc(query.at_to))
    if query.id_from is not None:
        where.append(AuditEvent.id >= query.id_from)
    return where


def audit_page(session: Session, query: AuditQuery) -> Page[AuditEventView]:
    """A page of entries matching every filter given (the count uses the same conditions)."""
    where = _where(query)
    sort = query.sort or "-id"
    column = SORTS[sort.lstrip("-")]
    descending = sort.startswith("-")
    order = (column.desc(), AuditEvent.id.desc()) if descending else (column, AuditEvent.id)
    rows = session.execute(select(*LIST_COLUMNS).where(*where).order_by(*order)
                           .offset(query.offset).limit(query.limit)).all()
    total = session.scalar(select(func.count()).select_from(AuditEvent).where(*where))
    return Page([AuditEventView(id=r.id, at=r.at, actor=r.actor, action=r.action, entity_type=r.entity_type,
                                entity_id=r.entity_id, data=r.data, hash=r.hash) for r in rows], total)


def check_view(session: Session, broken: ChainBreak | None) -> AuditCheckView:
    """The chain's check as the API answers it, with how many entries were found intact."""
    before = [AuditEvent.id < broken.event_id] if broken else []
    checked = session.scalar(select(func.count()).select_from(AuditEvent).where(*before))
    return AuditCheckView(intact=broken is None, first_broken_entry=broken.event_id if broken else None,
                          reason=broken.reason if broken else None, checked=checked)
