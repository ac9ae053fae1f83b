"""TMF620 Product Catalog (read only): the active rule pack's catalog artifact as productOffering and
productSpecification resources, list and retrieve.

The catalog is authored, versioned and published in the studio; this API only reads it. Each resource carries
``version`` (the catalog artifact's version), ``lastUpdate`` (when that version was published) and a
``lifecycleStatus`` (``Active`` unless the catalog states one).
"""
from __future__ import annotations

from flask import Blueprint, request

from api.errors import ApiError
from api.paging import list_response, paging
from api.permissions import requires
from api.runtime import runtime
from api.serializers.product_order import select_fields
from api.tmf.filtering import attribute_filters, matching
from engine.clock import iso
from engine.runtime.packs import NoActivePack, active_pack

BASE = "/tmf-api/productCatalogManagement/v4"
bp = Blueprint("tmf620", __name__, url_prefix=BASE)
RESOURCES = {"productOffering": ("productOfferings", "ProductOffering"),
             "productSpecification": ("productSpecifications", "ProductSpecification")}
DEFAULT_STATUS = "Active"  # an entry of the active, published catalog that states no lifecycleStatus


def _catalog(session) -> tuple[dict, dict]:
    """The active pack's catalog body and {version, lastUpdate} of its artifact version."""
    try:
        pack = active_pack(session)
    except NoActivePack as error:
        raise ApiError(503, "Service Unavailable", str(error)) from error
    key = (pack.bindings or {}).get("catalog")
    for pin in pack.pins:
        version = pin.artifact_version
        if version.artifact.key == key:
            return version.document.get("body") or {}, {"version": str(version.version),
                                                        "lastUpdate": iso(version.published_at or version.created_at)}
    raise ApiError(503, "Service Unavailable", f"the active pack {pack.key}@{pack.version} binds no catalog")


def _ref(resource: str, ref) -> dict:
    if not isinstance(ref, dict) or "id" not in ref:
        return ref
    return {**ref, "href": f"{BASE}/{resource}/{ref['id']}", "@referredType": RESOURCES[resource][1]}


def serialize_offering(raw: dict, stamp: dict) -> dict:
    body = {"id": raw["id"], "href": f"{BASE}/productOffering/{raw['id']}", **stamp, "isBundle": False,
            "lifecycleStatus": DEFAULT_STATUS, **raw}
    body.update(stamp)
    if isinstance(raw.get("category"), list):
        body["category"] = [{"id": c, "name": c, "@referredType": "Category"} if isinstance(c, str) else c
                            for c in raw["category"]]
    if "productSpecification" in raw:
        body["productSpecification"] = _ref("productSpecification", raw["productSpecification"])
    if isinstance(raw.get("bundledProductOffering"), list):
        body["bundledProductOffering"] = [_ref("productOffering", b) for b in raw["bundledProductOffering"]]
    body["@type"] = "ProductOffering"
    return body


def serialize_specification(raw: dict, stamp: dict) -> dict:
    body = {"id": raw["id"], "href": f"{BASE}/productSpecification/{raw['id']}", **stamp, "isBundle": False,
            "lifecycleStatus": DEFAULT_STATUS, **raw}
    body.update(stamp)
    body["@type"] = "ProductSpecification"
    return body


SERIALIZERS = {"productOffering": serialize_offering, "productSpecification": serialize_specification}


def _resources(resource: str) -> list[dict]:
    with runtime().reading() as session:
        catalog, stamp = _catalog(session)
    serialize = SERIALIZERS[resource]
    return [serialize(raw, stamp) for raw in catalog.get(RESOURCES[resource][0]) or []
            if isinstance(raw, dict) and "id" in raw]


def _list(resource: str):
    offset, limit = paging()
    bodies = matching(_resources(resource), attribute_filters(request.args))
    fields = request.args.get("fields")
    return list_response([select_fields(body, fields) for body in bodies[offset:offset + limit]], len(bodies))


def _get(resource: str, resource_id: str):
    for body in _resources(resource):
        if body["id"] == resource_id:
            return select_fields(body, request.args.get("fields"))
    raise ApiError(404, "Not Found", f"no {resource} with id {resource_id} in the active catalog")


@bp.get("/productOffering")
@requires("order.read")
def list_offerings():
    return _list("productOffering")


@bp.get("/productOffering/<offering_id>")
@requires("order.read")
def get_offering(offering_id: str):
    return _get("productOffering", offering_id)


@bp.get("/productSpecification")
@requires("order.read")
def list_specifications():
    return _list("productSpecification")


@bp.get("/productSpecification/<specification_id>")
@requires("order.read")
def get_specification(specification_id: str):
    return _get("productSpecification", specification_id)
