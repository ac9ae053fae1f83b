"""What the native endpoints read from the request: JSON bodies and query parameters, by endpoint name.

The OpenAPI document (``api.native.openapi``) adds them to the operations it builds from the routes, so
clients and the fuzzing stage see the shapes the handlers accept.
"""
from __future__ import annotations

STRING = {"type": "string"}
NON_BLANK = {"type": "string", "minLength": 1, "pattern": r"\S"}
OBJECT = {"type": "object"}
PAGING = {"offset": {"type": "integer", "minimum": 0}, "limit": {"type": "integer", "minimum": 1, "maximum": 1000}}


def _object(properties: dict, required: tuple[str, ...] = ()) -> dict:
    schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


def request_bodies() -> dict[str, dict]:
    """The JSON body schema of each endpoint that reads one."""
    return {}


QUERY_PARAMETERS: dict[str, dict[str, dict]] = {
    "stream.stream": {"topic": {"type": "string", "minLength": 1,
                                "description": "order:<id>, queue:<group>, queue:* or artifact:<key>; several "
                                               "comma-separated or repeated"},
                      "since": {"type": "integer", "minimum": 0,
                                "description": "resume after this event id (the Last-Event-ID header wins)"}},
}
REQUIRED_QUERY: dict[str, tuple[str, ...]] = {"stream.stream": ("topic",)}
