"""The JSON Schema of an event ruleset body and structural validation against it."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, ValidationError

from .errors import RuleError, join_pointer

SCHEMA_PATH = Path(__file__).with_name("schema.json")
REGISTRY_CHECKED = frozenset({"enum"})
CODES = {"type": "wrong_type", "minLength": "empty", "minItems": "empty"}


@cache
def body_schema() -> dict:
    """The JSON Schema of a ``jeopardy_rules`` / ``fallout_rules`` body."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(body_schema())


def structural_errors(body: object) -> list[RuleError]:
    """Errors of ``body`` against the schema (action names are left to the action registry)."""
    errors = []
    for error in _validator().iter_errors(body):
        if error.validator not in REGISTRY_CHECKED:
            errors.extend(_as_rule_errors(error))
    return sorted(errors, key=lambda e: e.pointer)


def _as_rule_errors(error: ValidationError) -> list[RuleError]:
    pointer = join_pointer("", *error.absolute_path)
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        return [RuleError(join_pointer(pointer, name), "missing_field", f"{name!r} is required")
                for name in missing]
    if error.validator == "additionalProperties":
        allowed = error.schema.get("properties", {})
        extra = [name for name in error.instance if name not in allowed]
        return [RuleError(join_pointer(pointer, name), "unknown_field", f"{name!r} is not allowed here")
                for name in extra]
    return [RuleError(pointer, CODES.get(error.validator, "invalid"), error.message)]
