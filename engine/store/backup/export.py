"""Writing a backup: every authored row and the whole audit chain, read in one snapshot of the database."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from engine.clock import iso
from engine.store.audit import GENESIS, verify
from engine.store.backup import FORMAT, VERSION, BackupError
from engine.store.backup.fileformat import encode, writing
from engine.store.backup.tables import included, table, to_json
from engine.store.db import READ_ONLY
from engine.store.models import AuditHead


@contextmanager
def snapshot(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """A read-only transaction that sees one moment of the database (PostgreSQL: REPEATABLE READ; SQLite: its
    read transaction), so rows and audit entries written meanwhile are all in the backup or all out of it."""
    with session_factory() as session, session.begin():
        options = {READ_ONLY: True}
        if session.get_bind().dialect.name == "postgresql":
            options["isolation_level"] = "REPEATABLE READ"
        session.connection(execution_options=options)
        yield session


def export_backup(session: Session, path: Path, *, now: datetime, with_credentials: bool = False,
                  batch: int = 2000) -> tuple[dict[str, int], str]:
    """Write the backup of ``session``'s database to ``path``; returns the rows written per table and the audit
    chain's last hash (to note elsewhere: ``--head`` of a restore then proves the chain was not rewritten).

    The audit chain is verified first (in the same snapshot): a broken chain is refused, since a restore of
    it would be refused too."""
    broken = verify(session)
    if broken:
        raise BackupError(f"the audit chain is broken at entry {broken.event_id} ({broken.reason}): "
                          f"nothing exported")
    names = included(with_credentials)
    counts = dict.fromkeys(names, 0)
    with writing(path) as out:
        out.write(encode({"format": FORMAT, "version": VERSION, "exportedAt": iso(now),
                          "credentials": with_credentials,
                          "schema": sorted(current_revisions_of(session)), "tables": list(names)}))
        for name in names:
            for row in _rows(session, name, batch):
                out.write(encode({"table": name, "row": to_json(name, row, with_credentials)}))
                counts[name] += 1
        out.write(encode({"end": {"rows": counts}}))
    head = session.execute(select(AuditHead.last_hash).where(AuditHead.id == 1)).scalar_one_or_none()
    return counts, head or GENESIS


def current_revisions_of(session: Session) -> list[str]:
    """The schema's Alembic revision(s), for the reader's information."""
    return list(session.execute(text("SELECT version_num FROM alembic_version")).scalars())


def _rows(session: Session, name: str, batch: int) -> Iterator[dict]:
    chosen = table(name)
    result = session.execute(select(chosen).order_by(*chosen.primary_key.columns)
                             .execution_options(yield_per=batch))
    for row in result.mappings():
        yield dict(row)
