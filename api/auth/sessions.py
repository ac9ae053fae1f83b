"""Web sessions: a signed Flask session cookie naming the user, and the CSRF token that goes with it."""
from __future__ import annotations

import secrets

from flask import request, session

from api.errors import ApiError
from engine.store.models import User

CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def start_session(user: User) -> str:
    """Log ``user`` in on this browser: a fresh session and CSRF token (returned)."""
    session.clear()
    session.permanent = True
    session["uid"] = user.id
    session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def end_session() -> None:
    session.clear()


def session_user_id() -> str | None:
    return session.get("uid")


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
