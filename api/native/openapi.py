"""The OpenAPI document of the native API, built from the routes themselves (nothing to keep in sync).

Every ``/api/v1`` rule becomes a path with its methods; the summary is the view's docstring (first
line), path parameters come from the rule, request bodies and query parameters from
``api.native.openapi_requests``, and each operation names the permission it needs.
"""
from __future__ import annotations

import re

from flask import Flask

from api.contract import contract_of
from api.contract.schema import Components, query_parameters
from api.native.openapi_requests import QUERY_PARAMETERS, REQUIRED_QUERY, request_bodies

PROBLEM = {"description": "problem+json (RFC 9457)",
           "content": {"application/problem+json": {"schema": {
               "type": "object", "required": ["type", "title", "status"],
               "properties": {"type": {"type": "string"}, "title": {"type": "string"},
                              "status": {"type": "integer", "minimum": 400, "maximum": 599},
                              "detail": {"type": "string"}, "errors": {"type": "array"}}}}}}
PARAMETER = re.compile(r"<(?:(?P<converter>[a-z]+):)?(?P<name>\w+)>")
SUCCESS = {"get": ("200",), "post": ("200", "201", "204"), "put": ("200",), "patch": ("200",), "delete": ("204",)}
COUNT_HEADER = {"description": "items matching in all / on this page", "schema": {"type": "integer", "minimum": 0}}
NOT_MODIFIED = {"304": {"description": "not modified (If-None-Match named the current ETag)"}}
PRECONDITION = {"412": PROBLEM, "428": PROBLEM}
ERRORS = ("400", "401", "403", "404", "405", "409", "422", "429", "503")


def build_openapi(app: Flask) -> dict:
    paths: dict[str, dict] = {}
    bodies = request_bodies()
    components = Components()
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith("/api/v1"):
            continue
        view = app.view_functions[rule.endpoint]
        path = PARAMETER.sub(lambda m: "{" + m.group("name") + "}", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(rule, view, method.lower(),
                                                                    bodies.get(rule.endpoint), components)
    return {"openapi": "3.1.0",
            "info": {"title": "Ordo native API", "version": "0.1.0",
                     "description": "Studio, workspace, fallout, jeopardy, events and admin endpoints. "
                                    "TM Forum APIs live under /tmf-api/. Authenticate with a bearer token "
                                    "(`ordo user token`) or a session (POST /api/v1/auth/login)."},
            "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
                           "schemas": dict(sorted(components.schemas.items()))},
            "security": [{"bearer": []}],
            "paths": paths}


def _operation(rule, view, method: str, body: dict | None, components: Components) -> dict:
    doc = (view.__doc__ or rule.endpoint.replace("_", " ")).strip().splitlines()[0]
    contract = contract_of(view)
    parameters = [{"name": m.group("name"), "in": "path", "required": True,
                   "schema": {"type": "integer", "minimum": 0} if m.group("converter") == "int"
                   else {"type": "string", "minLength": 1}}
                  for m in PARAMETER.finditer(rule.rule)]
    if contract is not None:
        parameters += query_parameters(contract.query) if contract.query else []
        body = components.schema(contract.body, "validation") if contract.body is not None else None
        responses = _responses(contract, components)
    else:
        required = REQUIRED_QUERY.get(rule.endpoint, ())
        parameters += [{"name": name, "in": "query", "required": name in required, "schema": schema}
                       for name, schema in QUERY_PARAMETERS.get(rule.endpoint, {}).items()]
        responses = {status: {"description": "no content" if status == "204" else "ok"}
                     for status in SUCCESS.get(method, ("200",))}
    operation = {"operationId": rule.endpoint.replace(".", "_"), "summary": doc,
                 "x-permission": getattr(view, "required_permission", None),
                 "responses": {**responses, **dict.fromkeys(ERRORS, PROBLEM)}}
    if contract is not None and contract.etag:
        operation["responses"].update(PRECONDITION if method != "get" else NOT_MODIFIED)
    if parameters:
        operation["parameters"] = parameters
    if body is not None:
        operation["requestBody"] = {"required": contract is None or _has_required(body, components),
                                    "content": {"application/json": {"schema": body}}}
        operation["responses"]["415"] = PROBLEM
    return operation


def _responses(contract, components: Components) -> dict:
    """The success response of a contract: its schema, and the list and ETag headers it sends."""
    status = str(contract.status)
    if contract.response is None:
        return {"204" if status == "200" else status: {"description": "no content"}}
    if contract.produces:
        return {status: {"description": "ok", "content": {media: {"schema": {"type": "string"}}
                                                          for media in contract.produces}}}
    schema = components.schema(contract.response, "serialization")
    headers = {}
    if contract.paged:
        headers.update({"X-Total-Count": COUNT_HEADER, "X-Result-Count": COUNT_HEADER})
    if contract.etag:
        headers["ETag"] = {"description": "strong ETag of the representation", "schema": {"type": "string"}}
    answer = {"description": "ok", "content": {"application/json": {"schema": schema}}}
    if headers:
        answer["headers"] = headers
    return {status: answer}


def _has_required(schema: dict, components: Components) -> bool:
    """Whether a body must be sent: an empty body reads as ``{}``, enough when nothing is required."""
    if "$ref" in schema:
        schema = components.schemas[schema["$ref"].rsplit("/", 1)[1]]
    return bool(schema.get("required")) or schema.get("type") not in ("object", None)
