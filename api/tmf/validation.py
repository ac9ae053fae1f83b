"""Request validation against the official TMF622 v4 definitions (copied verbatim into specs/).

Every problem is reported at once, each with its JSON pointer and a message that names the item and the field
and quotes a short excerpt of the value (api.tmf.messages). Schema violations are a 400; a body that fits the
schema but names an unknown ``@type`` / ``@baseType`` or a ``@schemaLocation`` that is not an http(s) URL
(api.tmf.polymorphism) is a 422.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator

from api.errors import ApiError
from api.tmf.messages import message_of, pointer
from api.tmf.polymorphism import polymorphism_problems

SPECS = Path(__file__).parent / "specs"
SPEC = "TMF622-ProductOrder-v4.0.0.swagger.json"
SHOWN = 5  # problems the summary message quotes (``details`` lists them all)


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
