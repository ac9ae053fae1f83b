"""The parts of the native OpenAPI document that every operation shares: how to authenticate, the problem+json
error responses, and the tags (one per blueprint)."""
from __future__ import annotations

import sys

from flask import Flask

from api.auth.sessions import CSRF_HEADER
from api.permissions import PERMISSIONS, PUBLIC

PROBLEM_REF = {"$ref": "#/components/schemas/ProblemDetails"}
SCHEMAS = {
    "ProblemDetails": {
        "type": "object", "required": ["type", "title", "status"],
        "description": "An error (RFC 9457 problem details).",
        "properties": {"type": {"type": "string"}, "title": {"type": "string"},
                       "status": {"type": "integer", "minimum": 400, "maximum": 599},
                       "detail": {"type": "string"},
                       "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ProblemDetailsError"},
                                  "description": "every problem found, each saying where"}}},
    "ProblemDetailsError": {
        "type": "object",
        "description": "One problem: where it is (a JSON pointer into the body, a query parameter or a header) "
                       "and what is wrong.",
        "properties": {"pointer": {"type": "string"}, "parameter": {"type": "string"},
                       "header": {"type": "string"}, "line": {"type": "integer"}, "column": {"type": "integer"},
                       "code": {"type": "string"}, "message": {"type": "string"}}},
}
ERRORS = {
    "400": ("BadRequest", "the request is malformed: JSON syntax (line and column), a query parameter or a path"),
    "401": ("Unauthorized", "no credentials, or they are wrong or expired"),
    "403": ("Forbidden", f"the caller's role lacks the permission, or {CSRF_HEADER} is missing or wrong"),
    "404": ("NotFound", "no such resource"),
    "405": ("MethodNotAllowed", "the path does not take this method"),
    "409": ("Conflict", "the request does not fit the resource's current state"),
    "412": ("PreconditionFailed", "If-Match names a stale ETag: GET the resource again and redo the change"),
    "413": ("ContentTooLarge", "the body is larger than this endpoint takes"),
    "415": ("UnsupportedMediaType", "the body is not of a media type the endpoint reads (application/json unless "
                                    "it declares others)"),
    "422": ("UnprocessableContent", "the body does not match its schema or the rules; `errors` points at each "
                                    "problem"),
    "428": ("PreconditionRequired", "send If-Match with the ETag of the representation you changed"),
    "429": ("TooManyRequests", "too many attempts: wait for Retry-After seconds"),
    "503": ("ServiceUnavailable", "a system Ordo depends on is down"),
}
ALWAYS = ("400", "401", "403", "404", "405", "409", "422", "429", "503")
SAFE = frozenset({"get", "head", "options"})


def error_responses(statuses) -> dict:
    """References to the shared problem+json responses of ``statuses``."""
    return {status: {"$ref": f"#/components/responses/{ERRORS[status][0]}"} for status in statuses}


def shared_responses() -> dict:
    return {name: {"description": description, "content": {"application/problem+json": {"schema": PROBLEM_REF}}}
            for name, description in ERRORS.values()}


def security_schemes(app: Flask) -> dict:
    """A bearer token, or the session cookie with the CSRF header on every change (api/auth)."""
    cookie = app.config.get("SESSION_COOKIE_NAME") or "session"
    return {
        "bearer": {"type": "http", "scheme": "bearer",
                   "description": "An API token: `ordo user token`, or POST /api/v1/auth/tokens."},
        "session": {"type": "apiKey", "in": "cookie", "name": cookie,
                    "description": "The browser session that POST /api/v1/auth/login starts (HttpOnly, "
                                   "SameSite=Lax). Changes made with it also need the CSRF header."},
        "csrf": {"type": "apiKey", "in": "header", "name": CSRF_HEADER,
                 "description": "The `csrfToken` of the login answer or of GET /api/v1/auth/me; required with "
                                "the session cookie on POST, PUT, PATCH and DELETE."},
    }


def security(permission: str | None, method: str) -> list[dict] | None:
    """The operation's security requirement: none for public ones, the CSRF header with a session's changes;
    ``None`` when the document-wide default (bearer or session) applies."""
    if permission in PUBLIC:
        return []
    if method in SAFE:
        return None
    return [{"bearer": []}, {"session": [], "csrf": []}]


def permission_text(permission: str | None) -> str | None:
    if permission is None:
        return None
    if permission in PUBLIC:
        return f"Public (permission `{permission}`: {PERMISSIONS[permission]})."
    return f"Needs permission `{permission}`: {PERMISSIONS.get(permission, '')}."


def tag_of(endpoint: str) -> str:
    return endpoint.split(".", 1)[0] if "." in endpoint else "app"


def tags(app: Flask, used: set[str]) -> list[dict]:
    """One tag per blueprint that has operations, described by its module's docstring (first line)."""
    found = []
    for name in sorted(used):
        blueprint = app.blueprints.get(name)
        module = sys.modules.get(blueprint.import_name) if blueprint else None
        doc = (module.__doc__ or "").strip().splitlines() if module else []
        found.append({"name": name, "description": doc[0]} if doc else {"name": name})
    return found
