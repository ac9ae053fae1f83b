"""Native representations of artifact versions and rule packs."""
from __future__ import annotations

from engine.clock import iso
from engine.store.models import ArtifactVersion, RulePack


def serialize_version(version: ArtifactVersion, with_document: bool = True) -> dict:
    body = {
        "key": version.artifact.key, "kind": version.artifact.kind, "version": version.version,
        "status": version.status, "revision": version.revision, "contentHash": version.content_hash,
        "title": version.document.get("title"), "createdBy": version.created_by,
        "createdAt": iso(version.created_at), "publishedAt": iso(version.published_at),
        "href": f"/api/v1/studio/artifacts/{version.artifact.key}/versions/{version.version}",
    }
    if with_document:
        body["document"] = version.document
    return body


def serialize_pack(pack: RulePack, active: bool = False) -> dict:
    return {
        "key": pack.key, "version": pack.version, "title": pack.title, "status": pack.status,
        "active": active, "contentHash": pack.content_hash, "bindings": pack.bindings,
        "createdBy": pack.created_by, "createdAt": iso(pack.created_at),
        "pins": {pin.artifact_version.artifact.key: pin.artifact_version.version for pin in pack.pins},
        "href": f"/api/v1/studio/packs/{pack.key}/{pack.version}",
    }
