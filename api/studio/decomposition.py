"""The catalog designer's decomposition preview: an order through a (draft) catalog and (draft) decomposition
rules into domain orders and lines. A dry run: nothing is written."""
from __future__ import annotations

from flask import Blueprint
from sqlalchemy.orm import Session

from api.contract import endpoint
from api.errors import ApiError
from api.permissions import requires
from api.read.decomposition import DecompositionPreviewInput, DecompositionPreviewView, ExampleOrdersView
from api.runtime import runtime
from studio import packs
from studio.decomposition_preview import example_orders, preview_decomposition

bp = Blueprint("studio_decomposition", __name__, url_prefix="/api/v1/studio/decomposition")


@bp.post("/preview")
@requires("studio.simulate")
@endpoint(body=DecompositionPreviewInput, response=DecompositionPreviewView)
def preview(body: DecompositionPreviewInput):
    """What an order decomposes into under the given catalog and rules (default: the active pack's)."""
    catalog, rules = body.catalog, body.rules
    if catalog is None or rules is None:
        with runtime().reading() as session:
            catalog = catalog or _bound(session, "catalog")
            rules = rules or _bound(session, "decomposition")
    result = preview_decomposition(catalog, rules, body.order)
    return DecompositionPreviewView.model_validate({"catalog": catalog.get("key", ""), "rules": rules.get("key", ""),
                                                    **result})


@bp.get("/examples")
@requires("studio.read")
@endpoint(response=ExampleOrdersView)
def examples():
    """The demo pack's example orders, to preview a decomposition with."""
    return ExampleOrdersView.model_validate({"examples": example_orders()})


def _bound(session: Session, binding: str) -> dict:
    pack = packs.current_pack(session)
    key = pack.bindings.get(binding) if pack else None
    for pin in pack.pins if key else ():
        if pin.artifact_version.artifact.key == key:
            return pin.artifact_version.document
    raise ApiError(422, "Unprocessable Content", f"no {binding} given and the active pack binds none")
