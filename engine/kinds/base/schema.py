"""JSON Schema (draft 2020-12) loading and structural validation into issues."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

from .issues import Issue, pointer


@cache
def load_schema(path: Path) -> dict:
    """The JSON Schema stored at ``path``, checked against the draft 2020-12 meta-schema once."""
    schema = json.loads(Path(path).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return schema


@cache
def _validator(path: Path) -> Draft202012Validator:
    return Draft202012Validator(load_schema(path))


def schema_issues(path: Path, instance: object, prefix: str = "") -> list[Issue]:
    """Every structural problem of ``instance``, code ``schema.<keyword>``, pointers under ``prefix``."""
    errors = sorted(_validator(path).iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
    return [Issue(prefix + pointer(*error.absolute_path), f"schema.{error.validator}", error.message)
            for error in errors]
