"""Rule packs as the studio's pack list, pack page and activation controls show them.

Pack versions never change once published; the one mutable resource is the *active pointer* (which pack
version runs new orders). ``GET /studio/packs/active`` answers it with an ETag, and activate / rollback take
that ETag in If-Match so a stale decision cannot silently undo someone else's activation.
"""
from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import Field, StrictInt
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.contract import ListQuery, Model, Page, Timestamp, etag_of, require_if_match, sort_by
from api.errors import ApiError
from api.read.decomposition import ExampleOrderView
from api.routing import MAX_INT
from engine.shipped import demo_pack
from engine.store.models import Artifact, ArtifactVersion, PackActivation, RulePack, RulePackPin
from studio import packs

EXAMPLE_ORDERS = demo_pack() / "examples"
KEY_LENGTH, TITLE_LENGTH = 120, 200  # rule_packs.key, rule_packs.title
PinVersion = Annotated[StrictInt, Field(ge=1, le=MAX_INT)]


class PackView(Model):
    key: str
    version: int
    title: str | None
    status: str
    active: bool = Field(description="whether this version runs new orders now")
    content_hash: str
    bindings: dict[str, Any] = Field(description="stage -> artifact key")
    created_by: str | None
    created_at: Timestamp
    pins: dict[str, int] = Field(description="artifact key -> pinned version")
    href: str


class PackQuery(ListQuery):
    key: str | None = Field(None, description="only versions of this pack")
    sort: sort_by("key", "version", "createdAt") | None = None


class NewPack(Model):
    key: str = Field(min_length=1, max_length=KEY_LENGTH, pattern=r"\S")
    title: str | None = Field(None, max_length=TITLE_LENGTH)
    pins: dict[str, PinVersion] = Field(description="artifact key -> published version to pin")
    bindings: dict[str, Any] | None = Field(None, description="stage -> artifact key")


class DerivedPack(Model):
    from_: Literal["active"] | PinVersion = Field("active", alias="from",
                                                 description='"active" or the version to start from')
    pins: dict[str, PinVersion] | None = Field(None, description="artifact key -> version: the pins that change")
    title: str = Field(min_length=1, max_length=TITLE_LENGTH, pattern=r"\S")


def pack_view(session: Session, pack: RulePack, active: RulePack | None = None) -> PackView:
    """One pack version with its pins, as stored (read back, so a write answers the bindings in the order a
    later GET does); ``active`` is the active pack when the caller has it already."""
    session.flush()
    session.refresh(pack)
    active = active if active is not None else packs.current_pack(session)
    pins = {pin.artifact_version.artifact.key: pin.artifact_version.version for pin in pack.pins}
    return _view(pack, pins, active is not None and active.id == pack.id)


def _view(pack, pins: dict[str, int], active: bool) -> PackView:
    return PackView(key=pack.key, version=pack.version, title=pack.title, status=pack.status, active=active,
                    content_hash=pack.content_hash, bindings=pack.bindings, created_by=pack.created_by,
                    created_at=pack.created_at, pins=pins, href=f"/api/v1/studio/packs/{pack.key}/{pack.version}")


def active_etag(session: Session) -> str | None:
    """The ETag of ``GET /studio/packs/active`` (None when no pack is active)."""
    active = packs.current_pack(session)
    return etag_of(pack_view(session, active, active), PackView) if active else None


def require_current_activation(session: Session, if_match: str | None) -> None:
    """Lock the active pointer, then refuse a stale change of it: while a pack is active, If-Match must name
    the ETag of the active pack (428 without, 412 stale). With none active there is nothing to lose."""
    packs.lock_activations(session)
    current = active_etag(session)
    if current is not None:
        require_if_match(current)
    elif if_match is not None:
        raise ApiError(412, "Precondition Failed", "no rule pack is active: send the request without If-Match")


SORTS = {"key": RulePack.key, "version": RulePack.version, "createdAt": RulePack.created_at}
LIST_COLUMNS = (RulePack.id, RulePack.key, RulePack.version, RulePack.title, RulePack.status, RulePack.content_hash,
                RulePack.bindings, RulePack.created_by, RulePack.created_at)


def pack_page(session: Session, query: PackQuery) -> Page[PackView]:
    """A page of pack versions; pins of the page read in one query."""
    where = [RulePack.key == query.key] if query.key is not None else []
    column = SORTS[query.sort_key or "key"]
    order = (query.ordered(column), RulePack.key, RulePack.version)
    rows = session.execute(select(*LIST_COLUMNS).where(*where).order_by(*order)
                           .offset(query.offset).limit(query.limit)).all()
    pins: dict[int, dict[str, int]] = {}
    for pack_id, key, version in session.execute(
            select(RulePackPin.pack_id, Artifact.key, ArtifactVersion.version)
            .join(ArtifactVersion, RulePackPin.artifact_version_id == ArtifactVersion.id)
            .join(Artifact, ArtifactVersion.artifact_id == Artifact.id)
            .where(RulePackPin.pack_id.in_([row.id for row in rows])).order_by(Artifact.key)):
        pins.setdefault(pack_id, {})[key] = version
    active_id = session.scalar(select(PackActivation.pack_id).order_by(PackActivation.id.desc()).limit(1))
    total = session.scalar(select(func.count()).select_from(RulePack).where(*where))
    return Page([_view(row, pins.get(row.id, {}), row.id == active_id) for row in rows], total)


class ActivationView(Model):
    pack: str = Field(description="key@version")
    key: str
    version: int
    actor: str | None = Field(description="who activated it (or rolled back to it)")
    activated_at: Timestamp
    current: bool = Field(description="the newest activation: this pack runs new orders")


class ActivationQuery(ListQuery):
    key: str | None = Field(None, description="only activations of this pack")


def activation_page(session: Session, query: ActivationQuery) -> Page[ActivationView]:
    """The activation history, newest first (a rollback is an activation of the earlier pack)."""
    where = [RulePack.key == query.key] if query.key is not None else []
    newest = session.scalar(select(PackActivation.id).order_by(PackActivation.id.desc()).limit(1))
    rows = session.execute(select(PackActivation.id, PackActivation.actor, PackActivation.activated_at,
                                  RulePack.key, RulePack.version)
                           .join(RulePack, PackActivation.pack_id == RulePack.id).where(*where)
                           .order_by(PackActivation.id.desc()).offset(query.offset).limit(query.limit)).all()
    total = session.scalar(select(func.count()).select_from(PackActivation)
                           .join(RulePack, PackActivation.pack_id == RulePack.id).where(*where))
    return Page([ActivationView(pack=f"{row.key}@{row.version}", key=row.key, version=row.version, actor=row.actor,
                                activated_at=row.activated_at, current=row.id == newest) for row in rows], total)


def example_orders() -> list[ExampleOrderView]:
    """The demo pack's sample orders (rulepacks/telco-demo/examples), by name."""
    found = []
    for path in sorted(EXAMPLE_ORDERS.glob("*.json"), key=lambda p: p.stem):
        order = json.loads(path.read_text(encoding="utf-8"))
        found.append(ExampleOrderView(name=path.stem, description=order.get("description"), order=order))
    return found
