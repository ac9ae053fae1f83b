"""Artifacts and their versions, as the studio's artifact list, version list and editor show them."""
from __future__ import annotations

from typing import Any, Literal

from flask import request
from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.contract import ListQuery, Model, Page, Timestamp, etag_of, require_if_match, sort_by
from engine.kinds import KINDS
from engine.states import ArtifactStatus
from engine.store.models import Artifact, ArtifactVersion

KindName = Literal[tuple(sorted(KINDS))]
Status = Literal[tuple(status.value for status in ArtifactStatus)]


class VersionSummary(Model):
    key: str
    kind: str
    version: int
    status: str = Field(description="draft, published or retired")
    revision: int = Field(description="bumped by every save of a draft")
    content_hash: str | None = Field(description="SHA-256 of the canonical document without ui; set on publish")
    title: str | None
    created_by: str | None
    created_at: Timestamp
    published_at: Timestamp | None
    href: str


class VersionView(VersionSummary):
    document: dict[str, Any] = Field(description="the artifact document (envelope with the kind's body)")


class VersionRef(Model):
    version: int
    status: str


class ArtifactView(Model):
    key: str
    kind: str
    latest: VersionSummary | None = Field(description="the newest version, without its document")
    versions: list[VersionRef] = Field(description="every version, oldest first")


class ArtifactQuery(ListQuery):
    kind: KindName | None = Field(None, description="only artifacts of this kind")
    sort: sort_by("key", "kind", "createdAt") | None = None


class VersionQuery(ListQuery):
    status: Status | None = Field(None, description="only versions in this status")
    sort: sort_by("version", "createdAt") | None = None


def _title(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _href(key: str, version: int) -> str:
    return f"/api/v1/studio/artifacts/{key}/versions/{version}"


def version_view(version: ArtifactVersion) -> VersionView:
    """The whole version, document included, as GET of the version answers it."""
    return VersionView(**_summary_fields(version.artifact.key, version.artifact.kind, version),
                       title=_title(version.document.get("title")), document=version.document)


def stored_view(session: Session, version: ArtifactVersion) -> VersionView:
    """The version as a later GET answers it: written, then read back (PostgreSQL's JSONB orders members its
    own way, and the ETag is a hash of the exact bytes)."""
    session.flush()
    session.refresh(version)
    return version_view(version)


def version_etag(version: ArtifactVersion) -> str:
    return etag_of(version_view(version), VersionView)


def require_current(version: ArtifactVersion) -> None:
    """428 without If-Match, 412 unless it names the version's current ETag."""
    require_if_match(version_etag(version))


def check_if_match_when_sent(version: ArtifactVersion) -> None:
    """For actions that change a version but may be sent blind: a stale If-Match is 412, none is fine."""
    if request.headers.get("If-Match") is not None:
        require_current(version)


def _summary_fields(key: str, kind: str, row) -> dict:
    return {"key": key, "kind": kind, "version": row.version, "status": row.status, "revision": row.revision,
            "content_hash": row.content_hash, "created_by": row.created_by, "created_at": row.created_at,
            "published_at": row.published_at, "href": _href(key, row.version)}


SUMMARY_COLUMNS = (ArtifactVersion.artifact_id, ArtifactVersion.version, ArtifactVersion.status,
                   ArtifactVersion.revision, ArtifactVersion.content_hash, ArtifactVersion.created_by,
                   ArtifactVersion.created_at, ArtifactVersion.published_at,
                   ArtifactVersion.document["title"].as_string().label("title"))
"""What version lists show: everything but the document (the title is read out of it by the database)."""

ARTIFACT_SORTS = {"key": Artifact.key, "kind": Artifact.kind, "createdAt": Artifact.created_at}
VERSION_SORTS = {"version": ArtifactVersion.version, "createdAt": ArtifactVersion.created_at}


def artifact_page(session: Session, query: ArtifactQuery) -> Page[ArtifactView]:
    """A page of artifacts with their versions (versions of the page read in one query, documents never)."""
    where = [Artifact.kind == query.kind] if query.kind else []
    column = ARTIFACT_SORTS[query.sort_key or "key"]
    rows = session.execute(select(Artifact.id, Artifact.key, Artifact.kind).where(*where)
                           .order_by(query.ordered(column), Artifact.key)
                           .offset(query.offset).limit(query.limit)).all()
    versions: dict[int, list] = {}
    for row in session.execute(select(*SUMMARY_COLUMNS).where(ArtifactVersion.artifact_id.in_([r.id for r in rows]))
                               .order_by(ArtifactVersion.artifact_id, ArtifactVersion.version)):
        versions.setdefault(row.artifact_id, []).append(row)
    total = session.scalar(select(func.count()).select_from(Artifact).where(*where))
    return Page([_artifact_view(row, versions.get(row.id, [])) for row in rows], total)


def _artifact_view(artifact, versions: list) -> ArtifactView:
    latest = versions[-1] if versions else None
    return ArtifactView(key=artifact.key, kind=artifact.kind,
                        latest=_summary(artifact.key, artifact.kind, latest) if latest else None,
                        versions=[VersionRef(version=v.version, status=v.status) for v in versions])


def _summary(key: str, kind: str, row) -> VersionSummary:
    return VersionSummary(**_summary_fields(key, kind, row), title=_title(row.title))


def version_page(session: Session, artifact: Artifact, query: VersionQuery) -> Page[VersionSummary]:
    """A page of one artifact's versions, without their documents."""
    where = [ArtifactVersion.artifact_id == artifact.id]
    if query.status:
        where.append(ArtifactVersion.status == query.status)
    column = VERSION_SORTS[query.sort_key or "version"]
    rows = session.execute(select(*SUMMARY_COLUMNS).where(*where)
                           .order_by(query.ordered(column), ArtifactVersion.version)
                           .offset(query.offset).limit(query.limit)).all()
    total = session.scalar(select(func.count()).select_from(ArtifactVersion).where(*where))
    return Page([_summary(artifact.key, artifact.kind, row) for row in rows], total)
