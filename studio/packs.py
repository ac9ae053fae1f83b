"""Rule pack import and activation (the first slice of the studio: publish-on-import, activate)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from engine.artifacts import KINDS, content_hash
from engine.canonical import canonical_json
from engine.runtime.context import UnitOfWork
from engine.runtime.packs import NoActivePack, active_pack
from engine.store.models import Artifact, ArtifactVersion, PackActivation, RulePack, RulePackPin


class PackError(ValueError):
    """A pack folder or document that cannot be imported; ``pointer`` says where."""

    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")
        self.where, self.message = where, message


@dataclass(frozen=True)
class PackSource:
    key: str
    title: str
    bindings: dict
    artifacts: list[dict]


def read_pack_folder(folder: Path) -> PackSource:
    """Read ``pack.json`` and the artifact files it lists."""
    manifest_path = folder / "pack.json"
    manifest = _read_json(manifest_path)
    artifacts = [_read_json(folder / relative) for relative in manifest.get("artifacts", [])]
    for path, document in zip(manifest.get("artifacts", []), artifacts, strict=True):
        if document.get("kind") not in KINDS:
            raise PackError(f"{folder / path}#/kind", f"unknown artifact kind {document.get('kind')!r}")
        if not document.get("key"):
            raise PackError(f"{folder / path}#/key", "artifact key is missing")
    keys = {a["key"] for a in artifacts}
    for stage, key in manifest.get("bindings", {}).items():
        if key not in keys:
            raise PackError(f"{manifest_path}#/bindings/{stage}", f"binds {key!r}, which the pack does not contain")
    return PackSource(manifest["key"], manifest.get("title", manifest["key"]), manifest.get("bindings", {}), artifacts)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except FileNotFoundError as error:
        raise PackError(str(path), "file not found") from error
    except json.JSONDecodeError as error:
        raise PackError(f"{path}:{error.lineno}:{error.colno}", error.msg) from error


def import_pack(uow: UnitOfWork, source: PackSource) -> RulePack:
    """Publish each artifact (a new version only when its content changed) and pin them in a pack version.

    Importing the same content twice returns the existing pack version.
    """
    pinned = [_publish(uow, document) for document in source.artifacts]
    pack_hash = hashlib.sha256(canonical_json({
        "key": source.key, "bindings": source.bindings,
        "pins": sorted((v.artifact.key, v.content_hash) for v in pinned)}).encode()).hexdigest()
    existing = uow.session.execute(select(RulePack).where(RulePack.key == source.key,
                                                          RulePack.content_hash == pack_hash)).scalar_one_or_none()
    if existing:
        return existing
    version = (uow.session.scalar(select(func.max(RulePack.version)).where(RulePack.key == source.key)) or 0) + 1
    pack = RulePack(key=source.key, version=version, status="published", title=source.title,
                    bindings=source.bindings, content_hash=pack_hash, created_by=uow.actor, created_at=uow.now)
    pack.pins = [RulePackPin(artifact_version=v) for v in pinned]
    uow.session.add(pack)
    uow.session.flush()
    uow.audit("pack.published", "rulePack", f"{pack.key}@{pack.version}",
              {"pins": {v.artifact.key: v.version for v in pinned}, "contentHash": pack_hash})
    return pack


def _publish(uow: UnitOfWork, document: dict) -> ArtifactVersion:
    artifact = uow.session.execute(select(Artifact).where(Artifact.key == document["key"])).scalar_one_or_none()
    if artifact is None:
        artifact = Artifact(key=document["key"], kind=document["kind"], created_at=uow.now)
        uow.session.add(artifact)
        uow.session.flush()
    elif artifact.kind != document["kind"]:
        raise PackError(f"artifact {artifact.key}", f"kind {document['kind']!r} differs from {artifact.kind!r}")
    digest = content_hash(document)
    for version in artifact.versions:
        if version.status == "published" and version.content_hash == digest:
            return version
    number = max((v.version for v in artifact.versions), default=0) + 1
    version = ArtifactVersion(artifact=artifact, version=number, status="published", document=document,
                              content_hash=digest, created_by=uow.actor, created_at=uow.now, published_at=uow.now)
    uow.session.add(version)
    uow.session.flush()
    uow.audit("artifact.published", "artifact", f"{artifact.key}@{number}", {"contentHash": digest})
    return version


def activate(uow: UnitOfWork, pack: RulePack) -> bool:
    """Make ``pack`` the active one; False when it already is. One audited action."""
    try:
        current = active_pack(uow.session)
    except NoActivePack:
        current = None
    if current is not None and current.id == pack.id:
        return False
    uow.session.add(PackActivation(pack_id=pack.id, actor=uow.actor, activated_at=uow.now))
    uow.audit("pack.activated", "rulePack", f"{pack.key}@{pack.version}",
              {"previous": f"{current.key}@{current.version}" if current else None})
    return True
