"""The shape of an order request: the official TMF622 v4 definitions (copied verbatim into ``specs/``).

One check for every way an order comes in (the TMF622 and native APIs, bulk imports), so none is a back door.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator

SPECS = Path(__file__).with_name("specs")
TMF622_V4 = "TMF622-ProductOrder-v4.0.0.swagger.json"


@cache
def validator(spec_file: str, definition: str) -> Draft4Validator:
    """The JSON Schema validator of ``definition`` in the official spec ``spec_file``."""
    spec = json.loads((SPECS / spec_file).read_text())
    return Draft4Validator({"$ref": f"#/definitions/{definition}", "definitions": spec["definitions"]})


def pointer(path) -> str:
    """The JSON pointer of a jsonschema error path."""
    return "/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in path) if path else ""


def shape_problems(body: object, spec_file: str = TMF622_V4, definition: str = "ProductOrder_Create") -> list[dict]:
    """Every schema violation of ``body`` as ``{"pointer", "message"}``, in document order (empty: valid)."""
    if not isinstance(body, dict):
        return [{"pointer": "", "message": f"the body must be a JSON object ({definition})"}]
    errors = sorted(validator(spec_file, definition).iter_errors(body), key=lambda e: list(e.absolute_path))
    return [{"pointer": pointer(e.absolute_path), "message": e.message} for e in errors]
