"""Checking a backup against its own audit chain: the chain's links and hashes entry by entry, its head, and
then every authored row against what the chain recorded (``authored``)."""
from __future__ import annotations

from engine.store.audit import GENESIS, entry_hash
from engine.store.backup.authored import CHECKS
from engine.store.backup.tables import AUTHORED

RECORDED = ("artifact.", "pack.", "group.", "hub.", "user.", "token.", "party.")
"""The actions about authored rows; only these entries are kept in memory (the chain may be long)."""


class ChainCheck:
    """Fed a backup's rows in file order (``add``), then asked for every problem found (``problems``)."""

    def __init__(self, tables: tuple[str, ...], expected_head: str | None = None):
        self.expected_head = expected_head
        self.rows: dict[str, list[dict]] = {name: [] for name in tables if name in AUTHORED}
        self.entries: list[dict] = []
        self.head: dict | None = None
        self.chain_problems: list[str] = []
        self.last_hash, self.last_id, self.count = GENESIS, 0, 0

    def add(self, name: str, row: dict) -> None:
        if name == "audit_events":
            self._entry(row)
        elif name == "audit_head":
            self.head = row
        else:
            self.rows[name].append(row)

    def _entry(self, row: dict) -> None:
        if self.chain_problems:
            return
        label = f"audit entry {row['id']} ({row['action']} {row['entity_type']}:{row['entity_id']})"
        if row["id"] <= self.last_id:
            self.chain_problems.append(f"{label}: entries must come in increasing id order")
        elif row["prev_hash"] != self.last_hash:
            self.chain_problems.append(f"{label}: its link to the previous entry does not match")
        elif row["hash"] != entry_hash(self.last_hash, row["at"], row["actor"], row["action"], row["entity_type"],
                                       row["entity_id"], row["data"]):
            self.chain_problems.append(f"{label}: its content does not match its hash")
        self.last_hash, self.last_id, self.count = row["hash"], row["id"], self.count + 1
        if row["action"].startswith(RECORDED):
            self.entries.append(row)

    def problems(self) -> list[str]:
        """Every problem: the chain's first break (and then nothing else, as the rest cannot be trusted), else
        each authored row that does not match what the chain recorded."""
        if self.chain_problems:
            return self.chain_problems
        if self.head is None:
            if self.count:
                return ["the backup has audit entries but no audit head"]
        elif self.head["last_hash"] != self.last_hash:
            return [f"the audit head does not match the last entry ({self.last_id}): entries were removed or the "
                    f"head was changed"]
        if self.expected_head is not None and self.expected_head != self.last_hash:
            return [f"the audit chain ends in {self.last_hash}, not in the expected {self.expected_head}: the "
                    f"chain was rewritten or the backup is another one"]
        return [problem for check in CHECKS for problem in check(self.entries, self.rows)]
