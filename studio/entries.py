"""Entry-level edits of an artifact's draft: add, change or remove one entry of a list in its body.

Used by the TMF620 write endpoints: each change goes to the artifact's open draft (opened from the latest
version when there is none), is saved with the draft's optimistic lock and audited with the actor; published
versions never change. Structural checks of an entry belong to the caller; the draft is validated as a whole
when it is published.
"""
from __future__ import annotations

import copy
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.states import ArtifactStatus
from engine.store.models import Artifact, ArtifactVersion, AuditEvent
from studio.artifacts import create_draft, find_artifact, save_draft
from studio.errors import Conflict, NotFound

ACTIONS = ("entry.created", "entry.changed", "entry.removed")


def open_draft(session: Session, key: str) -> ArtifactVersion | None:
    """The artifact's open draft, or None."""
    return session.execute(select(ArtifactVersion).join(Artifact).where(
        Artifact.key == key, ArtifactVersion.status == ArtifactStatus.DRAFT)).scalar_one_or_none()


def entries(version: ArtifactVersion, member: str) -> list[dict]:
    """The entries of body list ``member`` of a version (the well-formed ones: objects with an id)."""
    found = (version.document.get("body") or {}).get(member)
    return [e for e in found if isinstance(e, dict) and "id" in e] if isinstance(found, list) else []


def add_entry(uow, key: str, member: str, entry: dict, *, revision: int | None = None) -> tuple[ArtifactVersion, dict]:
    """Append ``entry`` to the draft's ``member``; Conflict when its id is taken."""
    def change(found: list) -> dict:
        if any(isinstance(e, dict) and e.get("id") == entry["id"] for e in found):
            raise Conflict(f"{member} already has an entry {entry['id']!r} in {key}", pointer="/id")
        found.append(entry)
        return entry
    return _edit(uow, key, member, entry["id"], "entry.created", change, revision)


def change_entry(uow, key: str, member: str, entry_id: str, update: Callable[[dict], dict], *,
                 revision: int | None = None) -> tuple[ArtifactVersion, dict]:
    """Replace entry ``entry_id`` of the draft's ``member`` by ``update(entry)``; NotFound when absent."""
    def change(found: list) -> dict:
        index = _index(found, entry_id, member, key)
        found[index] = update(copy.deepcopy(found[index]))
        return found[index]
    return _edit(uow, key, member, entry_id, "entry.changed", change, revision)


def remove_entry(uow, key: str, member: str, entry_id: str, *, revision: int | None = None) -> ArtifactVersion:
    """Remove entry ``entry_id`` from the draft's ``member``; NotFound when absent."""
    return _edit(uow, key, member, entry_id, "entry.removed", lambda found: found.pop(_index(found, entry_id,
                                                                                            member, key)),
                 revision)[0]


def last_changes(session: Session, member: str, ids: list[str]) -> dict:
    """When each entry id of body list ``member`` was last added or changed through this module."""
    if not ids:
        return {}
    return dict(session.execute(select(AuditEvent.entity_id, func.max(AuditEvent.at)).where(
        AuditEvent.entity_type == _entity_type(member), AuditEvent.entity_id.in_(ids),
        AuditEvent.action.in_(ACTIONS[:2])).group_by(AuditEvent.entity_id)).all())


def _entity_type(member: str) -> str:
    return member.removesuffix("s")


def _index(found: list, entry_id: str, member: str, key: str) -> int:
    for index, entry in enumerate(found):
        if isinstance(entry, dict) and entry.get("id") == entry_id:
            return index
    raise NotFound(f"the draft of {key} has no {member} entry {entry_id!r}")


def _edit(uow, key: str, member: str, entry_id: str, action: str, change: Callable[[list], dict],
          revision: int | None) -> tuple[ArtifactVersion, dict]:
    find_artifact(uow.session, key)
    draft = open_draft(uow.session, key) or create_draft(uow, key=key)
    if revision is not None and revision != draft.revision:
        raise Conflict(f"the draft {key}@{draft.version} is at revision {draft.revision}, not {revision}",
                       revision=draft.revision)
    document = copy.deepcopy(draft.document)
    body = document.setdefault("body", {})
    if not isinstance(body, dict) or not isinstance(body.setdefault(member, []), list):
        raise Conflict(f"the draft {key}@{draft.version} has no list at /body/{member}: fix it in the studio first",
                       pointer=f"/body/{member}")
    result = change(body[member])
    save_draft(uow, key, draft.version, document, draft.revision)
    uow.audit(action, _entity_type(member), entry_id,
              {"artifact": f"{key}@{draft.version}", "revision": draft.revision})
    return draft, result
