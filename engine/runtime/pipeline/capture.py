"""Stage ``captured``: validate against the pinned catalog; reject with every reason, or go on to enrich."""
from __future__ import annotations

from engine.lifecycle.capture import validate_order
from engine.runtime.pipeline.context import StageContext
from engine.runtime.pipeline.reject import reject


def run(ctx: StageContext) -> bool:
    catalog = ctx.pack.bound("catalog")
    result = validate_order(ctx.order.payload, ctx.pack.catalog, (catalog.key, catalog.version), at=ctx.now)
    ctx.trace(result.trace)
    if not result.accepted:
        return reject(ctx, [r.message for r in result.rejections])
    return ctx.move_to("enriching")
