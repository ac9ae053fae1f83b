"""The tables a backup holds, in the order they are written and restored (parents first), and their rows as
JSON: datetimes as ISO 8601 text, JSON columns as they are, every other value as its JSON scalar."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Integer, String, Table

from engine.store.backup import BackupError
from engine.store.models import Base
from engine.store.types import UTCDateTime

AUTHORED = ("parties", "users", "api_tokens", "artifacts", "artifact_versions", "rule_packs", "rule_pack_pins",
            "pack_activations", "assignment_groups", "group_members", "event_listeners")
CHAIN = ("audit_events", "audit_head")
TABLES = AUTHORED + CHAIN
CREDENTIAL_TABLES = ("api_tokens",)
"""Left out unless credentials are asked for (like ``users.password_hash``, written as null)."""
CREDENTIAL_COLUMNS = {"users": ("password_hash",)}


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def included(with_credentials: bool) -> tuple[str, ...]:
    """The tables a backup with (or without) credentials holds, in order."""
    return tuple(name for name in TABLES if with_credentials or name not in CREDENTIAL_TABLES)


def to_json(name: str, row: dict, with_credentials: bool) -> dict:
    """A database row as the backup writes it."""
    hidden = () if with_credentials else CREDENTIAL_COLUMNS.get(name, ())
    return {key: None if key in hidden else value.isoformat() if isinstance(value, datetime) else value
            for key, value in row.items()}


def from_json(name: str, row: object, where: str) -> dict:
    """A row of the backup as the database takes it; BackupError names the column that does not fit."""
    if not isinstance(row, dict):
        raise BackupError(f"{where}: a row must be a JSON object")
    columns = table(name).columns
    unknown = sorted(set(row) - set(columns.keys()))
    if unknown:
        raise BackupError(f"{where}: {name} has no column {', '.join(unknown)}")
    return {column.name: _value(column, row.get(column.name), f"{where}: {name}.{column.name}")
            for column in columns}


def _value(column, value, where: str):
    if value is None:
        if not column.nullable:
            raise BackupError(f"{where} is missing")
        return None
    kind = column.type
    if isinstance(kind, UTCDateTime):
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise BackupError(f"{where}: expected an ISO 8601 time with its offset, not {value!r}")
        return moment
    if isinstance(kind, JSON) or isinstance(getattr(kind, "impl", None), JSON):
        return value
    if isinstance(kind, Boolean):
        expected = bool
    elif isinstance(kind, Integer):
        expected = int
    elif isinstance(kind, String):
        expected = str
    else:
        return value
    if type(value) is not expected:
        raise BackupError(f"{where}: expected {expected.__name__}, not {type(value).__name__}")
    if expected is str and kind.length is not None and len(value) > kind.length:
        raise BackupError(f"{where}: longer than {kind.length} characters")
    return value
