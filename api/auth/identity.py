"""Who is calling: the user behind a bearer token or a session cookie, as an ``Identity``."""
from __future__ import annotations

from dataclasses import dataclass

from flask import g, request

from api.auth import session_store, sessions, tokens
from api.errors import ApiError
from api.roles import CUSTOMER
from api.runtime import runtime
from engine.store.models import User


@dataclass(frozen=True)
class Identity:
    """The authenticated caller handed to handlers as ``g.user``."""

    user_id: str
    username: str
    role: str
    party_id: str | None
    via: str

    @property
    def is_customer(self) -> bool:
        return self.role == CUSTOMER


def identify() -> Identity | None:
    """The caller, or None without credentials; a bad or revoked token, or a session cookie whose server-side
    session has ended, is a 401."""
    header = request.headers.get("Authorization")
    if header is not None:
        return _from_token(header)
    session_id = sessions.current_session_id()
    if session_id is None:
        return None
    ordo = runtime()
    with ordo.reading() as session:
        user = session_store.live_user(session, session_id, ordo.clock.now())
        if user is None or not user.active:
            sessions.forget()
            raise ApiError(401, "Unauthorized", "the session has ended (logged out, expired or revoked) or its user "
                                                "is disabled: log in again")
        return _identity(user, "session")


def current_user() -> Identity | None:
    return g.get("user")


def _from_token(header: str) -> Identity:
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "Unauthorized", "send 'Authorization: Bearer <token>'")
    with runtime().reading() as session:
        user = tokens.user_for_token(session, token.strip())
        if user is None:
            raise ApiError(401, "Unauthorized", "unknown or revoked API token")
        return _identity(user, "token")


def _identity(user: User, via: str) -> Identity:
    return Identity(user.id, user.username, user.role, user.party_id, via)
