"""Backup and restore of everything authored (artifacts, rule packs, listeners, groups, users) with the whole
audit chain, in one JSON Lines file that a restore checks against the chain (``verify``)."""
from __future__ import annotations

from engine.errors import Invalid


class BackupError(Invalid):
    """A backup file that cannot be read or restored: ``errors`` lists every problem found."""


FORMAT, VERSION = "ordo-backup", 1
