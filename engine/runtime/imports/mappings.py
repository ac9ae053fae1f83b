"""The import mapping an import runs with: a published ``import_mapping`` artifact version, compiled once."""
from __future__ import annotations

import threading

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.errors import Invalid, NotFound
from engine.kinds import compile_document
from engine.kinds.import_mapping import CompiledMapping
from engine.states import ArtifactStatus
from engine.store.models import Artifact, ArtifactVersion

KIND = "import_mapping"
_cache: dict[str, CompiledMapping] = {}
_lock = threading.Lock()


def published_mapping(session: Session, key: str, version: int | None = None) -> CompiledMapping:
    """Version ``version`` of mapping ``key`` (default: its newest published version), compiled."""
    query = (select(ArtifactVersion).join(Artifact).where(Artifact.key == key, Artifact.kind == KIND,
                                                          ArtifactVersion.status == ArtifactStatus.PUBLISHED))
    if version is not None:
        query = query.where(ArtifactVersion.version == version)
    found = session.execute(query.order_by(ArtifactVersion.version.desc()).limit(1)).scalar_one_or_none()
    if found is None:
        which = f"version {version} of " if version is not None else ""
        raise NotFound(f"no published {which}import mapping {key!r}: publish one in the studio (kind import_mapping)")
    return _compiled(found)


def published_mappings(session: Session) -> list[tuple[dict, CompiledMapping]]:
    """The newest published version of every import mapping, by key: (its document, compiled)."""
    newest = (select(Artifact.key, func.max(ArtifactVersion.version).label("version")).join(ArtifactVersion)
              .where(Artifact.kind == KIND, ArtifactVersion.status == ArtifactStatus.PUBLISHED)
              .group_by(Artifact.key).subquery())
    found = session.execute(select(ArtifactVersion).join(Artifact).join(
        newest, (newest.c.key == Artifact.key) & (newest.c.version == ArtifactVersion.version))
        .order_by(Artifact.key)).scalars().all()
    return [(version.document, _compiled(version)) for version in found]


def _compiled(found: ArtifactVersion) -> CompiledMapping:
    """The compiled mapping of a published version, compiled once per content."""
    with _lock:
        cached = _cache.get(found.content_hash)
    if cached is None:
        cached = _compile(found.document, found.version)
        with _lock:
            _cache[found.content_hash] = cached
    return cached


def _compile(document: dict, version: int) -> CompiledMapping:
    try:
        return compile_document(document, version=version)
    except Exception as error:  # a published version compiled once: only a changed compiler can fail here
        raise Invalid(f"import mapping version {version} no longer compiles: {error}") from error
