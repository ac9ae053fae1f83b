"""Studio API: rule packs, activation and rollback."""
from __future__ import annotations

from flask import Blueprint
from sqlalchemy import select

from api.errors import ApiError
from api.permissions import actor, requires
from api.routing import MAX_INT
from api.runtime import runtime
from api.serializers.artifact import serialize_pack
from api.studio.artifacts import json_body
from engine.store.models import RulePack
from studio import packs

KEY_LENGTH, TITLE_LENGTH = 120, 200  # rule_packs.key, rule_packs.title
bp = Blueprint("studio_packs", __name__, url_prefix="/api/v1/studio/packs")


@bp.get("")
@requires("studio.read")
def list_packs():
    with runtime().reading() as session:
        active = packs.current_pack(session)
        rows = session.execute(select(RulePack).order_by(RulePack.key, RulePack.version)).scalars().all()
        return {"packs": [serialize_pack(p, active=active is not None and p.id == active.id) for p in rows]}


@bp.post("")
@requires("studio.publish")
def create_pack():
    body = json_body()
    if not isinstance(body.get("key"), str) or not isinstance(body.get("pins"), dict):
        raise ApiError(400, "Bad Request", 'send {"key": ..., "pins": {artifactKey: version}, "bindings": {...}}')
    problems = _pack_body_problems(body)
    if problems:
        raise ApiError(400, "Bad Request", f"the pack is not acceptable: {len(problems)} problem(s)", problems)
    with runtime().unit_of_work(actor()) as uow:
        pack = packs.create_pack(uow, body["key"], body.get("title"), body["pins"], body.get("bindings") or {})
        return serialize_pack(pack), 201


def _pack_body_problems(body: dict) -> list[dict]:
    problems = _pin_problems(body["pins"])
    if not body["key"].strip() or len(body["key"]) > KEY_LENGTH:
        problems.append({"pointer": "/key", "message": f"1 to {KEY_LENGTH} characters"})
    if not isinstance(body.get("title"), str | None) or len(body.get("title") or "") > TITLE_LENGTH:
        problems.append({"pointer": "/title", "message": f"a string of at most {TITLE_LENGTH} characters"})
    if not isinstance(body.get("bindings"), dict | None):
        problems.append({"pointer": "/bindings", "message": "an object"})
    return problems


@bp.post("/<key>/versions")
@requires("studio.publish")
def derive_pack(key: str):
    """A new version of pack ``key`` from a base version ("from": "active" or a version number) with the pins
    in "pins" changed: 201, or 200 with the existing version that already has this content."""
    body = json_body()
    problems = _derive_body_problems(body)
    if problems:
        raise ApiError(400, "Bad Request", f"the new pack version is not acceptable: {len(problems)} problem(s)",
                       problems)
    with runtime().unit_of_work(actor()) as uow:
        base = packs.base_pack(uow.session, key, body.get("from", "active"))
        newest = packs.newest_version(uow.session, key)
        pack = packs.derive_pack(uow, base, body.get("pins") or {}, body["title"])
        return serialize_pack(pack), 201 if pack.version > newest else 200


def _derive_body_problems(body: dict) -> list[dict]:
    problems = []
    base = body.get("from", "active")
    if base != "active" and (not isinstance(base, int) or isinstance(base, bool) or not 1 <= base <= MAX_INT):
        problems.append({"pointer": "/from", "message": f'"active" or a version number from 1 to {MAX_INT}'})
    pins = {} if body.get("pins") is None else body["pins"]
    if not isinstance(pins, dict):
        problems.append({"pointer": "/pins", "message": "an object {artifactKey: version}"})
    else:
        problems += _pin_problems(pins)
    title = body.get("title")
    if not isinstance(title, str) or not title.strip() or len(title) > TITLE_LENGTH:
        problems.append({"pointer": "/title", "message": f"1 to {TITLE_LENGTH} characters"})
    return problems


def _pin_problems(pins: dict) -> list[dict]:
    return [{"pointer": f"/pins/{key}", "message": f"a version number from 1 to {MAX_INT}"}
            for key, number in pins.items()
            if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= MAX_INT]


@bp.get("/active")
@requires("studio.read")
def active_pack():
    with runtime().reading() as session:
        pack = packs.current_pack(session)
        if pack is None:
            raise ApiError(404, "Not Found", "no rule pack is active")
        return serialize_pack(pack, active=True)


@bp.get("/<key>/<int:version>")
@requires("studio.read")
def get_pack(key: str, version: int):
    with runtime().reading() as session:
        pack = packs.find_pack(session, key, version)
        active = packs.current_pack(session)
        return serialize_pack(pack, active=active is not None and active.id == pack.id)


@bp.post("/<key>/<int:version>/activate")
@requires("pack.activate")
def activate(key: str, version: int):
    with runtime().unit_of_work(actor()) as uow:
        pack = packs.find_pack(uow.session, key, version)
        changed = packs.activate(uow, pack)
        return {**serialize_pack(pack, active=True), "changed": changed}


@bp.post("/rollback")
@requires("pack.activate")
def rollback():
    with runtime().unit_of_work(actor()) as uow:
        return serialize_pack(packs.rollback(uow), active=True)
