"""Bulk imports as the API shows them: progress and counts, the rejected rows, a dry run's first orders."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.contract import ListQuery, Model, Page, Query, Timestamp, sort_by
from engine.errors import NotFound
from engine.store.models import ImportReject, OrderImport

ImportStateName = Literal["queued", "running", "completed", "cancelled", "failed"]
SOURCE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"


class MappingRef(Model):
    key: str
    version: int | None


class ImportView(Model):
    id: str
    state: ImportStateName
    source: str = Field(description="the system the file comes from; with each order key, an order's import identity")
    mapping: MappingRef | None = Field(description="the import_mapping artifact version (none for JSON Lines)")
    format: Literal["csv", "xlsx", "jsonl"]
    file_name: str
    file_bytes: int
    file_sha256: str
    dry_run: bool = Field(description="validates every row and creates nothing")
    created_by: str
    created_at: Timestamp
    started_at: Timestamp | None
    finished_at: Timestamp | None
    rows_read: int
    orders_read: int
    orders_created: int
    orders_existing: int = Field(description="orders imported before (same source and order key, same content)")
    orders_rejected: int
    rows_rejected: int
    orders_valid: int = Field(description="orders that passed every check (created, existing, or in a dry run "
                                          "would be created)")
    progress: float | None = Field(description="the share of the file read, 0 to 1 (null: unknown, XLSX)")
    rows_per_second: float | None
    seconds_left: float | None = Field(description="estimated from the rate so far (null: unknown)")
    error: str | None


class StartImport(Query):
    mapping: str | None = Field(None, max_length=200, description="the import_mapping artifact key (required for "
                                                                  "CSV and XLSX; JSON Lines hold TMF622 orders)")
    mapping_version: int | None = Field(None, ge=1, description="default: its newest published version")
    source: str | None = Field(None, pattern=SOURCE_PATTERN, description="default: the mapping's source")
    dry_run: bool = Field(False, description="validate every row, create nothing")
    file_name: str = Field("upload", max_length=255, description="the file's name (its suffix tells a JSON Lines "
                                                                 "file without a mapping)")


class PreviewQuery(Query):
    mapping: str | None = Field(None, max_length=200)
    mapping_version: int | None = Field(None, ge=1)
    file_name: str = Field("upload", max_length=255)
    limit: int = Field(20, ge=1, le=100, description="how many orders of the start of the file")


class ImportQuery(ListQuery):
    sort: sort_by("createdAt") | None = Field(None, description="default: newest first")
    state: ImportStateName | None = None


class RejectView(Model):
    row: int
    column: str | None
    order_key: str | None
    message: str


class RejectQuery(ListQuery):
    pass


class ProblemView(Model):
    row: int
    column: str | None
    message: str


class PreviewOrderView(Model):
    key: str
    rows: list[int]
    order: dict[str, Any] = Field(description="the TMF622 ProductOrder_Create the rows make")
    problems: list[ProblemView]


class PreviewView(Model):
    orders: list[PreviewOrderView]


class MappingView(Model):
    key: str
    version: int
    title: str | None
    description: str | None
    format: Literal["csv", "xlsx", "jsonl"]
    source: str | None
    order_key: str | None = Field(description="the column grouping rows into orders")
    columns: list[str] = Field(description="every column the mapping reads, the order key first")


def import_view(record: OrderImport, now) -> ImportView:
    progress = _progress(record)
    elapsed = ((record.finished_at or now) - record.started_at).total_seconds() if record.started_at else None
    rate = record.rows_read / elapsed if elapsed and elapsed > 0 else None
    left = None
    if rate and progress and 0 < progress < 1:
        left = elapsed * (1 - progress) / progress
    return ImportView(
        id=record.id, state=record.state, source=record.source,
        mapping=MappingRef(key=record.mapping_key, version=record.mapping_version) if record.mapping_key else None,
        format=record.format, file_name=record.file_name, file_bytes=record.file_bytes,
        file_sha256=record.file_sha256, dry_run=record.dry_run, created_by=record.created_by,
        created_at=record.created_at, started_at=record.started_at, finished_at=record.finished_at,
        rows_read=record.rows_read, orders_read=record.orders_read, orders_created=record.orders_created,
        orders_existing=record.orders_existing, orders_rejected=record.orders_rejected,
        rows_rejected=record.rows_rejected, orders_valid=max(record.orders_read - record.orders_rejected, 0), progress=progress,
        rows_per_second=round(rate, 1) if rate else None, seconds_left=round(left, 1) if left is not None else None,
        error=record.error)


def _progress(record: OrderImport) -> float | None:
    if record.state == "completed":
        return 1.0
    if record.format == "xlsx" or not record.file_bytes:
        return None
    return round(min(record.resume_offset / record.file_bytes, 1.0), 4)


def find_import(session: Session, import_id: str) -> OrderImport:
    record = session.get(OrderImport, import_id)
    if record is None:
        raise NotFound(f"no import with id {import_id}")
    return record


def import_page(session: Session, query: ImportQuery, now) -> Page[ImportView]:
    conditions = [OrderImport.state == query.state] if query.state else []
    order = OrderImport.created_at if query.sort == "createdAt" else OrderImport.created_at.desc()
    rows = session.scalars(select(OrderImport).where(*conditions).order_by(order, OrderImport.id)
                           .offset(query.offset).limit(query.limit)).all()
    total = session.scalar(select(func.count()).select_from(OrderImport).where(*conditions))
    return Page([import_view(record, now) for record in rows], total)


def reject_page(session: Session, import_id: str, query: RejectQuery) -> Page[RejectView]:
    find_import(session, import_id)
    condition = ImportReject.import_id == import_id
    rows = session.scalars(select(ImportReject).where(condition).order_by(ImportReject.row, ImportReject.id)
                           .offset(query.offset).limit(query.limit)).all()
    total = session.scalar(select(func.count()).select_from(ImportReject).where(condition))
    return Page([RejectView(row=r.row, column=r.column, order_key=r.order_key, message=r.message) for r in rows],
                total)
