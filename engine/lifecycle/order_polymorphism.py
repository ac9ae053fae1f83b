"""TMF polymorphism attributes on input: ``@type`` / ``@baseType`` name a known type, ``@schemaLocation`` is an
absolute http(s) URL; checked, not stored blindly.

A resource and its order items may only be of the types Ordo knows for them (it declares no subtypes, so no
extension properties); any other object of the body may name its own type (``GeographicAddress``,
``Individual`` ...), but as a type name, not any text.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from engine.excerpt import excerpt, listing
from engine.lifecycle.order_messages import ITEMS, pointer, where

TYPE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.]{0,99}")
TYPE_KEYS = ("@type", "@baseType", "@referredType")
# the types a request's resource may declare (``@type`` and ``@baseType``), by schema definition
RESOURCE_TYPES = {"ProductOrder_Create": ("ProductOrder",), "CancelProductOrder_Create": ("CancelProductOrder",)}
ITEM_TYPES = ("ProductOrderItem",)
MAX_URL = 2048


def polymorphism_problems(body: dict, definition: str) -> list[dict]:
    """Every ``@type`` / ``@baseType`` / ``@referredType`` / ``@schemaLocation`` of ``body`` that is not valid."""
    found: list[dict] = []
    _walk(body, [], body, RESOURCE_TYPES.get(definition), found)
    return found


def _walk(value: object, path: list, body: dict, known: tuple[str, ...] | None, found: list[dict]) -> None:
    if isinstance(value, list):
        for position, element in enumerate(value):
            _walk(element, [*path, position], body, known if path and path[-1] == ITEMS else None, found)
        return
    if not isinstance(value, dict):
        return
    for key in TYPE_KEYS:
        if key in value:
            _check_type(value[key], [*path, key], body, known if key != "@referredType" else None, found)
    if "@schemaLocation" in value:
        _check_location(value["@schemaLocation"], [*path, "@schemaLocation"], body, found)
    for key, element in value.items():
        _walk(element, [*path, key], body, ITEM_TYPES if key == ITEMS else None, found)


def _check_type(name: object, path: list, body: dict, known: tuple[str, ...] | None, found: list[dict]) -> None:
    if known is not None and name in known:
        return
    if known is None and isinstance(name, str) and TYPE_NAME.fullmatch(name):
        return
    prefix, field = where(path, body)
    wanted = f"one of {listing(known)}" if known else "a type name (a letter, then letters, digits, '_' or '.')"
    found.append({"pointer": pointer(path), "message": f"{prefix}{field} {excerpt(name)} is not {wanted}"})


def _check_location(location: object, path: list, body: dict, found: list[dict]) -> None:
    if isinstance(location, str) and _absolute_http_url(location):
        return
    prefix, field = where(path, body)
    found.append({"pointer": pointer(path), "message": f"{prefix}{field} {excerpt(location)} is not an absolute "
                                                         "http(s) URL of a JSON schema"})


def _absolute_http_url(text: str) -> bool:
    if not text or len(text) > MAX_URL or any(c.isspace() for c in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)
