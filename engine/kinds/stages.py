"""The stages a rule pack binds (``pack.json`` → ``bindings``) and the kinds each accepts.

    "bindings": {
      "catalog": "catalog.telco-demo",                       # required
      "enrichment": "enrich.b2b",
      "pricing": {"priceList": "prices.eur", "matrices": ["prices.fibre-matrix"],
                  "adjustments": "pricing.discounts"},
      "approval": "approval.policy",
      "decomposition": "decompose.telco",
      "orchestration": {"product": "plan.product", "service": "plan.service",
                        "resource": "plan.resource", "cfs-internet": "plan.internet"},
      "jeopardy": "jeopardy.sla",
      "fallout": "fallout.default"}

``orchestration`` maps a domain order kind (product, service, resource) or a specification id
of the bound catalog to a plan; a specification entry wins over its domain's entry. Entries
``<domain or specification>@<action>`` (action modify, suspend, resume or delete) plan the lines of
post-fulfilment change items; change lines never fall back to the plain (add) entries.

Decision tables bound to a stage must have the outputs the stage reads:
``approval`` needs ``decision`` (autoApprove | approvalTask), and reads ``role`` and ``reason``
when present; ``pricing.adjustments`` needs ``adjustmentType`` (percent | amount) and ``value``,
and reads ``level`` (item | order), ``priority``, ``stacking`` (stack | exclusive) and ``cap``;
``pricing.terminationCharges`` (early termination of a disconnect within the contract term) needs
``percent``.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

DOMAINS = ("product", "service", "resource")
CHANGE_ACTIONS = ("modify", "suspend", "resume", "delete")


@dataclass(frozen=True)
class Slot:
    """One member of an object-shaped binding: its kind, whether it takes a list, whether required."""

    kind: str
    many: bool = False
    required: bool = True
    outputs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stage:
    """A bindable stage. ``shape``: ``key`` (one artifact key), ``slots`` (object of Slot) or
    ``map`` (domain or specification id -> key). ``outputs``: decision table outputs it needs."""

    name: str
    shape: str
    kinds: tuple[str, ...]
    required: bool = False
    slots: Mapping[str, Slot] = field(default_factory=dict)
    outputs: tuple[str, ...] = ()


PACK_STAGES: Mapping[str, Stage] = MappingProxyType({stage.name: stage for stage in (
    Stage("catalog", "key", ("catalog",), required=True),
    Stage("enrichment", "key", ("enrichment_flow",)),
    Stage("pricing", "slots", ("price_list", "pricing_matrix", "decision_table"), slots=MappingProxyType({
        "priceList": Slot("price_list"),
        "matrices": Slot("pricing_matrix", many=True, required=False),
        "adjustments": Slot("decision_table", required=False, outputs=("adjustmentType", "value")),
        "terminationCharges": Slot("decision_table", required=False, outputs=("percent",))})),
    Stage("approval", "key", ("decision_table",), outputs=("decision",)),
    Stage("decomposition", "key", ("decomposition_rules",)),
    Stage("orchestration", "map", ("orchestration_plan",)),
    Stage("jeopardy", "key", ("jeopardy_rules",)),
    Stage("fallout", "key", ("fallout_rules",)),
)})
