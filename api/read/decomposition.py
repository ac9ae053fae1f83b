"""What the decomposition preview of the catalog designer reads and answers."""
from __future__ import annotations

from typing import Any

from pydantic import Field

from api.contract import Model


class DecompositionPreviewInput(Model):
    order: dict[str, Any] = Field(description="a TMF622 ProductOrder (productOrderItem with productOffering or "
                                              "productSpecification, characteristics, quantity)")
    catalog: dict[str, Any] | None = Field(None, description="a catalog artifact document (a draft, unsaved changes "
                                                             "included); default: the active pack's catalog")
    rules: dict[str, Any] | None = Field(None, description="a decomposition_rules artifact document; default: the "
                                                           "active pack's decomposition rules")


class ReachedView(Model):
    specification: str
    quantity: int
    path: list[str] = Field(description="specification ids walked from the unit's product specification")
    level: str = Field(description="product, service or resource")


class UnitView(Model):
    specification: str = Field(description="the item's product specification, or a bundle component's")
    quantity: int
    chain: list[str] = Field(description="product specifications from the order item down to this unit")
    reached: list[ReachedView] = Field(description="the unit itself first, then every realizedAs target")


class PreviewItemView(Model):
    id: str
    action: str
    offering: str | None
    offering_name: str | None
    specification: str | None
    units: list[UnitView] = Field(description="empty when the offering or specification is not in the catalog")


class PreviewDomainOrderView(Model):
    ref: str = Field(description="domain:fulfilmentSystem")
    domain: str
    fulfilment_system: str
    depends_on: list[str] = Field(description="refs of the domain orders that must complete first")
    state: str = Field(description="draft, or awaitingInformation while a required characteristic is missing")
    lines: list[dict[str, Any]] = Field(description="{id, itemId, specification, quantity, characteristics, rule, "
                                                    "productSpecification, path, awaiting, dependsOn}")


class DroppedView(Model):
    rule: str
    item_id: str | None
    specification: str | None
    reason: str


class PreviewProblemView(Model):
    code: str
    message: str
    item_id: str | None
    ref: str | None
    specification: str | None


class DecompositionPreviewView(Model):
    catalog: str = Field(description="key of the catalog used")
    rules: str = Field(description="key of the decomposition rules used")
    items: list[PreviewItemView]
    domain_orders: list[PreviewDomainOrderView]
    dropped: list[DroppedView] = Field(description="rules that matched a reached specification but made no line, why")
    problems: list[PreviewProblemView]


class ExampleOrderView(Model):
    name: str
    description: str | None
    order: dict[str, Any]


class ExampleOrdersView(Model):
    examples: list[ExampleOrderView]
