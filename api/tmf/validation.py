"""Request validation against the official TMF622 v4 definitions (copied verbatim into specs/)."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator

from api.errors import ApiError

SPECS = Path(__file__).parent / "specs"


@cache
def _validator(spec_file: str, definition: str) -> Draft4Validator:
    spec = json.loads((SPECS / spec_file).read_text())
    schema = {"$ref": f"#/definitions/{definition}", "definitions": spec["definitions"]}
    return Draft4Validator(schema)


def pointer(path) -> str:
    return "/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in path) if path else ""


def validate_tmf(body, spec_file: str, definition: str) -> None:
    """Raise a 400 ApiError listing every schema violation with its JSON pointer."""
    if not isinstance(body, dict):
        raise ApiError(400, "Bad Request", f"the body must be a JSON object ({definition})")
    errors = sorted(_validator(spec_file, definition).iter_errors(body), key=lambda e: list(e.absolute_path))
    if errors:
        details = [{"pointer": pointer(e.absolute_path), "message": e.message} for e in errors]
        summary = "; ".join(f"{d['pointer'] or '/'}: {d['message']}" for d in details[:5])
        raise ApiError(400, "Bad Request", f"not a valid {definition}: {summary}", details)
