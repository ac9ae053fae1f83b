"""Artifacts and their versions, as the studio's artifact list, version list and editor show them."""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any, Literal

from flask import request
from pydantic import Field
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from api.contract import ListQuery, Model, Page, Timestamp, etag_of, require_if_match, sort_by
from engine.canonical import canonical_json
from engine.kinds import KINDS
from engine.states import ArtifactStatus
from engine.store.models import Artifact, ArtifactVersion, AuditEvent, PackActivation, RulePackPin
from studio.lint import lint_document
from studio.lint.documents import LINTERS

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


class LintCounts(Model):
    errors: int
    warnings: int


class ArtifactView(Model):
    key: str
    kind: str
    title: str | None = Field(description="the newest version's title")
    latest: VersionSummary | None = Field(description="the newest version, without its document")
    versions: list[VersionRef] = Field(description="every version, oldest first")
    draft_version: int | None = Field(description="the open draft's version number, if one is open")
    draft_revision: int | None = Field(description="the open draft's revision")
    published_version: int | None = Field(description="the newest published version")
    active_version: int | None = Field(description="the version the active rule pack pins, if it pins one")
    in_active_pack: bool = Field(description="the active rule pack pins a version of this artifact")
    lint: LintCounts = Field(description="lint findings of the newest version by severity (kinds without lint "
                                         "rules count 0)")
    last_editor: str | None = Field(description="who last created, saved, published or retired the newest version")
    updated_at: Timestamp | None = Field(description="when that was")


ArtifactState = Literal["draft", "published", "retired", "active"]


class ArtifactQuery(ListQuery):
    kind: KindName | None = Field(None, description="only artifacts of this kind")
    q: str | None = Field(None, max_length=200, description="key or newest title contains this (any case)")
    state: ArtifactState | None = Field(None, description="draft, published or retired: the newest version's "
                                                          "status; active: the active pack pins a version")
    sort: sort_by("key", "kind", "title", "createdAt", "updated") | None = None


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

VERSION_SORTS = {"version": ArtifactVersion.version, "createdAt": ArtifactVersion.created_at}


def _active_pins():
    """(artifact_id, version) of every version the active pack pins: the newest activation's pack."""
    active = select(PackActivation.pack_id).order_by(PackActivation.id.desc()).limit(1).scalar_subquery()
    return (select(ArtifactVersion.artifact_id, ArtifactVersion.version)
            .join(RulePackPin, RulePackPin.artifact_version_id == ArtifactVersion.id)
            .where(RulePackPin.pack_id == active))


def artifact_page(session: Session, query: ArtifactQuery) -> Page[ArtifactView]:
    """A page of artifacts with their versions, active-pack pins, newest editor and lint counts.

    Five queries whatever the page size: the page, its versions (documents never), the active pack's pins, the
    newest audit event of each newest version, and the documents of the newest versions of linted kinds (lint
    results are cached by content hash, so a list call lints only what changed since the last one)."""
    newest = (select(ArtifactVersion.artifact_id, func.max(ArtifactVersion.version).label("version"))
              .group_by(ArtifactVersion.artifact_id).subquery())
    latest = aliased(ArtifactVersion)
    title = latest.document["title"].as_string()
    where = []
    if query.kind:
        where.append(Artifact.kind == query.kind)
    if query.q:
        where.append(or_(Artifact.key.icontains(query.q, autoescape=True), title.icontains(query.q, autoescape=True)))
    if query.state == "active":
        where.append(Artifact.id.in_(_active_pins().with_only_columns(ArtifactVersion.artifact_id)))
    elif query.state:
        where.append(latest.status == query.state)
    sorts = {"key": Artifact.key, "kind": Artifact.kind, "createdAt": Artifact.created_at, "title": title,
             "updated": func.coalesce(latest.published_at, latest.created_at)}
    base = (select(Artifact.id, Artifact.key, Artifact.kind).outerjoin(newest, newest.c.artifact_id == Artifact.id)
            .outerjoin(latest, and_(latest.artifact_id == Artifact.id, latest.version == newest.c.version))
            .where(*where))
    rows = session.execute(base.order_by(query.ordered(sorts[query.sort_key or "key"]), Artifact.key)
                           .offset(query.offset).limit(query.limit)).all()
    total = session.scalar(select(func.count()).select_from(base.subquery()))
    ids = [r.id for r in rows]
    versions: dict[int, list] = {}
    for row in session.execute(select(*SUMMARY_COLUMNS).where(ArtifactVersion.artifact_id.in_(ids))
                               .order_by(ArtifactVersion.artifact_id, ArtifactVersion.version)):
        versions.setdefault(row.artifact_id, []).append(row)
    pinned = dict(session.execute(_active_pins().where(ArtifactVersion.artifact_id.in_(ids))).tuples().all())
    refs = {f"{r.key}@{versions[r.id][-1].version}": r.id for r in rows if versions.get(r.id)}
    edits = _newest_edits(session, list(refs))
    linted = {r.id: versions[r.id][-1].version for r in rows if r.kind in LINTERS and versions.get(r.id)}
    counts = _lint_counts(session, linted)
    return Page([_artifact_view(row, versions.get(row.id, []), pinned.get(row.id),
                                edits.get(f"{row.key}@{versions[row.id][-1].version}") if versions.get(row.id) else None,
                                counts.get(row.id, LintCounts(errors=0, warnings=0)))
                 for row in rows], total)


def _newest_edits(session: Session, refs: list[str]) -> dict[str, tuple[str, object]]:
    """key@version → (actor, at) of the newest audit event about that version."""
    if not refs:
        return {}
    newest = (select(func.max(AuditEvent.id)).where(AuditEvent.entity_type == "artifact",
                                                    AuditEvent.entity_id.in_(refs))
              .group_by(AuditEvent.entity_id))
    return {row.entity_id: (row.actor, row.at) for row in session.execute(
        select(AuditEvent.entity_id, AuditEvent.actor, AuditEvent.at).where(AuditEvent.id.in_(newest)))}


_LINT_CACHE: OrderedDict[str, LintCounts] = OrderedDict()
_LINT_CACHE_SIZE = 2048
_lint_lock = threading.Lock()


def lint_counts(document: dict) -> LintCounts:
    """Errors and warnings lint finds in a document, cached by the SHA-256 of its canonical JSON."""
    digest = hashlib.sha256(canonical_json(document).encode()).hexdigest()
    with _lint_lock:
        if digest in _LINT_CACHE:
            _LINT_CACHE.move_to_end(digest)
            return _LINT_CACHE[digest]
    findings = lint_document(document)
    counts = LintCounts(errors=sum(f.severity == "error" for f in findings),
                        warnings=sum(f.severity == "warning" for f in findings))
    with _lint_lock:
        _LINT_CACHE[digest] = counts
        while len(_LINT_CACHE) > _LINT_CACHE_SIZE:
            _LINT_CACHE.popitem(last=False)
    return counts


def _lint_counts(session: Session, newest: dict[int, int]) -> dict[int, LintCounts]:
    """artifact id → lint counts of its newest version (one query for the documents of every one)."""
    if not newest:
        return {}
    rows = session.execute(select(ArtifactVersion.artifact_id, ArtifactVersion.document)
                           .where(or_(*(and_(ArtifactVersion.artifact_id == i, ArtifactVersion.version == v)
                                        for i, v in newest.items()))))
    return {row.artifact_id: lint_counts(row.document) for row in rows}


def _artifact_view(artifact, versions: list, active_version: int | None, edit: tuple | None,
                   lint: LintCounts) -> ArtifactView:
    latest = versions[-1] if versions else None
    draft = next((v for v in reversed(versions) if v.status == ArtifactStatus.DRAFT), None)
    published = next((v for v in reversed(versions) if v.status == ArtifactStatus.PUBLISHED), None)
    editor, at = edit if edit else ((latest.created_by, latest.published_at or latest.created_at) if latest
                                    else (None, None))
    return ArtifactView(key=artifact.key, kind=artifact.kind, title=_title(latest.title) if latest else None,
                        latest=_summary(artifact.key, artifact.kind, latest) if latest else None,
                        versions=[VersionRef(version=v.version, status=v.status) for v in versions],
                        draft_version=draft.version if draft else None,
                        draft_revision=draft.revision if draft else None,
                        published_version=published.version if published else None,
                        active_version=active_version, in_active_pack=active_version is not None,
                        lint=lint, last_editor=editor, updated_at=at)


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
