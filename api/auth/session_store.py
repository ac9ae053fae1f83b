"""Server-side web sessions (no Flask; the CLI uses this too): opened at login, found on every request with
one indexed lookup, and revoked by logout, a new password or role, and "sign out everywhere".

The browser's cookie holds a random session id; only its SHA-256 is stored (the row's id).
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from engine.store.models import User, WebSession

KEEP_ENDED = timedelta(days=1)  # ended sessions of a user are deleted this long after their end, at its next login


def digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def open_session(session: Session, user: User, now: datetime, lifetime: timedelta, address: str | None = None,
                 user_agent: str | None = None) -> str:
    """A new live session of ``user`` until ``now + lifetime``; returns its id (for the cookie, not stored)."""
    session.execute(delete(WebSession).where(WebSession.user_id == user.id,
                                             WebSession.expires_at < now - KEEP_ENDED))
    session_id = secrets.token_urlsafe(32)
    session.add(WebSession(id=digest(session_id), user_id=user.id, created_at=now, expires_at=now + lifetime,
                           revoked_at=None, address=(address or "")[:64] or None,
                           user_agent=(user_agent or "")[:200] or None))
    return session_id


def live_user(session: Session, session_id: str, now: datetime) -> User | None:
    """The user of a session that is neither revoked nor expired, or None."""
    return session.execute(select(User).join(WebSession, WebSession.user_id == User.id)
                           .where(WebSession.id == digest(session_id), WebSession.revoked_at.is_(None),
                                  WebSession.expires_at > now)).scalar_one_or_none()


def revoke(session: Session, session_id: str, now: datetime) -> None:
    """End one session (ending it twice is harmless)."""
    session.execute(update(WebSession).where(WebSession.id == digest(session_id), WebSession.revoked_at.is_(None))
                    .values(revoked_at=now))


def revoke_all(session: Session, user_id: str, now: datetime) -> int:
    """Revoke every session of the user not revoked yet; how many there were."""
    result = session.execute(update(WebSession).where(WebSession.user_id == user_id,
                                                      WebSession.revoked_at.is_(None)).values(revoked_at=now))
    return result.rowcount
