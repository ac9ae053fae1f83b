"""The OpenAPI 3.1 document of the native API, built from the routes themselves (nothing to keep in sync).

Every ``/api/v1`` rule becomes a path with its methods; the summary is the view's docstring (first line), path
parameters come from the rule, request, query and response schemas from the view's ``@endpoint`` contract (a test
requires one on every native view); each
operation names the permission it needs (``x-permission``), its blueprint (tag) and how to authenticate.

``python -m api.native.openapi`` writes the committed copy (``api/openapi.json``, what the front end's client
is generated from) without a database; ``make openapi`` runs it.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from flask import Flask

from api.contract import contract_of
from api.contract.schema import Components, query_parameters
from api.native.openapi_common import (
    ALWAYS,
    SCHEMAS,
    error_responses,
    permission_text,
    security,
    security_schemes,
    shared_responses,
    tag_of,
    tags,
)

COMMITTED = Path(__file__).resolve().parents[1] / "openapi.json"
PARAMETER = re.compile(r"<(?:(?P<converter>[a-z]+):)?(?P<name>\w+)>")
SUCCESS = {"get": ("200",), "post": ("200", "201", "204"), "put": ("200",), "patch": ("200",), "delete": ("204",)}
COUNT = {"type": "integer", "minimum": 0}
PAGE_HEADERS = {"X-Total-Count": {"description": "how many items match in all", "schema": COUNT},
                "X-Result-Count": {"description": "how many items this page holds", "schema": COUNT}}
NOT_MODIFIED = {"304": {"description": "not modified (If-None-Match named the current ETag)"}}
CONDITIONS = {
    "get": {"name": "If-None-Match", "in": "header", "required": False, "schema": {"type": "string"},
            "description": "the ETag you hold: 304 Not Modified while it is current"},
    "write": {"name": "If-Match", "in": "header", "required": False, "schema": {"type": "string"},
              "description": "the ETag of the representation you changed; where the change is guarded "
                             "(optimistic locking) 428 without it, 412 when it is stale"},
}
DESCRIPTION = ("Studio, workspace, fallout, jeopardy, events and admin endpoints; TM Forum APIs live under "
               "/tmf-api/. Authenticate with a bearer token (`ordo user token`) or a session (POST "
               "/api/v1/auth/login; changes then also send the X-CSRF-Token header). Errors are problem+json. "
               "Lists answer a JSON array with X-Total-Count and X-Result-Count.")


def build_openapi(app: Flask) -> dict:
    """The document of ``app``'s ``/api/v1`` routes (the app need not be connected to a database)."""
    paths: dict[str, dict] = {}
    components = Components()
    for name, schema in SCHEMAS.items():
        components.define(name, schema)
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        if not rule.rule.startswith("/api/v1"):
            continue
        view = app.view_functions[rule.endpoint]
        path = PARAMETER.sub(lambda m: "{" + m.group("name") + "}", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(rule, view, method.lower(), components)
    used = {operation["tags"][0] for operations in paths.values() for operation in operations.values()}
    return {"openapi": "3.1.0",
            "info": {"title": "Ordo native API", "version": "0.1.0", "description": DESCRIPTION},
            "tags": tags(app, used),
            "components": {"securitySchemes": security_schemes(app),
                           "responses": shared_responses(),
                           "schemas": dict(sorted(components.schemas.items()))},
            "security": [{"bearer": []}, {"session": []}],
            "paths": paths}


def operation_id(endpoint: str, method: str, methods: set[str]) -> str:
    """``<blueprint>_<view>``, with ``_<method>`` when one view answers several methods: stable while the view
    keeps its name."""
    base = endpoint.replace(".", "_")
    return base if len(methods - {"HEAD", "OPTIONS"}) == 1 else f"{base}_{method}"


def _operation(rule, view, method: str, components: Components) -> dict:
    doc = (view.__doc__ or rule.endpoint.replace("_", " ")).strip().splitlines()[0]
    contract = contract_of(view)
    permission = getattr(view, "required_permission", None)
    parameters = _path_parameters(rule.rule)
    body = None
    if contract is not None:
        parameters += query_parameters(contract.query) if contract.query else []
        body = components.schema(contract.body, "validation") if contract.body is not None else None
        responses = _responses(contract, components)
    else:  # not on the contract (test_every_native_endpoint_declares_its_contract fails): described bare
        responses = {status: {"description": "no content" if status == "204" else "ok"}
                     for status in SUCCESS.get(method, ("200",))}
    responses.update(error_responses(ALWAYS))
    if contract is not None and contract.etag:
        responses.update(NOT_MODIFIED if method == "get" else error_responses(("412", "428")))
        parameters.append(CONDITIONS["get" if method == "get" else "write"])
    request_body = _request_body(contract, body, components)
    if request_body is not None:
        responses.update(error_responses(("413", "415") if contract is not None and contract.consumes else ("415",)))
    operation = {"operationId": operation_id(rule.endpoint, method, rule.methods), "summary": doc,
                 "description": permission_text(permission), "tags": [tag_of(rule.endpoint)],
                 "x-permission": permission, "security": security(permission, method),
                 "parameters": parameters or None, "requestBody": request_body,
                 "responses": dict(sorted(responses.items()))}
    return {key: value for key, value in operation.items() if value is not None or key == "x-permission"}


def _path_parameters(rule: str) -> list[dict]:
    return [{"name": m.group("name"), "in": "path", "required": True,
             "schema": {"type": "integer", "minimum": 0} if m.group("converter") == "int"
             else {"type": "string", "minLength": 1}}
            for m in PARAMETER.finditer(rule)]


def _request_body(contract, body: dict | None, components: Components) -> dict | None:
    """A raw upload (``consumes``: a binary body of each media type) or the JSON body's schema."""
    if contract is not None and contract.consumes:
        return {"required": True, "content": {media: {"schema": _upload_schema(media)} for media in contract.consumes}}
    if body is None:
        return None
    return {"required": contract is None or _has_required(body, components),
            "content": {"application/json": {"schema": body}}}


def _upload_schema(media: str) -> dict:
    """A raw upload is the file itself; a multipart form carries it in its ``file`` part."""
    binary = {"type": "string", "format": "binary"}
    if media == "multipart/form-data":
        return {"type": "object", "required": ["file"], "properties": {"file": binary}}
    return binary


def _responses(contract, components: Components) -> dict:
    """The success response of a contract: its schema, and the list and ETag headers it sends."""
    status = str(contract.status)
    if contract.produces:
        return {status: {"description": "ok", "content": {media: {"schema": {"type": "string"}}
                                                          for media in contract.produces}}}
    if contract.response is None:
        return {"204" if status == "200" else status: {"description": "no content"}}
    schema = components.schema(contract.response, "serialization")
    headers = {}
    if contract.paged:
        headers.update(PAGE_HEADERS)
    if contract.etag:
        headers["ETag"] = {"description": "strong ETag of the representation", "schema": {"type": "string"}}
    answer = {"description": "ok", "content": {"application/json": {"schema": schema}}}
    if headers:
        answer["headers"] = headers
    return {str(code): answer for code in (contract.status, *contract.other_statuses)}


def _has_required(schema: dict, components: Components) -> bool:
    """Whether a body must be sent: an empty body reads as ``{}``, enough when nothing is required."""
    if "$ref" in schema:
        schema = components.schemas[schema["$ref"].rsplit("/", 1)[1]]
    return bool(schema.get("required")) or schema.get("type") not in ("object", None)


def document_text(document: dict) -> str:
    """The document as the committed file holds it: indented JSON, UTF-8, a final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def committed_document() -> str:
    """The document the code builds now, from an app that is not connected to any database."""
    from api.app import build_app  # api.app imports this module (through api.native.health)

    return document_text(build_openapi(build_app({"TESTING": True})))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m api.native.openapi",
                                     description="Write the native API's OpenAPI document (no database needed).")
    parser.add_argument("--out", default=str(COMMITTED), help=f"file to write, '-' for stdout (default {COMMITTED})")
    out = parser.parse_args(argv).out
    text = committed_document()
    if out == "-":
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
