"""The one body parser of the native API: content type, JSON syntax, then the declared schema."""
from __future__ import annotations

import json
from functools import cache
from typing import Any

from flask import request
from jsonschema import Draft202012Validator
from pydantic import BaseModel, ValidationError

from api.errors import ApiError
from engine.kinds.base.issues import pointer


def raw_json() -> Any:
    """The request body as JSON (an empty body is ``{}``): 415 for another content type, 400 for bad JSON."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        return {}
    if not request.is_json:
        raise ApiError(415, "Unsupported Media Type",
                       f"send the body as application/json (Content-Type was {request.mimetype or 'missing'!r})")
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ApiError(400, "Bad Request", f"the body is not UTF-8 (byte {error.start})") from error
    except json.JSONDecodeError as error:
        raise ApiError(400, "Bad Request", f"the body is not JSON: {error.msg} at line {error.lineno} column "
                                           f"{error.colno}",
                       [{"line": error.lineno, "column": error.colno, "message": error.msg}]) from error


def read_body(spec: type[BaseModel] | dict) -> Any:
    """The request body validated against ``spec`` (a ``Model`` class or a JSON Schema dict): 422 with a JSON
    pointer per problem, all problems at once."""
    data = raw_json()
    if isinstance(spec, dict):
        problems = schema_problems(_validator(json.dumps(spec, sort_keys=True)), data)
        if problems:
            raise ApiError(422, "Unprocessable Content", "the body does not match its schema", problems)
        return data
    try:
        return spec.model_validate(data)
    except ValidationError as error:
        raise ApiError(422, "Unprocessable Content", "the body does not match its schema",
                       pydantic_problems(error)) from error


@cache
def _validator(schema_json: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_json))


def schema_problems(validator: Draft202012Validator, data: Any) -> list[dict]:
    return [{"pointer": pointer(*error.absolute_path), "code": f"schema.{error.validator}",
             "message": error.message}
            for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))]


def pydantic_problems(error: ValidationError, where: str = "pointer") -> list[dict]:
    """Pydantic's errors as problem entries: a JSON pointer (or a query ``parameter``), a code, a message."""
    problems = []
    for item in error.errors(include_url=False):
        location = pointer(*item["loc"]) if where == "pointer" else ".".join(map(str, item["loc"]))
        problems.append({where: location, "code": f"schema.{item['type']}", "message": item["msg"]})
    return problems
