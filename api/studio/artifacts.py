"""Studio API: kinds, artifacts, drafts, versions, publish, retire.

A draft is saved with ``PUT .../versions/{v}`` carrying the whole artifact document as the body and the ETag of
the version you edited in ``If-Match`` (428 without, 412 when someone saved meanwhile); discarding a draft needs
the same precondition. Publish and retire take If-Match too when sent (publish exactly what you reviewed).
"""
from __future__ import annotations

from flask import Blueprint, current_app
from pydantic import Field

from api.contract import Model, Page, endpoint
from api.permissions import actor, requires
from api.read.artifacts import (
    ArtifactQuery,
    ArtifactView,
    VersionQuery,
    VersionSummary,
    VersionView,
    artifact_page,
    check_if_match_when_sent,
    require_current,
    stored_view,
    version_page,
    version_view,
)
from api.read.kinds import KindsView, kinds_view
from api.read.studio import ANY_OBJECT, DOCUMENT_SCHEMA, ValidationView, validation_view
from api.runtime import runtime
from studio import artifacts
from studio.artifacts import pinned_version_ids
from studio.packs import current_pack

bp = Blueprint("studio_artifacts", __name__, url_prefix="/api/v1/studio")


@bp.get("/kinds")
@requires("studio.read")
@endpoint(response=KindsView, etag=True)
def kinds():
    """Every artifact kind: its JSON Schema, editor hints, capabilities and example artifacts."""
    return kinds_view()


@bp.post("/validate")
@requires("studio.read")
@endpoint(body=ANY_OBJECT, response=ValidationView)
def validate(body: dict):
    """Validate a document (envelope, body schema, semantics) without storing anything."""
    return validation_view(body)


@bp.get("/artifacts")
@requires("studio.read")
@endpoint(query=ArtifactQuery, response=list[ArtifactView], paged=True)
def list_artifacts(query: ArtifactQuery):
    """Artifacts with their versions (newest version summarised), by kind."""
    with runtime().reading() as session:
        return artifact_page(session, query)


@bp.post("/artifacts")
@requires("studio.edit")
@endpoint(body=DOCUMENT_SCHEMA, response=VersionView, status=201, etag=True)
def create_artifact(body: dict):
    """Create an artifact from a document: its version 1, a draft."""
    with runtime().unit_of_work(actor()) as uow:
        return stored_view(uow.session, artifacts.create_draft(uow, body))


class NewDraft(Model):
    from_: int | None = Field(None, alias="from", ge=1, description="copy this version's document (restore an old "
                                                                     "version as a new draft); default the newest")


@bp.post("/artifacts/<key>/drafts")
@requires("studio.edit")
@endpoint(body=NewDraft, response=VersionView, status=201, etag=True)
def new_draft(key: str, body: NewDraft):
    """Open a new draft version of an artifact from its newest version, or from the version ``from`` names (409
    when a draft is open; the body may be empty)."""
    with runtime().unit_of_work(actor()) as uow:
        return stored_view(uow.session, artifacts.create_draft(uow, key=key, source=body.from_))


@bp.get("/artifacts/<key>/versions")
@requires("studio.read")
@endpoint(query=VersionQuery, response=list[VersionSummary], paged=True)
def list_versions(key: str, query: VersionQuery) -> Page[VersionSummary]:
    """The versions of an artifact, without their documents."""
    with runtime().reading() as session:
        return version_page(session, artifacts.find_artifact(session, key), query)


@bp.get("/artifacts/<key>/versions/<int:version>")
@requires("studio.read")
@endpoint(response=VersionView, etag=True)
def get_version(key: str, version: int):
    """One version with its document; its ETag is what If-Match of a save or discard names."""
    with runtime().reading() as session:
        return version_view(artifacts.find_version(session, key, version))


@bp.put("/artifacts/<key>/versions/<int:version>")
@requires("studio.edit")
@endpoint(body=DOCUMENT_SCHEMA, response=VersionView, etag=True)
def save_draft(key: str, version: int, body: dict):
    """Replace a draft's document (If-Match: the ETag of the version you edited)."""
    with runtime().unit_of_work(actor()) as uow:
        draft = artifacts.find_version(uow.session, key, version, lock=True)
        require_current(draft)
        return stored_view(uow.session, artifacts.save_draft(uow, key, version, body, draft.revision))


@bp.delete("/artifacts/<key>/versions/<int:version>")
@requires("studio.edit")
@endpoint()
def discard_draft(key: str, version: int):
    """Discard a draft (If-Match: the ETag of the version you saw)."""
    with runtime().unit_of_work(actor()) as uow:
        require_current(artifacts.find_version(uow.session, key, version, lock=True))
        artifacts.discard_draft(uow, key, version)


@bp.post("/artifacts/<key>/versions/<int:version>/publish")
@requires("studio.publish")
@endpoint(response=VersionView, etag=True)
def publish(key: str, version: int):
    """Publish a draft: validate, compile and run its tests; refused with every problem listed."""
    with runtime().unit_of_work(actor()) as uow:
        check_if_match_when_sent(artifacts.find_version(uow.session, key, version, lock=True))
        four_eyes = current_app.config.get("FOUR_EYES_PUBLISH", False)
        return stored_view(uow.session, artifacts.publish(uow, key, version, four_eyes=four_eyes))


@bp.post("/artifacts/<key>/versions/<int:version>/retire")
@requires("studio.publish")
@endpoint(response=VersionView, etag=True)
def retire(key: str, version: int):
    """Retire a published version (refused while the active pack pins it)."""
    with runtime().unit_of_work(actor()) as uow:
        check_if_match_when_sent(artifacts.find_version(uow.session, key, version, lock=True))
        active = current_pack(uow.session)
        pins = pinned_version_ids(uow.session, active.id) if active else set()
        return stored_view(uow.session, artifacts.retire(uow, key, version, pins))
