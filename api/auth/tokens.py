"""Bearer API tokens: created with a random secret shown once, stored as its SHA-256, revoked by id."""
from __future__ import annotations

import hashlib
import secrets
import uuid

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from engine.errors import Invalid, NotFound
from engine.runtime.context import UnitOfWork
from engine.store.models import ApiToken, User

PREFIX = "ordo_"
MAX_NAME = 120
# built once: a statement used as is skips rebuilding its SQLAlchemy construct and cache key on every request
_USER_OF_TOKEN = select(User).join(ApiToken, ApiToken.user_id == User.id).where(
    ApiToken.token_hash == bindparam("token_hash"), ApiToken.revoked_at.is_(None), User.active.is_(True))


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(uow: UnitOfWork, user: User, name: str = "api") -> tuple[ApiToken, str]:
    """A new token for ``user``: the row (with the hash) and the token itself, which is not kept."""
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
        raise Invalid(f"a token name is 1-{MAX_NAME} characters")
    secret = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(id=str(uuid.uuid4()), user_id=user.id, name=name.strip(), token_hash=digest(secret),
                   prefix=secret[:len(PREFIX) + 6], created_at=uow.now, revoked_at=None)
    uow.session.add(row)
    uow.session.flush()
    uow.audit("token.created", "user", user.username, {"token": row.id, "name": row.name})
    return row, secret


def list_tokens(session: Session, user: User) -> list[ApiToken]:
    return list(session.execute(select(ApiToken).where(ApiToken.user_id == user.id)
                                .order_by(ApiToken.created_at, ApiToken.id)).scalars())


def revoke_token(uow: UnitOfWork, user: User, token_id: str) -> ApiToken:
    """Revoke one of ``user``'s tokens (another user's token is not found); revoking twice is harmless."""
    row = uow.session.get(ApiToken, token_id)
    if row is None or row.user_id != user.id:
        raise NotFound(f"no token with id {token_id}")
    if row.revoked_at is None:
        row.revoked_at = uow.now
        uow.audit("token.revoked", "user", user.username, {"token": row.id})
    return row


def user_for_token(session: Session, token: str) -> User | None:
    """The active user a live token belongs to, or None (one statement: the token joined to its user)."""
    return session.execute(_USER_OF_TOKEN, {"token_hash": digest(token)}).scalar_one_or_none()
