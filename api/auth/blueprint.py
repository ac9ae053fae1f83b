"""The /api/v1/auth API: login, logout, me, and the caller's own API tokens; plus the app's auth settings."""
from __future__ import annotations

import secrets
from datetime import timedelta

from flask import Blueprint, Flask, request

from api.auth import rate_limit, session_store, sessions, tokens
from api.auth.identity import Identity, current_user, identify
from api.auth.passwords import hash_password, needs_rehash, verify_password
from api.auth.users import find_user
from api.contract import endpoint
from api.errors import ApiError, error_response
from api.permissions import actor, requires
from api.read.auth import (
    CreatedToken,
    Login,
    MeView,
    NewToken,
    RevokedSessions,
    SessionView,
    TokenQuery,
    TokenView,
    me_view,
    token_page,
    token_view,
)
from api.runtime import runtime
from engine.errors import NotFound
from engine.store.models import User

bp = Blueprint("auth", __name__, url_prefix="/api/v1/auth")
DEFAULTS = {"AUTH_REQUIRED": True, "FOUR_EYES_PUBLISH": False, "SESSION_COOKIE_NAME": "ordo_session",
            "SESSION_COOKIE_HTTPONLY": True, "SESSION_COOKIE_SAMESITE": "Lax",
            "PERMANENT_SESSION_LIFETIME": timedelta(hours=12)}


class MissingSecretKey(RuntimeError):
    """The app was asked to start outside tests without ORDO_SECRET_KEY."""


def init_app(app: Flask) -> None:
    """Auth settings (explicit configuration wins), the blueprint, and WWW-Authenticate on every 401.

    Outside tests (``TESTING``) the secret key must be configured (ORDO_SECRET_KEY): MissingSecretKey otherwise.
    """
    for key, value in DEFAULTS.items():
        if key not in app.config or app.config[key] == Flask.default_config.get(key):
            app.config[key] = value
    if not app.config.get("SECRET_KEY"):
        if not app.testing:
            raise MissingSecretKey(
                "ORDO_SECRET_KEY is not set: it signs the session cookies, so a server may not start without it. "
                "Set it to a long random value shared by every server process, e.g. "
                "export ORDO_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))'); "
                "for a local demo, `ordo serve --dev` (make run) generates a throwaway one.")
        app.config["SECRET_KEY"] = secrets.token_hex(32)
    app.register_blueprint(bp)

    @app.after_request
    def challenge(response):
        if response.status_code == 401:
            response.headers.setdefault("WWW-Authenticate", 'Bearer realm="ordo"')
        return response


def signed_in() -> Identity:
    user = current_user()
    if user is None:
        raise ApiError(401, "Unauthorized", "log in (POST /api/v1/auth/login) or send 'Authorization: Bearer "
                                            "<token>'")
    return user


@bp.post("/login")
@requires("auth.login")
@endpoint(body=Login, response=MeView)
def login(body: Login):
    """Start a session (a cookie) with username and password; too many attempts are refused (429).

    The limits are per username and address and per address; a refused attempt's password is not checked."""
    ip, ordo = request.remote_addr or "unknown", runtime()
    with ordo.unit_of_work(body.username) as uow:
        wait = rate_limit.reserve(uow.session, body.username, ip, uow.now)
    if wait:
        response = error_response(429, "Too Many Requests", f"too many failed logins for {body.username!r} or from "
                                  f"this address: try again in {wait} seconds")
        response.headers["Retry-After"] = str(wait)
        return response
    return _check_password(body.username, body.password, ip)


def _check_password(username: str, password: str, ip: str) -> MeView:
    """Verify the password outside any write transaction; an unknown user's costs the same (a dummy hash)."""
    ordo = runtime()
    with ordo.reading() as session:
        found = find_user(session, username)
    right = verify_password(found.password_hash if found is not None else None, password)
    if not right or found is None or not found.active:
        raise ApiError(401, "Unauthorized", "wrong username or password")
    with ordo.unit_of_work(username) as uow:
        user = uow.session.get(User, found.id)
        rate_limit.succeeded(uow.session, username, ip)
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        return me_view(user, sessions.start_session(uow, user))


@bp.post("/logout")
@requires("auth.self")
@endpoint()
def logout() -> None:
    """End the session: it is revoked on the server, so the cookie no longer works anywhere."""
    with runtime().unit_of_work(actor()) as uow:
        sessions.end_session(uow)


@bp.delete("/sessions")
@requires("auth.self")
@endpoint(response=RevokedSessions)
def sign_out_everywhere() -> RevokedSessions:
    """End every web session of the caller, this one included (API tokens stay valid: revoke them apart)."""
    user = signed_in()
    with runtime().unit_of_work(actor()) as uow:
        revoked = _revoke_all(uow, user.user_id, user.username)
    sessions.forget()
    return RevokedSessions(revoked=revoked)


@bp.delete("/users/<username>/sessions")
@requires("user.signOut")
@endpoint(response=RevokedSessions)
def sign_user_out_everywhere(username: str) -> RevokedSessions:
    """An administrator ends every web session of a user (e.g. a lost laptop)."""
    with runtime().unit_of_work(actor()) as uow:
        user = find_user(uow.session, username)
        if user is None:
            raise NotFound(f"no user {username!r}")
        return RevokedSessions(revoked=_revoke_all(uow, user.id, user.username))


def _revoke_all(uow, user_id: str, username: str) -> int:
    revoked = session_store.revoke_all(uow.session, user_id, uow.now)
    uow.audit("user.signedOut", "user", username, {"sessions": revoked})
    return revoked


@bp.get("/me")
@requires("auth.self")
@endpoint(response=MeView, etag=True)
def me() -> MeView:
    """Who the caller is, its permissions, and (for a session) the CSRF token."""
    user = signed_in()
    return me_view(user, sessions.csrf_token() if user.via == "session" else None)


@bp.get("/session")
@requires("auth.login")
@endpoint(response=SessionView)
def session_state() -> SessionView:
    """Whether anyone is signed in, and who: the web app's first question, answered 200 either way (so a
    signed-out browser shows the sign-in page without a failed request)."""
    try:
        user = identify()
    except ApiError:
        user = None
    if user is None:
        return SessionView(signed_in=False, user=None)
    return SessionView(signed_in=True, user=me_view(user, sessions.csrf_token() if user.via == "session" else None))


@bp.get("/tokens")
@requires("auth.self")
@endpoint(query=TokenQuery, response=list[TokenView], paged=True)
def list_tokens(query: TokenQuery):
    """The caller's API tokens (live and revoked), oldest first."""
    with runtime().reading() as session:
        return token_page(session, signed_in().user_id, query)


@bp.post("/tokens")
@requires("auth.self")
@endpoint(body=NewToken, response=CreatedToken, status=201)
def create_token(body: NewToken) -> CreatedToken:
    """A new API token for the caller; the token itself is in this answer only."""
    with runtime().unit_of_work(actor()) as uow:
        row, secret = tokens.create_token(uow, uow.session.get(User, signed_in().user_id), body.name)
        return token_view(row, secret)


@bp.delete("/tokens/<token_id>")
@requires("auth.self")
@endpoint()
def revoke_token(token_id: str) -> None:
    """Revoke one of the caller's tokens (revoking twice is harmless)."""
    with runtime().unit_of_work(actor()) as uow:
        tokens.revoke_token(uow, uow.session.get(User, signed_in().user_id), token_id)
