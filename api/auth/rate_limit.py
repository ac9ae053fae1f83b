"""Login rate limit: at most MAX_FAILURES failed logins per username and address within WINDOW.

Failures are rows in ``login_attempts``, so every server process sees the same count; time is the
runtime's clock.
"""
from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from engine.store.models import LoginAttempt

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)


def _key(username: str, ip: str) -> list:
    return [LoginAttempt.username == username.lower()[:120], LoginAttempt.ip == ip[:64]]


def retry_after(session: Session, username: str, ip: str, now: datetime) -> int:
    """Seconds until the next attempt is allowed; 0 when it is allowed now."""
    recent = [*_key(username, ip), LoginAttempt.at > now - WINDOW]
    count, oldest = session.execute(select(func.count(), func.min(LoginAttempt.at)).where(*recent)).one()
    if count < MAX_FAILURES:
        return 0
    return max(1, math.ceil((oldest + WINDOW - now).total_seconds()))


def record_failure(session: Session, username: str, ip: str, now: datetime) -> None:
    """Remember one failure and forget this key's failures older than the window."""
    session.execute(delete(LoginAttempt).where(*_key(username, ip), LoginAttempt.at <= now - WINDOW))
    session.add(LoginAttempt(username=username.lower()[:120], ip=ip[:64], at=now))


def clear(session: Session, username: str, ip: str) -> None:
    session.execute(delete(LoginAttempt).where(*_key(username, ip)))
