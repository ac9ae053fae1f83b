"""The JSON Schema of a decision table body and structural validation against it."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

from .errors import Issue, pointer_join

SCHEMA_PATH = Path(__file__).with_name("schema.json")


@cache
def body_schema() -> dict:
    """The decision table body JSON Schema (as a dict)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(body_schema())


def schema_issues(body: object) -> list[Issue]:
    """Every structural problem of ``body``, each as an Issue with code ``schema.<keyword>``."""
    errors = sorted(_validator().iter_errors(body), key=lambda e: list(e.absolute_path))
    return [Issue(pointer_join(*e.absolute_path), f"schema.{e.validator}", e.message) for e in errors]
