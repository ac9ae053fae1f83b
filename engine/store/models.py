"""SQLAlchemy models: the persistent shape of artifacts, packs, orders, tasks, jobs, audit and inventory."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from engine.store.types import JSONDocument, UTCDateTime

Json = dict[str, Any]
IdKey = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSONDocument, list[Any]: JSONDocument}


class Party(Base):
    """A customer account (or the operator itself)."""

    __tablename__ = "parties"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32), default="customer")
    created_at: Mapped[datetime]


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(120), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(40))
    party_id: Mapped[str | None] = mapped_column(ForeignKey("parties.id"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]


class ApiToken(Base):
    """A bearer API token of a user: only its SHA-256 is stored; the token itself is shown once."""

    __tablename__ = "api_tokens"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class WebSession(Base):
    """A signed-in browser: its cookie carries a random id whose SHA-256 is this row's id; live while neither
    revoked nor expired (logout, a new password or role and "sign out everywhere" revoke it)."""

    __tablename__ = "web_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    address: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(200))


class LoginLimit(Base):
    """The login attempts of one key in its current window, shared by every server process: ``kind`` "user"
    (a username at an address) or "address" (an address, whatever the username; ``username`` is empty)."""

    __tablename__ = "login_limits"
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    username: Mapped[str] = mapped_column(String(120), primary_key=True)
    ip: Mapped[str] = mapped_column(String(64), primary_key=True)
    attempts: Mapped[int]
    window_start: Mapped[datetime]


class Artifact(Base):
    """A versioned JSON artifact, identified by its key (e.g. ``pricing.bandwidth-discount``)."""

    __tablename__ = "artifacts"
    id: Mapped[int] = mapped_column(IdKey, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime]
    versions: Mapped[list[ArtifactVersion]] = relationship(back_populates="artifact", order_by="ArtifactVersion.version")


class ArtifactVersion(Base):
    """One version of an artifact: a draft (editable, optimistic lock) or frozen once published."""

    __tablename__ = "artifact_versions"
    __table_args__ = (UniqueConstraint("artifact_id", "version"),)
    id: Mapped[int] = mapped_column(IdKey, primary_key=True, autoincrement=True)
    artifact_id: Mapped[int] = mapped_column(ForeignKey("artifacts.id"))
    version: Mapped[int]
    status: Mapped[str] = mapped_column(String(16))
    document: Mapped[Json]
    content_hash: Mapped[str | None] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(default=1)
    created_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime]
    published_at: Mapped[datetime | None]
    artifact: Mapped[Artifact] = relationship(back_populates="versions")

    __mapper_args__ = {"version_id_col": revision}


class RulePack(Base):
    """A named, versioned release pinning artifact versions and binding them to stages."""

    __tablename__ = "rule_packs"
    __table_args__ = (UniqueConstraint("key", "version"),)
    id: Mapped[int] = mapped_column(IdKey, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(120))
    version: Mapped[int]
    status: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(String(200))
    bindings: Mapped[Json]
    content_hash: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime]
    pins: Mapped[list[RulePackPin]] = relationship(back_populates="pack")


class RulePackPin(Base):
    __tablename__ = "rule_pack_pins"
    pack_id: Mapped[int] = mapped_column(ForeignKey("rule_packs.id"), primary_key=True)
    artifact_version_id: Mapped[int] = mapped_column(ForeignKey("artifact_versions.id"), primary_key=True)
    pack: Mapped[RulePack] = relationship(back_populates="pins")
    artifact_version: Mapped[ArtifactVersion] = relationship()


class PackActivation(Base):
    """Append-only history of activations; the newest row names the active pack."""

    __tablename__ = "pack_activations"
    id: Mapped[int] = mapped_column(IdKey, primary_key=True, autoincrement=True)
    pack_id: Mapped[int] = mapped_column(ForeignKey("rule_packs.id"))
    actor: Mapped[str | None] = mapped_column(String(120))
    activated_at: Mapped[datetime]
    pack: Mapped[RulePack] = relationship()


class CustomerOrder(Base):
    """A TMF622 ProductOrder as captured, with its TMF state and the engine's finer stage."""

    __tablename__ = "customer_orders"
    __table_args__ = (
        Index("ix_customer_orders_party_external", "party_id", "external_id"),
        # one order per externalId within a party (no party counts as one): makes capture race-safe
        Index("uq_customer_orders_party_external", text("coalesce(party_id, '')"), "external_id",
              unique=True),
        Index("ix_customer_orders_state", "state"),
    )
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(200))
    party_id: Mapped[str | None] = mapped_column(ForeignKey("parties.id"))
    state: Mapped[str] = mapped_column(String(32))
    stage: Mapped[str] = mapped_column(String(32))
    state_reason: Mapped[str | None] = mapped_column(Text)
    pack_id: Mapped[int | None] = mapped_column(ForeignKey("rule_packs.id"))
    revision: Mapped[int] = mapped_column(default=1)
    payload: Mapped[Json]
    notes: Mapped[list[Any]] = mapped_column(default=list)
    pricing: Mapped[Json | None] = mapped_column(JSONDocument)
    missing_information: Mapped[list[Any] | None] = mapped_column(JSONDocument)
    order_date: Mapped[datetime]
    expected_completion_date: Mapped[datetime | None]
    completion_date: Mapped[datetime | None]
    updated_at: Mapped[datetime]
    lock_version: Mapped[int] = mapped_column(default=1)
    items: Mapped[list[OrderItem]] = relationship(back_populates="order", order_by="OrderItem.position")

    __mapper_args__ = {"version_id_col": lock_version}


class OrderItem(Base):
    __tablename__ = "order_items"
    __table_args__ = (UniqueConstraint("order_id", "item_id"),)
    id: Mapped[int] = mapped_column(IdKey, primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("customer_orders.id"))
    item_id: Mapped[str] = mapped_column(String(64))
    position: Mapped[int]
    action: Mapped[str] = mapped_column(String(16))
    offering_id: Mapped[str | None] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(default=1)
    state: Mapped[str] = mapped_column(String(32))
    payload: Mapped[Json]
    order: Mapped[CustomerOrder] = relationship(back_populates="items")


class OrderRevision(Base):
    """Every accepted version of an order's content, with its diff against the previous one."""

    __tablename__ = "order_revisions"
    __table_args__ = (UniqueConstraint("order_id", "revision"),)
    id: Mapped[int] = mapped_column(IdKey, primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("customer_orders.id"))
    revision: Mapped[int]
    payload: Mapped[Json]
    diff: Mapped[list[Any] | None] = mapped_column(JSONDocument)
    actor: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime]


class DomainOrder(Base):
    """A product, service or resource order produced by decomposition."""

    __tablename__ = "domain_orders"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("customer_orders.id"), index=True)
    ref: Mapped[str] = mapped_column(String(200), default="")
    domain: Mapped[str] = mapped_column(String(16))
    fulfilment_system: Mapped[str | None] = mapped_column(String(120))
    state: Mapped[str] = mapped_column(String(32))
    depends_on: Mapped[list[Any]] = mapped_column(default=list)
    plan_key: Mapped[str | None] = mapped_column(String(200))
    plan_version: Mapped[int | None]
    missing: Mapped[list[Any] | None] = mapped_column(JSONDocument)
    payload: Mapped[Json]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Task(Base):
    """One task of a domain order's plan instance."""

    __tablename__ = "tasks"
    __table_args__ = (UniqueConstraint("domain_order_id", "key"),)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("customer_orders.id"), index=True)
    domain_order_id: Mapped[str] = mapped_column(ForeignKey("domain_orders.id"))
    key: Mapped[str] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(32))
    handler: Mapped[str | None] = mapped_column(String(120))
    state: Mapped[str] = mapped_column(String(16))
    attempt: Mapped[int] = mapped_column(default=0)
    depends_on: Mapped[list[Any]] = mapped_column(default=list)
    waits_for: Mapped[list[Any]] = mapped_column(default=list)
    params: Mapped[Json] = mapped_column(default=dict)
    spec: Mapped[Json] = mapped_column(default=dict)
    output: Mapped[Json | None] = mapped_column(JSONDocument)
    assignment_group: Mapped[str | None] = mapped_column(String(120), index=True)
    assignee: Mapped[str | None] = mapped_column(String(120))
    point_of_no_return: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime]
    ready_at: Mapped[datetime | None]
    due_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]


class Job(Base):
    """A unit of background work, leased by a worker (the transactional outbox)."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_claimable", "state", "run_at"),)
    id: Mapped[int] = mapped_column(IdKey, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(80))
    payload: Mapped[Json]
    state: Mapped[str] = mapped_column(String(16), default="queued")
    run_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(default=0)
    max_attempts: Mapped[int] = mapped_column(default=10)
    lease_token: Mapped[str | None] = mapped_column(String(64))
    leased_by: Mapped[str | None] = mapped_column(String(120))
    leased_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    traceparent: Mapped[str | None] = mapped_column(String(64))
    """The W3C trace context of the transaction that queued the job (NULL untraced; ``engine.tracing``)."""
    tracestate: Mapped[str | None] = mapped_column(String(512))


class AuditEvent(Base):
    """Append-only, hash-chained record of every change: who did what to which entity."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_entity", "entity_type", "entity_id"),)
    id: Mapped[int] = mapped_column(IdKey, primary_key=True, autoincrement=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(80))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(120))
    data: Mapped[Json]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The single row every audit append locks, so the chain has no forks."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(primary_key=True)
    last_event_id: Mapped[int | None] = mapped_column(IdKey)
    last_hash: Mapped[str] = mapped_column(String(64))


class OrderTraceEntry(Base):
    """Why the order got what it got: stage, artifact, version, rule, inputs and decision."""

    __tablename__ = "order_trace"
    id: Mapped[int] = mapped_column(IdKey, primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("customer_orders.id"), index=True)
    at: Mapped[datetime]
    stage: Mapped[str] = mapped_column(String(32))
    artifact: Mapped[str | None] = mapped_column(String(200))
    artifact_version: Mapped[int | None]
    rule: Mapped[str | None] = mapped_column(String(200))
    inputs: Mapped[Json | None] = mapped_column(JSONDocument)
    decision: Mapped[Json | None] = mapped_column(JSONDocument)


class Approval(Base):
    """An order-level approval decided by the approval policy: who must approve, and why."""

    __tablename__ = "approvals"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("customer_orders.id"), index=True)
    role: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))
    decided_by: Mapped[str | None] = mapped_column(String(120))
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]


class FalloutRecord(Base):
    """A failed task (or, without a task, a stuck order) someone must resolve: type, priority, assignment
    group, the error and the outcome."""

    __tablename__ = "fallout_records"
    __table_args__ = (Index("ix_fallout_open", "state", "assignment_group"),)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("customer_orders.id"), index=True)
    task_id: Mapped[str | None] = mapped_column(ForeignKey("tasks.id"))
    type: Mapped[str] = mapped_column(String(60))
    priority: Mapped[int]
    assignment_group: Mapped[str] = mapped_column(String(120))
    state: Mapped[str] = mapped_column(String(16))
    error: Mapped[str] = mapped_column(Text)
    details: Mapped[Json] = mapped_column(default=dict)
    resolution: Mapped[str | None] = mapped_column(String(40))
    resolved_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]


class Contract(Base):
    """A contract for a sold product: term, start and end, renewal notice date."""

    __tablename__ = "contracts"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("customer_orders.id"), index=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"))
    party_id: Mapped[str | None] = mapped_column(ForeignKey("parties.id"))
    term_months: Mapped[int]
    start_date: Mapped[datetime]
    end_date: Mapped[datetime]
    renewal_notice_date: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    product: Mapped[Product] = relationship(foreign_keys=[product_id])


class Entitlement(Base):
    """What the customer is entitled to per service realised for a product."""

    __tablename__ = "entitlements"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    contract_id: Mapped[str] = mapped_column(ForeignKey("contracts.id"), index=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"))
    specification_id: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[datetime]
    end_date: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16))
    contract: Mapped[Contract] = relationship(foreign_keys=[contract_id])
    product: Mapped[Product] = relationship(foreign_keys=[product_id])


class Product(Base):
    """A TMF637 product inventory record."""

    __tablename__ = "products"
    __table_args__ = (Index("ix_products_party", "party_id"),)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    party_id: Mapped[str | None] = mapped_column(ForeignKey("parties.id"))
    order_id: Mapped[str | None] = mapped_column(ForeignKey("customer_orders.id"))
    order_item_id: Mapped[str | None] = mapped_column(String(64))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("products.id"))
    offering_id: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(32))
    place: Mapped[list[Any] | None] = mapped_column(JSONDocument)
    characteristics: Mapped[list[Any]] = mapped_column(default=list)
    payload: Mapped[Json] = mapped_column(default=dict)
    start_date: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class EventListener(Base):
    """A TMF hub registration: where to POST events, which ones (``query``) and the HMAC signing secret.

    Deleting a listener only marks it (``deleted_at``), so its delivery log stays readable.
    """

    __tablename__ = "event_listeners"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    callback: Mapped[str] = mapped_column(String(2000))
    query: Mapped[str | None] = mapped_column(String(2000))
    secret: Mapped[str] = mapped_column(String(128))
    created_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]


class OutboxEvent(Base):
    """A TMF event envelope written in the transaction of the change it reports (the event outbox)."""

    __tablename__ = "event_outbox"
    __table_args__ = (Index("ix_event_outbox_entity", "entity_type", "entity_id"),
                      UniqueConstraint("event_id", name="uq_event_outbox_event_id"))
    seq: Mapped[int] = mapped_column(IdKey, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(64))
    event_type: Mapped[str] = mapped_column(String(80))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(120))
    envelope: Mapped[Json]
    summary: Mapped[Json | None] = mapped_column(JSONDocument)
    """What live updates match and send (ids, state, group; ``engine.runtime.events.live``); None before 0015."""
    created_at: Mapped[datetime]
    traceparent: Mapped[str | None] = mapped_column(String(64))
    """The W3C trace context the event was created in, sent on with its webhook calls (NULL untraced)."""
    tracestate: Mapped[str | None] = mapped_column(String(512))


class EventDelivery(Base):
    """One attempt to deliver an event to a listener: its HTTP status or error, and when."""

    __tablename__ = "event_deliveries"
    __table_args__ = (Index("ix_event_deliveries_listener", "listener_id", "at"),
                      UniqueConstraint("event_id", "listener_id", "attempt", name="uq_event_deliveries_attempt"))
    id: Mapped[int] = mapped_column(IdKey, primary_key=True, autoincrement=True)
    listener_id: Mapped[str] = mapped_column(ForeignKey("event_listeners.id", name="fk_event_deliveries_listener"))
    event_id: Mapped[str] = mapped_column(ForeignKey("event_outbox.event_id", name="fk_event_deliveries_event"))
    attempt: Mapped[int]
    outcome: Mapped[str] = mapped_column(String(16))
    status_code: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime]


# ---- fallout operations (circuit breakers, watchdog) -------------------------------------------------

class SystemBreaker(Base):
    """The circuit breaker of one external system, shared by every worker."""

    __tablename__ = "system_breakers"
    system: Mapped[str] = mapped_column(String(120), primary_key=True)
    state: Mapped[str] = mapped_column(String(16))
    failures: Mapped[int] = mapped_column(default=0)
    threshold: Mapped[int]
    cool_down_seconds: Mapped[int]
    opened_at: Mapped[datetime | None]
    forced_down: Mapped[bool] = mapped_column(default=False)
    probe_task_id: Mapped[str | None] = mapped_column(String(64))
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime]


class HeldTask(Base):
    """An auto task put on hold because its system's breaker was open; released when the system is up."""

    __tablename__ = "held_tasks"
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("customer_orders.id"))
    system: Mapped[str] = mapped_column(String(120), index=True)
    held_at: Mapped[datetime]





# ---- jeopardy alerts ---------------------------------------------------------------------------------

class JeopardyState(Base):
    """The last jeopardy level the scan recorded for a task or an order (``scope``): alerts go out on a change."""

    __tablename__ = "jeopardy_states"
    scope: Mapped[str] = mapped_column(String(16), primary_key=True)
    subject_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("customer_orders.id"), index=True)
    level: Mapped[str] = mapped_column(String(16))
    percent: Mapped[str | None] = mapped_column(String(16))
    published: Mapped[bool] = mapped_column(default=False)
    since: Mapped[datetime]
    updated_at: Mapped[datetime]


class JeopardyAlert(Base):
    """A change of jeopardy level (``level`` None: cleared), the actions the rules took, and its acknowledgement."""

    __tablename__ = "jeopardy_alerts"
    __table_args__ = (Index("ix_jeopardy_alerts_open", "acknowledged_at", "created_at"),)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("customer_orders.id"), index=True)
    task_id: Mapped[str | None] = mapped_column(ForeignKey("tasks.id"), index=True)
    scope: Mapped[str] = mapped_column(String(16))
    level: Mapped[str | None] = mapped_column(String(16))
    previous_level: Mapped[str | None] = mapped_column(String(16))
    percent: Mapped[str | None] = mapped_column(String(16))
    assignment_group: Mapped[str | None] = mapped_column(String(120))
    escalated_to: Mapped[str | None] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(Text)
    actions: Mapped[list[Any]] = mapped_column(default=list)
    event_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    acknowledged_by: Mapped[str | None] = mapped_column(String(120))
    acknowledged_at: Mapped[datetime | None]




# ---- cancellation, in-flight revision and compensation -----------------------------------------------


class CancelRequest(Base):
    """A TMF622 CancelProductOrder: the request, its own state and, when refused, why."""

    __tablename__ = "cancel_requests"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("customer_orders.id"), index=True)
    party_id: Mapped[str | None] = mapped_column(ForeignKey("parties.id"))
    state: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)
    requested_date: Mapped[datetime | None]
    effective_date: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(Text)
    order_state: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]




# ---- post-fulfilment changes ---------------------------------------------------------------------------


class ProductVersion(Base):
    """One version of a product's characteristics: when it held (``valid_to`` None: the current one) and
    the order item that set it. The first modification also records the version the product started with."""

    __tablename__ = "product_versions"
    __table_args__ = (UniqueConstraint("product_id", "version", name="uq_product_versions_version"),)
    id: Mapped[int] = mapped_column(IdKey, primary_key=True, autoincrement=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id", name="fk_product_versions_product"), index=True)
    version: Mapped[int]
    characteristics: Mapped[list[Any]] = mapped_column(default=list)
    order_id: Mapped[str | None] = mapped_column(String(64))
    order_item_id: Mapped[str | None] = mapped_column(String(64))
    valid_from: Mapped[datetime]
    valid_to: Mapped[datetime | None]




# ---- idempotency of TMF requests ----------------------------------------------------------------------


class IdempotencyKey(Base):
    """An ``Idempotency-Key`` a caller sent with a create request: the order it created and its body's hash.

    ``scope`` is whose key it is (``party:<id>`` for a customer, ``user:<username>`` otherwise); a key is
    unique within its scope, which makes concurrent retries settle on one order.
    """

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("scope", "key", name="uq_idempotency_keys_scope_key"),)
    id: Mapped[int] = mapped_column(IdKey, primary_key=True, autoincrement=True)
    scope: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(255))
    request_hash: Mapped[str] = mapped_column(String(64))
    order_id: Mapped[str] = mapped_column(ForeignKey("customer_orders.id", name="fk_idempotency_keys_order"))
    created_at: Mapped[datetime]


# ---- periodic jobs --------------------------------------------------------------------------------------


class PeriodicJobStatus(Base):
    """How a periodic job (jeopardy scan, watchdog) fares: its last run and success, its last error, how many
    runs in a row failed, and the items (orders) that failed in the last run while the rest went on."""

    __tablename__ = "periodic_job_status"
    kind: Mapped[str] = mapped_column(String(80), primary_key=True)
    last_run_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None]
    consecutive_failures: Mapped[int] = mapped_column(default=0)
    failed_items: Mapped[list[Any]] = mapped_column(default=list)

# ---- assignment groups and their members ------------------------------------------------------------------


class AssignmentGroup(Base):
    """A team that works the tasks a plan addresses to it (``Task.assignment_group`` names its key)."""

    __tablename__ = "assignment_groups"
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class GroupMember(Base):
    """A user's membership of an assignment group."""

    __tablename__ = "group_members"
    group_key: Mapped[str] = mapped_column(ForeignKey("assignment_groups.key", name="fk_group_members_group",
                                                      ondelete="CASCADE"), primary_key=True)
    username: Mapped[str] = mapped_column(ForeignKey("users.username", name="fk_group_members_user"),
                                          primary_key=True, index=True)
    added_at: Mapped[datetime]



# ---- notifications (outbox of messages to people) -----------------------------------------------------


class Notification(Base):
    """A message to a group (an assignment group or a role), a user or an e-mail address, from a rule.

    ``source`` says where it came from (order, task, fallout record or jeopardy alert, rule); ``channels``
    how each channel fared (``webhook``: listener id -> outcome, ``email``: recipients, state, attempts);
    ``state`` is ``created`` until a channel delivered it (``delivered``) or every channel gave up (``failed``).
    """

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_group", "group_key", "created_at"),)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    group_key: Mapped[str | None] = mapped_column(String(120))
    username: Mapped[str | None] = mapped_column(String(120))
    address: Mapped[str | None] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    source: Mapped[Json] = mapped_column(default=dict)
    order_id: Mapped[str | None] = mapped_column(String(64), index=True)
    state: Mapped[str] = mapped_column(String(16))
    channels: Mapped[Json] = mapped_column(default=dict)
    event_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None]
    read_by: Mapped[str | None] = mapped_column(String(120))
    read_at: Mapped[datetime | None]


# ---- order notes and customers' issues ----------------------------------------------------------------


class OrderNote(Base):
    """A note on an order written by staff: internal, or shown to the order's customer (``customer_visible``)."""

    __tablename__ = "order_notes"
    __table_args__ = (Index("ix_order_notes_order", "order_id", "created_at"),)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("customer_orders.id", name="fk_order_notes_order"))
    author: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    customer_visible: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]


class OrderIssue(Base):
    """A question, problem or change request a customer raised on an order, and the order agents' answer.

    ``state``: ``open`` until answered, ``answered`` (the customer sees the answer), ``closed``."""

    __tablename__ = "order_issues"
    __table_args__ = (Index("ix_order_issues_order", "order_id", "raised_at"),
                      Index("ix_order_issues_state", "state", "raised_at"),
                      Index("ix_order_issues_party", "party_id", "raised_at"))
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("customer_orders.id", name="fk_order_issues_order"))
    party_id: Mapped[str | None] = mapped_column(ForeignKey("parties.id", name="fk_order_issues_party"))
    kind: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))
    raised_by: Mapped[str] = mapped_column(String(120))
    raised_at: Mapped[datetime]
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[str | None] = mapped_column(String(120))
    answered_at: Mapped[datetime | None]


class OrderImport(Base):
    """A bulk import of orders from a file: its mapping, its progress and where it resumes.

    ``state`` (engine.runtime.imports.states): ``queued`` → ``running`` → ``completed``; or ``cancelled``, or
    ``failed`` (the file could not be read). ``resume_row`` / ``resume_offset``: where the next chunk starts
    (committed with the chunk's orders, so a crash resumes there). A ``dry_run`` validates and creates nothing."""

    __tablename__ = "order_imports"
    __table_args__ = (Index("ix_order_imports_state", "state", "created_at"),
                      Index("ix_order_imports_file", "file_sha256"))
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    source: Mapped[str] = mapped_column(String(100))
    mapping_key: Mapped[str | None] = mapped_column(String(200))
    mapping_version: Mapped[int | None]
    format: Mapped[str] = mapped_column(String(8))
    file_name: Mapped[str] = mapped_column(String(255))
    file_path: Mapped[str] = mapped_column(Text)
    file_sha256: Mapped[str] = mapped_column(String(64))
    file_bytes: Mapped[int] = mapped_column(BigInteger)
    dry_run: Mapped[bool]
    state: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]
    rows_read: Mapped[int] = mapped_column(default=0)
    orders_read: Mapped[int] = mapped_column(default=0)
    orders_created: Mapped[int] = mapped_column(default=0)
    orders_existing: Mapped[int] = mapped_column(default=0)
    orders_rejected: Mapped[int] = mapped_column(default=0)
    rows_rejected: Mapped[int] = mapped_column(default=0)
    resume_row: Mapped[int] = mapped_column(default=0)
    resume_offset: Mapped[int] = mapped_column(BigInteger, default=0)
    error: Mapped[str | None] = mapped_column(Text)


class ImportReject(Base):
    """One problem of a row an import could not take: its row, column and message, and the row's cells."""

    __tablename__ = "import_rejects"
    __table_args__ = (Index("ix_import_rejects_import", "import_id", "row", "id"),)
    id: Mapped[int] = mapped_column(IdKey, primary_key=True, autoincrement=True)
    import_id: Mapped[str] = mapped_column(ForeignKey("order_imports.id", name="fk_import_rejects_import"))
    row: Mapped[int]
    column: Mapped[str | None] = mapped_column(String(200))
    order_key: Mapped[str | None] = mapped_column(String(200))
    message: Mapped[str] = mapped_column(Text)
    cells: Mapped[Json | None] = mapped_column(JSONDocument)


class ImportedOrder(Base):
    """An order an import created (or found already imported), with the row it starts at."""

    __tablename__ = "imported_orders"
    __table_args__ = (Index("ix_imported_orders_order", "order_id"),)
    import_id: Mapped[str] = mapped_column(ForeignKey("order_imports.id", name="fk_imported_orders_import"),
                                           primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("customer_orders.id", name="fk_imported_orders_order"),
                                          primary_key=True)
    order_key: Mapped[str] = mapped_column(String(200))
    first_row: Mapped[int]
    created: Mapped[bool]
