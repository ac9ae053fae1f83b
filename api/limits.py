"""Limits at the door: one request must never be able to stall Ordo for everyone, nor reach the engine with data
it cannot store or process.

Before a JSON body is parsed, its size (``MAX_BODY_BYTES``: 413; Flask stops reading past it) and its nesting depth
(``JSON_MAX_DEPTH``, counted on the raw text, so a body nested a thousand levels never reaches the parser's
recursion) are checked; once parsed, every string must be valid Unicode (no lone surrogate such as ``"\\ud800"``)
and at most ``JSON_MAX_STRING_LENGTH`` characters, every number finite and every integer within 64 bits; an order
(TMF622 or native) may hold at most ``MAX_ORDER_ITEMS`` items of at most ``MAX_ITEM_CHARACTERISTICS``
characteristics. Each refusal names the limit and, where there is one, the JSON pointer; nothing is stored."""
from __future__ import annotations

import math
from dataclasses import dataclass, fields

from flask import Flask, current_app, request

from api.errors import ApiError
from engine.json_depth import json_depth
from engine.kinds.base.issues import pointer

INT64 = 2**63
MAX_PROBLEMS = 50
MALFORMED = {"invalid_unicode", "not_finite"}  # not JSON text at all (400); the rest is over a limit (422)
ORDER_PATHS = ("/tmf-api/productOrderingManagement/", "/api/v1/orders")
UPLOADS = ("/api/v1/imports",)


@dataclass(frozen=True)
class Limits:
    max_body_bytes: int = 16 * 1024 * 1024
    json_max_depth: int = 64
    json_max_string_length: int = 100_000
    max_order_items: int = 10_000
    max_item_characteristics: int = 200

    @classmethod
    def from_config(cls, config) -> Limits:
        """The limits of the app config (``MAX_BODY_BYTES`` …, ``ORDO_``-prefixed in the environment); a value
        that is not a positive integer is refused at start."""
        values = {}
        for field in fields(cls):
            key = field.name.upper()
            raw = config.get(key, field.default)
            try:
                value = int(raw)
            except (TypeError, ValueError):
                value = 0
            if value <= 0:
                raise ValueError(f"{key} must be a positive integer, not {raw!r}")
            values[field.name] = value
        return cls(**values)


def install(app: Flask) -> None:
    """Check the limits' settings now and guard every request (Flask enforces the body size while reading)."""
    limits = Limits.from_config(app.config)
    app.config["MAX_CONTENT_LENGTH"] = limits.max_body_bytes
    app.extensions["ordo.limits"] = limits
    app.before_request(guard_request)


def guard_request() -> None:
    """A ``before_request`` hook: refuse a JSON body that breaks a limit before any view reads it."""
    limits: Limits = current_app.extensions["ordo.limits"]
    if request.path.startswith(UPLOADS):
        return  # a file upload streamed to disk by its view, under its own limit (IMPORT_MAX_BYTES)
    if request.content_length is not None and request.content_length > limits.max_body_bytes:
        raise _too_large(limits)
    if not request.is_json:
        return
    raw = request.get_data(cache=True)
    if len(raw) > limits.max_body_bytes:
        raise _too_large(limits)
    if json_depth(raw) > limits.json_max_depth:
        raise ApiError(422, "Unprocessable Entity",
                       f"the JSON body is nested deeper than {limits.json_max_depth} levels (JSON_MAX_DEPTH)",
                       [{"pointer": "", "code": "too_deep", "limit": "JSON_MAX_DEPTH",
                         "message": f"at most {limits.json_max_depth} levels of arrays and objects"}])
    body = request.get_json(silent=True)
    problems = _value_problems(body, (), limits, [])
    if problems:
        malformed = any(code in MALFORMED for _, code, _ in problems)
        status, reason = (400, "Bad Request") if malformed else (422, "Unprocessable Entity")
        first_at, _, first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ApiError(status, reason, f"{first} at {pointer(*first_at) or '/'}{more}",
                       [{"pointer": pointer(*at), "code": code, "message": message} for at, code, message in problems])
    if request.path.startswith(ORDER_PATHS) and isinstance(body, dict):
        _check_order_size(body, limits)


def _too_large(limits: Limits) -> ApiError:
    return ApiError(413, "Content Too Large",
                    f"the body is larger than {limits.max_body_bytes} bytes (MAX_BODY_BYTES)")


def _value_problems(value: object, at: tuple, limits: Limits, found: list) -> list[tuple[tuple, str, str]]:
    """Every string, number or key under ``value`` that cannot be stored or is over a limit (the first
    MAX_PROBLEMS of them), as (path, code, message)."""
    if len(found) >= MAX_PROBLEMS:
        return found
    if isinstance(value, str):
        _add(found, _string_problem(value, at, limits))
    elif isinstance(value, bool) or value is None:
        pass
    elif isinstance(value, int):
        _add(found, None if -INT64 <= value < INT64 else (at, "out_of_range", "an integer outside 64 bits"))
    elif isinstance(value, float):
        _add(found, None if math.isfinite(value) else (at, "not_finite", "NaN and Infinity are not JSON numbers"))
    else:
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, item in items:
            if isinstance(key, str):
                _add(found, _string_problem(key, (*at, key), limits))
            _value_problems(item, (*at, key), limits, found)
    return found


def _add(found: list, problem: tuple | None) -> None:
    if problem is not None and len(found) < MAX_PROBLEMS:
        found.append(problem)


def _string_problem(text: str, at: tuple, limits: Limits) -> tuple[tuple, str, str] | None:
    if len(text) > limits.json_max_string_length:
        return at, "too_long", f"a string longer than {limits.json_max_string_length} characters " \
                               "(JSON_MAX_STRING_LENGTH)"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return at, "invalid_unicode", "a string with a lone surrogate (e.g. \\ud800), which is not Unicode text"
    return None


def _check_order_size(body: dict, limits: Limits) -> None:
    for key in ("productOrderItem", "items"):
        items = body.get(key)
        if not isinstance(items, list):
            continue
        if len(items) > limits.max_order_items:
            raise ApiError(422, "Unprocessable Entity",
                           f"the order has {len(items)} items; at most {limits.max_order_items} (MAX_ORDER_ITEMS)",
                           [{"pointer": f"/{key}", "code": "too_many_items", "limit": "MAX_ORDER_ITEMS",
                             "message": f"at most {limits.max_order_items} items per order"}])
        for index, item in enumerate(items):
            for at, characteristics in _characteristics(item):
                if len(characteristics) > limits.max_item_characteristics:
                    where = pointer(key, index, *at)
                    raise ApiError(422, "Unprocessable Entity",
                                   f"item {where} has {len(characteristics)} characteristics; at most "
                                   f"{limits.max_item_characteristics} (MAX_ITEM_CHARACTERISTICS)",
                                   [{"pointer": where, "code": "too_many_characteristics",
                                     "limit": "MAX_ITEM_CHARACTERISTICS",
                                     "message": f"at most {limits.max_item_characteristics} characteristics"}])


def _characteristics(item: object) -> list[tuple[tuple, list | dict]]:
    """The characteristic collections of an order item: TMF's product.productCharacteristic, the native
    ``characteristics`` (a list or an object)."""
    if not isinstance(item, dict):
        return []
    found: list[tuple[tuple, list | dict]] = []
    product = item.get("product")
    if isinstance(product, dict) and isinstance(product.get("productCharacteristic"), list):
        found.append((("product", "productCharacteristic"), product["productCharacteristic"]))
    if isinstance(item.get("characteristics"), list | dict):
        found.append((("characteristics",), item["characteristics"]))
    return found
