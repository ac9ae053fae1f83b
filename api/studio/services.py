"""Studio services over stored versions: diff, lint, DOT graphs, simulation (dry runs write nothing)."""
from __future__ import annotations

from flask import Blueprint, request
from sqlalchemy.orm import Session

from api.errors import ApiError
from api.permissions import requires
from api.routing import MAX_INT
from api.runtime import runtime
from api.studio.artifacts import json_body
from engine.kinds import compile_document
from engine.states import ArtifactStatus
from studio import artifacts, packs
from studio.diff import diff_documents
from studio.graphs import graph_for
from studio.lint import lint_document
from studio.pack_diff import diff_packs
from studio.simulate import simulate_artifact, simulate_order

bp = Blueprint("studio_services", __name__, url_prefix="/api/v1/studio")


def _version_arg(name: str) -> int:
    try:
        version = int(request.args[name])
    except (KeyError, ValueError) as error:
        raise ApiError(400, "Bad Request", f"query parameter {name!r} must be a version number") from error
    if not 0 <= version <= MAX_INT:
        raise ApiError(400, "Bad Request", f"query parameter {name!r} must be a version number (0 to {MAX_INT})")
    return version


@bp.get("/artifacts/<key>/diff")
@requires("studio.read")
def diff(key: str):
    old, new = _version_arg("from"), _version_arg("to")
    with runtime().reading() as session:
        before = artifacts.find_version(session, key, old).document
        after = artifacts.find_version(session, key, new).document
    return {"key": key, "from": old, "to": new, **diff_documents(before, after).to_dict()}


@bp.get("/artifacts/<key>/versions/<int:version>/lint")
@requires("studio.read")
def lint(key: str, version: int):
    with runtime().reading() as session:
        document = artifacts.find_version(session, key, version).document
    return {"key": key, "version": version, "findings": [f.to_dict() for f in lint_document(document)]}


@bp.get("/artifacts/<key>/versions/<int:version>/graph")
@requires("studio.read")
def graph(key: str, version: int):
    with runtime().reading() as session:
        document = artifacts.find_version(session, key, version).document
        catalog = _active_catalog(session)
    try:
        return {"key": key, "version": version, "format": "dot", "dot": graph_for(document, catalog)}
    except ValueError as error:
        raise ApiError(422, "Unprocessable Content", str(error)) from error


def _active_catalog(session: Session) -> dict | None:
    pack = packs.current_pack(session)
    key = pack.bindings.get("catalog") if pack else None
    for pin in pack.pins if key else ():
        if pin.artifact_version.artifact.key == key:
            return pin.artifact_version.document
    return None


def _resolver(session: Session):
    """Other artifacts a simulation refers to: their newest published version."""
    def resolve(key: str):
        found = artifacts.find_artifact(session, key)
        published = [v for v in found.versions if v.status == ArtifactStatus.PUBLISHED] or found.versions
        return compile_document(published[-1].document, version=published[-1].version)
    return resolve


@bp.post("/artifacts/<key>/versions/<int:version>/simulate")
@requires("studio.simulate")
def simulate(key: str, version: int):
    body = json_body()
    if "input" not in body:
        raise ApiError(400, "Bad Request", 'send {"input": ...}: the same shape as the artifact\'s tests')
    with runtime().reading() as session:
        document = artifacts.find_version(session, key, version).document
        return {"key": key, "version": version, **simulate_artifact(document, body["input"], _resolver(session))}


@bp.post("/packs/<pack_key>/<int:version>/simulate")
@requires("studio.simulate")
def simulate_pack(pack_key: str, version: int):
    order = json_body()
    if not isinstance(order.get("productOrderItem"), list):
        raise ApiError(400, "Bad Request", "send a TMF622 ProductOrder with productOrderItem")
    with runtime().reading() as session:
        pack = packs.find_pack(session, pack_key, version)
    return {"pack": f"{pack.key}@{pack.version}", **simulate_order(runtime(), pack, order)}


@bp.get("/packs/<pack_key>/diff")
@requires("studio.read")
def pack_diff(pack_key: str):
    with runtime().reading() as session:
        return diff_packs(packs.find_pack(session, pack_key, _version_arg("from")),
                          packs.find_pack(session, pack_key, _version_arg("to")))
