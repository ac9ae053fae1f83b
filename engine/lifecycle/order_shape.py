"""The shape of an order request: the official TMF622 v4 definitions (copied verbatim into ``specs/``), in words a
client can act on (engine.lifecycle.order_messages) and with its polymorphism attributes checked
(engine.lifecycle.order_polymorphism).

One check for every way an order comes in (the TMF622 and native APIs, bulk imports), so none is a back door.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator

from engine.lifecycle.order_messages import message_of, pointer
from engine.lifecycle.order_polymorphism import polymorphism_problems

SPECS = Path(__file__).with_name("specs")
SPEC = "TMF622-ProductOrder-v4.0.0.swagger.json"

__all__ = ["SPEC", "SPECS", "declared_properties", "definitions", "pointer", "polymorphism_problems",
           "schema_problems", "shape_problems"]


@cache
def definitions(spec_file: str = SPEC) -> dict:
    """The ``definitions`` of an official spec in specs/."""
    return json.loads((SPECS / spec_file).read_text())["definitions"]


@cache
def _validator(spec_file: str, definition: str) -> Draft4Validator:
    return Draft4Validator({"$ref": f"#/definitions/{definition}", "definitions": definitions(spec_file)})


def declared_properties(definition: str, spec_file: str = SPEC) -> frozenset[str]:
    """The properties the spec declares for ``definition``."""
    return frozenset(definitions(spec_file)[definition].get("properties", {}))


def schema_problems(body: dict, spec_file: str, definition: str) -> list[dict]:
    """Every schema violation of ``body``: {pointer, message}, in document order."""
    errors = sorted(_validator(spec_file, definition).iter_errors(body), key=lambda e: list(map(str, e.absolute_path)))
    return [{"pointer": pointer(e.absolute_path), "message": message_of(e, body)} for e in errors]


def shape_problems(body: object, spec_file: str = SPEC, definition: str = "ProductOrder_Create") -> list[dict]:
    """Every schema and polymorphism problem of ``body`` as ``{"pointer", "message"}`` (empty: valid)."""
    if not isinstance(body, dict):
        return [{"pointer": "", "message": f"the body must be a JSON object ({definition.split('_')[0]})"}]
    return schema_problems(body, spec_file, definition) + polymorphism_problems(body, definition)
