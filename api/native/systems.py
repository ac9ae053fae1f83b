"""External systems: their circuit breakers, how many tasks each holds, and marking a system down or up."""
from __future__ import annotations

from flask import Blueprint

from api.contract import endpoint
from api.permissions import actor, requires
from api.read.admin import SystemQuery, SystemView, held_count, system_detail, system_page, system_view
from api.runtime import runtime
from engine.runtime.tasks import breakers

bp = Blueprint("systems", __name__, url_prefix="/api/v1/systems")


@bp.get("")
@requires("fallout.read")
@endpoint(query=SystemQuery, response=list[SystemView], paged=True)
def list_systems(query: SystemQuery):
    """The external systems' circuit breakers and the tasks each holds."""
    with runtime().reading() as session:
        return system_page(session, query)


@bp.get("/<system>")
@requires("fallout.read")
@endpoint(response=SystemView, etag=True)
def get_system(system: str) -> SystemView:
    """One system's circuit breaker."""
    with runtime().reading() as session:
        return system_detail(session, system)


@bp.post("/<system>/down")
@requires("system.manage")
@endpoint(response=SystemView, etag=True)
def mark_down(system: str) -> SystemView:
    """Hold the system's tasks until it is marked up (no probes)."""
    with runtime().unit_of_work(actor()) as uow:
        return system_view(breakers.mark_down(uow, system), held_count(uow.session, system))


@bp.post("/<system>/up")
@requires("system.manage")
@endpoint(response=SystemView, etag=True)
def mark_up(system: str) -> SystemView:
    """Close the breaker and release every task the system holds."""
    with runtime().unit_of_work(actor()) as uow:
        return system_view(breakers.mark_up(uow, system), held_count(uow.session, system))
