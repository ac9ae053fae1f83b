"""Studio API: rule packs, activation and rollback.

Pack versions are immutable once published (a change is a new version), so only the *active pointer* can be
changed under someone's feet: activate and rollback need ``If-Match`` with the ETag of ``GET .../active``
while a pack is active (428 without, 412 when someone activated or rolled back meanwhile).
"""
from __future__ import annotations

from flask import Blueprint, request

from api.contract import Page, endpoint
from api.errors import ApiError
from api.permissions import actor, requires
from api.read.packs import (
    ActivationQuery,
    ActivationView,
    DerivedPack,
    ExampleOrderView,
    NewPack,
    PackQuery,
    PackView,
    activation_page,
    example_orders,
    pack_page,
    pack_view,
    require_current_activation,
)
from api.runtime import runtime
from studio import packs

bp = Blueprint("studio_packs", __name__, url_prefix="/api/v1/studio/packs")


@bp.get("")
@requires("studio.read")
@endpoint(query=PackQuery, response=list[PackView], paged=True)
def list_packs(query: PackQuery) -> Page[PackView]:
    """Pack versions with their pins, by key."""
    with runtime().reading() as session:
        return pack_page(session, query)


@bp.post("")
@requires("studio.publish")
@endpoint(body=NewPack, response=PackView, status=201, etag=True)
def create_pack(body: NewPack):
    """Publish a pack version pinning published artifact versions (refused with every problem listed)."""
    with runtime().unit_of_work(actor()) as uow:
        pack = packs.create_pack(uow, body.key, body.title, body.pins, body.bindings or {})
        return pack_view(uow.session, pack)


@bp.post("/<key>/versions")
@requires("studio.publish")
@endpoint(body=DerivedPack, response=PackView, status=201, other_statuses=(200,), etag=True)
def derive_pack(key: str, body: DerivedPack):
    """A new version of pack ``key`` from a base version ("from": "active" or a version number) with the pins
    in "pins" changed: 201, or 200 with the existing version that already has this content."""
    with runtime().unit_of_work(actor()) as uow:
        base = packs.base_pack(uow.session, key, body.from_)
        newest = packs.newest_version(uow.session, key)
        pack = packs.derive_pack(uow, base, body.pins or {}, body.title)
        return pack_view(uow.session, pack), 201 if pack.version > newest else 200


@bp.get("/active")
@requires("studio.read")
@endpoint(response=PackView, etag=True)
def active_pack():
    """The pack version new orders run on; its ETag guards activate and rollback."""
    with runtime().reading() as session:
        pack = packs.current_pack(session)
        if pack is None:
            raise ApiError(404, "Not Found", "no rule pack is active")
        return pack_view(session, pack, pack)


@bp.get("/activations")
@requires("studio.read")
@endpoint(query=ActivationQuery, response=list[ActivationView], paged=True)
def activations(query: ActivationQuery) -> Page[ActivationView]:
    """Who activated which pack version when, newest first (rollbacks included: each is an activation)."""
    with runtime().reading() as session:
        return activation_page(session, query)


@bp.get("/examples")
@requires("studio.read")
@endpoint(response=list[ExampleOrderView])
def examples() -> list[ExampleOrderView]:
    """The demo pack's sample orders, to simulate through a pack version."""
    return example_orders()


@bp.get("/<key>/<int:version>")
@requires("studio.read")
@endpoint(response=PackView, etag=True)
def get_pack(key: str, version: int):
    """One pack version with its pins and bindings."""
    with runtime().reading() as session:
        return pack_view(session, packs.find_pack(session, key, version))


@bp.post("/<key>/<int:version>/activate")
@requires("pack.activate")
@endpoint(response=PackView, etag=True)
def activate(key: str, version: int):
    """Make a pack version the active one (If-Match: the ETag of GET .../active while one is active); answers
    the active pack as GET .../active does, with its ETag (nothing changes when it already was active)."""
    with runtime().unit_of_work(actor()) as uow:
        pack = packs.find_pack(uow.session, key, version)
        require_current_activation(uow.session, request.headers.get("If-Match"))
        packs.activate(uow, pack)
        return pack_view(uow.session, pack, pack)


@bp.post("/rollback")
@requires("pack.activate")
@endpoint(response=PackView, etag=True)
def rollback():
    """Re-activate the pack active before the current one (If-Match: the ETag of GET .../active)."""
    with runtime().unit_of_work(actor()) as uow:
        require_current_activation(uow.session, request.headers.get("If-Match"))
        return pack_view(uow.session, packs.rollback(uow), None)
