"""Native API basics: health, the status of the periodic jobs, and the OpenAPI document."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app
from sqlalchemy import text

from api.contract import endpoint
from api.native.openapi import build_openapi
from api.permissions import requires
from api.read.admin import ActivePackRef, HealthView, PeriodicJobQuery, PeriodicJobView, job_page
from api.runtime import runtime
from engine.runtime.jobs import periodic
from engine.runtime.packs import NoActivePack, active_pack

bp = Blueprint("native_health", __name__, url_prefix="/api/v1")


@bp.get("/health")
@requires("system.health")
@endpoint(response=HealthView)
def health() -> HealthView:
    """The service answers and reaches its database; which pack is active."""
    with runtime().reading() as session:
        session.execute(text("SELECT 1"))
        try:
            pack = active_pack(session)
            active = ActivePackRef(key=pack.key, version=pack.version)
        except NoActivePack:
            active = None
    return HealthView(status="ok", database=runtime().engine.dialect.name, active_pack=active)


@bp.get("/admin/periodic-jobs")
@requires("periodic.read")
@endpoint(query=PeriodicJobQuery, response=list[PeriodicJobView], paged=True)
def periodic_jobs(query: PeriodicJobQuery):
    """Each periodic job (jeopardy scan, watchdog): last run and success, last error, consecutive failures."""
    with runtime().reading() as session:
        return job_page(session, query, periodic.registered())


@bp.get("/openapi.json")
@requires("system.health")
@endpoint(response=dict[str, Any])
def openapi() -> dict[str, Any]:
    """This document: every native endpoint, its methods, parameters and the permission it needs."""
    document = current_app.extensions.get("ordo.openapi")
    if document is None:  # the routes cannot change once the app serves: built once, on first request
        document = current_app.extensions["ordo.openapi"] = build_openapi(current_app)
    return document
