"""Web sessions in the browser: a signed Flask cookie carrying the server-side session's id (see
``session_store``) and the CSRF token that goes with it."""
from __future__ import annotations

import secrets

from flask import current_app, request, session

from api.auth import session_store
from api.errors import ApiError
from engine.runtime.context import UnitOfWork
from engine.store.models import User

CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def start_session(uow: UnitOfWork, user: User) -> str:
    """Log ``user`` in on this browser: a new server-side session and CSRF token (returned)."""
    session_id = session_store.open_session(uow.session, user, uow.now, current_app.permanent_session_lifetime,
                                            request.remote_addr, request.user_agent.string)
    session.clear()
    session.permanent = True
    session["sid"] = session_id
    session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def end_session(uow: UnitOfWork) -> None:
    """Log this browser out: its server-side session is revoked, so a copy of the cookie is worthless too."""
    session_id = current_session_id()
    if session_id is not None:
        session_store.revoke(uow.session, session_id, uow.now)
    forget()


def forget() -> None:
    """Drop the cookie's content (the browser is told to delete it)."""
    session.clear()


def current_session_id() -> str | None:
    value = session.get("sid")
    return value if isinstance(value, str) and value else None


def csrf_token() -> str | None:
    return session.get("csrf")


def check_csrf() -> None:
    """A state-changing request authenticated by the cookie must echo the session's CSRF token."""
    if request.method in SAFE_METHODS:
        return
    sent, expected = request.headers.get(CSRF_HEADER, ""), csrf_token() or ""
    if not expected or not secrets.compare_digest(sent.encode(), expected.encode()):
        raise ApiError(403, "Forbidden", f"missing or wrong {CSRF_HEADER} header: send the csrfToken from "
                                         "GET /api/v1/auth/me (or the login answer) with every change")
