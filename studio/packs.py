"""Rule packs: read a pack folder, validate it as a whole, publish it, activate and roll back."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.artifacts import content_hash
from engine.artifacts import pack_hash as content_pack_hash
from engine.kinds import KINDS, validate_references
from engine.runtime.context import UnitOfWork
from engine.runtime.packs import NoActivePack, active_pack
from engine.states import ArtifactStatus
from engine.store.models import Artifact, ArtifactVersion, PackActivation, RulePack, RulePackPin
from studio.artifacts import check_document, find_version
from studio.errors import Conflict, Invalid, NotFound


class PackError(ValueError):
    """A pack folder or document that cannot be read; ``where`` says which file and where in it."""

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
        if not isinstance(document.get("kind"), str) or document["kind"] not in KINDS:
            raise PackError(f"{folder / path}#/kind", f"unknown artifact kind {document.get('kind')!r}")
        if not document.get("key"):
            raise PackError(f"{folder / path}#/key", "artifact key is missing")
    return PackSource(manifest["key"], manifest.get("title", manifest["key"]), manifest.get("bindings", {}), artifacts)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except FileNotFoundError as error:
        raise PackError(str(path), "file not found") from error
    except json.JSONDecodeError as error:
        raise PackError(f"{path}:{error.lineno}:{error.colno}", error.msg) from error


def check_source(source: PackSource) -> tuple[list[dict], list]:
    """Every issue of every artifact, the cross-references of the whole pack, and failing artifact tests."""
    issues, failures = [], []
    for document in source.artifacts:
        found, failed = check_document(document, document["key"], 0)
        issues += found
        failures += failed
    documents = {d["key"]: d for d in source.artifacts}
    issues += [{"artifact": i.artifact, "version": None, "pointer": i.pointer, "code": i.code, "message": i.message}
               for i in validate_references(documents, source.bindings)]
    return issues, failures


def import_pack(uow: UnitOfWork, source: PackSource) -> RulePack:
    """Publish each changed artifact and pin the versions in a pack version (refused with every problem listed).

    Importing the same content again returns the existing pack version.
    """
    issues, failures = check_source(source)
    if issues or failures:
        raise Invalid(f"pack {source.key} cannot be imported: {len(issues) + len(failures)} problem(s)",
                      errors=issues + [_failure_dict(f) for f in failures])
    pinned = [_published_version(uow, document) for document in source.artifacts]
    return _pack_version(uow, source.key, source.title, source.bindings, pinned)


def _failure_dict(failure) -> dict:
    return {"artifact": failure.artifact, "pointer": "/tests", "code": "test_failed",
            "message": f"test {failure.test!r}: {failure.message}", "expected": failure.expected,
            "actual": failure.actual}


def _published_version(uow: UnitOfWork, document: dict) -> ArtifactVersion:
    artifact = uow.session.execute(select(Artifact).where(Artifact.key == document["key"])).scalar_one_or_none()
    if artifact is None:
        artifact = Artifact(key=document["key"], kind=document["kind"], created_at=uow.now)
        uow.session.add(artifact)
        uow.session.flush()
    elif artifact.kind != document["kind"]:
        raise Invalid(f"artifact {artifact.key} is a {artifact.kind}, the pack has a {document['kind']}",
                      errors=[{"artifact": artifact.key, "pointer": "/kind", "code": "kind_mismatch",
                               "message": f"kind {document['kind']!r} differs from {artifact.kind!r}"}])
    digest = content_hash(document)
    for version in artifact.versions:
        if version.status == ArtifactStatus.PUBLISHED and version.content_hash == digest:
            return version
    if any(v.status == ArtifactStatus.DRAFT for v in artifact.versions):
        raise Conflict(f"artifact {artifact.key} has an open draft: publish or discard it before importing")
    number = max((v.version for v in artifact.versions), default=0) + 1
    version = ArtifactVersion(artifact=artifact, version=number, status=ArtifactStatus.PUBLISHED, document=document,
                              content_hash=digest, created_by=uow.actor, created_at=uow.now, published_at=uow.now)
    uow.session.add(version)
    uow.session.flush()
    uow.audit("artifact.published", "artifact", f"{artifact.key}@{number}", {"contentHash": digest})
    return version


def create_pack(uow: UnitOfWork, key: str, title: str | None, pins: dict[str, int], bindings: dict) -> RulePack:
    """A new pack version from published artifact versions, validated as a whole."""
    versions, errors = [], []
    for artifact_key, number in pins.items():
        try:
            version = find_version(uow.session, artifact_key, int(number))
        except NotFound as error:
            errors.append({"artifact": artifact_key, "pointer": f"/pins/{artifact_key}", "code": "not_found",
                           "message": error.message})
            continue
        if version.status != ArtifactStatus.PUBLISHED:
            errors.append({"artifact": artifact_key, "pointer": f"/pins/{artifact_key}", "code": "not_published",
                           "message": f"{artifact_key}@{number} is {version.status}, only published versions pin"})
        versions.append(version)
    documents = {v.artifact.key: v.document for v in versions}
    errors += [{"artifact": i.artifact, "pointer": i.pointer, "code": i.code, "message": i.message}
               for i in validate_references(documents, bindings)]
    if errors:
        raise Invalid(f"pack {key} is not valid: {len(errors)} problem(s)", errors=errors)
    return _pack_version(uow, key, title, bindings, versions)


def _with_content(session: Session, key: str, pack_hash: str) -> RulePack | None:
    return session.execute(select(RulePack).where(RulePack.key == key,
                                                  RulePack.content_hash == pack_hash)).scalar_one_or_none()


def _pack_version(uow: UnitOfWork, key: str, title: str | None, bindings: dict,
                  pinned: list[ArtifactVersion]) -> RulePack:
    pack_hash = content_pack_hash(key, bindings, [(v.artifact.key, v.content_hash) for v in pinned])
    existing = _with_content(uow.session, key, pack_hash)
    if existing:
        return existing
    number = (newest_version(uow.session, key) or 0) + 1
    pack = RulePack(key=key, version=number, status="published", title=title or key, bindings=bindings,
                    content_hash=pack_hash, created_by=uow.actor, created_at=uow.now)
    pack.pins = [RulePackPin(artifact_version=v) for v in pinned]
    uow.session.add(pack)
    uow.session.flush()
    uow.audit("pack.published", "rulePack", f"{pack.key}@{pack.version}",
              {"pins": {v.artifact.key: v.version for v in pinned}, "contentHash": pack_hash})
    return pack


def newest_version(session: Session, key: str) -> int | None:
    return session.scalar(select(func.max(RulePack.version)).where(RulePack.key == key))


def find_pack(session: Session, key: str, version: int | None = None) -> RulePack:
    """Pack ``key@version``, or the newest version of ``key`` when version is None."""
    query = select(RulePack).where(RulePack.key == key)
    query = query.where(RulePack.version == version) if version is not None else \
        query.order_by(RulePack.version.desc()).limit(1)
    pack = session.execute(query).scalar_one_or_none()
    if pack is None:
        raise NotFound(f"no rule pack {key}" + (f"@{version}" if version is not None else ""))
    return pack


def current_pack(session: Session) -> RulePack | None:
    try:
        return active_pack(session)
    except NoActivePack:
        return None


def lock_activations(session: Session) -> None:
    """Take the row lock of the newest activation, so two changes of the active pack run one after the other."""
    session.execute(select(PackActivation.id).order_by(PackActivation.id.desc()).limit(1).with_for_update())


def activate(uow: UnitOfWork, pack: RulePack) -> bool:
    """Make ``pack`` the active one; False when it already is. One audited action."""
    current = current_pack(uow.session)
    if current is not None and current.id == pack.id:
        return False
    uow.session.add(PackActivation(pack_id=pack.id, actor=uow.actor, activated_at=uow.now))
    uow.audit("pack.activated", "rulePack", f"{pack.key}@{pack.version}",
              {"previous": f"{current.key}@{current.version}" if current else None})
    return True


def rollback(uow: UnitOfWork) -> RulePack:
    """Re-activate the pack that was active before the current one. One audited action."""
    activations = uow.session.execute(select(PackActivation).order_by(PackActivation.id.desc())).scalars().all()
    if not activations:
        raise Conflict("no rule pack has been activated: nothing to roll back")
    current = activations[0].pack
    previous = next((a.pack for a in activations[1:] if a.pack_id != current.id), None)
    if previous is None:
        raise Conflict(f"{current.key}@{current.version} is the only pack ever activated: nothing to roll back to")
    uow.session.add(PackActivation(pack_id=previous.id, actor=uow.actor, activated_at=uow.now))
    uow.audit("pack.rolled_back", "rulePack", f"{previous.key}@{previous.version}",
              {"from": f"{current.key}@{current.version}"})
    return previous


def export_pack(pack: RulePack) -> tuple[dict, dict[str, dict]]:
    """The manifest and documents of a pack version, ready to write as a pack folder."""
    documents = {pin.artifact_version.artifact.key: pin.artifact_version.document for pin in pack.pins}
    manifest = {"key": pack.key, "title": pack.title, "version": pack.version,
                "artifacts": [f"artifacts/{key}.json" for key in sorted(documents)], "bindings": pack.bindings}
    return manifest, documents


def write_pack_folder(folder: Path, manifest: dict, documents: dict[str, dict]) -> None:
    (folder / "artifacts").mkdir(parents=True, exist_ok=True)
    (folder / "pack.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    for key, document in documents.items():
        (folder / "artifacts" / f"{key}.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def republish_latest(uow: UnitOfWork, key: str, base_version: int | None = None, title: str | None = None,
                     base: RulePack | None = None) -> RulePack:
    """A new pack version pinning the newest published version of every artifact of a base pack version
    (``base``, else ``key@base_version``, else the newest version of ``key``), titled ``title``."""
    base = base or find_pack(uow.session, key, base_version)
    pins = {}
    for pin in base.pins:
        artifact = pin.artifact_version.artifact
        published = [v.version for v in artifact.versions if v.status == ArtifactStatus.PUBLISHED]
        pins[artifact.key] = max(published) if published else pin.artifact_version.version
    return create_pack(uow, base.key, title or base.title, pins, base.bindings)


def derive_pack(uow: UnitOfWork, base: RulePack, changed_pins: dict[str, int], title: str) -> RulePack:
    """A new pack version of ``base``'s key: its pins with ``changed_pins`` applied (an artifact the base does
    not pin is added), its bindings, and ``title``; validated as a whole. The same content returns that version."""
    pins = {pin.artifact_version.artifact.key: pin.artifact_version.version for pin in base.pins}
    return create_pack(uow, base.key, title, {**pins, **changed_pins}, base.bindings)


def base_pack(session: Session, key: str | None, base: str | int | None) -> RulePack:
    """The pack version a new one starts from: ``"active"`` (which must be of ``key`` when given), a version
    number of ``key``, or (None) the newest version of ``key``."""
    if base == "active":
        current = current_pack(session)
        if current is None:
            raise Conflict("no rule pack is active: give the version to start from")
        if key is not None and current.key != key:
            raise Conflict(f"the active pack is {current.key}@{current.version}, not a version of {key}")
        return current
    if key is None:
        raise Invalid("name the pack to start from (KEY), or start from the active one")
    return find_pack(session, key, None if base is None else int(base))


@dataclass(frozen=True)
class Seeded:
    pack: RulePack
    imported: bool
    activated: bool
    active: RulePack | None


def seed(uow: UnitOfWork, source: PackSource) -> Seeded:
    """Idempotent seeding of a shipped pack: import it only when no version of its key holds its content,
    activate it only when no pack is active. Never replaces (or downgrades) an active pack; a repeated seed
    writes nothing, so it adds no audit entry."""
    pack_hash = content_pack_hash(source.key, source.bindings, [(d["key"], content_hash(d)) for d in source.artifacts])
    pack = _with_content(uow.session, source.key, pack_hash)
    imported = pack is None
    if imported:
        pack = import_pack(uow, source)
    current = current_pack(uow.session)
    activated = current is None and activate(uow, pack)
    return Seeded(pack, imported, activated, pack if activated else current)


def parse_pack_ref(ref: str) -> tuple[str, int | None]:
    """``key@3`` -> ("key", 3); ``key`` -> ("key", None)."""
    key, _, version = ref.partition("@")
    if version and not version.isdigit():
        raise ValueError(f"{ref!r}: the version after @ must be a number")
    return key, int(version) if version else None
