"""Restoring a backup into an empty database, in one transaction: rows with their ids and timestamps (so the
audit chain stays the same), checked against the chain before anything is committed."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Integer, insert, select, text, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from engine.store.audit import GENESIS, verify
from engine.store.backup import BackupError
from engine.store.backup.fileformat import read_backup
from engine.store.backup.tables import TABLES, table
from engine.store.backup.verify import ChainCheck
from engine.store.models import AuditHead

if TYPE_CHECKING:
    from engine.runtime.context import UnitOfWork


@dataclass(frozen=True)
class Restored:
    rows: dict[str, int]
    credentials: bool
    last_hash: str


def check_backup(path: Path, head: str | None = None) -> tuple[dict[str, int], list[str]]:
    """Read the whole file and check it against its audit chain (and the chain's last hash against ``head``
    when given), without a database: (rows per table, problems). A file that cannot be read raises
    BackupError."""
    header, rows = read_backup(path)
    check, counts = ChainCheck(header.tables, head), dict.fromkeys(header.tables, 0)
    for name, row, _where in rows:
        check.add(name, row)
        counts[name] += 1
    return counts, check.problems()


def restore_backup(uow: UnitOfWork, path: Path, *, head: str | None = None, batch: int = 1000) -> Restored:
    """Write the backup at ``path`` into the (empty) database of ``uow``; BackupError when the database is not
    empty, the file cannot be read or it does not match its audit chain. The caller's transaction is left to
    roll back on any error, so nothing is written then. ``head``: the chain's last hash as noted at export
    (refused when it differs). The restore itself is audited (``backup.restored``)."""
    session = uow.session
    head_row = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one_or_none()
    _check_empty(session, head_row)
    _refuse(path, check_backup(path, head)[1])  # first without writing: a mismatch is named, not a foreign key
    header, rows = read_backup(path)
    check, counts, pending = ChainCheck(header.tables, head), dict.fromkeys(header.tables, 0), []
    current = None
    for name, row, _where in rows:
        if name != current or len(pending) >= batch:
            _insert(session, current, pending)
            current, pending = name, []
        check.add(name, row)
        counts[name] += 1
        if name != "audit_head":
            pending.append(row)
    _insert(session, current, pending)
    _refuse(path, check.problems())  # the file as it was written in, should it have changed since
    last_hash = check.head["last_hash"] if check.head else GENESIS
    values = {"last_hash": last_hash, "last_event_id": check.head["last_event_id"] if check.head else None}
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(**values) if head_row is not None
                    else insert(AuditHead).values(id=1, **values))
    broken = verify(session)
    if broken:
        raise BackupError(f"{path}: the restored audit chain does not verify at entry {broken.event_id} "
                          f"({broken.reason}); nothing restored")
    _reset_sequences(session)
    uow.audit("backup.restored", "backup", _digest(path), {"rows": counts, "lastHash": last_hash,
                                                             "exportedAt": header.exported_at})
    return Restored(counts, header.credentials, last_hash)


def _refuse(path: Path, problems: list[str]) -> None:
    if problems:
        raise BackupError(f"{path}: the backup does not match its audit chain ({len(problems)} problem(s)); "
                          f"nothing restored", errors=[{"message": problem} for problem in problems])


def _check_empty(session: Session, head: AuditHead | None) -> None:
    holding = [name for name in TABLES if name != "audit_head"
               and session.execute(select(table(name)).limit(1)).first() is not None]
    if head is not None and head.last_hash != GENESIS:
        holding.append("audit_head")
    if holding:
        raise BackupError(f"the database is not empty (it holds {', '.join(holding)}): a backup is restored only "
                          f"into a new, empty database (`ordo db upgrade` on a new one); nothing restored")


def _insert(session: Session, name: str | None, rows: list[dict]) -> None:
    if name is None or not rows:
        return
    try:
        session.execute(insert(table(name)), rows)
    except (IntegrityError, DataError) as error:
        first = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise BackupError(f"rows of {name} do not fit the database ({first}); nothing restored") from error


def _reset_sequences(session: Session) -> None:
    """PostgreSQL: move each integer id's sequence past the restored ids (SQLite's AUTOINCREMENT follows
    explicit ids by itself)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for name in TABLES:
        for column in table(name).primary_key.columns:
            if isinstance(column.type, Integer) and column.autoincrement is True:
                session.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', '{column.name}'), "
                                     f"coalesce(max({column.name}), 1), max({column.name}) IS NOT NULL) "
                                     f"FROM {name}"))


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()
