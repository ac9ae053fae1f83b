"""Bulk imports of orders: upload a file (CSV, XLSX, JSON Lines) with its mapping, follow its progress, cancel
it, read and download its rejects; a dry run's first orders before starting. Order agents, order managers and
integrations (``order.import``); customers may not."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, request, stream_with_context

from api.contract import Page, endpoint
from api.errors import ApiError
from api.permissions import actor, requires
from api.read.import_rejects import XLSX, rejects_file
from api.read.imports import (
    ImportQuery,
    ImportView,
    MappingView,
    PreviewOrderView,
    PreviewQuery,
    PreviewView,
    ProblemView,
    RejectQuery,
    RejectView,
    StartImport,
    find_import,
    import_page,
    import_view,
    reject_page,
)
from api.runtime import runtime
from engine.runtime.context import UnitOfWork
from engine.runtime.imports import files, service
from engine.runtime.imports.mappings import published_mapping, published_mappings
from engine.runtime.imports.preview import preview
from engine.runtime.packs import NoActivePack
from engine.settings import default_home

bp = Blueprint("imports", __name__, url_prefix="/api/v1/imports")
MULTIPART = "multipart/form-data"
MEDIA_TYPES = ("text/csv", XLSX, "application/x-ndjson", "application/jsonl", "application/octet-stream", MULTIPART)
DEFAULT_NAME = "upload"
UPLOAD_PATH = "/api/v1/imports"


@bp.post("")
@requires("order.import")
@endpoint(query=StartImport, response=ImportView, status=201, consumes=MEDIA_TYPES)
def start_import(query: StartImport):
    """Upload a file and start importing it (the body is the file); 422 when the mapping or the file's columns
    cannot work, before anything runs. Each order is checked as a single capture is; the import runs in chunks
    you follow with GET, and re-importing the same orders creates nothing."""
    staged = _staged(query.file_name)
    try:
        with runtime().unit_of_work(actor()) as uow:
            record = service.start_import(uow, staged, mapping_key=query.mapping, mapping_version=query.mapping_version,
                                          source=query.source, dry_run=query.dry_run)
            view = import_view(record, uow.now)
    except BaseException:
        staged.path.unlink(missing_ok=True)
        raise
    return view, 201, {"Location": f"{UPLOAD_PATH}/{view.id}"}


@bp.post("/preview")
@requires("order.import")
@endpoint(query=PreviewQuery, response=PreviewView, consumes=MEDIA_TYPES)
def preview_import(query: PreviewQuery) -> PreviewView:
    """The first orders of a file as the mapping builds them, each with every problem it would be rejected for;
    stores nothing."""
    staged = _staged(query.file_name)
    ordo = runtime()
    try:
        with ordo.session_factory() as session:
            session.begin()
            try:
                uow = UnitOfWork(session, ordo.clock.now(), actor())
                mapping = published_mapping(session, query.mapping, query.mapping_version) if query.mapping else None
                file_format = mapping.format if mapping else files.format_of(staged.name) or "csv"
                service.check_file(staged.path, mapping, staged.name)
                found = preview(uow, staged.path, file_format, mapping, query.limit)
            finally:
                session.rollback()
    except NoActivePack as error:
        raise ApiError(503, "Service Unavailable", str(error)) from error
    finally:
        staged.path.unlink(missing_ok=True)
    return PreviewView(orders=[PreviewOrderView(key=o.key, rows=list(o.rows), order=o.payload, problems=[
        ProblemView(row=p.row, column=p.column, message=p.message) for p in o.problems]) for o in found])


@bp.get("/mappings")
@requires("order.import")
@endpoint(response=list[MappingView])
def list_mappings() -> list[MappingView]:
    """The import mappings an import can use: the newest published version of each, with the columns it reads
    (author them in the studio, kind import_mapping)."""
    with runtime().reading() as session:
        return [MappingView(key=m.key, version=m.version, title=document.get("title"),
                            description=document.get("description"), format=m.format, source=m.source,
                            order_key=m.order_key, columns=list(m.columns))
                for document, m in published_mappings(session)]


@bp.get("")
@requires("order.import")
@endpoint(query=ImportQuery, response=list[ImportView], paged=True)
def list_imports(query: ImportQuery) -> Page[ImportView]:
    """Imports, newest first."""
    ordo = runtime()
    with ordo.reading() as session:
        return import_page(session, query, ordo.clock.now())


@bp.get("/<import_id>")
@requires("order.import")
@endpoint(response=ImportView)
def get_import(import_id: str) -> ImportView:
    """An import's state, counts and progress (rows read, orders created and rejected, rate, time left)."""
    ordo = runtime()
    with ordo.reading() as session:
        return import_view(find_import(session, import_id), ordo.clock.now())


@bp.post("/<import_id>/cancel")
@requires("order.import")
@endpoint(response=ImportView)
def cancel_import(import_id: str) -> ImportView:
    """Stop an import after its current chunk (409 once it has finished); the orders it created stay."""
    with runtime().unit_of_work(actor()) as uow:
        return import_view(service.cancel_import(uow, import_id), uow.now)


@bp.get("/<import_id>/rejects")
@requires("order.import")
@endpoint(query=RejectQuery, response=list[RejectView], paged=True)
def list_rejects(import_id: str, query: RejectQuery) -> Page[RejectView]:
    """The problems of the rows an import rejected, by row: row, column, order key, message."""
    with runtime().reading() as session:
        return reject_page(session, import_id, query)


@bp.get("/<import_id>/rejects/file")
@requires("order.import")
@endpoint(response=str, produces=("text/csv", XLSX))
def download_rejects(import_id: str) -> Response:
    """The rejected rows as a file in the import's format, with an ``error`` column: fix them, import it again."""
    content, media_type, name = rejects_file(runtime().reading, import_id)
    return Response(stream_with_context(content), mimetype=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _staged(file_name: str) -> files.StagedFile:
    """The uploaded file, streamed to the imports folder: the request body, or a multipart form's ``file``."""
    if request.mimetype not in MEDIA_TYPES:
        raise ApiError(415, "Unsupported Media Type", f"send the file as the body (or as the part 'file' of a "
                                                      f"multipart form), with Content-Type one of "
                                                      f"{', '.join(MEDIA_TYPES)} (was {request.mimetype or 'none'!r})")
    limit = int(current_app.config.get("IMPORT_MAX_BYTES", files.MAX_BYTES))
    request.max_content_length = limit
    folder = current_app.config.get("IMPORT_FOLDER") or default_home() / "imports"
    stream, name = request.stream, file_name
    if request.mimetype == MULTIPART:
        part = request.files.get("file")
        if part is None:
            raise ApiError(422, "Unprocessable Entity", "the form has no part named 'file'",
                           [{"pointer": "file", "code": "missing", "message": "send the file in the part 'file'"}])
        stream, name = part.stream, part.filename if file_name == DEFAULT_NAME and part.filename else file_name
    staged = files.stage(stream, name, folder, limit)
    if staged.size == 0:
        staged.path.unlink(missing_ok=True)
        raise ApiError(422, "Unprocessable Entity", "the file is empty",
                       [{"pointer": "file", "code": "empty", "message": "send the file as the request body"}])
    return staged
