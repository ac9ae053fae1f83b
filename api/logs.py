"""Log format: human lines by default (``make run``), or one JSON object per line for a log pipeline.

``ORDO_LOG_FORMAT=json`` makes every line ``{"timestamp", "level", "logger", "message", …}`` plus the
request id, order id, job id and actor bound where it was logged (``engine.log_context``), and the API logs
one line per request (method, route template, status, duration). Each request gets an id, from a sane
``X-Request-Id`` header or a new one, returned in the ``X-Request-Id`` response header. With tracing on
(``engine.tracing``) the same hooks open, annotate and end each request's SERVER span.
"""
from __future__ import annotations

import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, Response, g, request

from engine import log_context, tracing  # log_context also makes every log record take the bound fields
from engine.settings import variable

HUMAN = "%(asctime)s %(name)s %(levelname)s %(message)s"
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
access = logging.getLogger("ordo.request")


def json_format() -> bool:
    return (variable("ORDO_LOG_FORMAT") or "human").strip().lower() == "json"


class JsonFormatter(logging.Formatter):
    """One JSON object per record, with the fields bound in its context."""

    def format(self, record: logging.LogRecord) -> str:
        line = {"timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                "level": record.levelname, "logger": record.name, "message": record.getMessage(),
                **getattr(record, "ordo_context", {}), **getattr(record, "fields", {})}
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


def configure() -> None:
    """Set up the root logger for ``ordo serve`` and ``ordo worker`` (human or JSON, at INFO)."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if json_format() else logging.Formatter(HUMAN))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


def install(app: Flask) -> None:
    """Give every request an id (bound for its log lines, echoed in ``X-Request-Id``), in JSON mode a line, and
    when tracing is on a span."""
    app.before_request(_begin)
    app.after_request(_end)
    app.teardown_request(_unbind)


def _begin() -> None:
    given = request.headers.get("X-Request-Id", "")
    g.ordo_request_id = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
    g.ordo_request_began = time.perf_counter()
    g.ordo_log_token = log_context.bind(request_id=g.ordo_request_id)
    if tracing.enabled():
        g.ordo_span = tracing.start_request(
            request.method, request.url_rule.rule if request.url_rule is not None else None, request.headers,
            g.ordo_request_id, (request.view_args or {}).get("order_id"))


def _end(response: Response) -> Response:
    request_id = g.get("ordo_request_id")
    if request_id:
        response.headers["X-Request-Id"] = request_id
    tracing.end_request(g.get("ordo_span"), response.status_code)
    if json_format() and g.get("ordo_request_began") is not None:
        route = request.url_rule.rule if request.url_rule is not None else "unmatched"
        access.info("%s %s %s", request.method, route, response.status_code, extra={"fields": {
            "method": request.method, "route": route, "status": response.status_code, "actor": g.get("actor"),
            "duration_ms": round((time.perf_counter() - g.ordo_request_began) * 1000, 1)}})
    return response


def _unbind(error=None) -> None:
    tracing.close_request(g.pop("ordo_span", None), error)
    token = g.pop("ordo_log_token", None)
    if token is not None:
        try:
            log_context.unbind(token)
        except ValueError:  # bound in another context (a streamed response finishing elsewhere)
            pass
