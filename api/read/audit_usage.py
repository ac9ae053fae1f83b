"""A published artifact version as the auditor's rule browser shows it: who published it and when, its own tests
run again, the pack versions that pin it with their activation periods, and the orders that ran on those packs."""
from __future__ import annotations

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.contract import ListQuery, Model, Page, Timestamp, sort_by
from engine.kinds import compile_document, run_document_tests
from engine.kinds.base.issues import ArtifactInvalid
from engine.store.models import (
    ArtifactVersion,
    AuditEvent,
    CustomerOrder,
    PackActivation,
    RulePack,
    RulePackPin,
)


class TestResultView(Model):
    __test__ = False
    name: str
    passed: bool
    message: str = Field(description="why it failed (empty when it passed)")


class ActivationPeriodView(Model):
    activated_at: Timestamp
    actor: str | None = Field(description="who activated it (or rolled back to it)")
    until: Timestamp | None = Field(description="when the next activation replaced it; null: still active")


class PinningPackView(Model):
    key: str
    version: int
    pack: str = Field(description="key@version")
    title: str | None
    created_by: str | None
    created_at: Timestamp
    active: bool = Field(description="whether this pack version runs new orders now")
    activations: list[ActivationPeriodView] = Field(description="each period it was the active pack, oldest first")
    order_count: int = Field(description="orders that ran on this pack version")


class VersionUsageView(Model):
    key: str
    kind: str
    version: int
    status: str
    title: str | None
    content_hash: str | None
    created_by: str | None
    published_by: str | None = Field(description="who published it (from the audit log)")
    published_at: Timestamp | None
    tests: list[TestResultView] = Field(description="the version's own tests, run again now")
    packs: list[PinningPackView] = Field(description="pack versions that pin this version, oldest first")
    order_count: int = Field(description="orders that ran on any of those packs")


class PinnedOrderView(Model):
    id: str
    external_id: str | None
    state: str
    order_date: Timestamp
    pack: str = Field(description="key@version of the pack the order ran on")


class PinnedOrderQuery(ListQuery):
    sort: sort_by("orderDate", "id") | None = Field(None, description="default: newest first (-orderDate)")


def _tests(version: ArtifactVersion) -> list[TestResultView]:
    try:
        results = run_document_tests(version.document, compile_document(version.document, version=version.version))
    except ArtifactInvalid as invalid:
        return [TestResultView(name="(compile)", passed=False, message=str(invalid))]
    return [TestResultView(name=r.name, passed=r.passed, message=r.message) for r in results]


def _publisher(session: Session, ref: str) -> str | None:
    return session.scalar(select(AuditEvent.actor).where(
        AuditEvent.entity_type == "artifact", AuditEvent.entity_id == ref, AuditEvent.action == "artifact.published")
        .order_by(AuditEvent.id.desc()).limit(1))


def _pinning_packs(session: Session, version_id: int) -> list[RulePack]:
    return list(session.execute(select(RulePack).join(RulePackPin, RulePackPin.pack_id == RulePack.id)
                                .where(RulePackPin.artifact_version_id == version_id)
                                .order_by(RulePack.key, RulePack.version)).scalars())


def _periods(session: Session, pack_ids: list[int]) -> tuple[dict[int, list[ActivationPeriodView]], int | None]:
    """Each pack's activation periods (an activation lasts until the next one of any pack) and the active id."""
    rows = session.execute(select(PackActivation.pack_id, PackActivation.actor, PackActivation.activated_at)
                           .order_by(PackActivation.id)).all()
    periods: dict[int, list[ActivationPeriodView]] = {}
    for index, row in enumerate(rows):
        if row.pack_id in pack_ids:
            until = rows[index + 1].activated_at if index + 1 < len(rows) else None
            periods.setdefault(row.pack_id, []).append(
                ActivationPeriodView(activated_at=row.activated_at, actor=row.actor, until=until))
    return periods, rows[-1].pack_id if rows else None


def _order_counts(session: Session, pack_ids: list[int]) -> dict[int, int]:
    if not pack_ids:
        return {}
    return dict(session.execute(select(CustomerOrder.pack_id, func.count()).where(CustomerOrder.pack_id.in_(pack_ids))
                                .group_by(CustomerOrder.pack_id)).tuples().all())


def version_usage(session: Session, version: ArtifactVersion) -> VersionUsageView:
    """Who published ``version``, its tests' results now, the packs pinning it and how many orders ran on them."""
    ref = f"{version.artifact.key}@{version.version}"
    packs = _pinning_packs(session, version.id)
    ids = [pack.id for pack in packs]
    periods, active_id = _periods(session, ids)
    counts = _order_counts(session, ids)
    pinning = [PinningPackView(key=p.key, version=p.version, pack=f"{p.key}@{p.version}", title=p.title,
                               created_by=p.created_by, created_at=p.created_at, active=p.id == active_id,
                               activations=periods.get(p.id, []), order_count=counts.get(p.id, 0)) for p in packs]
    title = version.document.get("title")
    return VersionUsageView(key=version.artifact.key, kind=version.artifact.kind, version=version.version,
                            status=version.status, title=title if isinstance(title, str) else None,
                            content_hash=version.content_hash, created_by=version.created_by,
                            published_by=_publisher(session, ref), published_at=version.published_at,
                            tests=_tests(version), packs=pinning, order_count=sum(counts.values()))


ORDER_SORTS = {"orderDate": CustomerOrder.order_date, "id": CustomerOrder.id}


def pinned_orders(session: Session, version: ArtifactVersion, query: PinnedOrderQuery) -> Page[PinnedOrderView]:
    """A page of the orders that ran on a pack pinning ``version``."""
    where = [CustomerOrder.pack_id.in_(select(RulePackPin.pack_id)
                                       .where(RulePackPin.artifact_version_id == version.id))]
    column = ORDER_SORTS[query.sort_key or "orderDate"]
    descending = query.descending or query.sort is None
    rows = session.execute(select(CustomerOrder.id, CustomerOrder.external_id, CustomerOrder.state,
                                  CustomerOrder.order_date, RulePack.key, RulePack.version)
                           .join(RulePack, RulePack.id == CustomerOrder.pack_id).where(*where)
                           .order_by(column.desc() if descending else column, CustomerOrder.id)
                           .offset(query.offset).limit(query.limit)).all()
    total = session.scalar(select(func.count()).select_from(CustomerOrder).where(*where))
    return Page([PinnedOrderView(id=r.id, external_id=r.external_id, state=r.state, order_date=r.order_date,
                                 pack=f"{r.key}@{r.version}") for r in rows], total)
