"""Jeopardy jobs: the scan every minute, and acting on one order's changes."""
from __future__ import annotations

from datetime import timedelta

from engine.runtime import jeopardy_scan
from engine.runtime.context import UnitOfWork
from engine.runtime.periodic import periodic
from engine.runtime.registry import job_handler

SCAN = "jeopardy.scan"


@periodic(SCAN, every=timedelta(minutes=1))
def scan(uow: UnitOfWork) -> None:
    """Queue ``jeopardy.apply`` for the orders in progress whose jeopardy changed."""
    jeopardy_scan.scan(uow)


@job_handler(jeopardy_scan.APPLY)
def apply(uow: UnitOfWork, payload: dict) -> None:
    jeopardy_scan.apply(uow, payload["orderId"])
