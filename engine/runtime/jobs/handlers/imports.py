"""Bulk imports: each ``import.run`` job takes the next chunk of an import's file."""
from __future__ import annotations

from engine.runtime.context import UnitOfWork
from engine.runtime.imports.service import RUN, fail_import, run_chunk
from engine.runtime.jobs.registry import job_handler, when_given_up


@job_handler(RUN)
def run_import_chunk(uow: UnitOfWork, payload: dict) -> None:
    run_chunk(uow, payload["importId"])


@when_given_up(RUN)
def import_chunk_given_up(uow: UnitOfWork, payload: dict, error: str) -> None:
    fail_import(uow, payload["importId"], f"a chunk failed on every attempt: {error}")
