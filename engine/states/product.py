"""TMF637 product (inventory) status."""
from enum import StrEnum

from engine.states.machine import StateMachine


class ProductStatus(StrEnum):
    CREATED = "created"
    PENDING_ACTIVE = "pendingActive"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    PENDING_TERMINATE = "pendingTerminate"
    TERMINATED = "terminated"
    CANCELLED = "cancelled"
    ABORTED = "aborted"


def normalise_status(value: str) -> ProductStatus:
    """Accept the TMF637 spec's misspelt ``"aborted "`` (trailing space) and return the clean status."""
    return ProductStatus(value.strip())


S = ProductStatus

PRODUCT = StateMachine(
    "Product",
    ProductStatus,
    {
        S.CREATED: [S.PENDING_ACTIVE, S.ACTIVE, S.CANCELLED, S.ABORTED],
        S.PENDING_ACTIVE: [S.ACTIVE, S.CANCELLED, S.ABORTED],
        S.ACTIVE: [S.SUSPENDED, S.PENDING_TERMINATE],
        S.SUSPENDED: [S.ACTIVE, S.PENDING_TERMINATE],
        S.PENDING_TERMINATE: [S.TERMINATED],
    },
    finals=[S.TERMINATED, S.CANCELLED, S.ABORTED],
)
