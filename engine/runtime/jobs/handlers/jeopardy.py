"""Jeopardy jobs: the scan every minute, and acting on one order's changes."""
from __future__ import annotations

from engine.runtime.context import UnitOfWork
from engine.runtime.jeopardy import scan as jeopardy_scan
from engine.runtime.jobs.periodic import JEOPARDY_SCAN, periodic
from engine.runtime.jobs.registry import job_handler


@periodic(JEOPARDY_SCAN)
def scan(uow: UnitOfWork) -> None:
    """Queue ``jeopardy.apply`` for the orders in progress whose jeopardy changed."""
    jeopardy_scan.scan(uow)


@job_handler(jeopardy_scan.APPLY)
def apply(uow: UnitOfWork, payload: dict) -> None:
    jeopardy_scan.apply(uow, payload["orderId"])
