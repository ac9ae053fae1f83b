"""Login rate limit: at most MAX_FAILURES attempts per username and address, and MAX_ADDRESS_FAILURES per
address whatever the username, within WINDOW (from a key's first attempt).

Each key is one ``login_limits`` row shared by every server process. An attempt is *reserved* before the
password is checked: one upsert (``INSERT … ON CONFLICT DO UPDATE … RETURNING``) raises the key's count and
returns it, so parallel attempts can never all see a count below the limit (no check-then-insert race). A
right password gives the reservation back. Time is the runtime's clock.
"""
from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import case, delete, literal, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from engine.store.models import LoginLimit

MAX_FAILURES = 5
MAX_ADDRESS_FAILURES = 50
WINDOW = timedelta(minutes=15)
USER, ADDRESS = "user", "address"


def _keys(username: str, ip: str) -> tuple[tuple[str, str, str, int], ...]:
    ip = ip[:64]
    return (USER, username.lower()[:120], ip, MAX_FAILURES), (ADDRESS, "", ip, MAX_ADDRESS_FAILURES)


def reserve(session: Session, username: str, ip: str, now: datetime) -> int:
    """Count one attempt against both limits; the seconds until the next attempt is allowed when one of them
    is spent (the password must then not be checked), 0 when this attempt may go on."""
    waits = [0]
    for kind, name, address, limit in _keys(username, ip):
        attempts, started = _count(session, kind, name, address, now)
        if attempts > limit:
            waits.append(max(1, math.ceil((started + WINDOW - now).total_seconds())))
    return max(waits)


def succeeded(session: Session, username: str, ip: str) -> None:
    """A right password: forget the username's attempts at this address, give the address its attempt back."""
    name, address = username.lower()[:120], ip[:64]
    session.execute(delete(LoginLimit).where(LoginLimit.kind == USER, LoginLimit.username == name,
                                             LoginLimit.ip == address))
    session.execute(update(LoginLimit).where(LoginLimit.kind == ADDRESS, LoginLimit.username == "",
                                             LoginLimit.ip == address, LoginLimit.attempts > 0)
                    .values(attempts=LoginLimit.attempts - 1))


def _count(session: Session, kind: str, username: str, ip: str, now: datetime) -> tuple[int, datetime]:
    """Raise the key's count in one atomic statement (a new window when the last one is over); its new count
    and the start of its window."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stale = LoginLimit.window_start <= now - WINDOW
    statement = dialect.insert(LoginLimit).values(kind=kind, username=username, ip=ip, attempts=1,
                                                  window_start=now)
    statement = statement.on_conflict_do_update(
        index_elements=[LoginLimit.kind, LoginLimit.username, LoginLimit.ip],
        set_={"attempts": case((stale, 1), else_=LoginLimit.attempts + 1),
              "window_start": case((stale, literal(now, LoginLimit.window_start.type)),
                                   else_=LoginLimit.window_start)})
    return session.execute(statement.returning(LoginLimit.attempts, LoginLimit.window_start)).one()
