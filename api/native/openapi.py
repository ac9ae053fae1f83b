"""The OpenAPI document of the native API, built from the routes themselves (nothing to keep in sync).

Every ``/api/v1`` rule becomes a path with its methods; the summary is the view's docstring (first
line), path parameters come from the rule, and each operation names the permission it needs.
"""
from __future__ import annotations

import re

from flask import Flask

PROBLEM = {"description": "problem+json (RFC 9457)",
           "content": {"application/problem+json": {"schema": {"type": "object"}}}}
PARAMETER = re.compile(r"<(?:(?P<converter>[a-z]+):)?(?P<name>\w+)>")


def build_openapi(app: Flask) -> dict:
    paths: dict[str, dict] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith("/api/v1"):
            continue
        view = app.view_functions[rule.endpoint]
        path = PARAMETER.sub(lambda m: "{" + m.group("name") + "}", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(rule, view)
    return {"openapi": "3.1.0",
            "info": {"title": "Ordo native API", "version": "0.1.0",
                     "description": "Studio, workspace, fallout, jeopardy, events and admin endpoints. "
                                    "TM Forum APIs live under /tmf-api/. Authenticate with a bearer token "
                                    "(`ordo user token`) or a session (POST /api/v1/auth/login)."},
            "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
            "security": [{"bearer": []}],
            "paths": paths}


def _operation(rule, view) -> dict:
    doc = (view.__doc__ or rule.endpoint.replace("_", " ")).strip().splitlines()[0]
    parameters = [{"name": m.group("name"), "in": "path", "required": True,
                   "schema": {"type": "integer" if m.group("converter") == "int" else "string"}}
                  for m in PARAMETER.finditer(rule.rule)]
    operation = {"operationId": rule.endpoint.replace(".", "_"), "summary": doc,
                 "x-permission": getattr(view, "required_permission", None),
                 "responses": {"200": {"description": "ok"}, "400": PROBLEM, "401": PROBLEM, "403": PROBLEM,
                               "404": PROBLEM}}
    if parameters:
        operation["parameters"] = parameters
    return operation
