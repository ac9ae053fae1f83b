"""Error bodies: the TMF Error shape under /tmf-api, RFC 9457 problem+json elsewhere."""
from __future__ import annotations

from flask import Flask, current_app, jsonify, make_response, request
from werkzeug.exceptions import HTTPException

from engine.errors import OrdoError as StudioError
from engine.store.db import RETRY_AFTER_SECONDS, UNAVAILABLE


class ApiError(Exception):
    """An error the client can act on: status, a short reason, and details (e.g. JSON pointers)."""

    def __init__(self, status: int, reason: str, message: str = "", details: list | None = None):
        super().__init__(message or reason)
        self.status, self.reason, self.message, self.details = status, reason, message, details or []


def tmf_error(status: int, reason: str, message: str = "", details: list | None = None):
    body = {"code": str(status), "reason": reason, "message": message, "status": str(status), "@type": "Error"}
    if details:
        body["details"] = details
    return jsonify(body), status


def problem(status: int, title: str, detail: str = "", errors: list | None = None, extra: dict | None = None):
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    body.update(extra or {})
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def error_response(status: int, reason: str, message: str = "", details: list | None = None,
                   extra: dict | None = None):
    if request.path.startswith("/tmf-api/"):
        return tmf_error(status, reason, message, details)
    return problem(status, reason, message, details, extra)


def database_unavailable():
    """503 with ``Retry-After``: the database cannot be reached now (the details go to the log, not the client)."""
    response = make_response(error_response(503, "Service Unavailable", "the database is unavailable; retry in "
                                            f"{RETRY_AFTER_SECONDS} seconds"))
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def on_database_unavailable(error: Exception):
    current_app.logger.error("database unavailable on %s %s: %s", request.method, request.path,
                             type(error).__name__, exc_info=error)
    return database_unavailable()


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def on_api_error(error: ApiError):
        return error_response(error.status, error.reason, error.message, error.details)

    @app.errorhandler(StudioError)
    def on_studio_error(error: StudioError):
        return error_response(error.status, error.title, error.message, error.errors, error.context)

    @app.errorhandler(HTTPException)
    def on_http_error(error: HTTPException):
        return error_response(error.code or 500, error.name, error.description or "")

    for unavailable in UNAVAILABLE:
        app.register_error_handler(unavailable, on_database_unavailable)

    @app.errorhandler(Exception)
    def on_unexpected(error: Exception):
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "Internal Server Error", "an unexpected error occurred; it has been logged")
