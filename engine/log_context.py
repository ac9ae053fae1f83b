"""What a log line is about: the request, order, job and actor in hand, kept per thread (or task) in contextvars.

The API binds the request id and the actor, the worker the job and its order; every log record takes the
fields bound when it is made (``record.ordo_context``), and a JSON log formatter (``api.logs``) writes them.
"""
from __future__ import annotations

import contextvars
import logging
from collections.abc import Iterator
from contextlib import contextmanager

_fields: contextvars.ContextVar[dict | None] = contextvars.ContextVar("ordo_log_fields", default=None)


def current() -> dict:
    """The fields bound in this context (request_id, order_id, job_id, actor …), without None values."""
    return _fields.get() or {}


def bind(**fields) -> contextvars.Token:
    """Add fields to this context until ``unbind`` with the token returned."""
    return _fields.set({**current(), **{key: value for key, value in fields.items() if value is not None}})


def unbind(token: contextvars.Token) -> None:
    _fields.reset(token)


@contextmanager
def bound(**fields) -> Iterator[None]:
    """Bind fields for the duration of a ``with`` block."""
    token = bind(**fields)
    try:
        yield
    finally:
        unbind(token)


def _with_context(factory):
    def make(*args, **kwargs) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        record.ordo_context = current()
        return record
    return make


logging.setLogRecordFactory(_with_context(logging.getLogRecordFactory()))
