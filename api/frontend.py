"""Serves the built front end (frontend/dist) at / and /assets/."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, send_from_directory

bp = Blueprint("frontend", __name__)
NOT_BUILT = ("<!doctype html><title>Ordo</title><h1>Ordo — order management</h1>"
             "<p>The front end is not built yet: run <code>npm ci && npm run build</code> "
             "(or <code>make run</code>). The APIs are live: <a href='/api/v1/openapi.json'>native API</a>, "
             "<a href='/tmf-api/productOrderingManagement/v4/productOrder'>TMF622</a>.</p>")


def _dist() -> Path:
    return Path(current_app.config["FRONTEND_DIST"])


@bp.get("/")
def index():
    if not (_dist() / "index.html").exists():
        return NOT_BUILT
    return send_from_directory(_dist(), "index.html")


@bp.get("/assets/<path:filename>")
def assets(filename: str):
    return send_from_directory(_dist() / "assets", filename, max_age=31536000)
