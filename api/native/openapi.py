"""The OpenAPI document of the native API, built from the routes themselves (nothing to keep in sync).

Every ``/api/v1`` rule becomes a path with its methods; the summary is the view's docstring (first
line), path parameters come from the rule, request bodies and query parameters from
``api.native.openapi_requests``, and each operation names the permission it needs.
"""
from __future__ import annotations

import re

from flask import Flask

from api.native.openapi_requests import QUERY_PARAMETERS, REQUIRED_QUERY, request_bodies

PROBLEM = {"description": "problem+json (RFC 9457)",
           "content": {"application/problem+json": {"schema": {
               "type": "object", "required": ["type", "title", "status"],
               "properties": {"type": {"type": "string"}, "title": {"type": "string"},
                              "status": {"type": "integer", "minimum": 400, "maximum": 599},
                              "detail": {"type": "string"}, "errors": {"type": "array"}}}}}}
PARAMETER = re.compile(r"<(?:(?P<converter>[a-z]+):)?(?P<name>\w+)>")
SUCCESS = {"get": ("200",), "post": ("200", "201", "204"), "put": ("200",), "patch": ("200",), "delete": ("204",)}
ERRORS = ("400", "401", "403", "404", "405", "409", "422", "429", "503")


def build_openapi(app: Flask) -> dict:
    paths: dict[str, dict] = {}
    bodies = request_bodies()
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith("/api/v1"):
            continue
        view = app.view_functions[rule.endpoint]
        path = PARAMETER.sub(lambda m: "{" + m.group("name") + "}", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(rule, view, method.lower(),
                                                                    bodies.get(rule.endpoint))
    return {"openapi": "3.1.0",
            "info": {"title": "Ordo native API", "version": "0.1.0",
                     "description": "Studio, workspace, fallout, jeopardy, events and admin endpoints. "
                                    "TM Forum APIs live under /tmf-api/. Authenticate with a bearer token "
                                    "(`ordo user token`) or a session (POST /api/v1/auth/login)."},
            "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
            "security": [{"bearer": []}],
            "paths": paths}


def _operation(rule, view, method: str, body: dict | None) -> dict:
    doc = (view.__doc__ or rule.endpoint.replace("_", " ")).strip().splitlines()[0]
    parameters = [{"name": m.group("name"), "in": "path", "required": True,
                   "schema": {"type": "integer", "minimum": 0} if m.group("converter") == "int"
                   else {"type": "string", "minLength": 1}}
                  for m in PARAMETER.finditer(rule.rule)]
    required = REQUIRED_QUERY.get(rule.endpoint, ())
    parameters += [{"name": name, "in": "query", "required": name in required, "schema": schema}
                   for name, schema in QUERY_PARAMETERS.get(rule.endpoint, {}).items()]
    responses = {status: {"description": "no content" if status == "204" else "ok"}
                 for status in SUCCESS.get(method, ("200",))}
    operation = {"operationId": rule.endpoint.replace(".", "_"), "summary": doc,
                 "x-permission": getattr(view, "required_permission", None),
                 "responses": {**responses, **dict.fromkeys(ERRORS, PROBLEM)}}
    if parameters:
        operation["parameters"] = parameters
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    return operation
