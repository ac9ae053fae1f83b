"""Where an order is in the runtime's pipeline (``customer_orders.stage``), beside its TMF622 state.

The stages an ``order.advance`` job runs through without waiting for anyone are ``JOB_STAGES``: an order
stored in one of them moves on only when such a job runs (the watchdog raises it as stuck otherwise).
The others wait for a person, information, tasks or compensations, or are final.
"""
from enum import StrEnum


class Stage(StrEnum):
    CAPTURED = "captured"
    ENRICHING = "enriching"
    AWAITING_INFORMATION = "awaitingInformation"
    PRICING = "pricing"
    APPROVING = "approving"
    AWAITING_APPROVAL = "awaitingApproval"
    DECOMPOSING = "decomposing"
    FULFILLING = "fulfilling"
    COMPLETING = "completing"
    REVISING = "revising"
    CANCELLING = "cancelling"
    COMPLETED = "completed"
    PARTIAL = "partial"
    FAILED = "failed"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


JOB_STAGES = frozenset({Stage.CAPTURED, Stage.ENRICHING, Stage.PRICING, Stage.APPROVING, Stage.DECOMPOSING,
                        Stage.COMPLETING})
