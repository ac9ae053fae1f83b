"""Errors a caller can act on: each says what and where, so the API answers 404 / 409 / 422 with data."""
from __future__ import annotations

from dataclasses import asdict, is_dataclass


class OrdoError(Exception):
    status = 400
    title = "Bad Request"

    def __init__(self, message: str, *, errors: list | None = None, **context):
        super().__init__(message)
        self.message = message
        self.errors = [asdict(e) if is_dataclass(e) else e for e in (errors or [])]
        self.context = context


class NotFound(OrdoError):
    status, title = 404, "Not Found"


class Conflict(OrdoError):
    """The request does not fit the current state (a stale revision, an illegal lifecycle step)."""

    status, title = 409, "Conflict"


class Invalid(OrdoError):
    """The content is not acceptable: ``errors`` lists every issue with its pointer."""

    status, title = 422, "Unprocessable Content"


StudioError = OrdoError


class Forbidden(OrdoError):
    """The caller may use the endpoint but not on this object (another group's task, another role's approval)."""

    status, title = 403, "Forbidden"
