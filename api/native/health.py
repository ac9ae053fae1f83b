"""Native API basics: health, the status of the periodic jobs, and the OpenAPI document."""
from __future__ import annotations

import hmac
from typing import Any

from flask import Blueprint, current_app, request
from sqlalchemy import text

from api.auth.identity import identify
from api.contract import endpoint
from api.errors import ApiError
from api.native.openapi import build_openapi
from api.permissions import requires
from api.read.admin import (
    ActivePackRef,
    HealthStatus,
    HealthView,
    PeriodicJobQuery,
    PeriodicJobView,
    job_page,
    periodic_summary,
    queue_depth,
)
from api.roles import allowed
from api.runtime import runtime
from engine.runtime.jobs import periodic
from engine.runtime.packs import NoActivePack, active_pack
from engine.settings import variable
from engine.store.db import RETRY_AFTER_SECONDS, UNAVAILABLE

bp = Blueprint("native_health", __name__, url_prefix="/api/v1")
DETAILS = "health.details"
METRICS_TOKEN = "ORDO_METRICS_TOKEN"


@bp.get("/health")
@requires("system.health")
@endpoint(response=HealthView | HealthStatus, other_statuses=(503,))
def health() -> HealthView | HealthStatus:
    """Up or down for anyone (503 with ``Retry-After`` when the database cannot be reached); the details —
    database, active pack, periodic jobs, job queue depth — for process admins and the metrics token."""
    try:
        with runtime().reading() as session:
            session.execute(text("SELECT 1"))
        if not may_see_details():
            return HealthStatus(status="ok")
        with runtime().reading() as session:
            return details(session)
    except UNAVAILABLE as error:
        current_app.logger.error("health: the database is unavailable: %s", type(error).__name__, exc_info=error)
        return HealthStatus(status="down"), 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def details(session) -> HealthView:
    try:
        pack = active_pack(session)
        active = ActivePackRef(key=pack.key, version=pack.version)
    except NoActivePack:
        active = None
    return HealthView(status="ok", database=runtime().engine.dialect.name, active_pack=active,
                      periodic_jobs=periodic_summary(session, periodic.registered()), queue=queue_depth(session))


def may_see_details() -> bool:
    """Open (development) apps, the metrics token, or a caller whose role may see them; a bad token sees none."""
    if not current_app.config.get("AUTH_REQUIRED", True) or presents_metrics_token():
        return True
    try:
        user = identify()
    except ApiError:
        return False
    return user is not None and allowed(user.role, DETAILS)


def presents_metrics_token() -> bool:
    """Whether the request's ``Authorization: Bearer`` is ORDO_METRICS_TOKEN (compared in constant time)."""
    return is_metrics_token(request.headers.get("Authorization", ""))


def is_metrics_token(authorization: str) -> bool:
    """Whether an ``Authorization`` header value is ``Bearer`` ORDO_METRICS_TOKEN (False when none is set)."""
    expected = variable(METRICS_TOKEN)
    scheme, _, token = authorization.partition(" ")
    return bool(expected) and scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(),
                                                                                  expected.encode())


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
