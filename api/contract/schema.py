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
        """The schema of ``type_`` (``mode`` "validation" for requests, "serialization" for responses)."""
        if isinstance(type_, dict):
            return type_
        schema = TypeAdapter(type_).json_schema(mode=mode, by_alias=True, ref_template=REF)
        for name, definition in schema.pop("$defs", {}).items():
            self._add(name, definition)
        if isinstance(type_, type) and issubclass(type_, BaseModel) and "properties" in schema:
            name = type_.__name__
            self._add(name, schema)
            return {"$ref": REF.format(model=name)}
        return schema

    def _add(self, name: str, definition: dict) -> None:
        known = self.schemas.setdefault(name, definition)
        if known != definition:
            raise ValueError(f"two contract types are named {name!r} with different schemas; rename one")


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
