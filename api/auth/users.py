"""Users and their parties: create, find, list (no Flask; the CLI uses this too)."""
from __future__ import annotations

import re
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.passwords import hash_password
from api.auth.session_store import revoke_all
from api.roles import CUSTOMER, ROLES
from engine.errors import Conflict, Invalid
from engine.runtime.context import UnitOfWork
from engine.store.models import Party, User

USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,119}$")


def find_user(session: Session, username: str) -> User | None:
    return session.execute(select(User).where(User.username == username)).scalar_one_or_none()


def list_users(session: Session) -> list[User]:
    return list(session.execute(select(User).order_by(User.username)).scalars())


def create_user(uow: UnitOfWork, username: str, role: str, party_id: str | None = None,
                password: str | None = None, party_name: str | None = None) -> User:
    """Add a user; a customer needs a party (created when new), other roles have none."""
    _check(username, role, party_id)
    if find_user(uow.session, username) is not None:
        raise Conflict(f"user {username!r} already exists")
    if party_id:
        ensure_party(uow, party_id, party_name)
    user = User(id=str(uuid.uuid4()), username=username, role=role, party_id=party_id, active=True,
                password_hash=hash_password(password) if password is not None else None, created_at=uow.now)
    uow.session.add(user)
    uow.session.flush()
    uow.audit("user.created", "user", username, {"role": role, "party": party_id})
    return user


def set_password(uow: UnitOfWork, user: User, password: str) -> None:
    """Give ``user`` a new password and end all their web sessions (audited; the password is not recorded)."""
    user.password_hash = hash_password(password)
    uow.session.flush()
    revoked = revoke_all(uow.session, user.id, uow.now)
    uow.audit("user.passwordSet", "user", user.username, {"sessionsEnded": revoked})


def set_role(uow: UnitOfWork, user: User, role: str) -> None:
    """Give ``user`` another role (a customer's needs its party, staff have none) and end all their web
    sessions, so no browser goes on with what the old role allowed."""
    _check(user.username, role, user.party_id)
    previous, user.role = user.role, role
    uow.session.flush()
    revoked = revoke_all(uow.session, user.id, uow.now)
    uow.audit("user.roleSet", "user", user.username, {"from": previous, "to": role, "sessionsEnded": revoked})


def ensure_party(uow: UnitOfWork, party_id: str, name: str | None = None) -> Party:
    party = uow.session.get(Party, party_id)
    if party is None:
        party = Party(id=party_id, name=name or party_id, kind=CUSTOMER, created_at=uow.now)
        uow.session.add(party)
        uow.session.flush()
        uow.audit("party.created", "party", party_id, {"name": party.name})
    return party


def _check(username: str, role: str, party_id: str | None) -> None:
    if not isinstance(username, str) or not USERNAME.match(username):
        raise Invalid("a username is 1-120 letters, digits, '.', '_', '@' or '-', starting with a letter or digit")
    if role not in ROLES:
        raise Invalid(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    if role == CUSTOMER and not party_id:
        raise Invalid("a customer needs a party (--party PARTY_ID)")
    if role != CUSTOMER and party_id:
        raise Invalid(f"only customers belong to a party, not a {role}")
