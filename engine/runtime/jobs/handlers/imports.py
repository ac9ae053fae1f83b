"""Bulk imports: each ``import.run`` job takes the next chunk of an import's file."""
from __future__ import annotations

from engine.runtime.context import UnitOfWork
from engine.runtime.imports.service import RUN, run_chunk
from engine.runtime.jobs.registry import job_handler


@job_handler(RUN)
def run_import_chunk(uow: UnitOfWork, payload: dict) -> None:
    run_chunk(uow, payload["importId"])
