"""TMF622 ProductOrder states and the transitions the TMF622 v5 user guide allows.

Cancellation (cancelProductOrder) is assessed from any open state and returns to it when refused.
"""
from enum import StrEnum

from engine.states.machine import StateMachine


class ProductOrderState(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    REJECTED = "rejected"
    PENDING = "pending"
    HELD = "held"
    IN_PROGRESS = "inProgress"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    FAILED = "failed"
    PARTIAL = "partial"
    ASSESSING_CANCELLATION = "assessingCancellation"
    PENDING_CANCELLATION = "pendingCancellation"


S = ProductOrderState

PRODUCT_ORDER = StateMachine(
    "ProductOrder",
    ProductOrderState,
    {
        S.ACKNOWLEDGED: [S.REJECTED, S.IN_PROGRESS, S.PENDING, S.ASSESSING_CANCELLATION],
        S.PENDING: [S.ACKNOWLEDGED, S.REJECTED, S.ASSESSING_CANCELLATION],
        S.IN_PROGRESS: [S.ASSESSING_CANCELLATION, S.HELD, S.COMPLETED, S.PARTIAL, S.FAILED],
        S.HELD: [S.IN_PROGRESS, S.CANCELLED, S.ASSESSING_CANCELLATION],
        S.ASSESSING_CANCELLATION: [S.PENDING_CANCELLATION, S.IN_PROGRESS, S.HELD, S.PENDING, S.ACKNOWLEDGED],
        S.PENDING_CANCELLATION: [S.CANCELLED],
    },
    finals=[S.COMPLETED, S.PARTIAL, S.FAILED, S.REJECTED, S.CANCELLED],
)

ORDER_ITEM = StateMachine(
    "ProductOrderItem",
    ProductOrderState,
    {
        S.ACKNOWLEDGED: [S.REJECTED, S.IN_PROGRESS, S.PENDING, S.ASSESSING_CANCELLATION],
        S.PENDING: [S.ACKNOWLEDGED, S.REJECTED, S.ASSESSING_CANCELLATION],
        S.IN_PROGRESS: [S.ASSESSING_CANCELLATION, S.HELD, S.COMPLETED, S.FAILED],
        S.HELD: [S.IN_PROGRESS, S.CANCELLED, S.ASSESSING_CANCELLATION],
        S.ASSESSING_CANCELLATION: [S.PENDING_CANCELLATION, S.IN_PROGRESS, S.HELD, S.PENDING, S.ACKNOWLEDGED],
        S.PENDING_CANCELLATION: [S.CANCELLED],
    },
    finals=[S.COMPLETED, S.FAILED, S.REJECTED, S.CANCELLED],
)
