"""Decomposition and plan instances (pure): an order becomes domain orders with task instances.

    decompose_order(order, *, catalog, rules, plans, plan_binding, now) -> FulfilmentPlan
    complete_information(previous, order, *, catalog, rules, plans, plan_binding, now) -> FulfilmentPlan
    FulfilmentPlan.critical_path() -> (timedelta, ((domain order ref, task key), …))
    FulfilmentPlan.to_dict() -> JSON-friendly camelCase form

Choices:

- **Items and bundles.** Each ``add`` item is taken with its offering's product specification. The
  item and, depth first, every product specification it ``bundles`` (catalog relationships,
  quantities multiplied) are *units*; each unit reaches its own specification and, through
  ``realizedAs``, the service and resource specifications below it. Rule expressions see
  ``{"order", "item"}`` where ``item`` is the order item with ``quantity`` and
  ``productSpecification`` of the unit, ``characteristics`` (catalog defaults, ``item.characteristics``
  and TMF622 ``product.productCharacteristic`` name -> value) and ``bundledIn`` for components.
  A rule's ``productSpecification`` matches the unit or any bundle above it.
- **Quantity.** One line per (item, rule, specification reached), carrying a quantity: the rule's
  ``quantity`` when it has one, else the unit's quantity times the catalog relationship quantities
  on the way. An SD-WAN bundle sold 500 times gives one site line of quantity 500, not 500 lines.
- **Domain orders.** One per (domain, fulfilment system) per order, as ServiceNow does; ref
  ``"service:oss-voice"``. Lines whose specification is bound to another plan than their domain's
  form their own domain order, ref ``"service:oss-voice:plan.voip"`` (one plan instance per
  domain order). Refs depend only on the line, so they are stable across re-decompositions.
- **Dependencies.** A rule's ``dependsOn`` links lines of the same order item. A catalog
  ``requires`` from any specification on a line's path (VoIP requires fibre access) links the line
  to the lines of the same domain that realise the required specification: those of the same item
  and the items named in its ``productOrderItemRelationship`` if there are any, else every such
  line in the order. Links that
  cross domain orders become ``depends_on`` between them; the plan's tasks with no included task
  before them get those refs as ``waits_for``.
- **Staggered.** A domain order with a line missing a required characteristic is
  ``awaitingInformation`` (``missing`` says which) and gets no tasks; the rest is scheduled.
  ``complete_information`` re-decomposes only those.
- **Changes.** A ``modify`` / ``delete`` item (suspend and resume are ``modify`` with
  ``product.status``; ``engine.states.actions``) is taken with its offering's specification like an
  ``add`` one, but only rules listing its action in ``actions`` apply, and its lines are planned by
  the ``<specification or domain>@<action>`` entries of ``plan_binding`` (never by the ``add`` ones);
  their domain orders get refs ending ``@<action>``.
- **Plans.** The line's specification entry of ``plan_binding`` wins over its domain's. Plan
  expressions see ``{"order", "item", "domainOrder"}``: ``item`` is the single item a domain order
  fulfils (None when it has lines of several items), ``domainOrder`` has ``ref``, ``domain``,
  ``fulfilmentSystem``, ``itemIds``, ``quantity``, ``specifications`` and ``lines``. Skipped tasks
  stay in the plan with ``skipped=True``.
- Trace entries: stage ``decompose`` (one per rule applied to a specification: produced or
  dropped and why; one per unit for reached specifications no rule covers; one per domain order
  with its dependencies and why) and stage ``plan`` (plan chosen and by which binding, tasks
  included and skipped; one entry per task skipped by its condition).
"""
from __future__ import annotations

from .decompose import decompose_order
from .model import (
    AWAITING_INFORMATION,
    DRAFT,
    SCHEDULED,
    DomainOrderLine,
    DomainOrderPlan,
    FulfilmentPlan,
    MissingCharacteristic,
    Problem,
    TaskPlan,
)
from .staggered import complete_information

__all__ = ["AWAITING_INFORMATION", "DRAFT", "SCHEDULED", "DomainOrderLine", "DomainOrderPlan", "FulfilmentPlan",
           "MissingCharacteristic", "Problem", "TaskPlan", "complete_information", "decompose_order"]
