"""What decomposition and planning return: plain frozen data the runtime persists as it is."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from engine.kinds.orchestration_plan import RetryPolicy
from engine.lifecycle.trace import TraceEntry

SCHEDULED = "scheduled"
AWAITING_INFORMATION = "awaitingInformation"
DRAFT = "draft"


@dataclass(frozen=True)
class DomainOrderLine:
    """One line of a domain order: a specification instance (``quantity`` of them) for one order item.

    ``id`` is ``"<itemId>.<rule>"`` (``.2``, ``.3`` … when the rule yields more lines for the item);
    ``product_specification`` is the item's (or bundle component's) product specification; ``path``
    the catalog specifications walked from it; ``depends_on`` line ids that must complete first."""

    id: str
    item_id: str
    specification: str
    quantity: int
    characteristics: Mapping[str, object]
    rule: str
    domain: str
    fulfilment_system: str
    product_specification: str
    path: tuple[str, ...] = ()
    awaiting: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()
    action: str = "add"


@dataclass(frozen=True)
class MissingCharacteristic:
    """A required characteristic a line has no value for (staggered decomposition)."""

    item_id: str
    specification: str
    characteristic: str


@dataclass(frozen=True)
class TaskPlan:
    """One task instance of a domain order's plan, parameters already computed.

    ``condition`` is the condition's result (None when the task has none); a ``skipped`` task counts
    as done for its dependents. ``depends_on``: task keys of the same domain order. ``waits_for``:
    domain order refs that must complete before this task may start (set on the tasks that have no
    included task before them). ``compensation`` is the compensation task, planned the same way."""

    key: str
    name: str
    type: str
    handler: str | None = None
    params: Mapping[str, object] = field(default_factory=dict)
    duration: timedelta | None = None
    sla: timedelta | None = None
    assignment_group: str | None = None
    point_of_no_return: bool = False
    compensation: TaskPlan | None = None
    retry: RetryPolicy | None = None
    depends_on: tuple[str, ...] = ()
    waits_for: tuple[str, ...] = ()
    condition: bool | None = None
    skipped: bool = False
    role: str | None = None
    work_type: str | None = None
    milestone: str | None = None
    wait: timedelta | None = None
    until: object = None

    @property
    def expected_duration(self) -> timedelta:
        """Zero when skipped; else ``duration``, else a fixed ``wait``, else zero."""
        if self.skipped:
            return timedelta(0)
        return self.duration or self.wait or timedelta(0)


@dataclass(frozen=True)
class DomainOrderPlan:
    """A product, service or resource order for one fulfilment system, with its plan instance.

    ``ref`` is ``"<domain>:<fulfilmentSystem>"``, plus ``":<planKey>"`` for lines whose specification
    is bound to a plan other than the domain's. ``state``: scheduled (tasks planned),
    awaitingInformation (``missing`` lists why; no tasks yet) or draft (no plan; see problems).
    ``bound_by`` says which binding chose the plan: ``"specification:<id>"`` or ``"domain:<domain>"``."""

    ref: str
    domain: str
    fulfilment_system: str
    lines: tuple[DomainOrderLine, ...]
    state: str
    missing: tuple[MissingCharacteristic, ...] = ()
    depends_on: tuple[str, ...] = ()
    plan_key: str | None = None
    plan_version: int | None = None
    bound_by: str | None = None
    tasks: tuple[TaskPlan, ...] = ()
    planned_at: datetime | None = None

    @property
    def item_ids(self) -> tuple[str, ...]:
        """The order items this domain order fulfils, in line order, without repeats."""
        return tuple(dict.fromkeys(line.item_id for line in self.lines))

    def task(self, key: str) -> TaskPlan:
        """The task instance with that key (KeyError if none)."""
        for task in self.tasks:
            if task.key == key:
                return task
        raise KeyError(key)


@dataclass(frozen=True)
class Problem:
    """Something decomposition could not do, as data: ``code`` is one of unknown_offering,
    unknown_specification, action_not_supported, invalid_expression, no_plan_bound, plan_not_loaded,
    dependency_cycle."""

    code: str
    message: str
    item_id: str | None = None
    ref: str | None = None
    specification: str | None = None


@dataclass(frozen=True)
class FulfilmentPlan:
    """Every domain order of one order with its tasks, the trace that explains them and the problems."""

    domain_orders: tuple[DomainOrderPlan, ...]
    trace: tuple[TraceEntry, ...] = ()
    problems: tuple[Problem, ...] = ()
    planned_at: datetime | None = None

    def domain_order(self, ref: str) -> DomainOrderPlan:
        """The domain order with that ref (KeyError if none)."""
        for domain_order in self.domain_orders:
            if domain_order.ref == ref:
                return domain_order
        raise KeyError(ref)

    @property
    def awaiting(self) -> tuple[str, ...]:
        """Refs of the domain orders waiting for information."""
        return tuple(d.ref for d in self.domain_orders if d.state == AWAITING_INFORMATION)

    def critical_path(self) -> tuple[timedelta, tuple[tuple[str, str], ...]]:
        """The longest chain of task durations and cross-domain waits: (duration, ((ref, task key), …))."""
        from .critical_path import order_critical_path
        return order_critical_path(self.domain_orders)

    def to_dict(self) -> dict:
        """JSON-friendly camelCase form (durations ISO 8601), e.g. for golden files and persistence."""
        from .serialize import plan_to_dict
        return plan_to_dict(self)
