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


LOCAL = "#/definitions/"
VALUES = frozenset({"enum", "default", "example"})  # keywords whose value is data, not a schema


@cache
def _validator(spec_file: str, definition: str) -> Draft4Validator:
    """The validator of one definition, its ``$ref``s resolved once here rather than at each use (a few times
    faster; the same errors: a draft-4 ``$ref`` stands for its target, whatever sits beside it)."""
    try:
        return Draft4Validator(_inlined(definitions(spec_file), definition))
    except LookupError:
        return Draft4Validator({"$ref": f"{LOCAL}{definition}", "definitions": definitions(spec_file)})


def _inlined(source: dict, definition: str) -> dict:
    """The schema of ``definition`` with every ``#/definitions/...`` reference replaced by the (shared) schema
    it names, recursion included; LookupError when a reference points anywhere else."""
    built: dict[str, dict] = {}

    def named(name: str) -> dict:
        name = _unaliased(source, name)
        if name not in built:
            built[name] = {}
            built[name].update(resolved(source[name]))
        return built[name]

    def resolved(node):
        if isinstance(node, list):
            return [resolved(value) for value in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str):
            if not ref.startswith(LOCAL):
                raise LookupError(ref)
            return named(ref[len(LOCAL):])
        return {key: value if key in VALUES else resolved(value) for key, value in node.items()}

    return named(definition)


def _unaliased(source: dict, name: str) -> str:
    """The definition ``name`` stands for when it is nothing but a reference to another (LookupError: a loop,
    an unknown name, a schema that is not an object)."""
    seen = set()
    while isinstance(source[name], dict) and isinstance(ref := source[name].get("$ref"), str):
        if name in seen or not ref.startswith(LOCAL):
            raise LookupError(ref)
        seen.add(name)
        name = ref[len(LOCAL):]
    if not isinstance(source[name], dict):
        raise LookupError(name)
    return name


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
