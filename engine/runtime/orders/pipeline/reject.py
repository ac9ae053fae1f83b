"""Ending an order ``rejected`` with its reasons in a note and ``state_reason``."""
from __future__ import annotations

from engine.runtime.orders.persistence import add_note, set_state
from engine.runtime.orders.pipeline.context import StageContext
from engine.states import ProductOrderState, Stage


def reject(ctx: StageContext, reasons: list[str]) -> bool:
    reason = "; ".join(reasons)
    add_note(ctx.uow, ctx.order, f"Rejected: {reason}")
    set_state(ctx.uow, ctx.order, ProductOrderState.REJECTED, stage=Stage.REJECTED, reason=reason,
              items_to=ProductOrderState.REJECTED)
    return False
