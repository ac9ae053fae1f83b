"""Studio API: kinds, artifacts, drafts, versions, publish, retire."""
from __future__ import annotations

from flask import Blueprint, current_app, request
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from api.errors import ApiError
from api.permissions import actor, requires
from api.runtime import runtime
from api.serializers.artifact import serialize_version
from engine.kinds import kind_schemas, validate_document
from engine.store.models import Artifact
from studio import artifacts
from studio.artifacts import pinned_version_ids
from studio.packs import current_pack

bp = Blueprint("studio_artifacts", __name__, url_prefix="/api/v1/studio")


def json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "Bad Request", "the body must be a JSON object")
    return body


@bp.get("/kinds")
@requires("studio.read")
def kinds():
    return kind_schemas()


@bp.post("/validate")
@requires("studio.read")
def validate():
    issues = validate_document(json_body())
    return {"valid": not issues, "errors": [{"pointer": i.pointer, "code": i.code, "message": i.message}
                                            for i in issues]}


@bp.get("/artifacts")
@requires("studio.read")
def list_artifacts():
    kind = request.args.get("kind")
    with runtime().reading() as session:
        query = select(Artifact).options(selectinload(Artifact.versions)).order_by(Artifact.key)
        if kind:
            query = query.where(Artifact.kind == kind)
        return {"artifacts": [{
            "key": a.key, "kind": a.kind,
            "latest": serialize_version(a.versions[-1], with_document=False) if a.versions else None,
            "versions": [{"version": v.version, "status": v.status} for v in a.versions],
        } for a in session.execute(query).scalars()]}


@bp.post("/artifacts")
@requires("studio.edit")
def create_artifact():
    with runtime().unit_of_work(actor()) as uow:
        draft = artifacts.create_draft(uow, json_body())
        return serialize_version(draft), 201


@bp.post("/artifacts/<key>/drafts")
@requires("studio.edit")
def new_draft(key: str):
    with runtime().unit_of_work(actor()) as uow:
        draft = artifacts.create_draft(uow, key=key)
        return serialize_version(draft), 201


@bp.get("/artifacts/<key>/versions")
@requires("studio.read")
def list_versions(key: str):
    with runtime().reading() as session:
        artifact = artifacts.find_artifact(session, key)
        return {"key": key, "kind": artifact.kind,
                "versions": [serialize_version(v, with_document=False) for v in artifact.versions]}


@bp.get("/artifacts/<key>/versions/<int:version>")
@requires("studio.read")
def get_version(key: str, version: int):
    with runtime().reading() as session:
        return serialize_version(artifacts.find_version(session, key, version))


@bp.put("/artifacts/<key>/versions/<int:version>")
@requires("studio.edit")
def save_draft(key: str, version: int):
    body = json_body()
    if not isinstance(body.get("revision"), int) or not isinstance(body.get("document"), dict):
        raise ApiError(400, "Bad Request", "send {\"revision\": <the revision you edited>, \"document\": {...}}")
    with runtime().unit_of_work(actor()) as uow:
        draft = artifacts.save_draft(uow, key, version, body["document"], body["revision"])
        return serialize_version(draft)


@bp.delete("/artifacts/<key>/versions/<int:version>")
@requires("studio.edit")
def discard_draft(key: str, version: int):
    with runtime().unit_of_work(actor()) as uow:
        artifacts.discard_draft(uow, key, version)
    return "", 204


@bp.post("/artifacts/<key>/versions/<int:version>/publish")
@requires("studio.publish")
def publish(key: str, version: int):
    with runtime().unit_of_work(actor()) as uow:
        return serialize_version(artifacts.publish(uow, key, version,
                                                   four_eyes=current_app.config.get("FOUR_EYES_PUBLISH", False)))


@bp.post("/artifacts/<key>/versions/<int:version>/retire")
@requires("studio.publish")
def retire(key: str, version: int):
    with runtime().unit_of_work(actor()) as uow:
        active = current_pack(uow.session)
        pins = pinned_version_ids(uow.session, active.id) if active else set()
        return serialize_version(artifacts.retire(uow, key, version, pins))
