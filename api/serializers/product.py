"""TMF637 Product representation of an inventory record."""
from __future__ import annotations

from api.serializers.product_order import order_href
from engine.clock import iso
from engine.store.models import Product

BASE = "/tmf-api/productInventory/v4/product"


def minimal_product(product_id: str) -> dict:
    """The id, href and @type every Product has (a list asking for no more reads nothing else)."""
    return {"id": product_id, "href": f"{BASE}/{product_id}", "@type": "Product"}


def serialize_product(product: Product) -> dict:
    extra = product.payload or {}
    body = {
        "id": product.id,
        "href": f"{BASE}/{product.id}",
        "name": product.name,
        "status": product.status,
        "isBundle": False,
        "startDate": iso(product.start_date),
        "productOffering": {"id": product.offering_id, "name": product.name, "@referredType": "ProductOffering"},
        "productCharacteristic": product.characteristics or [],
        "productPrice": extra.get("productPrice", []),
        "relatedParty": extra.get("relatedParty", []),
        "@type": "Product",
    }
    if extra.get("terminationDate"):
        body["terminationDate"] = extra["terminationDate"]
    if extra.get("billingAccount"):
        body["billingAccount"] = extra["billingAccount"]
    if product.order_id:
        body["productOrderItem"] = [{
            "orderItemId": product.order_item_id, "productOrderId": product.order_id,
            "productOrderHref": order_href(product.order_id), "orderItemAction": extra.get("orderItemAction", "add"),
            "@referredType": "ProductOrderItem"}, *({**change, "productOrderHref": order_href(change["productOrderId"])}
                                                    for change in extra.get("changeOrderItems", []))]
    return body
