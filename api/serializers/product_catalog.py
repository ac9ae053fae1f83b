"""TMF620 representations of catalog and price list entries, and TMF620 request bodies back into entries.

``serialize(resource, entry, stamp)`` gives the TMF resource; ``stamp`` carries ``version``, ``lastUpdate``,
the default ``lifecycleStatus`` and, for prices, the list ``currency``. ``parse(resource, body)`` maps a
POST / PATCH body onto the entry's own names and lists every attribute Ordo cannot keep (pointer, message).
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

BASE = "/tmf-api/productCatalogManagement/v4"
TYPES = {"productOffering": "ProductOffering", "productSpecification": "ProductSpecification",
         "productOfferingPrice": "ProductOfferingPrice"}
READ_ONLY = frozenset({"href", "lastUpdate", "version", "@type", "@baseType", "@schemaLocation"})
# where an entry attribute comes from in the TMF body (for error pointers)
TMF_POINTERS = {"productOfferingPrice": {"amount": "/price/value", "currency": "/price/unit",
                                         "recurringChargePeriod": "/recurringChargePeriodType",
                                         "unitOfMeasure": "/unitOfMeasure/units"}}


def _ref(resource: str, ref) -> object:
    if not isinstance(ref, dict) or "id" not in ref:
        return ref
    return {**ref, "href": f"{BASE}/{resource}/{ref['id']}", "@referredType": TYPES[resource]}


def _envelope(resource: str, entry: dict, stamp: dict) -> dict:
    return {"id": entry["id"], "href": f"{BASE}/{resource}/{entry['id']}", "isBundle": False,
            "lifecycleStatus": stamp["lifecycleStatus"]}


def serialize_offering(entry: dict, stamp: dict) -> dict:
    body = {**_envelope("productOffering", entry, stamp), **entry}
    if isinstance(entry.get("category"), list):
        body["category"] = [{"id": c, "name": c, "@referredType": "Category"} if isinstance(c, str) else c
                            for c in entry["category"]]
    if "productSpecification" in entry:
        body["productSpecification"] = _ref("productSpecification", entry["productSpecification"])
    if isinstance(entry.get("bundledProductOffering"), list):
        body["bundledProductOffering"] = [_ref("productOffering", b) for b in entry["bundledProductOffering"]]
    return _stamped(body, stamp, "productOffering")


def serialize_specification(entry: dict, stamp: dict) -> dict:
    return _stamped({**_envelope("productSpecification", entry, stamp), **entry}, stamp, "productSpecification")


def serialize_price(entry: dict, stamp: dict) -> dict:
    """A price list row as a ProductOfferingPrice: ``price`` is Money, the offering a reference."""
    body = {**_envelope("productOfferingPrice", entry, stamp)}
    for name, value in entry.items():
        if name == "amount":
            body["price"] = {"unit": entry.get("currency") or stamp.get("currency"), "value": _number(value)}
        elif name == "recurringChargePeriod":
            body["recurringChargePeriodType"], body["recurringChargePeriodLength"] = value, 1
        elif name == "unitOfMeasure":
            body["unitOfMeasure"] = {"amount": 1, "units": value}
        elif name == "productOffering":
            body["productOffering"] = _ref("productOffering", {"id": value}) if isinstance(value, str) else value
        elif name != "currency":
            body[name] = value
    return _stamped(body, stamp, "productOfferingPrice")


def _stamped(body: dict, stamp: dict, resource: str) -> dict:
    body.update(version=stamp["version"], lastUpdate=stamp["lastUpdate"])
    body["@type"] = TYPES[resource]
    return body


def _number(value: object) -> object:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return value
    return int(number) if number == number.to_integral_value() else float(number)


SERIALIZERS = {"productOffering": serialize_offering, "productSpecification": serialize_specification,
               "productOfferingPrice": serialize_price}


def serialize(resource: str, entry: dict, stamp: dict) -> dict:
    """The TMF620 representation of one catalog or price list entry."""
    return SERIALIZERS[resource](entry, stamp)


def parse(resource: str, body: dict) -> tuple[dict, list[dict]]:
    """The entry attributes a TMF620 body sets (None removes one, as in a merge patch) and the problems found."""
    entry, problems = {}, []
    for name, value in body.items():
        if name in READ_ONLY:
            continue
        if name == "isBundle" and resource != "productOffering":
            if value not in (False, None):
                problems.append(_problem(f"/{name}", "unsupported", f"Ordo has no bundled {TYPES[resource]}"))
            continue
        mapped = PARSERS[resource](name, value, problems)
        entry.update(mapped)
    return entry, problems


def _problem(pointer: str, code: str, message: str) -> dict:
    return {"pointer": pointer, "code": code, "message": message}


def _id_of(value: object) -> object:
    return value["id"] if isinstance(value, dict) and "id" in value else value


def _plain_ref(value: object) -> object:
    if isinstance(value, dict) and "id" in value:
        return {k: v for k, v in value.items() if k in ("id", "name")}
    return value


def _parse_offering(name: str, value: object, problems: list) -> dict:
    if name == "category" and isinstance(value, list):
        return {name: [_id_of(c) for c in value]}
    if name == "productSpecification":
        return {name: _plain_ref(value)}
    if name == "bundledProductOffering" and isinstance(value, list):
        return {name: [_plain_ref(b) for b in value]}
    return {name: value}


def _parse_specification(name: str, value: object, problems: list) -> dict:
    return {name: value}


def _parse_price(name: str, value: object, problems: list) -> dict:
    if name == "price":
        if value is None:
            return {"amount": None, "currency": None}
        if not isinstance(value, dict):
            problems.append(_problem("/price", "type", "price is Money: {\"unit\": \"EUR\", \"value\": 9.9}"))
            return {}
        found = {}
        if "value" in value:
            amount = value["value"]
            found["amount"] = str(amount) if isinstance(amount, int | float) and not isinstance(amount, bool) \
                else amount
        if "unit" in value:
            found["currency"] = value["unit"]
        return found
    if name == "recurringChargePeriodType":
        return {"recurringChargePeriod": value}
    if name == "recurringChargePeriodLength":
        if value not in (1, None):
            problems.append(_problem("/recurringChargePeriodLength", "unsupported",
                                     "Ordo charges per one period (day, week, month, quarter or year)"))
        return {}
    if name == "unitOfMeasure":
        if isinstance(value, dict):
            if value.get("amount", 1) != 1:
                problems.append(_problem("/unitOfMeasure/amount", "unsupported",
                                         "usage prices are per one unit of measure"))
            return {"unitOfMeasure": value.get("units")}
        return {"unitOfMeasure": value}
    if name == "productOffering":
        return {name: _id_of(value)}
    return {name: value}


PARSERS = {"productOffering": _parse_offering, "productSpecification": _parse_specification,
           "productOfferingPrice": _parse_price}
