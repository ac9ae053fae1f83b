"""Schema violations in words a client can act on: the item and the field named, a short excerpt of the value,
the allowed values listed; never a Python repr or a regular expression."""
from __future__ import annotations

import re
from collections.abc import Sequence

from jsonschema import ValidationError

from engine.excerpt import excerpt, listing

ITEMS = "productOrderItem"
JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "true or false", int: "a number",
              float: "a number", type(None): "null"}
WANTED = {"object": "an object", "array": "an array", "string": "a string", "boolean": "true or false",
          "integer": "a whole number", "number": "a number", "null": "null"}
REQUIRED = re.compile(r"^'(.*)' is a required property$")


def pointer(path: Sequence) -> str:
    """The RFC 6901 JSON pointer of ``path``."""
    return "/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in path) if path else ""


def where(path: Sequence, body: object) -> tuple[str, str]:
    """(the item, if the path is inside one, as ``item 2: ``; the field as ``product.place[0].postcode``)."""
    parts = list(path)
    prefix = ""
    if len(parts) >= 2 and parts[0] == ITEMS and isinstance(parts[1], int):
        prefix = f"{_item_label(body, parts[1])}: "
        parts = parts[2:]
    field = ""
    for part in parts:
        field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else str(part))
    return prefix, field


def _item_label(body: object, position: int) -> str:
    items = body.get(ITEMS) if isinstance(body, dict) else None
    item = items[position] if isinstance(items, list) and position < len(items) else None
    item_id = item.get("id") if isinstance(item, dict) else None
    if isinstance(item_id, str | int) and not isinstance(item_id, bool) and 0 < len(str(item_id)) <= 40:
        return f"item {item_id}"
    return f"item #{position + 1}"


def message_of(error: ValidationError, body: object) -> str:
    """The message of one jsonschema violation, for a person."""
    prefix, field = where(error.absolute_path, body)
    subject = field or ("the item" if prefix else "the body")
    value, kind = error.instance, error.validator
    if kind == "required":
        found = REQUIRED.match(error.message)
        missing = found.group(1) if found else "a property"
        return f"{prefix}{f'{field}.' if field else ''}{missing} is required"
    if kind == "enum":
        return f"{prefix}{subject} {excerpt(value)} is not one of {listing(error.validator_value)}"
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return (f"{prefix}{subject} must be {' or '.join(WANTED.get(w, w) for w in wanted)}, "
                f"not {JSON_TYPES.get(type(value), 'that')}")
    if kind == "pattern":
        return f"{prefix}{subject} {excerpt(value)} is not in the expected format"
    if kind == "format":
        return f"{prefix}{subject} {excerpt(value)} is not a valid {error.validator_value}"
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return f"{prefix}{subject} {excerpt(value)} is {'too small' if 'inimum' in kind else 'too large'}"
    if kind in ("minItems", "minLength", "minProperties"):
        return f"{prefix}{subject} needs at least {error.validator_value} {_unit(kind)}"
    if kind in ("maxItems", "maxLength", "maxProperties"):
        return f"{prefix}{subject} allows at most {error.validator_value} {_unit(kind)}"
    return f"{prefix}{subject} {excerpt(value)} is not acceptable here"


def _unit(kind: str) -> str:
    return {"Items": "entries", "Length": "characters", "Properties": "properties"}[kind[3:]]
