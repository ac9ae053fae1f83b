"""Request validation against the official TMF622 v4 definitions (engine.lifecycle.order_shape).

Every problem is reported at once, each with its JSON pointer and a message that names the item and the field
and quotes a short excerpt of the value. Schema violations are a 400; a body that fits the schema but names an
unknown ``@type`` / ``@baseType`` or a ``@schemaLocation`` that is not an http(s) URL is a 422.
"""
from __future__ import annotations

from api.errors import ApiError
from engine.lifecycle.order_shape import (
    SPEC,
    SPECS,
    declared_properties,
    definitions,
    pointer,
    polymorphism_problems,
    schema_problems,
)

__all__ = ["SPEC", "SPECS", "declared_properties", "definitions", "pointer", "validate_tmf"]
SHOWN = 5  # problems the summary message quotes (``details`` lists them all)


def validate_tmf(body, spec_file: str, definition: str) -> None:
    """Raise an ApiError listing every problem of ``body`` with its JSON pointer (400 schema, 422 @type)."""
    if not isinstance(body, dict):
        raise ApiError(400, "Bad Request", f"the body must be a JSON object ({definition.split('_')[0]})")
    schema = schema_problems(body, spec_file, definition)
    problems = schema + polymorphism_problems(body, definition)
    if problems:
        status, reason = (400, "Bad Request") if schema else (422, "Unprocessable Entity")
        summary = "; ".join(p["message"] for p in problems[:SHOWN])
        more = f" (and {len(problems) - SHOWN} more)" if len(problems) > SHOWN else ""
        raise ApiError(status, reason, f"not a valid {definition.split('_')[0]}: {summary}{more}", problems)
