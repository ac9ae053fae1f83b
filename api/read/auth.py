"""The caller's own account as the sign-in and token screens show it: who am I, and my API tokens."""
from __future__ import annotations

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.auth.identity import Identity
from api.contract import ListQuery, Model, Page, Timestamp, sort_by
from api.roles import MATRIX
from engine.store.models import ApiToken, User

MAX_NAME = 120


class Login(Model):
    username: str = Field(min_length=1, max_length=MAX_NAME)
    password: str = Field(min_length=1)


class MeView(Model):
    username: str
    role: str
    party: str | None = Field(description="a customer's party id")
    permissions: list[str]
    csrf_token: str | None = Field(description="send as X-CSRF-Token on changes made with the session cookie; "
                                               "null for bearer tokens")


class SessionView(Model):
    signed_in: bool = Field(description="whether the caller is signed in (a session cookie or a bearer token)")
    user: MeView | None = Field(description="who the caller is, as GET /auth/me answers; null when nobody is")


class RevokedSessions(Model):
    revoked: int = Field(description="how many web sessions were ended")


class NewToken(Model):
    name: str = Field("api", min_length=1, max_length=MAX_NAME, pattern=r"\S")


class TokenView(Model):
    id: str
    name: str
    prefix: str = Field(description="the token's first characters, to recognise it")
    created_at: Timestamp
    revoked_at: Timestamp | None


class CreatedToken(TokenView):
    token: str = Field(description="the bearer token itself: shown this once, never stored")


class TokenQuery(ListQuery):
    revoked: bool | None = None
    sort: sort_by("createdAt", "name") | None = Field(None, description="default: oldest first")


TOKEN_SORTS = {"createdAt": ApiToken.created_at, "name": ApiToken.name}
TOKEN_COLUMNS = (ApiToken.id, ApiToken.name, ApiToken.prefix, ApiToken.created_at, ApiToken.revoked_at)


def me_view(user: Identity | User, csrf: str | None) -> MeView:
    return MeView(username=user.username, role=user.role, party=user.party_id,
                  permissions=sorted(MATRIX.get(user.role, ())), csrf_token=csrf)


def token_view(row: ApiToken, secret: str | None = None) -> TokenView:
    fields = {"id": row.id, "name": row.name, "prefix": row.prefix, "created_at": row.created_at,
              "revoked_at": row.revoked_at}
    return CreatedToken(**fields, token=secret) if secret else TokenView(**fields)


def token_page(session: Session, user_id: str, query: TokenQuery) -> Page[TokenView]:
    """A page of the user's tokens (never their hashes)."""
    where = [ApiToken.user_id == user_id]
    if query.revoked is not None:
        where.append(ApiToken.revoked_at.is_not(None) if query.revoked else ApiToken.revoked_at.is_(None))
    column = TOKEN_SORTS[query.sort_key or "createdAt"]
    rows = session.execute(select(*TOKEN_COLUMNS).where(*where)
                           .order_by(query.ordered(column), ApiToken.id)
                           .offset(query.offset).limit(query.limit)).all()
    total = session.scalar(select(func.count()).select_from(ApiToken).where(*where))
    return Page([TokenView(**row._mapping) for row in rows], total)
