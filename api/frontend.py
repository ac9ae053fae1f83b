"""Serves the built front end (frontend/dist): the hashed files at /assets/ (cached for a year), and the app's
``index.html`` at / and at every other path the server does not own, so a page of the single-page app
(/studio/artifacts/approval.policy) can be reloaded and bookmarked. ``index.html`` is never cached: a new
build is picked up on the next load. Paths under the server's own prefixes (SERVER_PREFIXES) never get the
app: an unknown /api/... path stays a problem+json 404 (a TMF Error under /tmf-api/)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, current_app, send_from_directory
from werkzeug.routing import PathConverter

bp = Blueprint("frontend", __name__)
SERVER_PREFIXES = ("api", "tmf-api", "assets")  # the first path segments that the API and the assets own
NOT_BUILT = ("<!doctype html><title>Ordo</title><h1>Ordo — order management</h1>"
             "<p>The front end is not built yet: run <code>npm ci && npm run build</code> "
             "(or <code>make run</code>). The APIs are live: <a href='/api/v1/openapi.json'>native API</a>, "
             "<a href='/tmf-api/productOrderingManagement/v4/productOrder'>TMF622</a>.</p>")


class AppPath(PathConverter):
    """A path of the single-page app: any path whose first segment is not one of SERVER_PREFIXES (so those
    paths never match the catch-all, and keep their own 404 and 405 answers). Registered by api.app."""

    regex = r"(?!(?:" + "|".join(SERVER_PREFIXES) + r")(?:/|$))[^/].*?"


def _dist() -> Path:
    return Path(current_app.config["FRONTEND_DIST"])


def _index() -> Response | str:
    if not (_dist() / "index.html").exists():
        return NOT_BUILT
    response = send_from_directory(_dist(), "index.html", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/")
def index():
    return _index()


@bp.get("/<app_path:path>")
def app_page(path: str):
    """A file at the top of dist (favicon.svg, robots.txt... copied from frontend/public) as it is; any other
    path is a page of the app."""
    if (_dist() / path).is_file() and "/" not in path:
        return send_from_directory(_dist(), path, max_age=3600)
    return _index()


@bp.get("/assets/<path:filename>")
def assets(filename: str):
    return send_from_directory(_dist() / "assets", filename, max_age=31536000)
