"""Domain order (product / service / resource order) states."""
from enum import StrEnum

from engine.states.machine import StateMachine


class DomainOrderState(StrEnum):
    DRAFT = "draft"
    AWAITING_INFORMATION = "awaitingInformation"
    SCHEDULED = "scheduled"
    IN_PROGRESS = "inProgress"
    ON_HOLD = "onHold"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLATION_IN_PROGRESS = "cancellationInProgress"
    CANCELLED = "cancelled"


S = DomainOrderState

DOMAIN_ORDER = StateMachine(
    "DomainOrder",
    DomainOrderState,
    {
        S.DRAFT: [S.AWAITING_INFORMATION, S.SCHEDULED, S.CANCELLED],
        S.AWAITING_INFORMATION: [S.SCHEDULED, S.CANCELLED],
        S.SCHEDULED: [S.IN_PROGRESS, S.ON_HOLD, S.CANCELLATION_IN_PROGRESS],
        S.IN_PROGRESS: [S.COMPLETED, S.FAILED, S.ON_HOLD, S.CANCELLATION_IN_PROGRESS],
        S.ON_HOLD: [S.SCHEDULED, S.IN_PROGRESS, S.CANCELLATION_IN_PROGRESS, S.CANCELLED],
        # completed work is undone (compensated) when its order is cancelled or revised
        S.COMPLETED: [S.CANCELLATION_IN_PROGRESS],
        S.CANCELLATION_IN_PROGRESS: [S.CANCELLED, S.FAILED],
    },
    finals=[S.COMPLETED, S.FAILED, S.CANCELLED],
)
