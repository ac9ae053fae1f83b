"""TMF620 Product Catalog: productOffering, productSpecification and productOfferingPrice.

Reads answer the active pack's published catalog (and price list): each resource carries ``version`` (the
artifact version), ``lastUpdate`` (when it was published) and a ``lifecycleStatus`` (``Active`` unless
stated). Writes never change published content: POST, PATCH and DELETE edit the bound artifact's draft
(opened when there is none; audited with the actor),
which goes live once published in the studio and pinned by the active pack.

Callers who may read the studio (``studio.read``) also see the entries that exist only in the open draft,
so a client can read back what it created: their ``version`` is the draft's, ``lastUpdate`` the last write
and ``lifecycleStatus`` defaults to ``In Design``. Entries that are published always read as published.

ETags: a GET of one entry answers a strong ETag (a hash of its body; If-None-Match -> 304); a write answers the
draft's revision as its ETag (``"3"``). ``If-Match`` on a write is optional (the official TMF620 kit sends none)
and takes either: the draft revision guards the whole draft, a GET's ETag the entry; stale -> 412.
"""
from __future__ import annotations

import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from flask import Blueprint, current_app, g, request, url_for

from api.errors import ApiError
from api.paging import list_response, paging
from api.permissions import actor, requires
from api.roles import allowed
from api.runtime import runtime
from api.serializers.product_catalog import TMF_POINTERS, parse, serialize
from api.serializers.product_order import select_fields
from api.tmf.catalog_resources import RESOURCES, Resource, entry_problems
from api.tmf.etags import etag_of_body, tagged
from api.tmf.filtering import attribute_filters, matching
from engine.clock import iso
from engine.errors import Conflict
from engine.runtime.packs import NoActivePack, active_pack
from engine.store.models import ArtifactVersion
from studio import entries
from studio.errors import Invalid

BASE = "/tmf-api/productCatalogManagement/v4"
bp = Blueprint("tmf620", __name__, url_prefix=BASE)
DEFAULT_STATUS = "Active"  # an entry of the active, published catalog that states no lifecycleStatus
DRAFT_STATUS = "In Design"  # an entry that exists only in the draft
ID_LENGTH = 120  # audit_events.entity_id


def _pinned(session, resource: Resource) -> ArtifactVersion:
    """The version of the resource's artifact the active pack pins."""
    try:
        pack = active_pack(session)
    except NoActivePack as error:
        raise ApiError(503, "Service Unavailable", str(error)) from error
    key = resource.artifact_key(pack.bindings)
    for pin in pack.pins:
        if pin.artifact_version.artifact.key == key:
            return pin.artifact_version
    raise ApiError(503, "Service Unavailable", f"the active pack {pack.key}@{pack.version} binds no artifact "
                                               f"for {resource.name}")


def _stamp(version: ArtifactVersion, status: str, at=None) -> dict:
    return {"version": str(version.version), "lifecycleStatus": status,
            "lastUpdate": iso(at or version.published_at or version.created_at),
            "currency": (version.document.get("body") or {}).get("currency")}


def _sees_drafts() -> bool:
    user = g.get("user")
    if user is None:
        return not current_app.config.get("AUTH_REQUIRED", True)
    return allowed(user.role, "studio.read")


def _draft_bodies(session, resource: Resource, draft: ArtifactVersion, only: list[dict]) -> list[dict]:
    times = entries.last_changes(session, resource.member, [e["id"] for e in only])
    return [serialize(resource.name, entry, _stamp(draft, DRAFT_STATUS, times.get(entry["id"])))
            for entry in only]


def _resources(resource: Resource, session=None) -> list[dict]:
    if session is None:
        with runtime().reading() as reading:
            return _resources(resource, reading)
    pinned = _pinned(session, resource)
    published = entries.entries(pinned, resource.member)
    bodies = [serialize(resource.name, entry, _stamp(pinned, DEFAULT_STATUS)) for entry in published]
    draft = entries.open_draft(session, pinned.artifact.key) if _sees_drafts() else None
    if draft is not None:
        ids = {entry["id"] for entry in published}
        bodies += _draft_bodies(session, resource, draft,
                                [e for e in entries.entries(draft, resource.member) if e["id"] not in ids])
    return bodies


def _list(resource: Resource):
    offset, limit = paging()
    bodies = matching(_resources(resource), attribute_filters(request.args))
    fields = request.args.get("fields")
    return list_response([select_fields(body, fields) for body in bodies[offset:offset + limit]], len(bodies))


def _entry(resource: Resource, entry_id: str, session=None) -> dict | None:
    return next((body for body in _resources(resource, session) if body["id"] == entry_id), None)


def _get(resource: Resource, entry_id: str):
    """One entry (``fields=`` applies) with its strong ETag; 304 when If-None-Match names it."""
    body = _entry(resource, entry_id)
    if body is None:
        raise ApiError(404, "Not Found", f"no {resource.name} with id {entry_id} in the active catalog")
    return tagged(select_fields(body, request.args.get("fields")))


def _body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "Bad Request", "the body must be a JSON object")
    return body


@dataclass(frozen=True)
class Precondition:
    """What ``If-Match`` names: the draft revision a write answered in its ETag (``"3"``), or the ETag a GET of
    the entry answered (a hash of its body); neither without one or for ``*``. Both are optional: the official
    TMF620 kit writes without If-Match."""

    revision: int | None = None
    etag: str | None = None


def _precondition() -> Precondition:
    value = request.headers.get("If-Match", "").strip()
    if value in ("", "*"):
        return Precondition()
    tag = value.removeprefix("W/")
    if tag.strip('"').isdigit():
        return Precondition(revision=int(tag.strip('"')))
    if len(tag) > 2 and tag[0] == tag[-1] == '"':
        return Precondition(etag=tag)
    raise ApiError(400, "Bad Request", "If-Match must be the draft revision a write answered in its ETag (e.g. "
                                       '"3") or the ETag a GET of the entry answered')


def _check_entry(session, resource: Resource, entry_id: str | None, precondition: Precondition) -> None:
    """412 unless the entry's current representation has the ETag If-Match names (when it names one)."""
    if precondition.etag is None:
        return
    current = _entry(resource, entry_id, session) if entry_id is not None else None
    if current is None or etag_of_body(current) != precondition.etag:
        raise ApiError(412, "Precondition Failed", f"the {resource.name} changed since you read it (If-Match is "
                                                   "stale): GET it again and redo your change")


@contextmanager
def _revision_checked():
    """A stale draft revision in If-Match is a failed precondition (412), like a stale ETag."""
    try:
        yield
    except Conflict as error:
        if "revision" not in error.context:
            raise
        current = f'the current draft revision is "{error.context["revision"]}"'
        raise ApiError(412, "Precondition Failed", f"{error.message}: read the entry again and redo your change",
                       [{"header": "If-Match", "message": current}]) from error


def _refuse(resource: Resource, problems: list[dict]) -> None:
    if problems:
        raise Invalid(f"the {resource.name} cannot be kept: {len(problems)} problem(s)", errors=problems)


def _valid(resource: Resource, entry: dict) -> dict:
    _refuse(resource, entry_problems(resource, entry, TMF_POINTERS.get(resource.name, {})))
    return entry


def _parsed(resource: Resource, body: dict) -> dict:
    entry, problems = parse(resource.name, body)
    _refuse(resource, problems)
    return entry


def merge_patch(target: dict, patch: dict) -> dict:
    """RFC 7386: ``null`` removes, objects merge member by member, anything else (lists too) replaces."""
    merged = dict(target)
    for name, value in patch.items():
        if value is None:
            merged.pop(name, None)
        elif isinstance(value, dict):
            merged[name] = merge_patch(merged[name] if isinstance(merged.get(name), dict) else {}, value)
        else:
            merged[name] = value
    return merged


def _written(resource: Resource, draft: ArtifactVersion, entry: dict, at) -> tuple[dict, dict]:
    """The written entry as the draft now has it, and the ETag of the draft's revision."""
    return serialize(resource.name, entry, _stamp(draft, DRAFT_STATUS, at)), {"ETag": f'"{draft.revision}"'}


def _create(resource: Resource):
    body = _body()
    entry = merge_patch({"id": body.get("id") or str(uuid.uuid4())}, _parsed(resource, body))
    if not isinstance(entry.get("name"), str) or not entry["name"].strip():
        raise Invalid(f"a new {resource.name} needs a name", errors=[{"pointer": "/name", "code": "required",
                                                                      "message": "name is mandatory"}])
    if resource.name != "productOfferingPrice":
        entry.setdefault("lifecycleStatus", DRAFT_STATUS)
    _valid(resource, entry)
    if len(entry["id"]) > ID_LENGTH:
        raise Invalid("the id is too long", errors=[{"pointer": "/id", "code": "maxLength",
                                                     "message": f"at most {ID_LENGTH} characters"}])
    precondition = _precondition()
    with runtime().unit_of_work(actor()) as uow, _revision_checked():
        _check_entry(uow.session, resource, None, precondition)
        key = _pinned(uow.session, resource).artifact.key
        draft, stored = entries.add_entry(uow, key, resource.member, entry, revision=precondition.revision)
        representation, headers = _written(resource, draft, stored, uow.now)
    return representation, 201, {**headers, "Location": url_for(f".get_{resource.name}", entry_id=stored["id"])}


def _patch(resource: Resource, entry_id: str):
    body = _body()
    if body.get("id", entry_id) != entry_id:
        raise Invalid("the id cannot change", errors=[{"pointer": "/id", "code": "read_only",
                                                       "message": f"the id stays {entry_id!r}"}])
    changes = _parsed(resource, {k: v for k, v in body.items() if k != "id"})
    precondition = _precondition()
    with runtime().unit_of_work(actor()) as uow, _revision_checked():
        _check_entry(uow.session, resource, entry_id, precondition)
        key = _pinned(uow.session, resource).artifact.key
        draft, stored = entries.change_entry(uow, key, resource.member, entry_id,
                                             lambda entry: _valid(resource, merge_patch(entry, changes)),
                                             revision=precondition.revision)
        representation, headers = _written(resource, draft, stored, uow.now)
    return representation, 200, headers


def _delete(resource: Resource, entry_id: str):
    precondition = _precondition()
    with runtime().unit_of_work(actor()) as uow, _revision_checked():
        _check_entry(uow.session, resource, entry_id, precondition)
        key = _pinned(uow.session, resource).artifact.key
        draft = entries.remove_entry(uow, key, resource.member, entry_id, revision=precondition.revision)
    return "", 204, {"ETag": f'"{draft.revision}"'}


def _routes(name: str) -> None:
    resource = RESOURCES[name]
    item = f"/{name}/<entry_id>"
    bp.add_url_rule(f"/{name}", f"list_{name}", requires("order.read")(lambda: _list(resource)), methods=["GET"])
    bp.add_url_rule(item, f"get_{name}", requires("order.read")(lambda entry_id: _get(resource, entry_id)),
                    methods=["GET"])
    bp.add_url_rule(f"/{name}", f"create_{name}", requires("studio.edit")(lambda: _create(resource)),
                    methods=["POST"])
    bp.add_url_rule(item, f"patch_{name}", requires("studio.edit")(lambda entry_id: _patch(resource, entry_id)),
                    methods=["PATCH"])
    bp.add_url_rule(item, f"delete_{name}", requires("studio.edit")(lambda entry_id: _delete(resource, entry_id)),
                    methods=["DELETE"])


for _name in RESOURCES:
    _routes(_name)
