"""Artifact lifecycle: drafts with optimistic concurrency, publish (validate + compile + test), retire."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from engine.artifacts import content_hash
from engine.kinds import KINDS, compile_document, run_document_tests, validate_document
from engine.runtime.context import UnitOfWork
from engine.states import ARTIFACT, ArtifactStatus, IllegalTransition
from engine.store.models import Artifact, ArtifactVersion, AuditEvent, RulePackPin
from studio.errors import Conflict, Invalid, NotFound


@dataclass(frozen=True)
class TestFailure:
    artifact: str
    version: int
    test: str
    expected: object
    actual: object
    message: str


def find_artifact(session: Session, key: str) -> Artifact:
    artifact = session.execute(select(Artifact).where(Artifact.key == key)).scalar_one_or_none()
    if artifact is None:
        raise NotFound(f"no artifact with key {key!r}")
    return artifact


def find_version(session: Session, key: str, version: int, *, lock: bool = False) -> ArtifactVersion:
    """Version ``version`` of artifact ``key`` (NotFound when missing); ``lock`` takes its row lock."""
    query = select(ArtifactVersion).join(Artifact).where(Artifact.key == key, ArtifactVersion.version == version)
    found = session.execute(query.with_for_update(of=ArtifactVersion) if lock else query).scalar_one_or_none()
    if found is None:
        raise NotFound(f"artifact {key!r} has no version {version}")
    return found


def _check_envelope(document: dict, key: str | None = None, kind: str | None = None) -> None:
    if not isinstance(document, dict):
        raise Invalid("an artifact document must be a JSON object",
                      errors=[{"pointer": "", "code": "type", "message": "expected an object"}])
    problems = []
    if not isinstance(document.get("kind"), str) or document["kind"] not in KINDS:
        problems.append({"pointer": "/kind", "code": "unknown_kind",
                         "message": f"kind must be one of {sorted(KINDS)}"})
    if not isinstance(document.get("key"), str) or not document.get("key"):
        problems.append({"pointer": "/key", "code": "required", "message": "key is required"})
    if key is not None and document.get("key") != key:
        problems.append({"pointer": "/key", "code": "key_mismatch", "message": f"the key must stay {key!r}"})
    if kind is not None and document.get("kind") != kind:
        problems.append({"pointer": "/kind", "code": "kind_mismatch", "message": f"the kind must stay {kind!r}"})
    if problems:
        raise Invalid("the document's envelope is not acceptable", errors=problems)


def create_draft(uow: UnitOfWork, document: dict | None = None, *, key: str | None = None,
                 source: int | None = None) -> ArtifactVersion:
    """Open a new draft version: of a new artifact (``document``), or of ``key`` from its latest content (from
    version ``source``'s content when given: restoring an old version as a new draft)."""
    if document is not None:
        _check_envelope(document)
        key = document["key"]
    artifact = uow.session.execute(select(Artifact).where(Artifact.key == key)).scalar_one_or_none()
    if artifact is None:
        if document is None:
            raise NotFound(f"no artifact with key {key!r}")
        artifact = Artifact(key=key, kind=document["kind"], created_at=uow.now)
        uow.session.add(artifact)
        uow.session.flush()
    open_draft = next((v for v in artifact.versions if v.status == ArtifactStatus.DRAFT), None)
    if open_draft is not None:
        raise Conflict(f"artifact {key!r} already has an open draft, version {open_draft.version}",
                       version=open_draft.version, revision=open_draft.revision)
    if document is None and source is not None:
        origin = next((v for v in artifact.versions if v.version == source), None)
        if origin is None:
            raise NotFound(f"artifact {key!r} has no version {source}")
        document = origin.document
    elif document is None:
        document = artifact.versions[-1].document
    _check_envelope(document, key=artifact.key, kind=artifact.kind)
    number = (uow.session.scalar(select(func.max(ArtifactVersion.version))
                                 .where(ArtifactVersion.artifact_id == artifact.id)) or 0) + 1
    draft = ArtifactVersion(artifact=artifact, version=number, status=ArtifactStatus.DRAFT, document=document,
                            created_by=uow.actor, created_at=uow.now)
    uow.session.add(draft)
    uow.session.flush()
    uow.audit("artifact.draft_created", "artifact", f"{key}@{number}", {} if source is None else {"from": source})
    return draft


def save_draft(uow: UnitOfWork, key: str, version: int, document: dict, expected_revision: int) -> ArtifactVersion:
    """Replace a draft's content; answers Conflict (with the current revision) when ``expected_revision`` is stale."""
    draft = find_version(uow.session, key, version)
    if draft.status != ArtifactStatus.DRAFT:
        raise Conflict(f"{key}@{version} is {draft.status}: only drafts can be edited", status=draft.status)
    if draft.revision != expected_revision:
        raise Conflict(f"{key}@{version} was changed by someone else (revision {draft.revision}, "
                       f"you edited {expected_revision})", revision=draft.revision, document=draft.document)
    _check_envelope(document, key=key, kind=draft.artifact.kind)
    draft.document = document
    try:
        uow.session.flush()
    except StaleDataError as error:
        raise Conflict(f"{key}@{version} was changed by someone else meanwhile (you edited revision "
                       f"{expected_revision}): reload it and redo your change") from error
    uow.audit("artifact.draft_saved", "artifact", f"{key}@{version}", {"revision": draft.revision})
    return draft


def discard_draft(uow: UnitOfWork, key: str, version: int) -> None:
    draft = find_version(uow.session, key, version)
    if draft.status != ArtifactStatus.DRAFT:
        raise Conflict(f"{key}@{version} is {draft.status}: only drafts can be discarded")
    uow.session.delete(draft)
    uow.audit("artifact.draft_discarded", "artifact", f"{key}@{version}", {})


def check_document(document: dict, key: str, version: int) -> tuple[list[dict], list[TestFailure]]:
    """Validate, compile and run the document's own tests; returns (issues, test failures)."""
    issues = [_issue_dict(i, key, version) for i in validate_document(document)]
    if issues:
        return issues, []
    compiled = compile_document(document)
    failures = [TestFailure(key, version, r.name, r.expected, r.actual, r.message)
                for r in run_document_tests(document, compiled) if not r.passed]
    return issues, failures


def _issue_dict(issue, key: str, version: int) -> dict:
    return {"artifact": getattr(issue, "artifact", None) or key, "version": version, "pointer": issue.pointer,
            "code": issue.code, "message": issue.message}


def publish(uow: UnitOfWork, key: str, version: int, *, four_eyes: bool = False) -> ArtifactVersion:
    """Freeze a draft: refused with every validation issue and failing test listed.

    With ``four_eyes`` the publisher must not be the draft's last editor (Conflict otherwise).
    """
    draft = find_version(uow.session, key, version)
    _transition(draft, ArtifactStatus.PUBLISHED)
    if four_eyes:
        _check_four_eyes(uow, draft, f"{key}@{version}")
    issues, failures = check_document(draft.document, key, version)
    if issues or failures:
        errors = issues + [{"artifact": f.artifact, "version": f.version, "pointer": "/tests",
                            "code": "test_failed", "message": f"test {f.test!r}: {f.message}",
                            "expected": f.expected, "actual": f.actual} for f in failures]
        raise Invalid(f"{key}@{version} cannot be published: {len(errors)} problem(s)", errors=errors)
    draft.status, draft.published_at = ArtifactStatus.PUBLISHED, uow.now
    draft.content_hash = content_hash(draft.document)
    uow.session.flush()
    uow.audit("artifact.published", "artifact", f"{key}@{version}", {"contentHash": draft.content_hash})
    return draft


def last_editor(session: Session, draft: ArtifactVersion, ref: str) -> str | None:
    """Who last created or saved the draft, from the audit log (else the draft's creator)."""
    return session.scalar(select(AuditEvent.actor).where(
        AuditEvent.entity_type == "artifact", AuditEvent.entity_id == ref,
        AuditEvent.action.in_(["artifact.draft_created", "artifact.draft_saved"]))
        .order_by(AuditEvent.id.desc()).limit(1)) or draft.created_by


def _check_four_eyes(uow: UnitOfWork, draft: ArtifactVersion, ref: str) -> None:
    editor = last_editor(uow.session, draft, ref)
    if editor == uow.actor:
        raise Conflict(f"four-eyes rule: {ref} was last edited by {editor}; someone else must publish it",
                       lastEditor=editor)


def retire(uow: UnitOfWork, key: str, version: int, active_pins: set[int]) -> ArtifactVersion:
    """Retire a published version; refused while the active pack pins it."""
    published = find_version(uow.session, key, version)
    if published.id in active_pins:
        raise Conflict(f"{key}@{version} is pinned by the active rule pack: activate another pack first")
    _transition(published, ArtifactStatus.RETIRED)
    published.status = ArtifactStatus.RETIRED
    uow.audit("artifact.retired", "artifact", f"{key}@{version}", {})
    return published


def _transition(version: ArtifactVersion, target: ArtifactStatus) -> None:
    try:
        ARTIFACT.check(version.status, target)
    except IllegalTransition as error:
        raise Conflict(f"{version.artifact.key}@{version.version} is {version.status}: cannot become {target}",
                       status=version.status) from error


def pinned_version_ids(session: Session, pack_id: int) -> set[int]:
    return set(session.execute(select(RulePackPin.artifact_version_id)
                               .where(RulePackPin.pack_id == pack_id)).scalars())
