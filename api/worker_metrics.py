"""``ordo worker --metrics-port``: the worker's own figures (``engine.instruments``: job and stage
durations, the running job's age) over HTTP at ``/metrics``, for Prometheus to scrape each worker.

It answers only with the metrics token (``ORDO_METRICS_TOKEN``) once one is set; without a token it listens on a
loopback address only, so nothing outside the machine reads it unasked."""
from __future__ import annotations

import logging
import threading
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from api.native.health import METRICS_TOKEN, is_metrics_token
from engine.instruments import REGISTRY
from engine.settings import variable

log = logging.getLogger("ordo.worker")


class NeedsToken(ValueError):
    """A metrics address beyond this machine without ORDO_METRICS_TOKEN."""


def app(environ, start_response):
    """The WSGI app: GET /metrics with the token when one is set; 404 elsewhere, 405 for other methods."""
    if environ.get("PATH_INFO") != "/metrics":
        return _answer(start_response, "404 Not Found", b"only /metrics here\n")
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return _answer(start_response, "405 Method Not Allowed", b"GET /metrics\n", [("Allow", "GET, HEAD")])
    if variable(METRICS_TOKEN) and not is_metrics_token(environ.get("HTTP_AUTHORIZATION", "")):
        return _answer(start_response, "401 Unauthorized", b"the metrics token is needed\n",
                       [("WWW-Authenticate", 'Bearer realm="ordo-metrics"')])
    body = generate_latest(REGISTRY)
    start_response("200 OK", [("Content-Type", CONTENT_TYPE_LATEST), ("Content-Length", str(len(body)))])
    return [body]


def _answer(start_response, status: str, body: bytes, headers=()):
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), *headers])
    return [body]


class _Quiet(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        log.debug("metrics: " + format, *args)


def serve_in_background(host: str, port: int, loopback: bool) -> WSGIServer:
    """Start answering /metrics on ``host:port`` in a daemon thread; returns the server (``server_port`` is the
    port bound, for port 0). Raises NeedsToken for a non-loopback host without ORDO_METRICS_TOKEN."""
    if not loopback and not variable(METRICS_TOKEN):
        raise NeedsToken(f"--metrics-host {host} reaches beyond this machine: set ORDO_METRICS_TOKEN first (or "
                         "listen on 127.0.0.1)")
    server = make_server(host, port, app, handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, name="ordo-metrics", daemon=True).start()
    return server
