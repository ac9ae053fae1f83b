"""External systems: their circuit breakers, how many tasks each holds, and marking a system down or up."""
from __future__ import annotations

from flask import Blueprint

from api.permissions import actor, requires
from api.runtime import runtime
from engine.runtime.tasks import breakers

bp = Blueprint("systems", __name__, url_prefix="/api/v1/systems")


@bp.get("")
@requires("fallout.read")
def list_systems():
    with runtime().reading() as session:
        return {"systems": breakers.overview(session)}


@bp.post("/<system>/down")
@requires("system.manage")
def mark_down(system: str):
    with runtime().unit_of_work(actor()) as uow:
        row = breakers.mark_down(uow, system)
        return breakers.serialize(row, len(breakers.held_tasks(uow.session, system)))


@bp.post("/<system>/up")
@requires("system.manage")
def mark_up(system: str):
    """Close the breaker and release every task the system holds."""
    with runtime().unit_of_work(actor()) as uow:
        row = breakers.mark_up(uow, system)
        return breakers.serialize(row, len(breakers.held_tasks(uow.session, system)))
