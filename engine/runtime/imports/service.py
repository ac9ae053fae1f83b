"""Starting, running and cancelling a bulk import of orders.

An import runs as a chain of ``import.run`` jobs, each taking up to CHUNK_ORDERS orders from where the last
one stopped: its orders, its rejects, its counters and the next resume point commit together, so a crash or
restart resumes at the last committed chunk and creates nothing twice (each order is also captured under the
key ``import:<source>`` + its order key, so re-importing a file replays what exists and creates nothing).
While other work waits in the queue (more than BACKLOG_LIMIT due jobs), the next chunk waits THROTTLE: an
import never starves interactive orders.
"""
from __future__ import annotations

import re
import uuid
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from engine.errors import Conflict, Invalid, NotFound
from engine.imports.readers import FileProblem, Position, header, read
from engine.imports.units import Unit, units
from engine.kinds.import_mapping import CompiledMapping
from engine.runtime.context import UnitOfWork
from engine.runtime.imports.checks import located, order_problems, reject_rows
from engine.runtime.imports.files import StagedFile, format_of
from engine.runtime.imports.mappings import published_mapping
from engine.runtime.jobs.queue import QUEUED
from engine.runtime.orders.idempotency import KeyReused, capture_once
from engine.runtime.packs import active_pack, pack_view
from engine.states import ORDER_IMPORT, ImportState
from engine.store.models import IdempotencyKey, ImportedOrder, ImportReject, Job, OrderImport

RUN = "import.run"
CHUNK_ORDERS = 100
BACKLOG_LIMIT = 200
THROTTLE = timedelta(seconds=2)
SOURCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def start_import(uow: UnitOfWork, staged: StagedFile, *, mapping_key: str | None = None,
                 mapping_version: int | None = None, source: str | None = None, dry_run: bool = False
                 ) -> OrderImport:
    """Record an import of the staged file and queue its first chunk. Invalid (422) when the mapping, the
    source or the file's header cannot work, before anything runs."""
    mapping = published_mapping(uow.session, mapping_key, mapping_version) if mapping_key else None
    file_format = check_file(staged.path, mapping, staged.name)
    source = source or (mapping.source if mapping else None) or "import"
    if not SOURCE.match(source):
        raise Invalid(f"source {source[:60]!r}: letters, digits, '.', '_' and '-' (at most 100)",
                      errors=[{"pointer": "source", "code": "source", "message": "not a valid source name"}])
    record = OrderImport(
        id=str(uuid.uuid4()), source=source, mapping_key=mapping.key if mapping else None,
        mapping_version=mapping.version if mapping else None, format=file_format, file_name=staged.name,
        file_path=str(staged.path), file_sha256=staged.sha256, file_bytes=staged.size, dry_run=dry_run,
        state=ImportState.QUEUED, created_by=uow.actor, created_at=uow.now, updated_at=uow.now, rows_read=0,
        orders_read=0, orders_created=0, orders_existing=0, orders_rejected=0, rows_rejected=0, resume_row=0,
        resume_offset=0)
    uow.session.add(record)
    uow.session.flush()
    uow.audit("import.started", "orderImport", record.id, {
        "file": staged.name, "sha256": staged.sha256, "bytes": staged.size, "source": source,
        "mapping": f"{mapping.key}@{mapping.version}" if mapping else None, "dryRun": dry_run})
    _queue_next(uow, record)
    return record


def check_file(path: Path, mapping: CompiledMapping | None, file_name: str) -> str:
    """The file's format, once it is clear the mapping can read it: Invalid (422) when a CSV or XLSX file comes
    without a mapping, or lacks a column the mapping reads."""
    if mapping is None:
        if format_of(file_name) != "jsonl":
            raise Invalid("a csv or xlsx file needs a mapping (an import_mapping artifact) to become orders; "
                          "a JSON Lines file (.jsonl) of TMF622 orders needs none",
                          errors=[{"pointer": "mapping", "code": "mapping_required",
                                   "message": "name the import mapping of this file's format"}])
        return "jsonl"
    if mapping.format == "jsonl":
        return "jsonl"
    try:
        names = header(path, mapping.format, delimiter=mapping.delimiter, encoding=mapping.encoding,
                       sheet=mapping.sheet)
    except FileProblem as error:
        raise Invalid(f"the file cannot be imported: {error}",
                      errors=[{"pointer": "file", "code": "unreadable", "message": str(error)}]) from error
    missing = mapping.missing_columns(names)
    if missing:
        raise Invalid(f"the file lacks the column(s) {', '.join(map(repr, missing))} that mapping "
                      f"{mapping.key} reads (its header: {', '.join(map(repr, names[:20]))})",
                      errors=[{"pointer": "file", "code": "missing_column", "message": f"no column {name!r}"}
                              for name in missing])
    return mapping.format


def cancel_import(uow: UnitOfWork, import_id: str) -> OrderImport:
    """Stop an import between chunks; the orders it created stay (cancel or withdraw them one by one)."""
    record = locked(uow, import_id)
    if ORDER_IMPORT.is_final(record.state):
        raise Conflict(f"import {import_id} has {record.state} already: nothing left to cancel", state=record.state)
    record.state = ORDER_IMPORT.check(record.state, ImportState.CANCELLED)
    record.finished_at = record.updated_at = uow.now
    uow.audit("import.cancelled", "orderImport", record.id, _counts(record))
    return record


def locked(uow: UnitOfWork, import_id: str) -> OrderImport:
    record = uow.session.execute(select(OrderImport).where(OrderImport.id == import_id).with_for_update()
                                 ).scalar_one_or_none()
    if record is None:
        raise NotFound(f"no import {import_id!r}")
    return record


def run_chunk(uow: UnitOfWork, import_id: str, max_orders: int | None = None) -> None:
    """Take the next chunk of the import (the ``import.run`` job), CHUNK_ORDERS orders unless ``max_orders``
    says; queue the one after, or finish."""
    record = uow.session.execute(select(OrderImport).where(OrderImport.id == import_id).with_for_update()
                                 ).scalar_one_or_none()
    if record is None or ORDER_IMPORT.is_final(record.state):
        return
    if record.state == ImportState.QUEUED:
        record.state, record.started_at = ORDER_IMPORT.check(record.state, ImportState.RUNNING), uow.now
    if not record.dry_run and _backlog(uow) > BACKLOG_LIMIT:
        _queue_next(uow, record, delay=THROTTLE)
        return
    try:
        finished = _take_chunk(uow, record, max_orders or CHUNK_ORDERS)
    except (FileProblem, OSError) as error:
        _finish(uow, record, ImportState.FAILED, f"the file could not be read: {error}")
        return
    if finished:
        _finish(uow, record, ImportState.COMPLETED)
    else:
        _queue_next(uow, record)


def fail_import(uow: UnitOfWork, import_id: str, error: str) -> None:
    """End an import that cannot go on (its chunk job failed for good); the orders it created stay."""
    record = uow.session.get(OrderImport, import_id, with_for_update=True)
    if record is not None and not ORDER_IMPORT.is_final(record.state):
        _finish(uow, record, ImportState.FAILED, error[:2000])


def _take_chunk(uow: UnitOfWork, record: OrderImport, max_orders: int) -> bool:
    """Take up to ``max_orders`` units; True when the file is done."""
    mapping = published_mapping(uow.session, record.mapping_key, record.mapping_version) \
        if record.mapping_key else None
    start = Position(record.resume_row, record.resume_offset) if record.resume_row else None
    options = dict(delimiter=mapping.delimiter, encoding=mapping.encoding, sheet=mapping.sheet) if mapping else {}
    view = pack_view(uow.session, active_pack(uow.session).id)
    taken = 0
    for unit, after in units(read(Path(record.file_path), record.format, start, **options), mapping):
        _take(uow, record, view, unit)
        record.rows_read += len(unit.rows)
        if after is None:
            return True
        record.resume_row, record.resume_offset = after.row, after.offset
        taken += 1
        if taken >= max_orders:
            return False
    return True


def _take(uow: UnitOfWork, record: OrderImport, view, unit: Unit) -> None:
    order = unit.order
    if order.key:
        record.orders_read += 1
    problems = list(order.problems)
    party = None
    if not problems:
        problems, party = order_problems(uow, view, order)
    if not problems and not record.dry_run:
        problems = _capture(uow, record, order, party)
    if problems:
        _reject(uow, record, unit, problems)


def _capture(uow: UnitOfWork, record: OrderImport, order, party: str | None) -> list:
    try:
        with uow.session.begin_nested():
            captured = capture_once(uow, order.payload, party_id=party, scope=f"import:{record.source}",
                                    key=order.key)
    except KeyReused:
        return [located(order, "/externalId", _changed_since(uow, record, order.key))]
    except Invalid as error:
        found = error.errors or [{"pointer": None, "message": error.message}]
        return [located(order, e.get("pointer"), e.get("message") or error.message) for e in found]
    uow.session.add(ImportedOrder(import_id=record.id, order_id=captured.order.id, order_key=order.key[:200],
                                  first_row=order.rows[0], created=not captured.replayed))
    if captured.replayed:
        record.orders_existing += 1
    else:
        record.orders_created += 1
    return []


def _changed_since(uow: UnitOfWork, record: OrderImport, key: str) -> str:
    earlier = uow.session.scalar(select(IdempotencyKey.order_id).where(
        IdempotencyKey.scope == f"import:{record.source}", IdempotencyKey.key == key))
    return (f"order {key[:60]!r} was imported from {record.source!r} before with other content (it created "
            f"order {earlier}): change that order in Ordo, or give this one a new order key")


def _reject(uow: UnitOfWork, record: OrderImport, unit: Unit, problems: list) -> None:
    cells = unit.cells
    for problem in reject_rows(unit, problems):
        uow.session.add(ImportReject(import_id=record.id, row=problem.row, column=problem.column,
                                     order_key=(unit.order.key or None) and unit.order.key[:200],
                                     message=problem.message[:2000], cells=_cells(unit, cells, problem.row)))
    record.rows_rejected += len(unit.rows)
    if unit.order.key:
        record.orders_rejected += 1


def _cells(unit: Unit, cells: dict, row: int) -> dict | None:
    values = cells.get(row)
    if values is not None:
        return dict(values)
    found = next((r for r in unit.rows if r.number == row), None)
    return {"document": found.document} if found is not None and found.document is not None else None


def _backlog(uow: UnitOfWork) -> int:
    """Due jobs waiting, other than imports' own: the interactive work an import must not starve."""
    return uow.session.scalar(select(func.count()).select_from(Job).where(
        Job.state == QUEUED, Job.run_at <= uow.now, Job.kind != RUN)) or 0


def _queue_next(uow: UnitOfWork, record: OrderImport, delay: timedelta = timedelta(0)) -> None:
    record.updated_at = uow.now
    uow.enqueue(RUN, {"importId": record.id}, run_at=uow.now + delay)


def _finish(uow: UnitOfWork, record: OrderImport, state: ImportState, error: str | None = None) -> None:
    record.state = ORDER_IMPORT.check(record.state, state)
    record.finished_at = record.updated_at = uow.now
    record.error = error
    uow.audit(f"import.{state}", "orderImport", record.id, _counts(record))


def _counts(record: OrderImport) -> dict:
    return {"rowsRead": record.rows_read, "ordersRead": record.orders_read, "ordersCreated": record.orders_created,
            "ordersExisting": record.orders_existing, "ordersRejected": record.orders_rejected,
            "rowsRejected": record.rows_rejected}
