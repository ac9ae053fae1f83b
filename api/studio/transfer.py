"""Studio API: decision tables and pricing matrices in and out of DMN XML, XLSX and CSV (layouts: engine.rules.dmn,
engine.rules.spreadsheet.layout, studio.matrix_sheets, studio.matrix_dmn).

``GET .../artifacts/{key}/versions/{v}/export?format=`` answers the file (with Content-Disposition);
``POST .../artifacts/{key}/import?format=`` takes the raw file as the body (its media type as Content-Type)
and writes it into the artifact's draft: a new draft when none is open (a new decision table when the key is
unknown), else the open draft, which then needs ``If-Match`` with its ETag like any other save.
"""
from __future__ import annotations

from typing import Literal

from flask import Blueprint, Response, request
from pydantic import Field
from sqlalchemy import select

from api.contract import Query, endpoint
from api.errors import ApiError
from api.permissions import actor, requires
from api.read.artifacts import VersionView, require_current, stored_view
from api.runtime import runtime
from engine.store.models import Artifact
from studio import artifacts
from studio.entries import open_draft
from studio.errors import Invalid
from studio.kinds import TRANSFER_FORMATS
from studio.matrix_dmn import export_matrix_dmn, import_matrix_dmn
from studio.matrix_sheets import export_matrix, import_matrix
from studio.tables import (
    ACCEPTED_MEDIA_TYPES,
    MEDIA_TYPES,
    export_table,
    import_table,
    table_document,
)

bp = Blueprint("studio_transfer", __name__, url_prefix="/api/v1/studio")
MAX_IMPORT_BYTES = 5 * 1024 * 1024
Format = Literal["dmn", "xlsx", "csv"]


class ExportQuery(Query):
    format: Format = Field(description="dmn (DMN 1.3 XML), xlsx or csv")


class ImportQuery(Query):
    format: Format = Field(description="dmn, xlsx or csv; the body is the file, Content-Type its media type")
    part: str | None = Field(None, max_length=200, description="the DMN decision (id or name) or XLSX sheet to "
                                                               "read when the file holds several")
    title: str | None = Field(None, max_length=200, description="title of a new decision table")


@bp.get("/artifacts/<key>/versions/<int:version>/export")
@requires("studio.read")
@endpoint(query=ExportQuery, produces=tuple(MEDIA_TYPES.values()))
def export(key: str, version: int, query: ExportQuery):
    """A decision table or pricing matrix version as a DMN, XLSX or CSV file."""
    with runtime().reading() as session:
        found = artifacts.find_version(session, key, version)
        kind, document = found.artifact.kind, found.document
    _check_format(kind, query.format)
    body = document.get("body") or {}
    data = _exported(kind, query.format, key, document.get("title") or key, body)
    filename = f"{key}-v{version}.{query.format}"
    return Response(data, mimetype=MEDIA_TYPES[query.format],
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.post("/artifacts/<key>/import")
@requires("studio.edit")
@endpoint(query=ImportQuery, response=VersionView, status=201, other_statuses=(200,), etag=True,
          consumes=tuple(dict.fromkeys(m for types in ACCEPTED_MEDIA_TYPES.values() for m in types)))
def import_file(key: str, query: ImportQuery):
    """Import a file into the artifact's draft (If-Match when a draft is open); 422 lists every bad cell."""
    data = _file_body(query.format)
    with runtime().unit_of_work(actor()) as uow:
        artifact = uow.session.execute(select(Artifact).where(Artifact.key == key)).scalar_one_or_none()
        if artifact is None:
            return _new_table(uow, key, query, data)
        _check_format(artifact.kind, query.format)
        draft = open_draft(uow.session, key)
        if draft is not None:
            draft = artifacts.find_version(uow.session, key, draft.version, lock=True)
            require_current(draft)
        base = draft.document if draft is not None else artifact.versions[-1].document
        document = _imported(artifact.kind, query, data, base)
        if draft is None:
            return stored_view(uow.session, artifacts.create_draft(uow, document))
        return stored_view(uow.session, artifacts.save_draft(uow, key, draft.version, document, draft.revision)), 200


def _new_table(uow, key: str, query: ImportQuery, data: bytes) -> VersionView:
    name, body = import_table(query.format, data, query.part)
    return stored_view(uow.session, artifacts.create_draft(uow, table_document(key, query.title or name or key, body)))


def _exported(kind: str, fmt: str, key: str, title: str, body: dict) -> bytes:
    if kind == "pricing_matrix":
        return export_matrix_dmn(key, title, body) if fmt == "dmn" else export_matrix(fmt, key, body)
    return export_table(fmt, key, title, body)


def _imported(kind: str, query: ImportQuery, data: bytes, base: dict) -> dict:
    if kind == "pricing_matrix" and query.format == "dmn":
        return import_matrix_dmn(data, base, query.part)
    if kind == "pricing_matrix":
        return import_matrix(query.format, data, base, query.part)
    _, body = import_table(query.format, data, query.part)
    return {**base, "body": body}


def _check_format(kind: str, fmt: str) -> None:
    formats = TRANSFER_FORMATS.get(kind, ())
    if fmt not in formats:
        raise Invalid(f"a {kind} cannot be imported or exported as {fmt}" +
                      (f"; use {', '.join(formats)}" if formats else ""),
                      errors=[{"parameter": "format", "code": "format", "message": f"one of {list(formats)}"}])


def _file_body(fmt: str) -> bytes:
    accepted = ACCEPTED_MEDIA_TYPES[fmt]
    if request.mimetype not in accepted:
        raise ApiError(415, "Unsupported Media Type",
                       f"send the {fmt} file with Content-Type {accepted[0]} (was {request.mimetype or 'missing'!r})")
    if (request.content_length or 0) > MAX_IMPORT_BYTES:
        raise ApiError(413, "Content Too Large", f"files up to {MAX_IMPORT_BYTES // 1024 // 1024} MB")
    data = request.get_data(cache=False)
    if len(data) > MAX_IMPORT_BYTES:
        raise ApiError(413, "Content Too Large", f"files up to {MAX_IMPORT_BYTES // 1024 // 1024} MB")
    if not data.strip():
        raise ApiError(400, "Bad Request", f"the body is empty: send the {fmt} file")
    return data
