"""Serves the built front end (frontend/dist): the hashed files at /assets/ (cached for a year), and the app's
``index.html`` at / and at every other path the server does not own, so a page of the single-page app
(/studio/artifacts/approval.policy) can be reloaded and bookmarked. ``index.html`` is never cached: a new
build is picked up on the next load. Text assets (scripts, styles, SVG) go gzip-compressed to browsers that accept
it, compressed once per file and kept in memory (the names are content hashes, so a file never changes). Paths under the server's own prefixes (SERVER_PREFIXES) never get the
app: an unknown /api/... path stays a problem+json 404 (a TMF Error under /tmf-api/)."""
from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, request, send_from_directory
from werkzeug.routing import PathConverter
from werkzeug.security import safe_join

bp = Blueprint("frontend", __name__)
COMPRESSIBLE = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json",
                ".map": "application/json", ".wasm": "application/wasm"}
YEAR = 31536000
SERVER_PREFIXES = ("api", "tmf-api", "assets", "metrics")  # the first path segments the server owns
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
    """A built asset, cached for a year; gzip-compressed when it is text and the browser accepts gzip."""
    folder = _dist() / "assets"
    found = safe_join(str(folder), filename)
    kind = COMPRESSIBLE.get(Path(filename).suffix)
    if kind is None or found is None or "gzip" not in request.accept_encodings or not Path(found).is_file():
        return send_from_directory(folder, filename, max_age=YEAR)
    stat = Path(found).stat()
    response = Response(_gzipped(found, stat.st_mtime_ns, stat.st_size), mimetype=kind)
    response.headers.update({"Content-Encoding": "gzip", "Vary": "Accept-Encoding",
                             "Cache-Control": f"public, max-age={YEAR}, immutable"})
    return response


@lru_cache(maxsize=512)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """The file compressed (keyed on its modification time and size too, so a rebuilt file is compressed anew)."""
    try:
        return gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0)
    except OSError:
        abort(404)
