"""JSON Schemas of contract types for the OpenAPI document, with named models under components/schemas."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, TypeAdapter

REF = "#/components/schemas/{model}"


class Components:
    """Collects the named schemas that operations refer to; a name given two different schemas is an error."""

    def __init__(self) -> None:
        self.schemas: dict[str, dict] = {}

    def schema(self, type_: Any, mode: str) -> dict:
        """The schema of ``type_`` (``mode`` "validation" for requests, "serialization" for responses).

        A model whose request schema differs from its response schema (a ``Decimal`` is read as a number or a
        string but written as a string) is named ``<Model>Input`` as a request, ``<Model>`` as a response."""
        if isinstance(type_, dict):
            return type_
        schema, defs = _named(type_, mode)
        names = {name: name for name in defs}
        if mode == "validation":
            names = _input_names(defs, _named(type_, "serialization")[1])
        for name, definition in defs.items():
            self._add(names[name], _renamed(definition, names))
        return _renamed(schema, names)

    def define(self, name: str, definition: dict) -> None:
        """Add a named schema written by hand (the same error when the name is taken by another)."""
        self._add(name, definition)

    def _add(self, name: str, definition: dict) -> None:
        known = self.schemas.setdefault(name, definition)
        if known != definition:
            raise ValueError(f"two contract types are named {name!r} with different schemas; rename one")


def _named(type_: Any, mode: str) -> tuple[dict, dict[str, dict]]:
    """The schema of ``type_`` and its named definitions (a model itself is one, and the schema refers to it)."""
    schema = TypeAdapter(type_).json_schema(mode=mode, by_alias=True, ref_template=REF)
    defs = schema.pop("$defs", {})
    if isinstance(type_, type) and issubclass(type_, BaseModel) and "properties" in schema:
        defs[type_.__name__] = schema
        schema = {"$ref": REF.format(model=type_.__name__)}
    return schema, defs


def _input_names(validation: dict[str, dict], serialization: dict[str, dict]) -> dict[str, str]:
    """``<Model>Input`` for each definition that reads differently than it is written (or refers to one)."""
    names = {name: name for name in validation}
    changed = True
    while changed:
        changed = False
        for name, definition in validation.items():
            if names[name] == name and _renamed(definition, names) != serialization.get(name):
                names[name], changed = f"{name}Input", True
    return names


def _renamed(node: Any, names: dict[str, str]) -> Any:
    """``node`` with its component references following ``names``."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(REF.format(model="")):
            name = ref.removeprefix(REF.format(model=""))
            return {**node, "$ref": REF.format(model=names.get(name, name))}
        return {key: _renamed(value, names) for key, value in node.items()}
    if isinstance(node, list):
        return [_renamed(value, names) for value in node]
    return node


def query_parameters(model: type[BaseModel]) -> list[dict]:
    """The query parameters a ``Query`` model declares, as OpenAPI parameter objects."""
    schema = TypeAdapter(model).json_schema(mode="validation", by_alias=True)
    required = set(schema.get("required", ()))
    parameters = []
    for name, prop in schema.get("properties", {}).items():
        prop = {k: v for k, v in prop.items() if k != "title"}
        description = prop.pop("description", None)
        parameter = {"name": name, "in": "query", "required": name in required, "schema": prop}
        if description:
            parameter["description"] = description
        parameters.append(parameter)
    return parameters
